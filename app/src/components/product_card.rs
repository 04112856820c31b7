//! A product in the catalog grid: photo, name, price and an Add button.

use crate::cart::Cart;
use crate::catalog::ProductView;
use crate::telegram::{Haptic, Telegram};
use leptos::prelude::*;

/// One product card. "Add" puts a unit into the cart without leaving the page.
#[component]
pub fn ProductCard(product: ProductView) -> impl IntoView {
    let cart = Cart::expect();
    let telegram = Telegram::expect();
    let (id, stock) = (product.id, product.stock);
    let problem = RwSignal::new(None::<String>);
    let add = move |_| {
        let outcome = cart.add(id, stock);
        telegram.haptic(if outcome.is_ok() {
            Haptic::Tap
        } else {
            Haptic::Error
        });
        problem.set(outcome.err().map(|e| e.to_string()));
    };
    let in_cart = move || cart.quantity(id);
    let label = format!("Add {} to cart", product.name);

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
                    <a href=format!("/shop/products/{}", id.0)>{product.name}</a>
                </h3>
                <p class="product-card__price">{product.price_label}</p>
                <button class="button" aria-label=label on:click=add disabled=stock <= 0>
                    {if stock > 0 { "Add" } else { "Sold out" }}
                </button>
                <p class="product-card__in-cart" hidden=move || in_cart() == 0>
                    {move || format!("{} in cart", in_cart())}
                </p>
                <p class="product-card__problem" role="alert" hidden=move || problem.get().is_none()>
                    {move || problem.get().unwrap_or_default()}
                </p>
            </div>
        </article>
    }
}
