//! The salon's records around the pure rules: a staff member (name, photo, Telegram account,
//! archived) with their calendar as stored, and a service (an `appointment` product with its
//! length and the staff who perform it, each priced by one of the product's variants). What
//! the salon types for a staff member is checked here once; hours, rules and lengths are
//! checked by [`super::hours`], [`super::rules`] and [`super::service`].

use std::collections::BTreeSet;

use app::catalog::{ProductId, VariantId};
use app::error_code::ErrorCode;
use jiff::civil::{Date, Weekday};

use super::{Hours, HoursError, Interval, ServiceLength, StaffId, WeeklyHours, WorkingRange};
use crate::shop::invalid::Invalid;

/// The longest name of a staff member, in characters.
const MAX_NAME: usize = 64;
/// The longest photo URL.
const MAX_URL: usize = 512;
/// The longest reason given for a blocked time, in characters.
const MAX_REASON: usize = 200;

/// Who a staff member is, as the salon typed it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StaffDetails {
    /// 1 to 64 characters, trimmed.
    pub name: String,
    /// `https://…` or the shop's own `/media/…`.
    pub photo_url: Option<String>,
    /// Their Telegram account, a positive id.
    pub telegram_user_id: Option<i64>,
}

impl StaffDetails {
    /// Checks a staff member's details as typed.
    pub fn parse(
        name: &str,
        photo_url: Option<&str>,
        telegram_user_id: Option<i64>,
    ) -> Result<Self, Invalid> {
        let name = name.trim();
        if name.is_empty() || name.chars().count() > MAX_NAME {
            return Err(staff_invalid(format!("name is 1 to {MAX_NAME} characters")));
        }
        let photo_url = photo_url.map(str::trim).filter(|url| !url.is_empty());
        if let Some(url) = photo_url {
            let allowed = url.starts_with("https://") || url.starts_with("/media/");
            if !allowed || url.len() > MAX_URL || url.chars().any(char::is_whitespace) {
                return Err(staff_invalid(format!(
                    "photo_url is an https:// or /media/ address of at most {MAX_URL} characters"
                )));
            }
        }
        if telegram_user_id.is_some_and(|id| id <= 0) {
            return Err(staff_invalid(
                "telegram_user_id is a Telegram user id (a positive number)",
            ));
        }
        Ok(StaffDetails {
            name: name.to_owned(),
            photo_url: photo_url.map(str::to_owned),
            telegram_user_id,
        })
    }
}

fn staff_invalid(message: impl Into<String>) -> Invalid {
    Invalid::new(ErrorCode::StaffInvalid, message)
}

/// A blocked time as stored: its id, its span and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BlockedTime {
    pub id: i64,
    pub span: Interval,
    pub reason: String,
}

impl BlockedTime {
    /// Checks a blocked time as typed: a span ending after it starts and a reason of at most
    /// 200 characters. The id is the storage's.
    pub fn parse(starts_at: i64, ends_at: i64, reason: &str) -> Result<(Interval, String), Invalid> {
        let span = Interval::new(starts_at, ends_at).ok_or_else(|| {
            hours_invalid(&HoursError::BadBlocked {
                start: starts_at,
                end: ends_at,
            })
        })?;
        let reason = reason.trim();
        if reason.chars().count() > MAX_REASON {
            return Err(Invalid::new(
                ErrorCode::WorkingHoursInvalid,
                format!("reason is at most {MAX_REASON} characters"),
            ));
        }
        Ok((span, reason.to_owned()))
    }
}

/// A refusal of hours, a day off or a blocked time as answered: `working_hours_invalid`.
pub fn hours_invalid(error: &HoursError) -> Invalid {
    Invalid::new(ErrorCode::WorkingHoursInvalid, error.to_string())
}

/// Parses a week of ranges as typed: ISO weekdays (1 Monday … 7 Sunday) and `HH:MM` times.
pub fn parse_week(typed: &[(u8, &str, &str)]) -> Result<WeeklyHours, Invalid> {
    let ranges = typed
        .iter()
        .map(|&(weekday, start, end)| {
            let day = i8::try_from(weekday)
                .ok()
                .and_then(|day| Weekday::from_monday_one_offset(day).ok())
                .ok_or_else(|| {
                    Invalid::new(
                        ErrorCode::WorkingHoursInvalid,
                        format!("weekday is 1 (Monday) to 7 (Sunday), not {weekday}"),
                    )
                })?;
            WorkingRange::parse(day, start, end).map_err(|e| hours_invalid(&e))
        })
        .collect::<Result<_, _>>()?;
    WeeklyHours::new(ranges).map_err(|e| hours_invalid(&e))
}

