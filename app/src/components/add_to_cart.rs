//! The Add button of a product, with how many are in the cart and why an add was refused.
//! Shared by the catalog's cards and the product page.

use crate::cart::Cart;
use crate::catalog::VariantId;
use crate::i18n::{td_string, Locale};
use crate::language::use_lang;
use crate::telegram::{Haptic, Telegram};
use leptos::prelude::*;

/// Adds one unit per tap (haptic tap, or error haptic and a message when refused).
/// `text` gives the button's caption (in a locale) while the product is in stock.
#[component]
pub fn AddToCart(id: VariantId, stock: i64, name: String, text: fn(Locale) -> &'static str) -> impl IntoView {
    let (cart, telegram, locale) = (Cart::expect(), Telegram::expect(), use_lang().now());
    let problem = RwSignal::new(None::<crate::cart::CartError>);
    let add = move |_| {
        let outcome = cart.add(id, stock);
        telegram.haptic(if outcome.is_ok() {
            Haptic::Tap
        } else {
            Haptic::Error
        });
        problem.set(outcome.err());
    };
    let in_cart = move || cart.quantity(id);
    let label = td_string!(locale, add_label, name = name.clone());
    view! {
        <button class="button" aria-label=label on:click=add disabled=stock <= 0>
            {if stock > 0 { text(locale) } else { td_string!(locale, sold_out) }}
        </button>
        <p class="product-card__in-cart" hidden=move || in_cart() == 0>
            {move || td_string!(locale, in_cart, count = in_cart())}
        </p>
        <p class="product-card__problem" role="alert" hidden=move || problem.get().is_none()>
            {move || problem.get().map(|why| why.text(locale))}
        </p>
    }
}
