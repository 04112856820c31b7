//! Moments on the shop's wall clock: an event's times are typed and read in the shop's time
//! zone (the `time_zone` setting, an IANA name such as `Europe/Paris`), whatever zone the
//! merchant's own device is in, and the API takes them as unix milliseconds, UTC.
//!
//! The zone's rules come from the browser's time zone database through
//! `Intl.DateTimeFormat` (`timeZone` option, [`offset_at`]); the arithmetic around them is
//! pure and tested here against a fake zone. A wall time that happens twice (clocks turned
//! back) is the first of the two; one that never happens (clocks turned forward) is moved on
//! by the gap, as `Temporal`'s `"compatible"` disambiguation does: 02:30 on the night Paris
//! goes to summer time is 03:30 CEST.

use super::dates::start_of;

const MINUTE_MS: i64 = 60_000;
const DAY_MS: i64 = 86_400_000;

/// A wall time as `<input type="datetime-local">` gives it (`YYYY-MM-DDTHH:MM`, seconds
/// optional), as milliseconds since 1970-01-01T00:00 on that wall clock; `None` unless a
/// real moment.
pub(crate) fn parse_wall(text: &str) -> Option<i64> {
    let (date, time) = text.trim().split_once('T')?;
    let two = |part: &str, max: i64| {
        let digits = part.len() == 2 && part.bytes().all(|b| b.is_ascii_digit());
        digits
            .then(|| part.parse::<i64>().ok())
            .flatten()
            .filter(|n| *n <= max)
    };
    let (hour, minute, second) = match time.split(':').collect::<Vec<_>>()[..] {
        [hour, minute] => (two(hour, 23)?, two(minute, 59)?, 0),
        [hour, minute, seconds] => {
            // Milliseconds, when given, are dropped: a minute's precision is enough.
            let (seconds, millis) = seconds.split_once('.').unwrap_or((seconds, "0"));
            let millis = !millis.is_empty() && millis.bytes().all(|b| b.is_ascii_digit());
            (
                two(hour, 23)?,
                two(minute, 59)?,
                two(seconds, 59).filter(|_| millis)?,
            )
        }
        _ => return None,
    };
    Some(start_of(date)? + (hour * 60 + minute) * MINUTE_MS + second * 1_000)
}

/// A wall time as `<input type="datetime-local">` shows it: `YYYY-MM-DDTHH:MM`.
pub(crate) fn format_wall(wall_ms: i64) -> String {
    crate::iso_utc(wall_ms)[..16].to_owned()
}

/// The wall time of `utc_ms` in a zone whose offset from UTC at a moment is `offset`.
fn wall_of(utc_ms: i64, offset: impl Fn(i64) -> Option<i64>) -> Option<i64> {
    Some(utc_ms + offset(utc_ms)?)
}

/// The moment (UTC) the zone's clock shows `wall_ms`: the earlier of two, or the one after
/// the gap when the clock skipped it. Offsets change at most once around a given day.
fn utc_of(wall_ms: i64, offset: impl Fn(i64) -> Option<i64>) -> Option<i64> {
    let before = wall_ms - offset(wall_ms - DAY_MS)?;
    let after = wall_ms - offset(wall_ms + DAY_MS)?;
    let mut shows_it = Vec::new();
    for candidate in [before, after] {
        if wall_of(candidate, &offset)? == wall_ms {
            shows_it.push(candidate);
        }
    }
    // In a gap no moment shows it: the offset from before the change moves it on by the gap.
    Some(shows_it.into_iter().min().unwrap_or(before))
}

