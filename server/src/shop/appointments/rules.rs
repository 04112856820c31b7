//! The salon's booking rules: how far ahead clients may book, the minimum notice, the slot
//! step, until when a client may cancel or reschedule an appointment themselves, and whether
//! such a cancellation is refunded. Each has the issue's default; what the salon types is
//! checked once here.
//!
//! The step is any multiple of 5 minutes from 5 to 120: slots are counted from each working
//! range's start, so a 45-minute step gives 09:00, 09:45, 10:30 (45-minute services back to
//! back), and nothing requires it to divide an hour, since the no-double-booking claims sit on
//! the fixed 5-minute grid, not on the step (see [`super::claims`]).

use super::{GRAIN_MINUTES, MINUTE_MS};

/// Clients may book up to 60 days ahead by default.
pub const DEFAULT_HORIZON_DAYS: i64 = 60;
/// A slot starts at least 2 hours after the booking by default.
pub const DEFAULT_MIN_NOTICE_MINUTES: i64 = 2 * 60;
/// Slots every 15 minutes by default.
pub const DEFAULT_STEP_MINUTES: i64 = 15;
/// Clients may cancel or reschedule until 24 hours before by default.
pub const DEFAULT_SELF_SERVICE_MINUTES: i64 = 24 * 60;
const MAX_HORIZON_DAYS: i64 = 366;
const MAX_STEP_MINUTES: i64 = 120;
const MAX_NOTICE_MINUTES: i64 = 30 * 24 * 60;

/// The rules as the salon types them; `None` keeps the default.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TypedRules {
    /// How many days ahead of today (in the shop's time zone) clients may book: 1 to 366.
    pub horizon_days: Option<i64>,
    /// How long before its start a slot stops being offered, in minutes: 0 to 30 days, less
    /// than the horizon.
    pub min_notice_minutes: Option<i64>,
    /// The slots' step, in minutes: 5 to 120, a multiple of 5.
    pub step_minutes: Option<i64>,
    /// How long before its start a client may still cancel or reschedule an appointment
    /// themselves, in minutes: 0 (until it starts) to 30 days.
    pub self_service_minutes: Option<i64>,
    /// Whether a client's own cancellation is refunded.
    pub refund_cancellations: Option<bool>,
}

/// Why booking rules were refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum RulesError {
    /// A horizon outside 1 to 366 days.
    #[error("horizon_days is 1 to {MAX_HORIZON_DAYS}, not {0}")]
    Horizon(i64),
    /// A minimum notice outside 0 to 30 days.
    #[error("min_notice_minutes is 0 to {MAX_NOTICE_MINUTES}, not {0}")]
    MinNotice(i64),
    /// A minimum notice that leaves no bookable day inside the horizon.
    #[error("min_notice_minutes is less than the horizon of {horizon_days} days, not {notice}")]
    NoticeBeyondHorizon {
        /// The notice typed, in minutes.
        notice: i64,
        /// The horizon, in days.
        horizon_days: i64,
    },
    /// A step outside 5 to 120 minutes or off the 5-minute grid.
    #[error("step_minutes is 5 to {MAX_STEP_MINUTES}, a multiple of 5, not {0}")]
    Step(i64),
    /// A self-service window outside 0 to 30 days.
    #[error("self_service_minutes is 0 to {MAX_NOTICE_MINUTES}, not {0}")]
    SelfService(i64),
}

/// The salon's booking rules, checked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BookingRules {
    horizon_days: i64,
    min_notice_minutes: i64,
    step_minutes: i64,
    self_service_minutes: i64,
    refund_cancellations: bool,
}

impl Default for BookingRules {
    /// 60 days ahead, 2 hours' notice, a 15-minute step, self-service until 24 hours before,
    /// cancellations refunded.
    fn default() -> Self {
        BookingRules {
            horizon_days: DEFAULT_HORIZON_DAYS,
            min_notice_minutes: DEFAULT_MIN_NOTICE_MINUTES,
            step_minutes: DEFAULT_STEP_MINUTES,
            self_service_minutes: DEFAULT_SELF_SERVICE_MINUTES,
            refund_cancellations: true,
        }
    }
}

impl BookingRules {
    /// Parses the rules as typed, the defaults filling what is not.
    pub fn parse(typed: &TypedRules) -> Result<Self, RulesError> {
        let default = BookingRules::default();
        let horizon_days = typed.horizon_days.unwrap_or(default.horizon_days);
        if !(1..=MAX_HORIZON_DAYS).contains(&horizon_days) {
            return Err(RulesError::Horizon(horizon_days));
        }
        let notice = typed.min_notice_minutes.unwrap_or(default.min_notice_minutes);
        if !(0..=MAX_NOTICE_MINUTES).contains(&notice) {
            return Err(RulesError::MinNotice(notice));
        }
        if notice >= horizon_days * 24 * 60 {
            return Err(RulesError::NoticeBeyondHorizon { notice, horizon_days });
        }
        let step = typed.step_minutes.unwrap_or(default.step_minutes);
        if !(GRAIN_MINUTES..=MAX_STEP_MINUTES).contains(&step) || step % GRAIN_MINUTES != 0 {
            return Err(RulesError::Step(step));
        }
        let self_service = typed.self_service_minutes.unwrap_or(default.self_service_minutes);
        if !(0..=MAX_NOTICE_MINUTES).contains(&self_service) {
            return Err(RulesError::SelfService(self_service));
        }
        Ok(BookingRules {
            horizon_days,
            min_notice_minutes: notice,
            step_minutes: step,
            self_service_minutes: self_service,
            refund_cancellations: typed.refund_cancellations.unwrap_or(default.refund_cancellations),
        })
    }

