//! Appointments, the salon's side of the shop: when a staff member works ([`hours`]), the
//! salon's booking rules ([`rules`]), how long a service takes ([`service`]), the free times a
//! client may pick ([`slots`]), the salon's records of staff and services ([`staff`]), the claims that make a double booking impossible
//! ([`claims`]), and what the salon does with booked appointments at its desk: its day, moves,
//! cancellations' refunds and the voucher scanned on the day ([`desk`]).
//!
//! Pure rules over values: no storage, no HTTP, no clock. `now` is always an argument (unix
//! milliseconds), so every rule is tested with a fixed clock. Instants are unix milliseconds
//! (UTC), as everywhere in the shop; wall-clock times are the shop's
//! [`TimeZone`](crate::shop::events::TimeZone).
//!
//! The design choices, each tested beside its code:
//!
//! - **The 5-minute grid.** Working hours, services and buffers are typed on 5-minute marks
//!   ([`GRAIN_MINUTES`]), and every zone's offset in use today is a multiple of 15 minutes, so
//!   every slot starts on an absolute 5-minute mark, whatever the zone, the step or the day.
//! - **Daylight saving.** A range's wall-clock times are read in the zone on each date with
//!   jiff's default (`compatible`) disambiguation: a time inside a spring-forward gap moves
//!   later by the gap (02:30 → 03:30), a time inside a fall-back fold takes its first
//!   occurrence (02:30 summer time). A 09:00–18:00 range is 09:00–18:00 on the change days too;
//!   only a range spanning the change (a night range) is an hour shorter or longer in real
//!   time. Slots are counted in real time from the range's start, so none is skipped twice or
//!   offered twice: on the fall-back night 02:00 summer time and 02:00 winter time are two slots.
//! - **The buffer.** The service itself must fit inside one working range and outside blocked
//!   times; its buffer after may run past the end of the range or into a blocked time (the
//!   stylist tidies up after closing or before lunch, so the last slot of the day ends at
//!   closing time), but neither the service nor its buffer may overlap another appointment or
//!   hold, and theirs (duration plus buffer) may not overlap it.
//! - **No double booking.** Every appointment and hold claims the 5-minute cells of absolute
//!   time its service and buffer cover, one row per staff member and cell, primary-keyed, in
//!   the booking's transaction: of two bookings that overlap, the second's insert fails on
//!   SQLite and PostgreSQL alike. Cells are on the fixed grid, not the salon's step, so
//!   changing the step never makes old and new claims miss each other (see [`claims`]).

pub mod appointment;
pub mod booking;
pub mod calendar_file;
pub mod claims;
pub mod desk;
pub mod hours;
pub mod reminders;
pub mod rules;
pub mod service;
pub mod slots;
pub mod staff;

pub use appointment::Appointment;
pub use claims::{claims, Claim, CELL_MS};
pub use hours::{Hours, HoursError, TimeOfDay, WeeklyHours, WorkingRange};
pub use rules::{BookingRules, RulesError, TypedRules};
pub use service::{ServiceError, ServiceLength};
pub use slots::{OpenSlot, SlotQuery, Staff};
pub use staff::{BlockedTime, Service, StaffDetails, StaffMember};

/// Every time the salon types (working hours, durations, buffers, the step) is a multiple of
/// 5 minutes.
pub const GRAIN_MINUTES: i64 = 5;
const MINUTE_MS: i64 = 60_000;

/// A staff member of the salon: who performs a service and whose calendar is booked.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct StaffId(pub i64);

/// A half-open span of real time `[start, end)` in unix milliseconds, never empty: an
/// appointment with its buffer, a hold, a blocked time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Interval {
    start: i64,
    end: i64,
}

impl Interval {
    /// `[start, end)`, when `start < end`.
    pub fn new(start: i64, end: i64) -> Option<Self> {
        (start < end).then_some(Interval { start, end })
    }

    /// The time an appointment or hold starting at `start` takes from its staff member: the
    /// service's duration plus its buffer after.
    pub fn booked(start: i64, service: ServiceLength) -> Self {
        Interval {
            start,
            end: start + service.total_ms(),
        }
    }

    /// The first instant inside.
    pub fn start(self) -> i64 {
        self.start
    }

    /// The first instant after.
    pub fn end(self) -> i64 {
        self.end
    }

    /// Whether the two share an instant (touching ends do not).
    pub fn overlaps(self, other: Interval) -> bool {
        self.start < other.end && other.start < self.end
    }
}
