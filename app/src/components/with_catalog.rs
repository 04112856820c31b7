//! Loads the catalog for a page and renders it, or the message a shopper should see.

use crate::api::get_catalog;
use crate::catalog::Catalog;
use crate::i18n::Locale;
use crate::language::use_lang;
use leptos::prelude::*;

/// Renders `render(catalog)` once the catalog is loaded; `loading` (in a locale) shows meanwhile
/// (only on client-side navigation: server rendering waits for the data).
#[component]
pub fn WithCatalog<F, V>(loading: fn(Locale) -> &'static str, render: F) -> impl IntoView
where
    F: Fn(Catalog) -> V + Copy + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let locale = use_lang().now();
    let catalog = Resource::new(|| (), move |_| get_catalog(locale));
    view! {
        <Suspense fallback=move || view! { <p class="notice">{loading(locale)}</p> }>
            {move || Suspend::new(async move {
                match catalog.await {
                    Ok(catalog) => render(catalog).into_any(),
                    Err(error) => view! { <p class="notice notice--error" role="alert">{error.to_string()}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}
