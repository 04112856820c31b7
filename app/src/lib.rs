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
mod pages;
pub mod search;
pub mod telegram;

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Link, Meta, MetaTags, Stylesheet, Title};
use leptos_router::{
    components::{Route, Router, Routes},
    path, Lazy, SsrMode,
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
    // True once the wasm has hydrated the whole page, the current route's chunk included
    // (set by `hydrate` below). The shell starts talking to Telegram only then: state that
    // changed while a chunk was loading would no longer match the server's HTML. End-to-end
    // tests wait for it before tapping anything.
    let hydrated = RwSignal::new(false);
    #[cfg(feature = "hydrate")]
    HYDRATED.set(Some(hydrated));
    cart::Cart::provide(telegram::provide_telegram(hydrated));

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
                    <Route path=path!("/shop/cart") view={Lazy::<pages::lazy::Cart>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/shop/products/:id") view={Lazy::<pages::lazy::Product>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/shop/orders") view={Lazy::<pages::lazy::Orders>::new()}/>
                    <Route path=path!("/shop/orders/:id") view={Lazy::<pages::lazy::Order>::new()}/>
                </Routes>
            </main>
        </Router>
    }
}

#[cfg(feature = "hydrate")]
thread_local! {
    /// The `hydrated` signal of the one [`App`] in the page, for [`hydrate`] to set.
    static HYDRATED: std::cell::Cell<Option<RwSignal<bool>>> = const { std::cell::Cell::new(None) };
}

/// The wasm entry point: hydrates the server-rendered page, waiting for the current route's
/// chunk (pages::lazy) first, as `leptos::mount::hydrate_lazy` does, then says it is done.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    // hydrate_from_async sets up Leptos' executor; this task only drives it.
    wasm_bindgen_futures::spawn_local(async {
        let body = leptos::tachys::dom::body();
        leptos::mount::hydrate_from_async(body, App).await.forget();
        if let Some(hydrated) = HYDRATED.get() {
            hydrated.set(true);
        }
    });
}
