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

/// `/shop/orders`.
pub struct Orders;

#[lazy_route]
impl LazyRoute for Orders {
    fn data() -> Self {
        Self
    }

    fn view(_this: Self) -> AnyView {
        view! { <super::orders::OrdersPage/> }.into_any()
    }
}

/// `/shop/orders/:id`.
pub struct Order;

#[lazy_route]
impl LazyRoute for Order {
    fn data() -> Self {
        Self
    }

    fn view(_this: Self) -> AnyView {
        view! { <super::order::OrderPage/> }.into_any()
    }
}
