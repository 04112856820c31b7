//! The organiser's events: an event is a `ticket` product (name, description, photo, ticket
//! types as its variants, managed by the catalog's endpoints) plus the event details here.
//!
//! - `GET /api/admin/events` → [`AdminEventList`] (upcoming and past, soonest first)
//! - `POST /api/admin/events` ([`CreateEvent`]) → [`AdminEvent`]: creates the product, its
//!   ticket types and the details in one transaction
//! - `GET /api/admin/events/{id}` → [`AdminEvent`]
//! - `PATCH /api/admin/events/{id}` ([`UpdateEvent`]) → [`AdminEvent`]
//! - `PUT /api/admin/events/{id}/ticket-types/{variant_id}` ([`TicketTypeRules`]) →
//!   [`AdminEvent`]: a ticket type's quota and per-order maximum
//! - `POST /api/admin/events/{id}/close-sales` → [`AdminEvent`]
//! - `POST /api/admin/events/{id}/cancel` → [`AdminEvent`]: closes sales, revokes every
//!   voucher, refunds every paid order (Stars through refundStarPayment; card payments
//!   recorded for the provider) and tells each buyer through the bot
//! - `PUT /api/admin/events/{id}/staff` ([`EventStaff`]) → [`EventStaff`]: who may scan
//! - `POST /api/admin/events/{id}/publish` ([`PublishEvent`]) → [`Published`]
//!
//! Times are unix milliseconds, UTC; the page shows and takes them in the shop's time zone
//! (`time_zone`, a setting).

use crate::catalog::{ProductId, VariantId};
use crate::events::Venue;
use crate::identity::UserId;
use serde::{Deserialize, Serialize};

/// An event as the organiser manages it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminEvent {
    /// The event's product (name, description, photo, prices: the catalog's endpoints).
    pub id: ProductId,
    pub name: String,
    pub starts_at: i64,
    pub ends_at: Option<i64>,
    pub sales_close_at: i64,
    pub time_zone: String,
    pub venue: Venue,
    /// Tickets of all types together never exceed it.
    pub capacity: i64,
    pub named_tickets: bool,
    /// `on_sale`, `sales_closed` (by the organiser, or the time passed) or `cancelled`.
    pub state: String,
    pub ticket_types: Vec<AdminTicketType>,
    /// Paid tickets and check-ins of all types.
    pub sold: i64,
    pub held: i64,
    pub checked_in: i64,
    /// Who may scan its tickets besides the shop's admins.
    pub staff: Vec<UserId>,
}

/// A ticket type with its sales.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminTicketType {
    pub variant_id: VariantId,
    pub name: String,
    pub price_label: String,
    pub stars_label: Option<String>,
    /// Absent: only the event's capacity limits it.
    pub quota: Option<i64>,
    pub max_per_order: i64,
    /// Paid tickets.
    pub sold: i64,
    /// Held by orders awaiting payment.
    pub held: i64,
    pub checked_in: i64,
}

/// `GET /api/admin/events`'s answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminEventList {
    pub events: Vec<AdminEvent>,
}

/// A ticket type of a new event.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreateTicketType {
    pub name: String,
    pub price_minor: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stars_price: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quota: Option<i64>,
    /// Default 10.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_per_order: Option<i64>,
}

/// `POST /api/admin/events`'s body.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreateEvent {
    pub category_id: i64,
    pub name: String,
    #[serde(default)]
    pub description: String,
    pub currency: String,
    pub starts_at: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ends_at: Option<i64>,
    /// Default: `starts_at`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sales_close_at: Option<i64>,
    pub venue: Venue,
    pub capacity: i64,
    #[serde(default)]
    pub named_tickets: bool,
    pub ticket_types: Vec<CreateTicketType>,
}

/// `PATCH /api/admin/events/{id}`'s body; absent fields stay as they are.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UpdateEvent {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub starts_at: Option<i64>,
    /// Absent keeps it, `null` removes it.
    #[serde(
        default,
        deserialize_with = "super::present",
        skip_serializing_if = "Option::is_none"
    )]
    pub ends_at: Option<Option<i64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sales_close_at: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub venue: Option<Venue>,
    /// Never below the tickets sold and held.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub capacity: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub named_tickets: Option<bool>,
}

/// `PUT /api/admin/events/{id}/ticket-types/{variant_id}`'s body.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TicketTypeRules {
    /// `null`: only the event's capacity limits it. Never below the tickets sold and held.
    pub quota: Option<i64>,
    pub max_per_order: i64,
}

/// The members of an event's door staff (Telegram user ids).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventStaff {
    pub staff: Vec<UserId>,
}

/// `POST /api/admin/events/{id}/publish`'s body: the channel or group to announce it in,
/// `@username` or a numeric chat id, where the bot is an administrator.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublishEvent {
    pub chat: String,
}

/// `POST /api/admin/events/{id}/publish`'s answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Published {
    pub chat_id: i64,
    pub message_id: i64,
    /// The post's button: `https://t.me/<bot>/<app>?startapp=e_<id>`.
    pub link: String,
}
