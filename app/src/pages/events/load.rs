//! Loading a page's data in the browser, once the launch parameters are known: with the
//! shopper's initData, which the server needs to know who asks (tickets, the door) and
//! accepts where anyone may look (the events).

use crate::i18n::{td_string, Locale};
use crate::language::use_lang;
use crate::telegram::Telegram;
use leptos::prelude::*;

/// What a page knows of its data.
// Built in the browser only; server rendering shows the loading state.
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
#[derive(Clone, Debug, PartialEq)]
pub(in crate::pages) enum Loaded<T> {
    Loading,
    Ready(T),
    /// Why not, in the shopper's language.
    Failed(String),
}

/// Loads `GET path()` once the launch parameters are known. `signed_in`: the data is the
/// shopper's own, so outside Telegram the page says to open it there instead.
pub(in crate::pages) fn load<T>(path: impl Fn() -> String + 'static, signed_in: bool) -> RwSignal<Loaded<T>>
where
    T: serde::de::DeserializeOwned + Send + Sync + 'static,
{
    let (telegram, locale) = (Telegram::expect(), use_lang().now());
    let loaded = RwSignal::new(Loaded::Loading);
    Effect::new(move |_| {
        let Some(launch) = telegram.launch.get() else {
            return;
        };
        match launch.init_data {
            None if signed_in => loaded.set(Loaded::Failed(td_string!(locale, open_for_tickets).to_owned())),
            init_data => fetch_into(loaded, path(), init_data.unwrap_or_default(), locale),
        }
    });
    loaded
}

/// `GET path` into `loaded` (the previous answer stays until the new one is in).
pub(in crate::pages) fn fetch_into<T>(
    loaded: RwSignal<Loaded<T>>,
    path: String,
    init_data: String,
    locale: Locale,
) where
    T: serde::de::DeserializeOwned + Send + Sync + 'static,
{
    #[cfg(feature = "hydrate")]
    leptos::task::spawn_local(async move {
        loaded.set(match super::browser::get::<T>(&path, &init_data).await {
            Ok(value) => Loaded::Ready(value),
            Err(why) => Loaded::Failed(why.text(locale)),
        });
    });
    #[cfg(not(feature = "hydrate"))]
    let _ = (loaded, path, init_data, locale);
}
