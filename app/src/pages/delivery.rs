//! What a paid order delivers, on its page (in the orders chunk): a file's "Download" button,
//! which asks Telegram to download it (`web_app_request_file_download` with the absolute,
//! signed and expiring link; Telegram asks the user and answers with `file_download_requested`),
//! licence keys with a "Copy" button, and a text or link. A refunded order has nothing to
//! download any more, and says so.

use crate::i18n::td_string;
use crate::language::use_lang;
use crate::orders::{DeliveryItem, DeliveryView};
use crate::telegram::Telegram;
use leptos::prelude::*;

/// The order's downloads, keys and texts; for a refunded order that delivered something, a
/// note that it is revoked.
#[component]
pub fn Deliveries(deliveries: Vec<DeliveryView>) -> impl IntoView {
    let locale = use_lang().now();
    if deliveries.iter().any(|d| d.item == DeliveryItem::Revoked) {
        return view! {
            <h3 class="order__heading">{td_string!(locale, delivery_title)}</h3>
            <p class="order__note" role="status" data-testid="delivery-refunded">{td_string!(locale, delivery_refunded)}</p>
        }
        .into_any();
    }
    if deliveries.is_empty() {
        return ().into_any();
    }
    // Telegram's answer to the last download asked for: `downloading` or `cancelled`.
    let telegram = Telegram::expect();
    let answer = Memo::new(move |_| {
        telegram
            .other_event
            .get()
            .filter(|(kind, _)| kind == "file_download_requested")
            .map(|(_, status)| status)
    });
    view! {
        <h3 class="order__heading">{td_string!(locale, delivery_title)}</h3>
        <ul class="deliveries" data-testid="deliveries">
            {deliveries.into_iter().map(|delivery| {
                let what = kind(&delivery.item);
                view! {
                    <li class="delivery" data-kind=what>
                        <span class="delivery__name">{delivery.name}</span>
                        <Item item=delivery.item/>
                    </li>
                }
            }).collect_view()}
        </ul>
        {move || answer.get().map(|status| view! {
            <p class="order__note" role="status" data-testid="download-status" data-status=status.clone()>
                {match status.as_str() {
                    "downloading" => td_string!(locale, delivery_downloading),
                    _ => td_string!(locale, delivery_cancelled),
                }}
            </p>
        })}
    }
    .into_any()
}

fn kind(item: &DeliveryItem) -> &'static str {
    match item {
        DeliveryItem::File { .. } => "file",
        DeliveryItem::Keys { .. } => "keys",
        DeliveryItem::Text { .. } => "text",
        DeliveryItem::Revoked => "revoked",
    }
}

#[component]
fn Item(item: DeliveryItem) -> impl IntoView {
    let locale = use_lang().now();
    match item {
        DeliveryItem::File { file_name, url } => {
            let label = file_name.clone();
            let download = move |_| request_download(&url, &file_name);
            view! {
                <span class="delivery__file" data-testid="delivery-file">{label}</span>
                <button class="button delivery__download" type="button" data-testid="download" on:click=download>
                    {td_string!(locale, delivery_download)}
                </button>
            }
            .into_any()
        }
        DeliveryItem::Keys { keys } => keys
            .into_iter()
            .map(|key| view! { <Key key/> })
            .collect_view()
            .into_any(),
        DeliveryItem::Text { text } => view! { <Revealed text/> }.into_any(),
        // A refunded order's page shows only the note (`Deliveries`).
        DeliveryItem::Revoked => ().into_any(),
    }
}

/// A text revealed after payment; its link (the first `https://…` in it) can be tapped.
#[component]
fn Revealed(text: String) -> impl IntoView {
    let (before, link, after) = split_link(&text);
    let link = (!link.is_empty()).then(|| {
        let (href, shown) = (link.to_owned(), link.to_owned());
        view! { <a href=href target="_blank" rel="noopener noreferrer" data-testid="delivery-link">{shown}</a> }
    });
    let (before, after) = (before.to_owned(), after.to_owned());
    view! { <p class="delivery__text" data-testid="delivery-text">{before}{link}{after}</p> }
}

/// The text before the first `https://` link, the link (up to a space), and the rest.
fn split_link(text: &str) -> (&str, &str, &str) {
    let at = text.find("https://").unwrap_or(text.len());
    let (before, rest) = text.split_at(at);
    let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
    let (link, after) = rest.split_at(end);
    (before, link, after)
}

/// A licence key and its "Copy" button, which says "Copied" once the clipboard took it.
#[component]
fn Key(key: String) -> impl IntoView {
    let locale = use_lang().now();
    let copied = RwSignal::new(false);
    let text = key.clone();
    let copy = move |_| copy_text(&text, copied);
    view! {
        <code class="delivery__key" data-testid="delivery-key">{key}</code>
        <button class="button button--secondary delivery__copy" type="button" data-testid="copy-key" on:click=copy>
            {move || match copied.get() {
                true => td_string!(locale, delivery_copied),
                false => td_string!(locale, delivery_copy),
            }}
        </button>
    }
}

/// Asks Telegram to download the file: `web_app_request_file_download` wants an absolute URL.
fn request_download(url: &str, file_name: &str) {
    #[cfg(feature = "hydrate")]
    {
        let origin = web_sys::window()
            .and_then(|w| w.location().origin().ok())
            .unwrap_or_default();
        let url = match url.starts_with('/') {
            true => format!("{origin}{url}"),
            false => url.to_owned(),
        };
        crate::telegram::bridge::post_event(
            "web_app_request_file_download",
            serde_json::json!({ "url": url, "file_name": file_name }),
        );
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (url, file_name);
}

/// `navigator.clipboard.writeText(text)`; `copied` turns true once it resolved.
fn copy_text(text: &str, copied: RwSignal<bool>) {
    #[cfg(feature = "hydrate")]
    {
        use js_sys::{Function, Promise, Reflect};
        use wasm_bindgen::JsCast;
        let Some(window) = web_sys::window() else { return };
        let clipboard = Reflect::get(&window.navigator(), &"clipboard".into()).ok();
        let write = clipboard.as_ref().and_then(|c| {
            Reflect::get(c, &"writeText".into())
                .ok()?
                .dyn_into::<Function>()
                .ok()
        });
        let (Some(clipboard), Some(write)) = (clipboard, write) else {
            return;
        };
        let Ok(promise) = write.call1(&clipboard, &text.into()) else {
            return;
        };
        let Ok(promise) = promise.dyn_into::<Promise>() else {
            return;
        };
        leptos::task::spawn_local(async move {
            if wasm_bindgen_futures::JsFuture::from(promise).await.is_ok() {
                copied.set(true);
            }
        });
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (text, copied);
}

#[cfg(test)]
mod tests {
    use super::split_link;

    #[test]
    fn a_texts_first_link_is_found() {
        assert_eq!(
            split_link("Add the stickers: https://t.me/addstickers/Cat then enjoy"),
            (
                "Add the stickers: ",
                "https://t.me/addstickers/Cat",
                " then enjoy"
            )
        );
        assert_eq!(
            split_link("https://example.com/x"),
            ("", "https://example.com/x", "")
        );
        assert_eq!(
            split_link("No link, http://plain.example"),
            ("No link, http://plain.example", "", "")
        );
    }
}
