//! Wire types of the salon's services as the Mini App sees them (issue #18): the bookable
//! services (`GET /api/services`), the date strip of a service (`GET /api/services/{id}/dates`)
//! and the free times of one date (`GET /api/services/{id}/slots?date=YYYY-MM-DD[&staff=ID]`);
//! and the salon's desk, where the door's scanner serves a client's appointment by its voucher
//! ([`DeskDay`], [`DeskCheckIn`]).
//!
//! A service is a product of kind `appointment`: its staff members are priced by the product's
//! variants, so checkout, orders and payments stay the shop's usual ones. Times are shown in
//! the salon's time zone (`time_zone`); instants are unix milliseconds, UTC.
//!
//! Views only: the server builds them from its own records.

use crate::catalog::{Photo, ProductId, VariantId};
use serde::{Deserialize, Serialize};

/// A bookable service.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ServiceView {
    pub id: ProductId,
    pub name: String,
    pub description: String,
    pub photo: Photo,
    /// Time with the client, in minutes.
    pub duration_minutes: i64,
    /// The cheapest staff member's price, formatted ("from" when they differ).
    pub from_price_label: String,
    pub price_varies: bool,
    /// Who performs it, in the salon's order.
    pub staff: Vec<ServiceStaffView>,
    /// The salon's IANA time zone.
    pub time_zone: String,
}

/// A staff member performing a service, at their price.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceStaffView {
    pub id: i64,
    pub name: String,
    pub photo_url: Option<String>,
    /// The variant bought to book them.
    pub variant_id: VariantId,
    /// The variant's name, e.g. `Senior stylist`.
    pub title: String,
    pub price_label: String,
}

/// `GET /api/services/{id}/dates`: the dates from today to the horizon with a free time.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateStrip {
    pub time_zone: String,
    /// `YYYY-MM-DD`, in order.
    pub dates: Vec<String>,
}

/// `GET /api/services/{id}/slots`: the free starts of one date.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DaySlots {
    pub date: String,
    pub time_zone: String,
    pub slots: Vec<Slot>,
}

/// A free start.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Slot {
    /// Unix milliseconds.
    pub starts_at: i64,
    /// The salon's wall clock, `HH:MM`.
    pub time: String,
    /// The staff members free then; for "anyone available", the first is who gets booked.
    pub staff: Vec<i64>,
}

/// A checkout line's appointment: the start chosen among a service's free times and with whom.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppointmentChoice {
    /// The start, unix milliseconds: one of `GET /api/services/{id}/slots`' `starts_at`.
    pub starts_at: i64,
    /// The staff member chosen; absent: anyone available among those the line's variant
    /// prices (the first free in the salon's order is booked).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub staff: Option<i64>,
}

/// Where an appointment stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AppointmentStatus {
    /// Held for an order awaiting payment (lapsed once the order's reservation has).
    Held,
    /// Paid: the client is expected.
    Booked,
    Served,
    NoShow,
    Cancelled,
}

impl AppointmentStatus {
    pub const ALL: [AppointmentStatus; 5] = [
        Self::Held,
        Self::Booked,
        Self::Served,
        Self::NoShow,
        Self::Cancelled,
    ];

    /// The name the database and the wire use.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Held => "held",
            Self::Booked => "booked",
            Self::Served => "served",
            Self::NoShow => "no_show",
            Self::Cancelled => "cancelled",
        }
    }

    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == name)
    }
}

/// An appointment as its client sees it in an order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppointmentView {
    pub id: i64,
    pub service_id: ProductId,
    pub service: String,
    pub staff_id: i64,
    pub staff: String,
    /// Unix milliseconds.
    pub starts_at: i64,
    pub ends_at: i64,
    /// The salon's IANA time zone, in which the time is shown first.
    pub time_zone: String,
    pub status: AppointmentStatus,
    /// Until when (unix ms) the client may cancel or reschedule it themselves; `None` when
    /// they may not (not booked, or the salon's window has passed).
    #[serde(default)]
    pub changeable_until: Option<i64>,
}

/// `POST /api/appointments/{id}/cancel`'s answer: the appointment, cancelled, and how its
/// money goes back.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CancelledAppointment {
    pub appointment: AppointmentView,
    pub refund: AppointmentRefund,
}

/// How a cancelled appointment's money goes back.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AppointmentRefund {
    /// Telegram is giving the Stars back.
    Stars,
    /// The salon refunds the card payment with its provider.
    Card,
    /// The salon's rules keep the money.
    None,
}

/// `GET /api/door/desk` (the shop's admins and the salon's staff, by their Telegram account):
/// the salon's desk today, for the door's scanner page to offer it beside the events.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeskDay {
    /// Today in the salon's time zone, `YYYY-MM-DD`.
    pub date: String,
    pub time_zone: String,
    /// Today's appointments booked, served or missed.
    pub appointments: i64,
    /// Of which served.
    pub served: i64,
}

/// `POST /api/door/desk/check-in`'s body: a client's voucher scanned (or its short code typed)
/// at the salon's desk, with a nonce per scan as at the door; the answer is the door's
/// [`CheckInResult`](crate::events::CheckInResult), `admitted` meaning served now.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeskCheckIn {
    /// The QR code's text or the short code, as read or typed.
    pub code: String,
    /// 16 to 64 characters of `[A-Za-z0-9_-]`, new for each scan.
    pub nonce: String,
}
