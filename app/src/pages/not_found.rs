//! The page for paths the app does not know.

use leptos::prelude::*;

/// Shown for unknown paths; the server answers it with status 404.
#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::NOT_FOUND);
    }
    view! {
        <section class="notice">
            <h1>"Page not found"</h1>
            <p><a href="/">"Back to the shop"</a></p>
        </section>
    }
}
