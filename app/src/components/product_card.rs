//! A product in the catalog grid: photo, name, price and an Add button.

use super::AddToCart;
use crate::catalog::ProductView;
use leptos::prelude::*;

/// One product card. "Add" puts a unit into the cart without leaving the page; a product with
/// variants shows "Choose" instead, which opens its page to pick one.
#[component]
pub fn ProductCard(product: ProductView) -> impl IntoView {
    let id = product.id;
    let add = match product.only_variant() {
        Some(only) => view! { <AddToCart id=only.id stock=only.stock name=product.name.clone() text="Add"/> }.into_any(),
        None => view! {
            <a class="button" href=format!("/shop/products/{}", id.0) aria-label=format!("Choose {}", product.name)>
                {if product.stock > 0 { "Choose" } else { "Sold out" }}
            </a>
        }
        .into_any(),
    };
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
                <p class="product-card__price">
                    {product.price_varies.then_some("from ")}{product.price_label.clone()}
                </p>
                {add}
            </div>
        </article>
    }
}