/// The zone's offset from UTC at `utc_ms`, in milliseconds; `None` for a zone the browser
/// does not know.
#[cfg(feature = "hydrate")]
pub(crate) fn offset_at(zone: &str, utc_ms: i64) -> Option<i64> {
    use wasm_bindgen::{JsCast, JsValue};
    let options = js_sys::Object::new();
    let numeric = ["year", "month", "day", "hour", "minute", "second"].map(|k| (k, "numeric"));
    for (key, value) in [("timeZone", zone), ("hourCycle", "h23")]
        .into_iter()
        .chain(numeric)
    {
        js_sys::Reflect::set(&options, &key.into(), &value.into()).ok()?;
    }
    // Constructed through Reflect, which catches the RangeError of an unknown zone.
    let intl = js_sys::Reflect::get(&js_sys::global(), &"Intl".into()).ok()?;
    let class = js_sys::Reflect::get(&intl, &"DateTimeFormat".into()).ok()?;
    let args = js_sys::Array::of2(&"en-US".into(), &options);
    let format: js_sys::Intl::DateTimeFormat =
        js_sys::Reflect::construct(class.dyn_ref::<js_sys::Function>()?, &args)
            .ok()?
            .unchecked_into();
    let parts = format.format_to_parts(&js_sys::Date::new(&JsValue::from_f64(utc_ms as f64)));
    let mut fields = [0_i64; 6];
    for part in parts.iter() {
        let text = |key: &str| js_sys::Reflect::get(&part, &key.into()).ok()?.as_string();
        let slot = ["year", "month", "day", "hour", "minute", "second"]
            .iter()
            .position(|k| text("type").as_deref() == Some(*k));
        if let (Some(slot), Some(value)) = (slot, text("value")) {
            fields[slot] = value.parse().ok()?;
        }
    }
    let [year, month, day, hour, minute, second] = fields;
    let date = format!("{year:04}-{month:02}-{day:02}");
    let wall = start_of(&date)? + ((hour % 24) * 3_600 + minute * 60 + second) * 1_000;
    // The formatter drops the milliseconds.
    Some(wall - (utc_ms - utc_ms.rem_euclid(1_000)))
}

/// Without a browser only UTC is known (the pages load their data in the browser).
#[cfg(not(feature = "hydrate"))]
pub(crate) fn offset_at(zone: &str, _utc_ms: i64) -> Option<i64> {
    matches!(zone, "UTC" | "Etc/UTC").then_some(0)
}

/// True when the browser knows `zone` as a time zone.
pub(crate) fn known_zone(zone: &str) -> bool {
    offset_at(zone, 0).is_some()
}

/// `utc_ms` for a `datetime-local` input on `zone`'s clock.
pub(crate) fn to_input(utc_ms: i64, zone: &str) -> String {
    match wall_of(utc_ms, |t| offset_at(zone, t)) {
        Some(wall) => format_wall(wall),
        None => format_wall(utc_ms),
    }
}

/// A `datetime-local` input's text on `zone`'s clock as unix milliseconds (UTC), or why not.
pub(crate) fn from_input(text: &str, zone: &str) -> Result<i64, String> {
    let wall = parse_wall(text).ok_or_else(|| format!("{text:?} is not a date and time"))?;
    utc_of(wall, |t| offset_at(zone, t))
        .ok_or_else(|| format!("the time zone {zone:?} is unknown to this browser"))
}

/// An optional `datetime-local` input: empty for none.
pub(crate) fn from_optional_input(text: &str, zone: &str) -> Result<Option<i64>, String> {
    match text.trim() {
        "" => Ok(None),
        text => from_input(text, zone).map(Some),
    }
}

/// `utc_ms` as the organiser reads it: `2026-12-24 19:30` on `zone`'s clock.
pub(crate) fn show(utc_ms: i64, zone: &str) -> String {
    to_input(utc_ms, zone).replacen('T', " ", 1)
}

