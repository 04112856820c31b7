//! An appointment's time as its client reads it: on the salon's clock (the shop's IANA zone)
//! in the client's language, with the client's own time beside it when the device is
//! somewhere the clock differs ("10:30 · 16:30 your time", a client travelling to the salon).
//! Civil dates are counted here (the date strip's days and weeks); every wording of a date or
//! time is the browser's `Intl`, so the wasm carries no time-zone data. Server rendering,
//! which has no browser, shows UTC and says so (these pages load their data in the browser,
//! so it never shows an appointment).
//!
//! Shared by the services chunk and the order page; nothing here is in the storefront's first
//! open.

use crate::i18n::{td_string, Locale};

const DAY_MS: i64 = 86_400_000;

/// A civil date (no zone), as days since 1970-01-01.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct Day(i64);

impl Day {
    /// The date `year-month-day`, if there is one (no 31 April, 29 February in leap years
    /// only). Howard Hinnant's days-from-civil.
    pub(crate) fn from_ymd(year: i64, month: u32, day: u32) -> Option<Day> {
        let month_days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
            2 => 28,
            _ => return None,
        };
        if day == 0 || day > month_days {
            return None;
        }
        let (month, day) = (i64::from(month), i64::from(day));
        let year = if month <= 2 { year - 1 } else { year };
        let era = year.div_euclid(400);
        let yoe = year.rem_euclid(400);
        let doy = (153 * (if month > 2 { month - 3 } else { month + 9 }) + 2) / 5 + day - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        Some(Day(era * 146_097 + doe - 719_468))
    }

    /// `YYYY-MM-DD`, as the server writes dates; anything else is `None`.
    pub(crate) fn parse(text: &str) -> Option<Day> {
        let bytes = text.as_bytes();
        let digits = |range: std::ops::Range<usize>| {
            bytes[range.clone()]
                .iter()
                .all(u8::is_ascii_digit)
                .then(|| text[range].parse::<u32>().ok())
                .flatten()
        };
        if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
            return None;
        }
        Day::from_ymd(i64::from(digits(0..4)?), digits(5..7)?, digits(8..10)?)
    }

    /// Year, month (1–12) and day of the month.
    pub(crate) fn ymd(self) -> (i64, u32, u32) {
        let iso = crate::iso_utc(self.0 * DAY_MS);
        let field = |range: std::ops::Range<usize>| iso[range].parse::<i64>().unwrap_or(0);
        (field(0..4), field(5..7) as u32, field(8..10) as u32)
    }

    /// The ISO weekday: 1 for Monday … 7 for Sunday.
    pub(crate) fn weekday(self) -> u8 {
        // 1970-01-01 was a Thursday.
        ((self.0 + 3).rem_euclid(7) + 1) as u8
    }

    /// The date `days` later (earlier when negative).
    pub(crate) fn plus(self, days: i64) -> Day {
        Day(self.0 + days)
    }

    /// Noon UTC of the date: the instant to format it from with `timeZone: "UTC"`, whatever
    /// the browser's zone.
    #[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
    pub(crate) fn noon_utc(self) -> i64 {
        self.0 * DAY_MS + DAY_MS / 2
    }
}

impl std::fmt::Display for Day {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&crate::iso_utc(self.0 * DAY_MS)[..10])
    }
}

/// What a clock on the wall reads: the date, and the minute of the day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Wall {
    pub day: Day,
    pub minute: u16,
}

/// Whether the client's own time goes beside the salon's, and with how much of it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum YourTime {
    /// The device's clock reads what the salon's does (or its zone is unknown).
    Hidden,
    /// Another time the same day: the time alone.
    SameDay,
    /// Another day on the client's clock: the weekday too.
    OtherDay,
}

/// Decides [`YourTime`] from the salon's clock and the device's (`None`: unknown) at one
/// instant. Two zone names that read the same there (Paris and Berlin) show nothing beside.
pub(crate) fn your_time(salon: Option<Wall>, device: Option<Wall>) -> YourTime {
    match (salon, device) {
        (Some(salon), Some(device)) if salon != device => match salon.day == device.day {
            true => YourTime::SameDay,
            false => YourTime::OtherDay,
        },
        _ => YourTime::Hidden,
    }
}

/// An instant as the client reads it: on the salon's clock, and on their own when it differs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct SalonTime {
    /// The salon's, e.g. "10:30" or "mardi 8 décembre 2026 à 10:30".
    pub salon: String,
    /// The client's, worded whole, e.g. "16:30 your time".
    pub yours: Option<String>,
}

