//! The salon's desk: what the salon does with its booked appointments, as rules.
//!
//! - **Its day** ([`day_span`]): a local date of the salon's time zone as real time, from one
//!   midnight to the next (23 or 25 hours on the daylight-saving days).
//! - **A move** ([`check_move`]): the salon may move a booked appointment to any time its
//!   staff member (the same or another who performs the service) works and is free, on the
//!   5-minute grid, from now on. The minimum notice, the horizon and the step are the clients'
//!   rules, not the salon's (a year ahead is as far as it goes). The appointment's own time
//!   is not in the way: the caller leaves it out of the busy times. Taken by another booking
//!   is [`MoveRefusal::Taken`] (409), anything else [`MoveRefusal::NotWorking`] (422); the
//!   claims written in the move's transaction have the last word, as at checkout.
//! - **A cancellation's refund** ([`refund_due`]): the salon's cancellation is always
//!   refunded. A paid order holding only this appointment is refunded whole — Stars through
//!   Telegram, a card payment by the merchant with the payment provider (the Bot API cannot);
//!   an order holding more leaves the appointment's part to the merchant, since Telegram
//!   refunds a payment only whole.
//! - **The desk's scan** ([`desk_verdict`]): the client shows their voucher at the desk, the
//!   door's scanner reads it, and a genuine voucher of a booked (or missed) appointment is
//!   served — on the appointment's local day only.
//!
//! Must not: do I/O or read the clock (`now` is an argument).

use super::{Appointment, BookingRules, ServiceLength, SlotQuery, Staff, TypedRules, GRAIN_MINUTES};
use crate::shop::events::TimeZone;
use crate::shop::order::{apply, OrderEvent, OrderRecord};
use app::appointments::AppointmentStatus;
use app::events::{CheckInOutcome, VoucherStatus};
use jiff::civil::Date;

/// How far ahead the salon may move an appointment: the rules' longest horizon.
const SALON_HORIZON_DAYS: i64 = 366;

/// The real time of local `date` in `zone`: `[its midnight, the next midnight)` in unix ms.
pub fn day_span(zone: &TimeZone, date: Date) -> Option<(i64, i64)> {
    let midnight = |date: Date| {
        date.to_zoned(zone.zone().clone())
            .ok()
            .map(|at| at.timestamp().as_millisecond())
    };
    Some((midnight(date)?, midnight(date.tomorrow().ok()?)?))
}

/// The local date of `at` (unix ms) in `zone`.
pub fn local_date(zone: &TimeZone, at: i64) -> Option<Date> {
    let at = jiff::Timestamp::from_millisecond(at).ok()?;
    Some(zone.zone().to_datetime(at).date())
}

/// Why the salon cannot move an appointment there.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum MoveRefusal {
    /// Another appointment (or a hold) has part of that time.
    #[error("{time} with {staff} is taken by another appointment")]
    Taken { time: String, staff: String },
    /// Not a time the staff member works, past, a blocked time or a day off, off the 5-minute
    /// grid, or more than a year ahead.
    #[error("{staff} does not work at {time} on {date} for the whole appointment, or that time has passed")]
    NotWorking {
        date: String,
        time: String,
        staff: String,
    },
}

/// Whether the salon may move an appointment of `length` to `start` with `staff` (named
/// `name`), whose `busy` times leave the appointment itself out; see the module's header.
pub fn check_move(
    zone: &TimeZone,
    length: ServiceLength,
    staff: &Staff<'_>,
    name: &str,
    start: i64,
    now: i64,
) -> Result<(), MoveRefusal> {
    let rules = salon_rules();
    let query = SlotQuery {
        zone,
        rules: &rules,
        service: length,
        now,
    };
    if query.is_free(staff, start) {
        return Ok(());
    }
    let time = super::booking::wall_clock(zone, start);
    let unbooked = Staff { busy: &[], ..*staff };
    match query.is_free(&unbooked, start) {
        true => Err(MoveRefusal::Taken {
            time,
            staff: name.to_owned(),
        }),
        false => Err(MoveRefusal::NotWorking {
            date: local_date(zone, start).map_or_else(String::new, |d| d.to_string()),
            time,
            staff: name.to_owned(),
        }),
    }
}

