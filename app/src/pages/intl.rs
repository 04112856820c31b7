//! The browser's `Intl`, reached from Rust without panicking: a formatter is made with
//! `Reflect.construct` so that an unknown time zone or currency gives `None` instead of an
//! exception (js_sys' typed constructors would abort the wasm). Shared by the lazy chunks that
//! show dates and amounts (events, services, an order's appointments), so the wasm carries no
//! calendar, time-zone or currency data of its own. Browser only.

use crate::i18n::Locale;
use leptos_i18n::Locale as _;
use wasm_bindgen::{JsCast, JsValue};

/// `new Intl[name](locale, options)`, or `None` when it throws.
pub(crate) fn intl(name: &str, locale: &str, options: &js_sys::Object) -> Option<JsValue> {
    let intl = js_sys::Reflect::get(&js_sys::global(), &"Intl".into()).ok()?;
    let constructor = js_sys::Reflect::get(&intl, &name.into()).ok()?;
    let constructor = constructor.dyn_into::<js_sys::Function>().ok()?;
    let arguments = js_sys::Array::of2(&locale.into(), options);
    js_sys::Reflect::construct(&constructor, &arguments).ok()
}

/// An `Intl.DateTimeFormat` for the shopper's `locale` with `options`.
pub(crate) fn date_format(locale: Locale, options: &[(&str, &str)]) -> Option<JsValue> {
    intl("DateTimeFormat", locale.as_str(), &object(options))
}

/// `formatter[method](value)`, or `None` when it throws.
pub(crate) fn call(formatter: &JsValue, method: &str, value: &JsValue) -> Option<JsValue> {
    let method = js_sys::Reflect::get(formatter, &method.into()).ok()?;
    let method = method.dyn_into::<js_sys::Function>().ok()?;
    method.call1(formatter, value).ok()
}

/// `formatter.format(value)` as a string.
pub(crate) fn call_format(formatter: &JsValue, value: &JsValue) -> Option<String> {
    call(formatter, "format", value)?.as_string()
}

/// A `Date` at `ms` (unix milliseconds).
pub(crate) fn date(ms: i64) -> js_sys::Date {
    js_sys::Date::new(&JsValue::from_f64(ms as f64))
}

/// A plain object of string fields: a formatter's options.
pub(crate) fn object(entries: &[(&str, &str)]) -> js_sys::Object {
    let object = js_sys::Object::new();
    for (key, value) in entries {
        let _ = js_sys::Reflect::set(&object, &(*key).into(), &(*value).into());
    }
    object
}

/// A field of a JS object as a string.
pub(crate) fn string_field(object: &JsValue, key: &str) -> Option<String> {
    js_sys::Reflect::get(object, &key.into()).ok()?.as_string()
}
