//! The pages a shopper reaches after the storefront, each loaded as its own wasm chunk when
//! first visited, so the storefront's first open downloads only what it shows (the 250 KB
//! budget of README's Performance section). In a build without `cargo leptos --split` the
//! chunks are simply part of the one wasm file.
//!
//! Each route's data is loaded inside its page component, so `data()` holds nothing.

use leptos::prelude::*;
use leptos_router::{lazy_route, LazyRoute};

/// `/shop/cart`.
pub struct Cart;

#[lazy_route]
impl LazyRoute for Cart {
    fn data() -> Self {
        Self
    }

    fn view(_this: Self) -> AnyView {
        view! { <super::cart::CartPage/> }.into_any()
    }
}

/// `/shop/products/:id`.
pub struct Product;

#[lazy_route]
impl LazyRoute for Product {
    fn data() -> Self {
        Self
    }

    fn view(_this: Self) -> AnyView {
        view! { <super::product::ProductPage/> }.into_any()
    }
}

/// `/shop/orders` and `/shop/orders/:id`: the shopper's orders and one of them, one chunk
/// (one route rather than two: each route weighs on the storefront's first open).
pub struct Orders;

#[lazy_route]
impl LazyRoute for Orders {
    fn data() -> Self {
        Self
    }

    fn view(_this: Self) -> AnyView {
        let id = leptos_router::hooks::use_params_map();
        let id = Memo::new(move |_| id.with(|p| p.get("id")));
        (move || match id.get() {
            Some(_) => view! { <super::order::OrderPage/> }.into_any(),
            None => view! { <super::orders::OrdersPage/> }.into_any(),
        })
        .into_any()
    }
}

/// `/shop/settings`: what Telegram's Settings button opens.
pub struct Settings;

#[lazy_route]
impl LazyRoute for Settings {
    fn data() -> Self {
        Self
    }

    fn view(_this: Self) -> AnyView {
        view! { <super::settings::SettingsPage/> }.into_any()
    }
}

/// `/shop/subscriptions`: the shopper's Stars subscriptions.
pub struct Subscriptions;

#[lazy_route]
impl LazyRoute for Subscriptions {
    fn data() -> Self {
        Self
    }

    fn view(_this: Self) -> AnyView {
        view! { <super::subscriptions::SubscriptionsPage/> }.into_any()
    }
}
