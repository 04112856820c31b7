//! A client's chosen time, checked at checkout against the salon's calendar as last read:
//! the staff members who may take it (the one chosen, or for "anyone available" every one
//! priced at the line's variant), which of them are free then, and, when none is, whether the
//! time was taken by someone else (409 `slot_taken`, "Sorry, 15:30 with Anna was just booked")
//! or is not a time the salon offers at all (422 `slot_not_offered`).
//!
//! The calendar read here may be stale by the time the order is written: this decides what to
//! try and what to say; the claims written in the order's transaction decide who gets the time
//! (see [`super::claims`]).

use app::catalog::{ProductId, VariantId};

use super::{Interval, ServiceLength, SlotQuery, Staff, StaffId};
use crate::shop::events::TimeZone;

/// What a client asked for: a start, and a staff member or anyone available.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Choice {
    pub starts_at: i64,
    pub staff: Option<StaffId>,
}

/// A staff member who performs the service, with their calendar and price.
#[derive(Clone, Copy, Debug)]
pub struct Performer<'a> {
    pub calendar: Staff<'a>,
    pub name: &'a str,
    /// The variant bought to book them.
    pub variant: VariantId,
}

/// What a checkout line books, once its time was found free.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Booking {
    pub product: ProductId,
    pub variant: VariantId,
    pub start: i64,
    pub service: ServiceLength,
    /// Who may take it, free when the calendar was read, in the salon's order: the first whose
    /// claims succeed is booked.
    pub candidates: Vec<(StaffId, String)>,
    /// The start on the salon's wall clock, `15:30`, for messages.
    pub time_label: String,
}

impl Booking {
    /// The end of the time with the client.
    pub fn ends_at(&self) -> i64 {
        self.start + self.service.duration_ms()
    }

    /// What the booking takes from its staff member's calendar: the service and its buffer.
    pub fn busy(&self) -> Interval {
        Interval::booked(self.start, self.service)
    }

    /// The refusal when every candidate's time was claimed by another booking meanwhile.
    pub fn taken(&self) -> Refusal {
        Refusal::Taken {
            time: self.time_label.clone(),
            staff: self
                .candidates
                .first()
                .map(|(_, name)| name.clone())
                .unwrap_or_default(),
        }
    }
}

/// Why a chosen time cannot be booked.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    /// Someone else has that staff member's time (every eligible one's, for anyone available).
    #[error("Sorry, {time} with {staff} was just booked — please pick another time")]
    Taken { time: String, staff: String },
    /// Not one of the salon's free times: outside hours, too soon, past the horizon, off the
    /// step, or nobody performs the service at the line's price.
    #[error("{time} is not a time the salon offers; please pick one of the free times")]
    NotOffered { time: String },
}

