//! The salon's side of appointments (issue #18): staff members and their calendars, services
//! and the booking rules. All times of day and dates are the shop's time zone (`time_zone`, a
//! setting); instants are unix milliseconds, UTC.
//!
//! - `GET /api/admin/salon/staff` → [`StaffList`]; `POST` ([`CreateStaff`]) → [`AdminStaff`]
//! - `GET /api/admin/salon/staff/{id}` → [`AdminStaff`]; `PATCH` ([`UpdateStaff`]) →
//!   [`AdminStaff`]; `POST /api/admin/salon/staff/{id}/archive` → [`AdminStaff`]
//! - `PUT /api/admin/salon/staff/{id}/hours` ([`WeeklyHoursBody`]) → [`AdminStaff`]: the whole
//!   week at once
//! - `POST /api/admin/salon/staff/{id}/days-off` ([`DayOff`]) → [`AdminStaff`];
//!   `DELETE /api/admin/salon/staff/{id}/days-off/{YYYY-MM-DD}` → [`AdminStaff`]
//! - `POST /api/admin/salon/staff/{id}/blocked` ([`NewBlockedTime`]) → [`AdminStaff`];
//!   `DELETE /api/admin/salon/staff/{id}/blocked/{blocked_id}` → [`AdminStaff`]
//! - `GET /api/admin/salon/services` → [`ServiceList`]
//! - `PUT /api/admin/salon/services/{product_id}` ([`SaveService`]) → [`AdminService`]: makes
//!   an `appointment` product a service, or replaces its details
//! - `PATCH /api/admin/salon/services/{product_id}` ([`UpdateService`]) → [`AdminService`]
//! - `GET /api/admin/salon/rules` → [`BookingRulesBody`]; `PUT` ([`BookingRulesBody`]) → the same
//! - `GET /api/admin/salon/appointments?date=YYYY-MM-DD[&staff=ID]` → [`SalonDay`]: a local day
//!   of the whole salon or one staff member (today without `date`)
//! - `POST /api/admin/salon/appointments/{id}/move` ([`MoveAppointment`]) → [`SalonAppointment`]
//! - `POST /api/admin/salon/appointments/{id}/cancel` → [`CancelledAppointment`]
//! - `POST /api/admin/salon/appointments/{id}/served` and `…/no-show` → [`SalonAppointment`]

use crate::appointments::AppointmentStatus;
use crate::catalog::{ProductId, VariantId};
use crate::orders::OrderId;
use serde::{Deserialize, Serialize};

/// A staff member's id.
pub type StaffId = i64;

/// A staff member with their calendar, as the salon manages them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminStaff {
    pub id: StaffId,
    pub name: String,
    pub photo_url: Option<String>,
    pub telegram_user_id: Option<i64>,
    /// Archived staff are offered to no client any more.
    pub archived: bool,
    /// The weekly ranges, Monday first.
    pub hours: Vec<HoursRange>,
    /// Days off, `YYYY-MM-DD`, in order.
    pub days_off: Vec<String>,
    /// Blocked times, in start order.
    pub blocked: Vec<BlockedTime>,
}

/// `GET /api/admin/salon/staff`'s answer: every staff member, archived ones last.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffList {
    pub staff: Vec<AdminStaff>,
}

/// A new staff member.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreateStaff {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub photo_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub telegram_user_id: Option<i64>,
}

/// A change to a staff member: only what is present moves; `null` removes a photo or an
/// account.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UpdateStaff {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(
        default,
        deserialize_with = "super::present",
        skip_serializing_if = "Option::is_none"
    )]
    pub photo_url: Option<Option<String>>,
    #[serde(
        default,
        deserialize_with = "super::present",
        skip_serializing_if = "Option::is_none"
    )]
    pub telegram_user_id: Option<Option<i64>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub archived: Option<bool>,
}

/// One weekly working range: an ISO weekday (1 Monday … 7 Sunday) and `HH:MM` times on the
/// 5-minute grid; an end before the start crosses midnight (`22:00`–`02:00`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HoursRange {
    pub weekday: u8,
    pub start: String,
    pub end: String,
}

/// A staff member's whole week, replacing the one before.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WeeklyHoursBody {
    pub ranges: Vec<HoursRange>,
}

/// A day off, `YYYY-MM-DD` in the shop's time zone.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayOff {
    pub date: String,
}

