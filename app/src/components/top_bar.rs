//! The bar at the top of every page: title, greeting, links to the orders and the cart, and the
//! notice shown when the page was opened outside Telegram.

use super::CartBadge;
use crate::i18n::{td_string, Locale};
use crate::language::use_lang;
use crate::telegram::{Greeting, Telegram};
use leptos::prelude::*;

/// The page's top bar; `title` gives its title in a locale.
#[component]
pub fn TopBar(title: fn(Locale) -> &'static str) -> impl IntoView {
    let (telegram, locale) = (Telegram::expect(), use_lang().now());
    view! {
        <header class="topbar">
            <div class="topbar__text">
                <h1 class="topbar__title">{title(locale)}</h1>
                {move || match telegram.greeting.get() {
                    Greeting::Hello(name) => {
                        view! { <p class="topbar__greeting" data-testid="greeting">{td_string!(locale, greeting, name)}</p> }.into_any()
                    }
                    _ => ().into_any(),
                }}
            </div>
            <nav class="topbar__actions" aria-label=td_string!(locale, your_shopping).to_owned()>
                <a class="topbar__link" href="/shop/orders">{td_string!(locale, orders_link)}</a>
                <CartBadge/>
            </nav>
        </header>
        {move || match telegram.greeting.get() {
            Greeting::OutsideTelegram => view! {
                <p class="banner" role="note" data-testid="outside-telegram">
                    {td_string!(locale, outside_telegram)}
                </p>
            }
            .into_any(),
            Greeting::Refused(reason) => view! {
                <p class="banner banner--error" role="alert">
                    {td_string!(locale, refused, reason)}
                </p>
            }
            .into_any(),
            _ => ().into_any(),
        }}
    }
}
