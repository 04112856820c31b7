//! What the events pages ask of the browser and of Telegram beyond the shell: dates in the
//! event's time zone and amounts in the shopper's language (the browser's `Intl`, so the wasm
//! carries no calendar or currency data), the scanner popup, haptics with a warning, the
//! nonce of a check-in, and loading JSON. During server rendering there is no browser: dates
//! are shown in UTC and the rest does nothing.

use crate::i18n::Locale;
#[cfg(feature = "hydrate")]
use crate::pages::intl::{call_format, intl, object};
#[cfg(feature = "hydrate")]
use leptos_i18n::Locale as _;

/// Haptic feedback of a door's answer (`notification` in Telegram's terms).
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Notify {
    Success,
    Warning,
    Error,
}

/// `ms` (unix milliseconds) as a date and time in `time_zone` (IANA), in `locale`'s words,
/// e.g. "Saturday, 12 December 2026 at 19:30"; `long` false gives the short form.
#[cfg(feature = "hydrate")]
pub(super) fn date_in(ms: i64, time_zone: &str, locale: Locale, long: bool) -> String {
    use wasm_bindgen::JsValue;
    let options = object(&[
        ("dateStyle", if long { "full" } else { "medium" }),
        ("timeStyle", "short"),
        ("timeZone", time_zone),
    ]);
    let date = js_sys::Date::new(&JsValue::from_f64(ms as f64));
    intl("DateTimeFormat", locale.as_str(), &options)
        .and_then(|format| call_format(&format, &date))
        .unwrap_or_else(|| crate::iso_utc(ms))
}

/// Server rendering knows no browser: UTC, said so.
#[cfg(not(feature = "hydrate"))]
pub(super) fn date_in(ms: i64, _time_zone: &str, _locale: Locale, _long: bool) -> String {
    let iso = crate::iso_utc(ms);
    format!("{} {} UTC", &iso[..10], &iso[11..16])
}

/// `minor` units of `currency` as the shopper's language writes the amount, e.g. `€30.00`;
/// `None` when the browser does not know the currency.
#[cfg(feature = "hydrate")]
pub(super) fn amount(minor: i64, currency: &str, locale: Locale) -> Option<String> {
    let options = object(&[
        ("style", "currency"),
        ("currency", currency),
        ("numberingSystem", "latn"),
    ]);
    let format = intl("NumberFormat", locale.as_str(), &options)?;
    let resolved = js_sys::Reflect::get(&format, &"resolvedOptions".into())
        .ok()
        .and_then(|f| wasm_bindgen::JsCast::dyn_into::<js_sys::Function>(f).ok())
        .and_then(|f| f.call0(&format).ok())?;
    let digits = js_sys::Reflect::get(&resolved, &"maximumFractionDigits".into())
        .ok()
        .and_then(|d| d.as_f64())
        .unwrap_or(2.0);
    let value = minor as f64 / 10f64.powi(digits as i32);
    call_format(&format, &value.into())
}

#[cfg(not(feature = "hydrate"))]
pub(super) fn amount(_minor: i64, _currency: &str, _locale: Locale) -> Option<String> {
    None
}

/// Opens Telegram's QR scanner with `text` under it; each code read arrives as
/// `qr_text_received` ([`crate::telegram::Telegram::other_event`]).
pub(super) fn open_scanner(text: &str) {
    post("web_app_open_scan_qr_popup", serde_json::json!({ "text": text }));
}

/// Closes Telegram's QR scanner.
pub(super) fn close_scanner() {
    post("web_app_close_scan_qr_popup", serde_json::Value::Null);
}

/// Haptic feedback for a door's answer.
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
pub(super) fn notify(kind: Notify) {
    let kind = match kind {
        Notify::Success => "success",
        Notify::Warning => "warning",
        Notify::Error => "error",
    };
    post(
        "web_app_trigger_haptic_feedback",
        serde_json::json!({ "type": "notification", "notification_type": kind }),
    );
}

fn post(event: &str, data: serde_json::Value) {
    #[cfg(feature = "hydrate")]
    crate::telegram::bridge::post_event(event, data);
    #[cfg(not(feature = "hydrate"))]
    let _ = (event, data);
}

/// A fresh nonce for one check-in: 32 characters of `[a-z0-9]` from the browser's
/// `crypto.getRandomValues` (never reused, so a new scan is never taken for a retry).
#[cfg(feature = "hydrate")]
pub(super) fn nonce() -> String {
    let bytes = js_sys::Uint8Array::new_with_length(32);
    let crypto = js_sys::Reflect::get(&js_sys::global(), &"crypto".into()).ok();
    let filled = crypto.and_then(|crypto| {
        let get = js_sys::Reflect::get(&crypto, &"getRandomValues".into()).ok()?;
        let get = wasm_bindgen::JsCast::dyn_into::<js_sys::Function>(get).ok()?;
        get.call1(&crypto, &bytes).ok()
    });
    let mut random = bytes.to_vec();
    if filled.is_none() {
        // No Web Crypto: Math.random still makes a fresh nonce per scan.
        random
            .iter_mut()
            .for_each(|b| *b = (js_sys::Math::random() * 256.0) as u8);
    }
    nonce_from(&random)
}

/// 32 characters of `[a-z0-9]` from 32 random bytes.
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
pub(super) fn nonce_from(random: &[u8]) -> String {
    const ALPHABET: &[u8; 36] = b"abcdefghijklmnopqrstuvwxyz0123456789";
    random
        .iter()
        .map(|b| ALPHABET[usize::from(*b) % ALPHABET.len()] as char)
        .collect()
}

/// `GET path` (with the shopper's initData when there is one), read as JSON.
#[cfg(feature = "hydrate")]
pub(in crate::pages) async fn get<T: serde::de::DeserializeOwned>(
    path: &str,
    init_data: &str,
) -> Result<T, crate::api::Refusal> {
    let body = crate::telegram::bridge::get_with_init_data(path, init_data).await?;
    serde_json::from_str(&body).map_err(crate::api::Refusal::from)
}

/// `POST path` with `body` as JSON and the shopper's initData, the answer read as JSON.
#[cfg(feature = "hydrate")]
pub(super) async fn post_json<T: serde::de::DeserializeOwned>(
    path: &str,
    body: &impl serde::Serialize,
    init_data: &str,
) -> Result<T, crate::api::Refusal> {
    let body = serde_json::to_string(body).map_err(crate::api::Refusal::from)?;
    let answer = crate::telegram::bridge::post_with_init_data(path, &body, init_data).await?;
    serde_json::from_str(&answer).map_err(crate::api::Refusal::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_nonce_is_32_characters_the_server_accepts() {
        let nonce = nonce_from(&[
            0, 35, 36, 255, 7, 200, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20,
            21, 22, 23, 24, 25, 26,
        ]);
        assert_eq!(nonce.len(), 32);
        assert!(nonce
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()));
        assert_eq!(&nonce[..4], "a9ad");
    }

    #[test]
    #[cfg(not(feature = "hydrate"))]
    fn server_rendering_shows_dates_in_utc() {
        assert_eq!(
            date_in(1_700_000_000_000, "Europe/Paris", Locale::fr, true),
            "2023-11-14 22:13 UTC"
        );
    }
}
