//! Dates as `<input type="date">` gives them (`YYYY-MM-DD`) and as the API takes them (unix
//! milliseconds, UTC). Days are UTC days, as the dashboard's are.

const DAY_MS: i64 = 86_400_000;

/// The unix milliseconds of `YYYY-MM-DD`'s first moment (UTC); `None` unless a real date.
pub(crate) fn start_of(date: &str) -> Option<i64> {
    let mut parts = date.trim().splitn(3, '-');
    let mut next = |len: usize| {
        parts
            .next()
            .filter(|p| p.len() == len && p.bytes().all(|b| b.is_ascii_digit()))
    };
    let (year, month, day): (i64, i64, i64) = (
        next(4)?.parse().ok()?,
        next(2)?.parse().ok()?,
        next(2)?.parse().ok()?,
    );
    if !(1..=12).contains(&month) || day < 1 || day > days_in_month(year, month) {
        return None;
    }
    // Howard Hinnant's days_from_civil.
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some((era * 146_097 + doe - 719_468) * DAY_MS)
}

/// The last millisecond of `YYYY-MM-DD` (UTC), for a range that includes that day.
pub(crate) fn end_of(date: &str) -> Option<i64> {
    start_of(date).map(|start| start + DAY_MS - 1)
}

/// `YYYY-MM-DD` of a moment (UTC).
pub(crate) fn date_of(ms: i64) -> String {
    crate::iso_utc(ms)[..10].to_owned()
}

fn days_in_month(year: i64, month: i64) -> i64 {
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_date_is_its_first_utc_millisecond() {
        assert_eq!(start_of("1970-01-01"), Some(0));
        assert_eq!(start_of("2024-10-04"), Some(20_000 * DAY_MS));
        assert_eq!(end_of("1970-01-01"), Some(DAY_MS - 1));
        assert_eq!(start_of("2024-02-29").map(date_of).as_deref(), Some("2024-02-29"));
    }

    #[test]
    fn dates_that_do_not_exist_are_refused() {
        for bad in [
            "",
            "2023-02-29",
            "2024-13-01",
            "2024-1-01",
            "24-01-01",
            "2024-01-32",
            "2024/01/01",
            "2024-01-01x",
        ] {
            assert_eq!(start_of(bad), None, "{bad}");
        }
    }
}
