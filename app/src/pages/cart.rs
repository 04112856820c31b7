//! The cart page: what the shopper picked so far. The BackButton returns to the catalog;
//! checkout arrives with payments (issue #4).

use crate::cart::Cart;
use crate::catalog::Catalog;
use crate::components::{TopBar, WithCatalog};
use crate::telegram::Telegram;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

/// Lists the cart's lines with their prices as the server formats them.
#[component]
pub fn CartPage() -> impl IntoView {
    let telegram = Telegram::expect();
    Effect::new(move |_| {
        telegram.main_button(None);
        telegram.back_button(true);
    });
    let navigate = use_navigate();
    Effect::watch(
        move || telegram.back_button_presses(),
        move |_, _, _| navigate("/shop", Default::default()),
        false,
    );

    view! {
        <TopBar title="Your cart"/>
        <WithCatalog loading="Loading your cart…" render=|catalog| view! { <CartLines catalog/> }/>
        <p class="notice"><a href="/shop">"Back to the shop"</a></p>
    }
}

#[component]
fn CartLines(catalog: Catalog) -> impl IntoView {
    let cart = Cart::expect();
    move || {
        let lines: Vec<_> = catalog
            .products
            .iter()
            .filter(|p| cart.quantity(p.id) > 0)
            .cloned()
            .collect();
        if lines.is_empty() {
            return view! { <p class="notice" data-testid="cart-empty">"Your cart is empty."</p> }.into_any();
        }
        view! {
            <ul class="cart-lines" data-testid="cart-lines">
                {lines
                    .into_iter()
                    .map(|p| {
                        let quantity = cart.quantity(p.id);
                        view! {
                            <li class="cart-line">
                                <span class="cart-line__name">{p.name}</span>
                                <span class="cart-line__quantity">{format!("× {quantity}")}</span>
                                <span class="cart-line__price">{p.price_label}</span>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
        .into_any()
    }
}
