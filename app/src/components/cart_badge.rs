//! The cart badge in the top bar.

use crate::cart::Cart;
use crate::i18n::td_string;
use crate::language::is_one;
use crate::language::use_lang;
use leptos::prelude::*;

/// Shows how many items are in the cart, updating as the shopper adds them; opens the cart.
#[component]
pub fn CartBadge() -> impl IntoView {
    let (cart, locale) = (Cart::expect(), use_lang().now());
    let count = move || cart.item_count();
    view! {
        <a
            href="/shop/cart"
            class="cart-badge"
            data-testid="cart-badge"
            data-count=move || count().to_string()
            aria-label=move || match is_one(locale, count().into()) {
                true => td_string!(locale, badge_label_1).to_owned(),
                false => td_string!(locale, badge_label_n, count = count()),
            }
        >
            <svg class="cart-badge__icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
                <path
                    fill="currentColor"
                    d="M7 18a2 2 0 1 0 0 4 2 2 0 0 0 0-4zm10 0a2 2 0 1 0 0 4 2 2 0 0 0 0-4zM5.2 4l.9 2H21l-3.4 7.2a2 2 0 0 1-1.8 1.1H8.1l-1 1.7h12v2H5.4l2.3-4L4 4H2V2h3.4l-.2 2z"
                />
            </svg>
            <span class="cart-badge__count">{count}</span>
        </a>
    }
}
