//! `GET /privacy`: the shop's privacy policy as a page of its own, rendered on the server
//! (no wasm): the Mini App's settings sheet and the bot's `/privacy` button open it. The
//! policy is the merchant's (`crate::shop::settings::policies`), or the default naming the
//! shop; `?lang=` words the page's own title and the default policy in the shopper's language.

use super::{ApiError, AppState};
use app::i18n::td_string;
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{Html, IntoResponse, Response};
use serde::Deserialize;

/// `GET /privacy`'s query.
#[derive(Debug, Default, Deserialize)]
pub struct PrivacyQuery {
    /// A Telegram `language_code`, e.g. `fr`; English when absent or not spoken.
    #[serde(default)]
    lang: Option<String>,
}

/// `GET /privacy`.
pub async fn page(
    State(state): State<AppState>,
    Query(query): Query<PrivacyQuery>,
) -> Result<Response, ApiError> {
    let shop = state.db.shop_settings().await?;
    let locale = app::language::for_language_code(query.lang.as_deref().unwrap_or_default());
    let policy = state
        .db
        .policies()
        .await?
        .privacy_policy(shop.name.as_str(), locale);
    let (lang, dir) = app::language::html_attributes(locale);
    let title = format!(
        "{} · {}",
        td_string!(locale, privacy_policy),
        escape(shop.name.as_str())
    );
    let paragraphs: String = policy
        .split("\n\n")
        .map(|paragraph| format!("<p>{}</p>", escape(paragraph.trim()).replace('\n', "<br>")))
        .collect();
    let page = format!(
        "<!DOCTYPE html><html lang=\"{lang}\" dir=\"{dir}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title}</title><style>{STYLE}</style></head>\
         <body><main data-testid=\"privacy-policy\"><h1>{title}</h1>{paragraphs}</main></body></html>"
    );
    Ok(([(header::CACHE_CONTROL, "no-cache")], Html(page)).into_response())
}

/// Telegram's theme colours when the page is opened in a Mini App, readable defaults elsewhere.
const STYLE: &str = "body{margin:0;font:16px/1.5 system-ui,sans-serif;\
    background:var(--tg-theme-bg-color,#fff);color:var(--tg-theme-text-color,#222)}\
    main{max-width:40rem;margin:auto;padding:1rem}h1{font-size:1.3rem}";

/// `text` safe inside HTML elements and attributes.
fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            c => escaped.push(c),
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn the_merchants_text_cannot_open_a_tag() {
        assert_eq!(
            escape("<script>\"a\" & 'b'"),
            "&lt;script&gt;&quot;a&quot; &amp; &#39;b&#39;"
        );
    }
}
