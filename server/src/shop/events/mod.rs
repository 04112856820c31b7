//! Events: an event is a product of kind `ticket` with the details here — when it takes place
//! ([`Schedule`], in UTC milliseconds, shown in the shop's time zone), where ([`Venue`]), how
//! many tickets of all types together ([`Capacity`]), whether each ticket names its attendee —
//! and its ticket types (the product's variants) each with [`TicketRules`]: an optional quota
//! and a per-order maximum.
//!
//! The rules are pure: what the organiser may type ([`details`]), whether tickets are on sale
//! now ([`EventState`], [`Sale`]), how many of a type can still be bought ([`available`]), and
//! the attendees' names a checkout must give ([`attendees`]). Storage counts the tickets (paid,
//! and held by orders awaiting payment) and applies these rules inside the order's
//! transaction, with the event locked. Must not: do I/O.

pub mod attendees;
pub mod details;
pub mod time_zone;
pub mod view;

pub use attendees::{AttendeeError, AttendeeNames};
pub use details::{Capacity, EventDetails, Schedule, TicketRules, Venue};
pub use time_zone::TimeZone;

use app::catalog::{ProductId, VariantId};
use app::events::Availability;
use app::identity::UserId;

/// Where an event's sales stand, as the organiser left them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EventState {
    /// On sale until `sales_close_at`.
    OnSale,
    /// The organiser closed sales.
    SalesClosed,
    /// The event is cancelled: its paid tickets refunded, its vouchers revoked.
    Cancelled,
}

impl EventState {
    /// Its name in the database and the admin API.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::OnSale => "on_sale",
            Self::SalesClosed => "sales_closed",
            Self::Cancelled => "cancelled",
        }
    }

    /// Parses a stored name.
    pub fn parse(name: &str) -> Option<Self> {
        [Self::OnSale, Self::SalesClosed, Self::Cancelled]
            .into_iter()
            .find(|state| state.as_str() == name)
    }
}

/// Whether tickets can be bought at a moment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sale {
    Open,
    /// Closed by the organiser, by the time, or by the cancellation.
    Closed,
}

/// Tickets sold and held, of a type or of an event.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Taken {
    /// Paid (and not refunded).
    pub sold: i64,
    /// Held by orders awaiting payment.
    pub held: i64,
}

impl Taken {
    /// Paid and held together: what the quota and the capacity count.
    pub fn total(self) -> i64 {
        self.sold + self.held
    }
}

/// A ticket type as stored: its rules and its tickets taken.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TicketType {
    pub variant_id: VariantId,
    pub rules: TicketRules,
    pub taken: Taken,
    /// Vouchers checked in at the door.
    pub checked_in: i64,
}

/// An event as stored, with its ticket types in the product's variant order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Event {
    pub id: ProductId,
    pub details: EventDetails,
    pub state: EventState,
    pub ticket_types: Vec<TicketType>,
    /// Who may scan its tickets besides the admins.
    pub staff: Vec<UserId>,
}

impl Event {
    /// Whether tickets can be bought at `now`: on sale and before `sales_close_at`.
    pub fn sale(&self, now: i64) -> Sale {
        sale(self.state, self.details.schedule.sales_close_at, now)
    }

    /// The state as the organiser sees it: `sales_closed` once the time passed too.
    pub fn shown_state(&self, now: i64) -> EventState {
        match (self.state, self.sale(now)) {
            (EventState::OnSale, Sale::Closed) => EventState::SalesClosed,
            (state, _) => state,
        }
    }

    /// Every type's tickets taken together.
    pub fn taken(&self) -> Taken {
        self.ticket_types.iter().fold(Taken::default(), |sum, t| Taken {
            sold: sum.sold + t.taken.sold,
            held: sum.held + t.taken.held,
        })
    }

    /// How many of `ticket_type` can still be bought (see [`available`]).
    pub fn available(&self, ticket_type: &TicketType) -> i64 {
        available(ticket_type, self.details.capacity, self.taken())
    }

    /// Whether it has left the storefront at `now`: it ended, or started when it has no end.
    pub fn is_past(&self, now: i64) -> bool {
        self.details.schedule.is_past(now)
    }

    /// What the storefront says of it at `now`.
    pub fn availability(&self, now: i64) -> Availability {
        if self.state == EventState::Cancelled {
            return Availability::Cancelled;
        }
        if self.sale(now) == Sale::Closed {
            return Availability::SalesClosed;
        }
        match self.ticket_types.iter().any(|t| self.available(t) > 0) {
            true => Availability::OnSale,
            false => Availability::SoldOut,
        }
    }

    /// The ticket type `id` of this event, if it has it.
    pub fn ticket_type(&self, id: VariantId) -> Option<&TicketType> {
        self.ticket_types.iter().find(|t| t.variant_id == id)
    }
}

/// Whether tickets of an event in `state` selling until `sales_close_at` can be bought at `now`.
pub fn sale(state: EventState, sales_close_at: i64, now: i64) -> Sale {
    match state {
        EventState::OnSale if now < sales_close_at => Sale::Open,
        _ => Sale::Closed,
    }
}

/// How many tickets of a type can still be bought: the smaller of what is left of its quota
/// and of the event's capacity, counting paid tickets and those held by orders awaiting
/// payment; never below 0.
pub fn available(ticket_type: &TicketType, capacity: Capacity, event_taken: Taken) -> i64 {
    let capacity_left = capacity.get() - event_taken.total();
    let quota_left = ticket_type
        .rules
        .quota
        .map_or(i64::MAX, |quota| quota - ticket_type.taken.total());
    capacity_left.min(quota_left).max(0)
}

#[cfg(test)]
mod tests;
