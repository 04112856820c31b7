//! The page for paths the app does not know.

use crate::i18n::td_string;
use crate::language::use_lang;
use leptos::prelude::*;

/// Shown for unknown paths; the server answers it with status 404.
#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::NOT_FOUND);
    }
    let locale = use_lang().now();
    view! {
        <section class="notice">
            <h1>{td_string!(locale, page_not_found)}</h1>
            <p><a href="/shop">{td_string!(locale, back_to_shop)}</a></p>
        </section>
    }
}
