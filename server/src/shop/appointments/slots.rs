//! The free times a client may pick for a service: per staff member and local date, the date
//! strip (which dates have any), and "anyone available" (the union over several staff members,
//! each time naming who is free).
//!
//! A start is free when, counted in real time from its working range's start by the salon's
//! step: the service fits inside that one range and outside the blocked times, the service
//! and its buffer overlap no appointment or hold (theirs counted with their buffer), it is at
//! least the minimum notice after `now`, and its local date is between today and today plus
//! the horizon (in the shop's time zone). The horizon counts dates, not hours: the last
//! bookable day is offered whole, and the strip moves at midnight.
//!
//! A slot belongs to the local date it starts on: the 01:00 of Friday's 22:00–02:00 range is
//! shown on Saturday (though Friday's day off, not Saturday's, removes it). The buffer and
//! daylight-saving rules are in the [module](super) header.

use std::collections::BTreeMap;

use jiff::civil::Date;
use jiff::{Timestamp, ToSpan};

use super::{BookingRules, Hours, Interval, ServiceLength, StaffId};
use crate::shop::events::TimeZone;

/// One staff member's calendar, as the free times need it.
#[derive(Clone, Copy, Debug)]
pub struct Staff<'a> {
    /// Who.
    pub id: StaffId,
    /// Their working time.
    pub hours: &'a Hours,
    /// The time already taken, in any order: each appointment with its service's buffer
    /// ([`Interval::booked`]) and each hold of an order awaiting payment.
    pub busy: &'a [Interval],
}

/// A free time for "anyone available".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OpenSlot {
    /// Its start, in unix milliseconds.
    pub start: i64,
    /// The staff members free then, in the order they were given: the first is who "anyone
    /// available" books.
    pub staff: Vec<StaffId>,
}

/// A question about free times: one service, under the salon's rules, asked at `now`.
#[derive(Clone, Copy, Debug)]
pub struct SlotQuery<'a> {
    /// The shop's time zone, in which hours are worked and dates counted.
    pub zone: &'a TimeZone,
    /// The salon's booking rules.
    pub rules: &'a BookingRules,
    /// The service's duration and buffer.
    pub service: ServiceLength,
    /// The moment of the question, in unix milliseconds (a fixed clock in tests).
    pub now: i64,
}

impl SlotQuery<'_> {
    /// Today's date in the shop's time zone (`None` only for a `now` outside jiff's years).
    pub fn today(&self) -> Option<Date> {
        self.local_date(self.now)
    }

    /// The last date clients may book: today plus the horizon.
    pub fn last_day(&self) -> Option<Date> {
        self.today()?.checked_add(self.rules.horizon_days().days()).ok()
    }

    /// Every date from today to [`last_day`](Self::last_day), in order.
    pub fn bookable_dates(&self) -> impl Iterator<Item = Date> {
        let last = self.last_day();
        std::iter::successors(self.today(), |date| date.tomorrow().ok())
            .take_while(move |date| last.is_some_and(|last| *date <= last))
    }

    /// The free starts of `staff` on the local `date`, in unix milliseconds, in order.
    pub fn free_slots(&self, staff: &Staff<'_>, date: Date) -> Vec<i64> {
        let bookable = self.today().zip(self.last_day());
        if !bookable.is_some_and(|(today, last)| (today..=last).contains(&date)) {
            return Vec::new();
        }
        let mut slots = Vec::new();
        // The day before may have a night range running into `date`.
        for day in [date.yesterday().ok(), Some(date)].into_iter().flatten() {
            for range in staff.hours.working(day, self.zone.zone()) {
                self.fit_in(staff, range, date, &mut slots);
            }
        }
        slots.sort_unstable();
        slots.dedup();
        slots
    }

    /// The dates from today to the last bookable one on which any of `staff` has a free time:
    /// the date strip.
    pub fn free_dates(&self, staff: &[Staff<'_>]) -> Vec<Date> {
        self.bookable_dates()
            .filter(|date| staff.iter().any(|one| !self.free_slots(one, *date).is_empty()))
            .collect()
    }

    /// "Anyone available" on `date`: every time one of `staff` is free, naming all who are, in
    /// the order given.
    pub fn anyone(&self, staff: &[Staff<'_>], date: Date) -> Vec<OpenSlot> {
        let mut union: BTreeMap<i64, Vec<StaffId>> = BTreeMap::new();
        for one in staff {
            for start in self.free_slots(one, date) {
                union.entry(start).or_default().push(one.id);
            }
        }
        union
            .into_iter()
            .map(|(start, staff)| OpenSlot { start, staff })
            .collect()
    }

    /// Whether `start` is one of `staff`'s free times: what a checkout asks of the time a
    /// client chose.
    pub fn is_free(&self, staff: &Staff<'_>, start: i64) -> bool {
        self.local_date(start)
            .is_some_and(|date| self.free_slots(staff, date).binary_search(&start).is_ok())
    }

    /// Pushes the free starts in the working `range` that fall on `date`.
    fn fit_in(&self, staff: &Staff<'_>, range: Interval, date: Date, slots: &mut Vec<i64>) {
        let (duration, step) = (self.service.duration_ms(), self.rules.step_ms());
        let earliest = self.now.saturating_add(self.rules.min_notice_ms());
        let reach = Interval {
            start: range.start,
            end: range.end + self.service.total_ms(),
        };
        let blocked: Vec<Interval> = staff
            .hours
            .blocked()
            .iter()
            .copied()
            .filter(|b| b.overlaps(reach))
            .collect();
        let busy: Vec<Interval> = staff.busy.iter().copied().filter(|b| b.overlaps(reach)).collect();
        let mut start = range.start;
        while start + duration <= range.end {
            let service = Interval {
                start,
                end: start + duration,
            };
            let booked = Interval::booked(start, self.service);
            if start >= earliest
                && self.local_date(start) == Some(date)
                && !blocked.iter().any(|b| b.overlaps(service))
                && !busy.iter().any(|b| b.overlaps(booked))
            {
                slots.push(start);
            }
            start += step;
        }
    }

    fn local_date(&self, at: i64) -> Option<Date> {
        let at = Timestamp::from_millisecond(at).ok()?;
        Some(self.zone.zone().to_datetime(at).date())
    }
}

#[cfg(test)]
mod tests;
