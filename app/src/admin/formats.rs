//! Moments, days and amounts written the way the admin page's language writes them, by the
//! browser's `Intl` (its locale data costs the wasm nothing): `5 déc. 2026, 10:30`,
//! `2026年12月5日 10:30`, `12,50 €`, `€12.50`. Server rendering, and a currency `Intl` does not
//! know (Telegram Stars), keep the server's text.

#[cfg(feature = "hydrate")]
use crate::admin::texts::language;
use leptos::prelude::*;

/// A time given as unix milliseconds (UTC), in the browser's time zone and the page's language,
/// with the exact UTC time in `datetime`.
#[component]
pub(crate) fn Moment(ms: i64) -> impl IntoView {
    let text = date_time(ms, &[("dateStyle", "medium"), ("timeStyle", "short")])
        .unwrap_or_else(|| crate::iso_utc(ms).replacen('T', " ", 1).replace('Z', " UTC"));
    view! { <time datetime=crate::iso_utc(ms)>{text}</time> }
}

/// A UTC day given as `YYYY-MM-DD` (the dashboard's), as "5 Dec"; the text itself without a
/// browser or for anything else.
pub(crate) fn day(iso: &str) -> String {
    super::dates::start_of(iso)
        .and_then(|ms| date_time(ms, &[("day", "numeric"), ("month", "short"), ("timeZone", "UTC")]))
        .unwrap_or_else(|| iso.to_owned())
}

/// `minor` units of `currency` in the page's language; `fallback` (the server's label) when the
/// browser cannot say it.
pub(crate) fn money(minor: i64, currency: &str, fallback: &str) -> String {
    number_format(minor, currency).unwrap_or_else(|| fallback.to_owned())
}

#[cfg(feature = "hydrate")]
fn options(pairs: &[(&str, &str)]) -> js_sys::Object {
    let options = js_sys::Object::new();
    for (name, value) in pairs {
        let _ = js_sys::Reflect::set(&options, &(*name).into(), &(*value).into());
    }
    options
}

#[cfg(feature = "hydrate")]
fn locales() -> js_sys::Array {
    js_sys::Array::of1(&language().code().into())
}

#[cfg(feature = "hydrate")]
fn date_time(ms: i64, pairs: &[(&str, &str)]) -> Option<String> {
    use wasm_bindgen::JsValue;
    let format = js_sys::Intl::DateTimeFormat::new(&locales(), &options(pairs));
    let date = js_sys::Date::new(&JsValue::from_f64(ms as f64));
    format.format().call1(&JsValue::NULL, &date).ok()?.as_string()
}

#[cfg(feature = "hydrate")]
fn number_format(minor: i64, currency: &str) -> Option<String> {
    use wasm_bindgen::JsValue;
    if currency == "XTR" {
        return None;
    }
    let exp = super::amount::exponent(currency);
    let options = options(&[("style", "currency"), ("currency", currency)]);
    let _ = js_sys::Reflect::set(&options, &"minimumFractionDigits".into(), &JsValue::from(exp));
    let _ = js_sys::Reflect::set(&options, &"maximumFractionDigits".into(), &JsValue::from(exp));
    // Intl throws only for a malformed code, and every code here is three capital letters
    // (any such code formats, known to Intl or not).
    if currency.len() != 3 || !currency.bytes().all(|b| b.is_ascii_uppercase()) {
        return None;
    }
    let format = js_sys::Intl::NumberFormat::new(&locales(), &options);
    let value = minor as f64 / 10f64.powi(exp as i32);
    format
        .format()
        .call1(&JsValue::NULL, &JsValue::from_f64(value))
        .ok()?
        .as_string()
}

#[cfg(not(feature = "hydrate"))]
fn date_time(_ms: i64, _pairs: &[(&str, &str)]) -> Option<String> {
    None
}

#[cfg(not(feature = "hydrate"))]
fn number_format(_minor: i64, _currency: &str) -> Option<String> {
    None
}
