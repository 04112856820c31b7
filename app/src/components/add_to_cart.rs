//! The Add button of a product, with how many are in the cart and why an add was refused.
//! Shared by the catalog's cards and the product page.

use crate::cart::Cart;
use crate::catalog::VariantId;
use crate::telegram::{Haptic, Telegram};
use leptos::prelude::*;

/// Adds one unit per tap (haptic tap, or error haptic and a message when refused).
/// `text` is the button's caption while the product is in stock.
#[component]
pub fn AddToCart(id: VariantId, stock: i64, name: String, text: &'static str) -> impl IntoView {
    let (cart, telegram) = (Cart::expect(), Telegram::expect());
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
    let label = format!("Add {name} to cart");
    view! {
        <button class="button" aria-label=label on:click=add disabled=stock <= 0>
            {if stock > 0 { text } else { "Sold out" }}
        </button>
        <p class="product-card__in-cart" hidden=move || in_cart() == 0>
            {move || format!("{} in cart", in_cart())}
        </p>
        <p class="product-card__problem" role="alert" hidden=move || problem.get().is_none()>
            {move || problem.get().unwrap_or_default()}
        </p>
    }
}