/// Now, in unix milliseconds (the browser's clock; 0 without one).
pub(crate) fn now_ms() -> i64 {
    #[cfg(feature = "hydrate")]
    return js_sys::Date::now() as i64;
    #[cfg(not(feature = "hydrate"))]
    0
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOUR_MS: i64 = 3_600_000;

    /// Paris in 2026: CET (+1) until 29 March 01:00 UTC, CEST (+2) until 25 October 01:00 UTC.
    fn paris(utc_ms: i64) -> Option<i64> {
        let spring = parse_wall("2026-03-29T01:00").unwrap();
        let autumn = parse_wall("2026-10-25T01:00").unwrap();
        Some(if (spring..autumn).contains(&utc_ms) {
            2 * HOUR_MS
        } else {
            HOUR_MS
        })
    }

    fn utc(text: &str) -> i64 {
        parse_wall(text).unwrap()
    }

    fn paris_utc(wall: &str) -> String {
        format_wall(utc_of(parse_wall(wall).unwrap(), paris).unwrap())
    }

    #[test]
    fn datetime_local_text_is_read_to_the_minute() {
        assert_eq!(parse_wall("1970-01-01T00:00"), Some(0));
        assert_eq!(parse_wall("1970-01-02T01:30"), Some(DAY_MS + 90 * MINUTE_MS));
        assert_eq!(parse_wall("1970-01-01T00:00:07"), Some(7_000));
        assert_eq!(parse_wall("1970-01-01T00:00:07.250"), Some(7_000));
        assert_eq!(format_wall(utc("2026-12-24T19:30")), "2026-12-24T19:30");
    }

    #[test]
    fn text_that_is_no_moment_is_refused() {
        for bad in [
            "",
            "2026-12-24",
            "2026-12-24T24:00",
            "2026-12-24T19:60",
            "2026-12-24T9:30",
            "2026-02-30T10:00",
            "2026-12-24 19:30",
            "2026-12-24T19:30:5",
            "2026-12-24T19:30:61",
            "2026-12-24T19:30x",
        ] {
            assert_eq!(parse_wall(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_wall_time_takes_the_offset_of_its_season() {
        assert_eq!(paris_utc("2026-01-15T20:00"), "2026-01-15T19:00");
        assert_eq!(paris_utc("2026-07-14T22:00"), "2026-07-14T20:00");
        assert_eq!(
            format_wall(wall_of(utc("2026-07-14T20:00"), paris).unwrap()),
            "2026-07-14T22:00"
        );
    }

    #[test]
    fn the_hour_skipped_in_spring_moves_on_by_the_gap() {
        assert_eq!(paris_utc("2026-03-29T01:59"), "2026-03-29T00:59");
        // 02:30 never shows on Paris clocks that night: it is 03:30 CEST, 01:30 UTC.
        assert_eq!(paris_utc("2026-03-29T02:30"), "2026-03-29T01:30");
        assert_eq!(paris_utc("2026-03-29T03:00"), "2026-03-29T01:00");
    }

    #[test]
    fn the_hour_repeated_in_autumn_is_its_first_time() {
        assert_eq!(paris_utc("2026-10-25T02:30"), "2026-10-25T00:30");
        assert_eq!(paris_utc("2026-10-25T03:00"), "2026-10-25T02:00");
        assert_eq!(paris_utc("2026-10-25T01:59"), "2026-10-24T23:59");
    }

    #[test]
    fn every_moment_reads_back_as_itself_outside_the_repeated_hour() {
        let start = utc("2026-03-27T00:00");
        for step in 0..(4 * 24 * 4) {
            let moment = start + step * 15 * MINUTE_MS;
            let wall = wall_of(moment, paris).unwrap();
            assert_eq!(utc_of(wall, paris), Some(moment), "{}", format_wall(moment));
        }
    }

    #[test]
    fn utc_is_known_without_a_browser() {
        assert!(known_zone("UTC"));
        assert_eq!(from_input("2026-12-24T19:30", "UTC"), Ok(utc("2026-12-24T19:30")));
        assert_eq!(show(utc("2026-12-24T19:30"), "UTC"), "2026-12-24 19:30");
        assert_eq!(from_optional_input(" ", "UTC"), Ok(None));
        assert!(from_input("tomorrow", "UTC").unwrap_err().contains("not a date"));
    }
}
