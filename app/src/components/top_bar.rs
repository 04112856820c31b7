//! The bar at the top of every page: title, greeting, links to the orders and the cart, and the
//! notice shown when the page was opened outside Telegram.

use super::CartBadge;
use crate::telegram::{Greeting, Telegram};
use leptos::prelude::*;

/// The page's top bar.
#[component]
pub fn TopBar(title: &'static str) -> impl IntoView {
    let telegram = Telegram::expect();
    view! {
        <header class="topbar">
            <div class="topbar__text">
                <h1 class="topbar__title">{title}</h1>
                {move || match telegram.greeting.get() {
                    Greeting::Hello(name) => {
                        view! { <p class="topbar__greeting" data-testid="greeting">{format!("Hi, {name}!")}</p> }.into_any()
                    }
                    _ => ().into_any(),
                }}
            </div>
            <nav class="topbar__actions" aria-label="Your shopping">
                <a class="topbar__link" href="/shop/orders">"Orders"</a>
                <CartBadge/>
            </nav>
        </header>
        {move || match telegram.greeting.get() {
            Greeting::OutsideTelegram => view! {
                <p class="banner" role="note" data-testid="outside-telegram">
                    "This shop runs inside Telegram. Open it from the shop's bot to buy; here you can only browse."
                </p>
            }
            .into_any(),
            Greeting::Refused(reason) => view! {
                <p class="banner banner--error" role="alert">
                    {format!("Telegram could not confirm who you are ({reason}). Please reopen the shop from the bot.")}
                </p>
            }
            .into_any(),
            _ => ().into_any(),
        }}
    }
}
