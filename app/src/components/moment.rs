//! A moment shown in the shopper's own time zone and locale, with the exact UTC time in the
//! `datetime` attribute: `<time datetime="2026-11-24T09:30:00Z">24 Nov 2026, 10:30</time>`.

use leptos::prelude::*;

/// A time given as unix milliseconds (UTC).
#[component]
pub fn Moment(ms: i64) -> impl IntoView {
    view! { <time datetime=iso_utc(ms)>{local(ms)}</time> }
}

/// The browser formats it (Intl.DateTimeFormat, the device's locale and time zone).
#[cfg(feature = "hydrate")]
fn local(ms: i64) -> String {
    use wasm_bindgen::JsValue;
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"dateStyle".into(), &"medium".into());
    let _ = js_sys::Reflect::set(&options, &"timeStyle".into(), &"short".into());
    let format = js_sys::Intl::DateTimeFormat::new(&js_sys::Array::new(), &options);
    let date = js_sys::Date::new(&JsValue::from_f64(ms as f64));
    format
        .format()
        .call1(&JsValue::NULL, &date)
        .ok()
        .and_then(|text| text.as_string())
        .unwrap_or_else(|| iso_utc(ms))
}

/// Server rendering knows no time zone: UTC, said so.
#[cfg(not(feature = "hydrate"))]
fn local(ms: i64) -> String {
    let iso = iso_utc(ms);
    format!("{} {} UTC", &iso[..10], &iso[11..16])
}

/// `YYYY-MM-DDTHH:MM:SSZ`, computed with Howard Hinnant's days-to-civil algorithm: a date
/// crate would weigh more in the page than these few lines.
pub fn iso_utc(ms: i64) -> String {
    let (days, ms_of_day) = (ms.div_euclid(86_400_000), ms.rem_euclid(86_400_000));
    let z = days + 719_468;
    let (era, doe) = (z.div_euclid(146_097), z.rem_euclid(146_097));
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    let seconds = ms_of_day / 1_000;
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        seconds / 3_600,
        seconds / 60 % 60,
        seconds % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unix_milliseconds_become_utc_dates() {
        assert_eq!(iso_utc(0), "1970-01-01T00:00:00Z");
        assert_eq!(iso_utc(951_782_400_000), "2000-02-29T00:00:00Z");
        assert_eq!(iso_utc(1_700_000_000_999), "2023-11-14T22:13:20Z");
        assert_eq!(iso_utc(4_102_444_799_000), "2099-12-31T23:59:59Z");
        assert_eq!(iso_utc(-1_000), "1969-12-31T23:59:59Z");
    }

    #[test]
    #[cfg(not(feature = "hydrate"))]
    fn server_rendering_says_the_time_is_utc() {
        assert_eq!(local(1_700_000_000_000), "2023-11-14 22:13 UTC");
    }
}
