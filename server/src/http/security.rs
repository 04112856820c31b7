//! Headers every answer carries for the browser's protection: `X-Content-Type-Options:
//! nosniff` on all of them, and on HTML pages a `Content-Security-Policy` that lets only
//! Telegram's web clients (and the shop itself, where the sandbox simulator frames the Mini
//! App) put the shop in a frame, and forbids plugins and a foreign `<base>`.
//!
//! A handler that sets its own policy (the sign-in page's stricter one) keeps it. No
//! `script-src` here: Leptos hydrates with inline scripts, and the policy must not break that.

use axum::http::header::{CONTENT_SECURITY_POLICY, CONTENT_TYPE, X_CONTENT_TYPE_OPTIONS};
use axum::http::HeaderValue;
use axum::response::Response;

/// The HTML pages' policy. Telegram's web clients are web.telegram.org (and its /k and /a
/// versions, which also answer as webk. and webz.); the apps embed a WebView, which has no
/// frame ancestor.
pub const PAGE_POLICY: &str = "frame-ancestors 'self' https://web.telegram.org https://webk.telegram.org \
     https://webz.telegram.org; object-src 'none'; base-uri 'self'";

/// Adds the headers to an answer (an `axum::middleware::map_response` function).
pub async fn headers(mut response: Response) -> Response {
    let headers = response.headers_mut();
    headers
        .entry(X_CONTENT_TYPE_OPTIONS)
        .or_insert(HeaderValue::from_static("nosniff"));
    let html = headers
        .get(CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.trim_start().to_ascii_lowercase().starts_with("text/html"));
    if html {
        headers
            .entry(CONTENT_SECURITY_POLICY)
            .or_insert(HeaderValue::from_static(PAGE_POLICY));
    }
    response
}