/// Checks `choice` for a line of `variant` of service `product` against `performers` (in the
/// salon's order) under `query`.
pub fn choose(
    query: &SlotQuery<'_>,
    product: ProductId,
    variant: VariantId,
    choice: Choice,
    performers: &[Performer<'_>],
) -> Result<Booking, Refusal> {
    let time_label = wall_clock(query.zone, choice.starts_at);
    let eligible: Vec<&Performer<'_>> = performers
        .iter()
        .filter(|p| p.variant == variant && choice.staff.is_none_or(|asked| p.calendar.id == asked))
        .collect();
    let candidates: Vec<(StaffId, String)> = eligible
        .iter()
        .filter(|p| query.is_free(&p.calendar, choice.starts_at))
        .map(|p| (p.calendar.id, p.name.to_owned()))
        .collect();
    if !candidates.is_empty() {
        return Ok(Booking {
            product,
            variant,
            start: choice.starts_at,
            service: query.service,
            candidates,
            time_label,
        });
    }
    // Free if nobody had booked it: then someone did.
    let taken_from = eligible.iter().find(|p| {
        let unbooked = Staff {
            busy: &[],
            ..p.calendar
        };
        query.is_free(&unbooked, choice.starts_at)
    });
    Err(match taken_from {
        Some(p) => Refusal::Taken {
            time: time_label,
            staff: p.name.to_owned(),
        },
        None => Refusal::NotOffered { time: time_label },
    })
}

/// `at` on the salon's wall clock, `HH:MM`.
pub fn wall_clock(zone: &TimeZone, at: i64) -> String {
    jiff::Timestamp::from_millisecond(at)
        .map(|t| t.to_zoned(zone.zone().clone()).strftime("%H:%M").to_string())
        .unwrap_or_else(|_| at.to_string())
}

impl Refusal {
    /// The time and with whom, `15:30 with Anna` (of a taken one; the time alone otherwise).
    pub fn time_with(&self) -> String {
        match self {
            Refusal::Taken { time, staff } => format!("{time} with {staff}"),
            Refusal::NotOffered { time } => time.clone(),
        }
    }

    /// `staff`'s time at `at` went to someone else (at pre-checkout, when a lapsed hold could
    /// not take it again).
    pub fn taken(zone: &TimeZone, staff: &str, at: i64) -> Self {
        Refusal::Taken {
            time: wall_clock(zone, at),
            staff: staff.to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::shop::appointments::{BookingRules, Hours, WeeklyHours};
    use jiff::civil::Weekday;
    use std::collections::BTreeSet;

    /// 2027-03-30, a Tuesday, 09:00 in Paris (summer time: UTC+2).
    const NINE: i64 = 1_806_390_000_000;
    const MINUTE: i64 = 60_000;
    const HAIRCUT: ProductId = ProductId(7);
    const SENIOR: VariantId = VariantId(70);
    const JUNIOR: VariantId = VariantId(71);

    fn tuesday_nine_to_noon() -> Hours {
        let weekly = WeeklyHours::parse(&[(Weekday::Tuesday, "09:00", "12:00")]).unwrap();
        Hours::new(weekly, BTreeSet::new(), Vec::new())
    }

    struct Salon {
        zone: TimeZone,
        rules: BookingRules,
        hours: Hours,
        anna_busy: Vec<Interval>,
        bea_busy: Vec<Interval>,
    }

    impl Salon {
        fn new() -> Self {
            Salon {
                zone: TimeZone::parse("Europe/Paris").unwrap(),
                rules: BookingRules::default(),
                hours: tuesday_nine_to_noon(),
                anna_busy: Vec::new(),
                bea_busy: Vec::new(),
            }
        }

        /// Anna and Bea, both senior stylists, and Carl, a junior.
        fn choose(&self, variant: VariantId, choice: Choice) -> Result<Booking, Refusal> {
            let query = SlotQuery {
                zone: &self.zone,
                rules: &self.rules,
                service: ServiceLength::parse(45, 15).unwrap(),
                now: NINE - 7 * 24 * 60 * MINUTE,
            };
            let performer = |id, name, busy, variant| Performer {
                calendar: Staff {
                    id: StaffId(id),
                    hours: &self.hours,
                    busy,
                },
                name,
                variant,
            };
            let performers = [
                performer(1, "Anna", &self.anna_busy[..], SENIOR),
                performer(2, "Bea", &self.bea_busy[..], SENIOR),
                performer(3, "Carl", &[][..], JUNIOR),
            ];
            choose(&query, HAIRCUT, variant, choice, &performers)
        }
    }

    fn at(starts_at: i64, staff: Option<i64>) -> Choice {
        Choice {
            starts_at,
            staff: staff.map(StaffId),
        }
    }

    fn names(booking: &Booking) -> Vec<&str> {
        booking.candidates.iter().map(|(_, n)| n.as_str()).collect()
    }

    #[test]
    fn a_free_time_with_the_staff_member_chosen_is_booked_with_them() {
        let booking = Salon::new()
            .choose(SENIOR, at(NINE + 30 * MINUTE, Some(2)))
            .unwrap();
        assert_eq!(names(&booking), ["Bea"]);
        assert_eq!(booking.time_label, "09:30");
        assert_eq!(booking.ends_at(), NINE + 75 * MINUTE);
        assert_eq!(booking.busy().end(), NINE + 90 * MINUTE);
    }

    #[test]
    fn anyone_available_tries_everyone_at_the_lines_price_in_the_salons_order() {
        let mut salon = Salon::new();
        assert_eq!(
            names(&salon.choose(SENIOR, at(NINE, None)).unwrap()),
            ["Anna", "Bea"]
        );
        salon.anna_busy = vec![Interval::new(NINE, NINE + 60 * MINUTE).unwrap()];
        assert_eq!(names(&salon.choose(SENIOR, at(NINE, None)).unwrap()), ["Bea"]);
        assert_eq!(names(&salon.choose(JUNIOR, at(NINE, None)).unwrap()), ["Carl"]);
    }

    #[test]
    fn a_time_someone_else_has_is_taken_and_says_with_whom() {
        let mut salon = Salon::new();
        salon.anna_busy = vec![Interval::new(NINE + 60 * MINUTE, NINE + 120 * MINUTE).unwrap()];
        // 09:30's service and buffer run to 10:30, into Anna's 10:00.
        let refusal = salon.choose(SENIOR, at(NINE + 30 * MINUTE, Some(1))).unwrap_err();
        assert_eq!(
            refusal.to_string(),
            "Sorry, 09:30 with Anna was just booked — please pick another time"
        );
        salon.bea_busy = salon.anna_busy.clone();
        let refusal = salon.choose(SENIOR, at(NINE + 30 * MINUTE, None)).unwrap_err();
        assert_eq!(
            refusal,
            Refusal::Taken {
                time: "09:30".into(),
                staff: "Anna".into()
            }
        );
    }

    #[test]
    fn times_the_salon_does_not_offer_are_not_offered() {
        let salon = Salon::new();
        let not_offered =
            |variant, choice| matches!(salon.choose(variant, choice), Err(Refusal::NotOffered { .. }));
        // 11:30 + 45 minutes runs past noon; 08:45 is before opening; 09:05 is off the step.
        assert!(not_offered(SENIOR, at(NINE + 150 * MINUTE, Some(1))));
        assert!(not_offered(SENIOR, at(NINE - 15 * MINUTE, None)));
        assert!(not_offered(SENIOR, at(NINE + 5 * MINUTE, None)));
        // Carl is not priced at the senior's variant, nor Anna at the junior's.
        assert!(not_offered(SENIOR, at(NINE, Some(3))));
        assert!(not_offered(JUNIOR, at(NINE, Some(1))));
        // An unknown staff member.
        assert!(not_offered(SENIOR, at(NINE, Some(99))));
    }
}
