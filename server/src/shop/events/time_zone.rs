//! The shop's time zone, in which events are set and shown: an IANA name (`Europe/Berlin`)
//! that the tz database bundled with `jiff` knows.

use crate::shop::invalid::Invalid;
use app::error_code::ErrorCode;

/// An IANA time zone name the tz database knows, e.g. `Europe/Berlin`; `UTC` by default.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimeZone {
    name: String,
    zone: jiff::tz::TimeZone,
}

impl TimeZone {
    /// UTC, until the merchant sets another.
    pub fn utc() -> Self {
        TimeZone {
            name: "UTC".to_owned(),
            zone: jiff::tz::TimeZone::UTC,
        }
    }

    /// Parses an IANA name as typed (trimmed); the database's own spelling is kept.
    pub fn parse(typed: &str) -> Result<Self, Invalid> {
        let typed = typed.trim();
        let zone = jiff::tz::db().get(typed).map_err(|_| {
            Invalid::new(
                ErrorCode::BadTimeZone,
                format!("time_zone is an IANA time zone name such as Europe/Berlin, not {typed:?}"),
            )
        })?;
        let name = zone.iana_name().unwrap_or(typed).to_owned();
        Ok(TimeZone { name, zone })
    }

    /// The IANA name, e.g. `Europe/Berlin`.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The zone itself, for the rules that turn wall-clock times into instants (appointments'
    /// working hours).
    pub fn zone(&self) -> &jiff::tz::TimeZone {
        &self.zone
    }

    /// `at` (unix milliseconds) as the zone's wall clock, e.g. `Sat 19 Dec 2026, 20:00`.
    pub fn format(&self, at: i64) -> String {
        match jiff::Timestamp::from_millisecond(at) {
            Ok(ts) => ts
                .to_zoned(self.zone.clone())
                .strftime("%a %-d %b %Y, %H:%M")
                .to_string(),
            Err(_) => String::new(),
        }
    }
}

impl Default for TimeZone {
    fn default() -> Self {
        Self::utc()
    }
}