/// The salon's own rules for a move: every 5 minutes, no notice, a year ahead.
fn salon_rules() -> BookingRules {
    let typed = TypedRules {
        horizon_days: Some(SALON_HORIZON_DAYS),
        min_notice_minutes: Some(0),
        step_minutes: Some(GRAIN_MINUTES),
        ..TypedRules::default()
    };
    BookingRules::parse(&typed).expect("the salon's own rules are within bounds")
}

/// What the salon's cancellation of an appointment owes its client.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RefundDue {
    /// The whole Stars payment, refunded through Telegram (`refundStarPayment` of this charge).
    Stars { charge_id: String, minor: i64 },
    /// The whole card payment, refunded by the merchant with the payment provider.
    Card { minor: i64 },
    /// The appointment's part of an order holding more, settled by the merchant.
    Part { minor: i64 },
    /// Nothing: the order was not paid, or was refunded already.
    Nothing,
}

impl RefundDue {
    /// The amount due, in the order's currency's minor units (0 for nothing).
    pub fn minor(&self) -> i64 {
        match self {
            RefundDue::Stars { minor, .. } | RefundDue::Card { minor } | RefundDue::Part { minor } => *minor,
            RefundDue::Nothing => 0,
        }
    }
}

/// What cancelling `appointment` of `order` owes; see the module's header.
pub fn refund_due(order: &OrderRecord, appointment: &Appointment) -> RefundDue {
    let Some(charge_id) = order.charge_id.clone() else {
        return RefundDue::Nothing;
    };
    if apply(order.status, OrderEvent::Refund).is_err() {
        return RefundDue::Nothing;
    }
    let only_this =
        matches!(&order.lines[..], [line] if line.product_id == appointment.service_id && line.quantity == 1);
    if !only_this {
        let part = order
            .lines
            .iter()
            .find(|line| line.product_id == appointment.service_id)
            .map_or(0, |line| line.unit_price.minor);
        return RefundDue::Part { minor: part };
    }
    let minor = order.items_minor - order.discount_minor + order.shipping_minor + order.tip_minor;
    match order.currency.is_stars() {
        true => RefundDue::Stars { charge_id, minor },
        false => RefundDue::Card { minor },
    }
}

/// A scanned voucher's appointment, as the desk finds it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AtDesk {
    pub status: AppointmentStatus,
    pub starts_at: i64,
}

/// What the desk does with a genuine voucher in `zone` at `now`: refused when revoked (its
/// order refunded, or the appointment cancelled); a ticket's is for the door, not the desk;
/// another day's waits for its day; else served if still valid (the caller's conditional
/// update decides between two scans), or already served.
pub fn desk_verdict(
    voucher: VoucherStatus,
    appointment: Option<AtDesk>,
    zone: &TimeZone,
    now: i64,
) -> CheckInOutcome {
    let revoked = voucher == VoucherStatus::Revoked;
    let Some(appointment) = appointment else {
        return match revoked {
            true => CheckInOutcome::Revoked,
            false => CheckInOutcome::WrongEvent,
        };
    };
    use AppointmentStatus as A;
    if revoked || matches!(appointment.status, A::Cancelled | A::Held) {
        return CheckInOutcome::Revoked;
    }
    let today = local_date(zone, now);
    if today.is_none() || local_date(zone, appointment.starts_at) != today {
        return CheckInOutcome::NotToday;
    }
    match (voucher, appointment.status) {
        (VoucherStatus::Valid, A::Booked | A::NoShow) => CheckInOutcome::Admitted,
        _ => CheckInOutcome::AlreadyCheckedIn,
    }
}

#[cfg(test)]
mod tests;