impl SalonTime {
    /// "10:30 · 16:30 your time", or the salon's time alone.
    pub(crate) fn line(&self) -> String {
        match &self.yours {
            Some(yours) => format!("{} · {yours}", self.salon),
            None => self.salon.clone(),
        }
    }
}

/// `ms` on the salon's clock in `zone` (with the date when `with_date`), and the client's
/// own time beside it when the device's clock differs.
pub(crate) fn salon_time(ms: i64, zone: &str, locale: Locale, with_date: bool) -> SalonTime {
    let salon = match with_date {
        true => format(ms, zone, locale, &[("dateStyle", "full"), ("timeStyle", "short")]),
        false => format(ms, zone, locale, &[("timeStyle", "short")]),
    };
    let device = device_zone();
    let beside = match device.as_deref() {
        Some(device) if device != zone => your_time(wall(ms, zone), wall(ms, device)),
        _ => YourTime::Hidden,
    };
    let yours = device.and_then(|device| {
        let time = match beside {
            YourTime::Hidden => return None,
            YourTime::SameDay => format(ms, &device, locale, &[("timeStyle", "short")]),
            YourTime::OtherDay => format(
                ms,
                &device,
                locale,
                &[("weekday", "short"), ("hour", "numeric"), ("minute", "2-digit")],
            ),
        };
        Some(td_string!(locale, your_time, time = time))
    });
    SalonTime { salon, yours }
}

/// A date's cell in the date strip: short weekday, day of the month and short month, in the
/// client's language ("mar.", "8", "déc.").
pub(crate) fn day_parts(day: Day, locale: Locale) -> (String, String, String) {
    let part = |options: &[(&str, &str)]| format(day.noon_utc(), "UTC", locale, options);
    (
        part(&[("weekday", "short")]),
        part(&[("day", "numeric")]),
        part(&[("month", "short")]),
    )
}

/// A date in full in the client's language ("mardi 8 décembre 2026").
pub(crate) fn long_date(day: Day, locale: Locale) -> String {
    format(day.noon_utc(), "UTC", locale, &[("dateStyle", "full")])
}

/// `ms` formatted in `zone` with `options` (besides the zone) in `locale`.
#[cfg(feature = "hydrate")]
fn format(ms: i64, zone: &str, locale: Locale, options: &[(&str, &str)]) -> String {
    use crate::pages::intl::{call_format, date, date_format};
    let mut all = vec![("timeZone", zone)];
    all.extend_from_slice(options);
    date_format(locale, &all)
        .and_then(|format| call_format(&format, &date(ms).into()))
        .unwrap_or_else(|| utc(ms))
}

/// Server rendering knows no browser: UTC, said so.
#[cfg(not(feature = "hydrate"))]
fn format(ms: i64, _zone: &str, _locale: Locale, _options: &[(&str, &str)]) -> String {
    utc(ms)
}

fn utc(ms: i64) -> String {
    let iso = crate::iso_utc(ms);
    format!("{} {} UTC", &iso[..10], &iso[11..16])
}

/// The device's IANA zone (`Intl.DateTimeFormat().resolvedOptions().timeZone`).
#[cfg(feature = "hydrate")]
pub(crate) fn device_zone() -> Option<String> {
    use crate::pages::intl::{call, intl, object, string_field};
    let format = intl("DateTimeFormat", "en", &object(&[]))?;
    let resolved = call(&format, "resolvedOptions", &wasm_bindgen::JsValue::UNDEFINED)?;
    string_field(&resolved, "timeZone").filter(|zone| !zone.is_empty())
}

#[cfg(not(feature = "hydrate"))]
pub(crate) fn device_zone() -> Option<String> {
    None
}

/// What a clock in `zone` reads at `ms`, or `None` for a zone the browser does not know.
#[cfg(feature = "hydrate")]
pub(crate) fn wall(ms: i64, zone: &str) -> Option<Wall> {
    use crate::pages::intl::{call, date, intl, object, string_field};
    let options = object(&[
        ("timeZone", zone),
        ("calendar", "gregory"),
        ("numberingSystem", "latn"),
        ("hourCycle", "h23"),
        ("year", "numeric"),
        ("month", "numeric"),
        ("day", "numeric"),
        ("hour", "numeric"),
        ("minute", "numeric"),
    ]);
    let format = intl("DateTimeFormat", "en-US", &options)?;
    let parts = call(&format, "formatToParts", &date(ms).into())?;
    let parts: js_sys::Array = wasm_bindgen::JsCast::dyn_into(parts).ok()?;
    let field = |name: &str| {
        parts.iter().find_map(|part| {
            (string_field(&part, "type").as_deref() == Some(name))
                .then(|| string_field(&part, "value")?.parse::<i64>().ok())
                .flatten()
        })
    };
    let day = Day::from_ymd(
        field("year")?,
        u32::try_from(field("month")?).ok()?,
        u32::try_from(field("day")?).ok()?,
    )?;
    // Some engines write midnight as 24 even with h23.
    let minute = (field("hour")? % 24) * 60 + field("minute")?;
    Some(Wall {
        day,
        minute: u16::try_from(minute).ok()?,
    })
}