/// Parses a day off as typed, `YYYY-MM-DD`.
pub fn parse_date(typed: &str) -> Result<Date, Invalid> {
    typed
        .trim()
        .parse::<Date>()
        .map_err(|_| hours_invalid(&HoursError::BadDate(typed.to_owned())))
}

/// A staff member with their calendar, as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StaffMember {
    pub id: StaffId,
    pub details: StaffDetails,
    pub archived: bool,
    pub weekly: WeeklyHours,
    pub days_off: BTreeSet<Date>,
    /// In start order.
    pub blocked: Vec<BlockedTime>,
}

impl StaffMember {
    /// Their working time, as the free times read it.
    pub fn hours(&self) -> Hours {
        Hours::new(
            self.weekly.clone(),
            self.days_off.clone(),
            self.blocked.iter().map(|b| b.span).collect(),
        )
    }
}

/// A service: the `appointment` product it is, its length, and who performs it at which of
/// the product's variants, in the salon's order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Service {
    pub id: ProductId,
    pub length: ServiceLength,
    pub staff: Vec<(StaffId, VariantId)>,
}

/// Checks a service's staff as typed: each staff member once, at most 50.
pub fn check_service_staff(staff: &[(StaffId, VariantId)]) -> Result<(), Invalid> {
    let mut seen = BTreeSet::new();
    if staff.len() > 50 || !staff.iter().all(|(id, _)| seen.insert(*id)) {
        return Err(Invalid::new(
            ErrorCode::StaffInvalid,
            "staff names each staff member once, at most 50",
        ));
    }
    Ok(())
}

/// A service's length as typed, or its refusal: `service_length_invalid`.
pub fn parse_length(duration_minutes: i64, buffer_minutes: i64) -> Result<ServiceLength, Invalid> {
    ServiceLength::parse(duration_minutes, buffer_minutes)
        .map_err(|e| Invalid::new(ErrorCode::ServiceLengthInvalid, e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_staff_member_has_a_name_and_may_have_a_safe_photo_and_an_account() {
        let anna = StaffDetails::parse(" Anna ", Some("https://example.org/a.jpg"), Some(42)).unwrap();
        assert_eq!(anna.name, "Anna");
        assert!(StaffDetails::parse("Malik", Some(""), None)
            .unwrap()
            .photo_url
            .is_none());
        for (name, url, id) in [
            ("", None, None),
            ("Anna", Some("javascript:alert(1)"), None),
            ("Anna", Some("http://example.org/a.jpg"), None),
            ("Anna", None, Some(0)),
        ] {
            let error = StaffDetails::parse(name, url, id).unwrap_err();
            assert_eq!(error.code, ErrorCode::StaffInvalid, "{name:?} {url:?} {id:?}");
        }
    }

    #[test]
    fn a_week_is_read_with_iso_weekdays() {
        let week = parse_week(&[(2, "09:00", "12:30"), (2, "13:30", "18:00")]).unwrap();
        assert_eq!(week.ranges()[0].weekday(), Weekday::Tuesday);
        assert_eq!(
            parse_week(&[(0, "09:00", "10:00")]).unwrap_err().code,
            ErrorCode::WorkingHoursInvalid
        );
        assert_eq!(
            parse_week(&[(8, "09:00", "10:00")]).unwrap_err().code,
            ErrorCode::WorkingHoursInvalid
        );
        let overlap = parse_week(&[(2, "09:00", "12:30"), (2, "12:00", "18:00")]).unwrap_err();
        assert_eq!(overlap.message, "Tue 09:00–12:30 and Tue 12:00–18:00 overlap");
    }

    #[test]
    fn a_service_names_each_staff_member_once() {
        assert!(check_service_staff(&[(StaffId(1), VariantId(1)), (StaffId(2), VariantId(1))]).is_ok());
        assert!(check_service_staff(&[(StaffId(1), VariantId(1)), (StaffId(1), VariantId(2))]).is_err());
    }
}
