//! The storefront UI, shared by server-side rendering (`ssr`) and the browser (`hydrate`).
//!
//! Owns the pages and components, the wire types (`catalog`, `money`), the shopper's cart
//! state as the page sees it (`cart`), and the contract with the server (`api`): the server
//! functions the UI calls and the [`api::ShopService`] trait the server implements.
//! Must not talk to a database or to Telegram: that is the `server` crate's job.

pub mod api;
pub mod cart;
pub mod cart_view;
pub mod catalog;
mod components;
pub mod deep_link;
pub mod identity;
pub mod money;
pub mod orders;
pub mod search;
mod pages;
pub mod telegram;

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Link, Meta, MetaTags, Stylesheet, Title};
use leptos_router::{
    components::{Route, Router, Routes},
    path, SsrMode,
};

/// The HTML document around the app, rendered on the server for every page.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover"/>
                <AutoReload options=options.clone()/>
                <HydrationScripts options/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// The root component: meta tags, the cart context and the routes.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    cart::Cart::provide(telegram::provide_telegram());
    // Effects run only in the browser, so this flips once the wasm has hydrated the page;
    // end-to-end tests wait for it before tapping anything.
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));

    view! {
        <Stylesheet id="leptos" href="/pkg/shop.css"/>
        <Link rel="icon" type_="image/svg+xml" href="/favicon.svg"/>
        <Meta name="color-scheme" content="light dark"/>
        <Title text="Shop"/>
        <Router>
            <main data-hydrated=move || hydrated.get().to_string()>
                <Routes fallback=pages::NotFound>
                    // Async: the server waits for the catalog and sends complete HTML, so the shopper
                    // sees products at first paint and nothing moves when the wasm hydrates.
                    <Route path=path!("/shop") view=pages::Storefront ssr=SsrMode::Async/>
                    <Route path=path!("/shop/cart") view=pages::CartPage ssr=SsrMode::Async/>
                    <Route path=path!("/shop/products/:id") view=pages::ProductPage ssr=SsrMode::Async/>
                    <Route path=path!("/shop/orders") view=pages::OrdersPage/>
                    <Route path=path!("/shop/orders/:id") view=pages::OrderPage/>
                </Routes>
            </main>
        </Router>
    }
}

/// The wasm entry point: hydrates the server-rendered page.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(App);
}