/// A blocked time to add: `[starts_at, ends_at)` in unix milliseconds, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewBlockedTime {
    pub starts_at: i64,
    pub ends_at: i64,
    #[serde(default)]
    pub reason: String,
}

/// A blocked time.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BlockedTime {
    pub id: i64,
    pub starts_at: i64,
    pub ends_at: i64,
    pub reason: String,
}

/// Who performs a service, at the price of which of its product's variants.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceStaff {
    pub staff_id: StaffId,
    pub variant_id: VariantId,
}

/// An `appointment` product made a service, or its details replaced.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SaveService {
    pub duration_minutes: i64,
    #[serde(default)]
    pub buffer_minutes: i64,
    pub staff: Vec<ServiceStaff>,
}

/// A change to a service: only what is present moves.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UpdateService {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration_minutes: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub buffer_minutes: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub staff: Option<Vec<ServiceStaff>>,
}

/// A service as the salon manages it (name, photo and prices are the catalog's).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminService {
    pub product_id: ProductId,
    pub name: String,
    pub duration_minutes: i64,
    pub buffer_minutes: i64,
    pub staff: Vec<ServiceStaff>,
}

/// `GET /api/admin/salon/services`'s answer, in catalog order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceList {
    pub services: Vec<AdminService>,
}

/// The salon's booking rules; in a `PUT`, an absent field takes its default (60 days ahead,
/// 120 minutes' notice, a 15-minute step, self-service until 1440 minutes before, refunded).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BookingRulesBody {
    #[serde(default)]
    pub horizon_days: Option<i64>,
    #[serde(default)]
    pub min_notice_minutes: Option<i64>,
    #[serde(default)]
    pub step_minutes: Option<i64>,
    #[serde(default)]
    pub self_service_minutes: Option<i64>,
    #[serde(default)]
    pub refund_cancellations: Option<bool>,
}

/// `GET /api/admin/salon/appointments`: one local day of the salon's appointments (booked,
/// served, missed, and held by an order awaiting payment), by start.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SalonDay {
    /// The day, `YYYY-MM-DD` in the salon's time zone.
    pub date: String,
    /// The days before and after, for the page's arrows.
    pub previous: String,
    pub next: String,
    /// Today in the salon's time zone.
    pub today: String,
    pub time_zone: String,
    /// The staff member asked about; `None`: the whole salon.
    #[serde(default)]
    pub staff_id: Option<StaffId>,
    pub appointments: Vec<SalonAppointment>,
}

/// An appointment as the salon sees it in its day: with whom, when, for whom.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SalonAppointment {
    pub id: i64,
    pub order_id: OrderId,
    pub service_id: ProductId,
    pub service: String,
    pub staff_id: StaffId,
    pub staff: String,
    /// Unix milliseconds.
    pub starts_at: i64,
    pub ends_at: i64,
    /// `starts_at` and `ends_at` on the salon's wall clock, `HH:MM`.
    pub start_time: String,
    pub end_time: String,
    pub status: AppointmentStatus,
    /// The client's name as Telegram gave it at checkout (empty when unknown).
    pub client: String,
    /// The client's @username, without the @.
    #[serde(default)]
    pub username: Option<String>,
    /// The client's Telegram user id.
    pub client_id: i64,
}

/// A booked appointment moved by the salon: to `starts_at` (unix ms) with `staff_id`, keeping
/// its length. Any time the staff member works and is free, on the 5-minute grid, from now
/// on: the clients' notice, horizon and step do not bind the salon.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MoveAppointment {
    pub starts_at: i64,
    pub staff_id: StaffId,
}

/// What becomes of the client's money when the salon cancels an appointment.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CancelRefund {
    /// The Stars are being refunded through Telegram; the order turns refunded when Telegram
    /// confirms it.
    StarsRequested,
    /// A card payment: refund it with the payment provider, then record the provider's
    /// reference on the order's page.
    CardDue,
    /// The order holds more than this appointment: its part is the merchant's to refund by
    /// hand (Telegram refunds a payment only whole).
    PartDue,
    /// Nothing to refund: the order was refunded already.
    Nothing,
}

/// `POST /api/admin/salon/appointments/{id}/cancel`'s answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CancelledAppointment {
    /// The appointment, now cancelled.
    pub appointment: SalonAppointment,
    pub refund: CancelRefund,
    /// What is refunded or due, e.g. `48,00 €`; empty for [`CancelRefund::Nothing`].
    pub refund_label: String,
}