#[cfg(not(feature = "hydrate"))]
pub(crate) fn wall(ms: i64, _zone: &str) -> Option<Wall> {
    let day = Day(ms.div_euclid(DAY_MS));
    let minute = u16::try_from(ms.rem_euclid(DAY_MS) / 60_000).ok()?;
    Some(Wall { day, minute })
}

/// Today on the salon's clock (the browser's UTC date when the zone is unknown).
pub(crate) fn today(zone: &str) -> Day {
    let now = now_ms();
    wall(now, zone).map_or(Day(now.div_euclid(DAY_MS)), |wall| wall.day)
}

/// Now, unix milliseconds.
pub(crate) fn now_ms() -> i64 {
    #[cfg(feature = "hydrate")]
    return js_sys::Date::now() as i64;
    #[cfg(not(feature = "hydrate"))]
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> Day {
        Day::parse(text).unwrap()
    }

    #[test]
    fn dates_are_read_as_the_server_writes_them_and_written_back() {
        for text in [
            "1970-01-01",
            "2000-02-29",
            "2026-12-08",
            "2099-12-31",
            "1969-12-31",
        ] {
            assert_eq!(day(text).to_string(), text);
        }
        assert_eq!(day("1970-01-02"), Day(1));
        assert_eq!(day("2026-12-08").ymd(), (2026, 12, 8));
        for bad in [
            "2026-02-29",
            "2026-04-31",
            "2026-13-01",
            "2026-00-10",
            "2026-1-10",
            "2026/01/10",
            "+026-01-10",
            "",
        ] {
            assert_eq!(Day::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn weekdays_are_counted_from_monday() {
        assert_eq!(day("1970-01-01").weekday(), 4, "a Thursday");
        assert_eq!(day("2026-12-07").weekday(), 1, "a Monday");
        assert_eq!(day("2026-12-08").weekday(), 2, "a Tuesday");
        assert_eq!(day("2026-12-13").weekday(), 7, "a Sunday");
        assert_eq!(day("1969-12-29").weekday(), 1, "before 1970 too");
        assert_eq!(day("2026-12-31").plus(1), day("2027-01-01"));
    }

    fn wall(date: &str, hour: u16, minute: u16) -> Option<Wall> {
        Some(Wall {
            day: day(date),
            minute: hour * 60 + minute,
        })
    }

    #[test]
    fn the_clients_time_shows_only_when_their_clock_reads_otherwise() {
        let salon = wall("2026-12-08", 10, 30);
        assert_eq!(your_time(salon, salon), YourTime::Hidden, "Berlin reads as Paris");
        assert_eq!(your_time(salon, None), YourTime::Hidden, "an unknown device zone");
        assert_eq!(your_time(None, salon), YourTime::Hidden, "an unknown salon zone");
        assert_eq!(
            your_time(salon, wall("2026-12-08", 9, 30)),
            YourTime::SameDay,
            "London, an hour behind"
        );
        assert_eq!(
            your_time(salon, wall("2026-12-08", 18, 30)),
            YourTime::SameDay,
            "Tokyo, the same evening"
        );
        assert_eq!(
            your_time(salon, wall("2026-12-09", 2, 30)),
            YourTime::OtherDay,
            "Auckland, the next night"
        );
        assert_eq!(
            your_time(wall("2026-12-08", 9, 0), wall("2026-12-07", 22, 0)),
            YourTime::OtherDay,
            "Honolulu, the evening before"
        );
    }

    #[test]
    fn the_clients_line_puts_their_time_after_the_salons() {
        let both = SalonTime {
            salon: "10:30".into(),
            yours: Some("16:30 your time".into()),
        };
        assert_eq!(both.line(), "10:30 · 16:30 your time");
        let alone = SalonTime {
            salon: "10:30".into(),
            yours: None,
        };
        assert_eq!(alone.line(), "10:30");
    }

    #[test]
    #[cfg(not(feature = "hydrate"))]
    fn server_rendering_says_the_time_is_utc() {
        let at = 1_796_722_200_000; // 2026-12-08T09:30:00Z
        assert_eq!(
            salon_time(at, "Europe/Paris", Locale::fr, false).line(),
            "2026-12-08 09:30 UTC"
        );
    }
}
