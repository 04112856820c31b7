//! Wire types of events, tickets and the door, as the Mini App sees them: the upcoming events
//! (`GET /api/events`, `GET /api/events/{id}`), the shopper's tickets (`GET /api/tickets`,
//! and [`crate::orders::OrderView::vouchers`]), and door staff's check-ins
//! (`GET /api/door/events`, `POST /api/door/check-in`, and the shop's public key for door
//! devices, `GET /api/door/key`).
//!
//! An event is a product of kind `ticket` with event details: its ticket types are the
//! product's variants (price, Stars price and quota as stock), so checkout, orders, payments
//! and refunds are the shop's usual ones. A paid ticket becomes a voucher, which appointments
//! will share.
//!
//! Views only: the server builds them from its own records; nothing here is trusted when it
//! comes back from a client. Only the lazily loaded pages use them.

use crate::catalog::{Photo, ProductId, VariantId};
use crate::money::Money;
use crate::orders::OrderId;
use serde::{Deserialize, Serialize};

/// An event's id: the id of the `ticket` product it is.
pub type EventId = ProductId;

/// Whether tickets to an event can be bought now.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Availability {
    OnSale,
    /// Every ticket type is sold out, or the event's capacity is reached (paid tickets and
    /// those held by orders awaiting payment).
    SoldOut,
    /// Sales closed: at the time set, or by the organiser.
    SalesClosed,
    /// The organiser cancelled the event (every paid ticket refunded). It has left the list
    /// of events; its page, opened from an earlier link, says so.
    Cancelled,
}

/// Where an event takes place.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Venue {
    pub name: String,
    pub address: String,
    /// An `https://` map link, when the organiser gave one.
    #[serde(default)]
    pub map_url: Option<String>,
}

/// An event in the storefront's list of upcoming events.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EventSummary {
    pub id: EventId,
    pub name: String,
    pub photo: Photo,
    /// Unix milliseconds, UTC.
    pub starts_at: i64,
    pub ends_at: Option<i64>,
    /// The shop's IANA time zone, e.g. `Europe/Berlin`: dates are shown in it.
    pub time_zone: String,
    pub venue: Venue,
    /// The cheapest ticket type's price, formatted, e.g. `€15.00` ("from" when they differ).
    pub from_price_label: String,
    pub price_varies: bool,
    pub availability: Availability,
}

/// An event's page: its details and ticket types.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EventView {
    pub summary: EventSummary,
    pub description: String,
    /// Unix milliseconds, UTC: tickets are sold until then.
    pub sales_close_at: i64,
    /// True when each ticket carries its attendee's name, asked per ticket at checkout.
    pub named_tickets: bool,
    pub ticket_types: Vec<TicketTypeView>,
}

/// A ticket type (a variant of the event's product).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TicketTypeView {
    pub variant_id: VariantId,
    /// e.g. `Seated`, `VIP`.
    pub name: String,
    pub price: Money,
    pub price_label: String,
    /// Whole Stars, when the merchant lets Stars pay for it.
    #[serde(default)]
    pub stars_price: Option<i64>,
    /// How many one order may hold.
    pub max_per_order: i64,
    /// How many can still be bought: the smaller of what is left of its quota and of the
    /// event's capacity; 0 is "Sold out".
    pub available: i64,
}

/// The state of a voucher.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VoucherStatus {
    Valid,
    CheckedIn,
    /// Its order was refunded or its event cancelled.
    Revoked,
}

/// One ticket as its holder sees it: the QR code to show at the door.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VoucherView {
    /// The short code printed under the QR code and typed at a desktop door, e.g.
    /// `7K3M-QX9P-…` (an alphabet without look-alike characters).
    pub code: String,
    /// The QR code as a standalone SVG document (`<svg …>…</svg>`), drawn by the server in
    /// `currentColor` on a transparent background, so it takes the theme's colours.
    pub qr_svg: String,
    pub status: VoucherStatus,
    pub order_id: OrderId,
    pub event_id: EventId,
    pub event_name: String,
    pub starts_at: i64,
    pub time_zone: String,
    pub venue: Venue,
    /// The ticket type's name.
    pub ticket_type: String,
    /// The attendee's name on a named ticket.
    #[serde(default)]
    pub attendee: Option<String>,
    /// When it was checked in, unix milliseconds.
    #[serde(default)]
    pub checked_in_at: Option<i64>,
}

/// An event a member of the door staff may scan tickets for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DoorEvent {
    pub id: EventId,
    pub name: String,
    pub starts_at: i64,
    pub time_zone: String,
    pub checked_in: i64,
    pub tickets: i64,
}

/// `POST /api/door/check-in`'s body: what the scanner read (or the short code typed), for
/// which event, and a nonce the client picks per scan, so a retried request gets the same
/// answer instead of "already checked in".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckInRequest {
    pub event_id: EventId,
    /// The QR code's text or the short code, as read or typed.
    pub code: String,
    /// 16 to 64 characters of `[A-Za-z0-9_-]`.
    pub nonce: String,
}

/// What the door learns about a code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CheckInOutcome {
    /// Let them in: the ticket is now checked in.
    Admitted,
    /// Checked in before (`checked_in_at`, `checked_in_by`).
    AlreadyCheckedIn,
    /// A genuine ticket, for another event (`event_name` names it).
    WrongEvent,
    /// Refunded, or its event cancelled (at the salon's desk: the appointment cancelled).
    Revoked,
    /// No such ticket, or a forged or altered code.
    Unknown,
    /// At the salon's desk: a genuine appointment's voucher, for another day (`starts_at`
    /// says which); only on its own day is it served.
    NotToday,
}

/// `POST /api/door/check-in`'s answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckInResult {
    pub outcome: CheckInOutcome,
    /// Filled for a genuine ticket (every outcome but `unknown`).
    #[serde(default)]
    pub ticket_type: Option<String>,
    #[serde(default)]
    pub attendee: Option<String>,
    #[serde(default)]
    pub event_name: Option<String>,
    /// For `admitted` and `already_checked_in`: when it was checked in.
    #[serde(default)]
    pub checked_in_at: Option<i64>,
    /// For `already_checked_in`: the first name of who checked it in.
    #[serde(default)]
    pub checked_in_by: Option<String>,
    /// At the salon's desk: when the appointment starts (unix ms), for every genuine voucher
    /// of one; the door's answers leave it out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub starts_at: Option<i64>,
}

/// `GET /api/door/key`: the shop's Ed25519 public key, with which a door device that lost the
/// network checks a voucher's QR text (`T1.<event id>.<code>.<signature>`, README "Vouchers").
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DoorKey {
    /// Always `Ed25519`.
    pub algorithm: String,
    /// The 32-byte key in URL-safe base64 without padding.
    pub public_key: String,
    /// The QR text format it signs: `T1`.
    pub format: String,
}