    /// How many days after today the last bookable date is.
    pub fn horizon_days(&self) -> i64 {
        self.horizon_days
    }

    /// The minimum notice, in minutes.
    pub fn min_notice_minutes(&self) -> i64 {
        self.min_notice_minutes
    }

    /// The minimum notice, in milliseconds.
    pub fn min_notice_ms(&self) -> i64 {
        self.min_notice_minutes * MINUTE_MS
    }

    /// The step, in minutes.
    pub fn step_minutes(&self) -> i64 {
        self.step_minutes
    }

    /// The step, in milliseconds.
    pub fn step_ms(&self) -> i64 {
        self.step_minutes * MINUTE_MS
    }

    /// How long before its start a client may still cancel or reschedule, in minutes.
    pub fn self_service_minutes(&self) -> i64 {
        self.self_service_minutes
    }

    /// Whether a client's own cancellation is refunded (the salon's always is).
    pub fn refund_cancellations(&self) -> bool {
        self.refund_cancellations
    }

    /// Whether at `now` a client may still cancel or reschedule an appointment starting at
    /// `starts_at` themselves: until `self_service_minutes` before it, that instant included.
    pub fn self_service_open(&self, now: i64, starts_at: i64) -> bool {
        now <= starts_at - self.self_service_minutes * MINUTE_MS
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOUR: i64 = 3_600_000;

    #[test]
    fn the_defaults_are_the_issues() {
        let rules = BookingRules::parse(&TypedRules::default()).unwrap();
        assert_eq!(rules, BookingRules::default());
        assert_eq!(rules.horizon_days(), 60);
        assert_eq!(rules.min_notice_ms(), 2 * HOUR);
        assert_eq!(rules.step_ms(), 15 * 60_000);
        assert_eq!(rules.self_service_minutes(), 24 * 60);
        assert!(rules.refund_cancellations());
    }

    #[test]
    fn typed_rules_replace_the_defaults() {
        let rules = BookingRules::parse(&TypedRules {
            horizon_days: Some(14),
            min_notice_minutes: Some(0),
            step_minutes: Some(45),
            self_service_minutes: Some(0),
            refund_cancellations: Some(false),
        })
        .unwrap();
        assert_eq!(
            (
                rules.horizon_days(),
                rules.min_notice_minutes(),
                rules.step_minutes()
            ),
            (14, 0, 45)
        );
        assert!(!rules.refund_cancellations());
    }

    #[test]
    fn the_step_is_a_multiple_of_5_from_5_to_120_minutes() {
        let step = |minutes| {
            BookingRules::parse(&TypedRules {
                step_minutes: Some(minutes),
                ..TypedRules::default()
            })
        };
        for good in [5, 10, 15, 20, 30, 45, 60, 90, 120] {
            assert_eq!(step(good).unwrap().step_minutes(), good);
        }
        for bad in [0, 3, 7, 125, -15] {
            assert_eq!(step(bad), Err(RulesError::Step(bad)));
        }
    }

    #[test]
    fn horizon_notice_and_window_are_bounded() {
        let parse = |typed: TypedRules| BookingRules::parse(&typed);
        let horizon = |days| TypedRules {
            horizon_days: Some(days),
            ..TypedRules::default()
        };
        assert_eq!(parse(horizon(0)), Err(RulesError::Horizon(0)));
        assert_eq!(parse(horizon(367)), Err(RulesError::Horizon(367)));
        let notice = |minutes| TypedRules {
            min_notice_minutes: Some(minutes),
            ..TypedRules::default()
        };
        assert_eq!(parse(notice(-1)), Err(RulesError::MinNotice(-1)));
        let error = parse(TypedRules {
            horizon_days: Some(1),
            ..notice(24 * 60)
        });
        assert_eq!(
            error,
            Err(RulesError::NoticeBeyondHorizon {
                notice: 1440,
                horizon_days: 1
            })
        );
        let window = TypedRules {
            self_service_minutes: Some(-60),
            ..TypedRules::default()
        };
        assert_eq!(parse(window), Err(RulesError::SelfService(-60)));
    }

    #[test]
    fn a_client_may_cancel_or_reschedule_until_24_hours_before() {
        let rules = BookingRules::default();
        let starts_at = 100 * HOUR;
        assert!(rules.self_service_open(starts_at - 25 * HOUR, starts_at));
        assert!(rules.self_service_open(starts_at - 24 * HOUR, starts_at));
        assert!(!rules.self_service_open(starts_at - 24 * HOUR + 1, starts_at));
        assert!(!rules.self_service_open(starts_at + HOUR, starts_at));
    }
}
