//! A product in the catalog grid: photo, name, price and an Add button.

use super::AddToCart;
use crate::catalog::ProductView;
use leptos::prelude::*;

/// One product card. "Add" puts a unit into the cart without leaving the page.
#[component]
pub fn ProductCard(product: ProductView) -> impl IntoView {
    let id = product.id;
    view! {
        <article class="product-card" data-testid="product-card" data-slug=product.slug.clone()>
            <img
                class="product-card__photo"
                src=product.photo.url
                width=product.photo.width
                height=product.photo.height
                alt=product.photo.alt
                loading="lazy"
                decoding="async"
            />
            <div class="product-card__body">
                <h3 class="product-card__name">
                    <a href=format!("/shop/products/{}", id.0)>{product.name.clone()}</a>
                </h3>
                <p class="product-card__price">{product.price_label}</p>
                <AddToCart id stock=product.stock name=product.name text="Add"/>
            </div>
        </article>
    }
}
