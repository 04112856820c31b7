//! An event's details as the organiser types them, parsed into values the shop can trust:
//! times in order, a venue with an `https://` map link at most, a capacity above zero, and
//! each ticket type's quota and per-order maximum.

use crate::shop::cart::MAX_QUANTITY;
use crate::shop::invalid::Invalid;
use app::error_code::ErrorCode;

/// The most tickets one event can have: far more than any venue, small enough for any sum.
pub const MAX_CAPACITY: i64 = 1_000_000;
/// The per-order maximum when the organiser names none.
pub const DEFAULT_MAX_PER_ORDER: i64 = 10;
const MAX_VENUE_NAME: usize = 128;
const MAX_VENUE_ADDRESS: usize = 256;
const MAX_MAP_URL: usize = 1024;

/// When an event takes place and until when its tickets are sold (unix milliseconds, UTC).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Schedule {
    pub starts_at: i64,
    /// After `starts_at`, when given.
    pub ends_at: Option<i64>,
    /// At or before `starts_at`.
    pub sales_close_at: i64,
}

impl Schedule {
    /// Parses the times: a start after 2000-01-01, an end after it, sales closing at the
    /// start (when not given) or before.
    pub fn parse(starts_at: i64, ends_at: Option<i64>, sales_close_at: Option<i64>) -> Result<Self, Invalid> {
        const Y2000: i64 = 946_684_800_000;
        let bad = |message: &str| Invalid::new(ErrorCode::BadEventTimes, message);
        if !(Y2000..=i64::MAX / 2).contains(&starts_at) {
            return Err(bad(
                "starts_at is a time in unix milliseconds after the year 2000",
            ));
        }
        if ends_at.is_some_and(|end| end <= starts_at) {
            return Err(bad("ends_at is after starts_at"));
        }
        let sales_close_at = sales_close_at.unwrap_or(starts_at);
        if !(Y2000..=starts_at).contains(&sales_close_at) {
            return Err(bad("sales_close_at is at or before starts_at"));
        }
        Ok(Schedule {
            starts_at,
            ends_at,
            sales_close_at,
        })
    }

    /// True once the event ended, or started when it has no end: it leaves the storefront.
    pub fn is_past(&self, now: i64) -> bool {
        now >= self.ends_at.unwrap_or(self.starts_at)
    }
}

/// Where an event takes place: a name, an address, and an `https://` map link at most.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Venue {
    pub name: String,
    pub address: String,
    pub map_url: Option<String>,
}

impl Venue {
    /// Parses a venue as typed: name 1–128 and address 1–256 characters (trimmed), the map
    /// link `https://<host>…` without spaces (empty: none).
    pub fn parse(typed: &app::events::Venue) -> Result<Self, Invalid> {
        let name = typed.name.trim();
        let address = typed.address.trim();
        if name.is_empty() || name.chars().count() > MAX_VENUE_NAME {
            return Err(Invalid::new(
                ErrorCode::BadVenue,
                "venue.name is 1 to 128 characters",
            ));
        }
        if address.is_empty() || address.chars().count() > MAX_VENUE_ADDRESS {
            return Err(Invalid::new(
                ErrorCode::BadVenue,
                "venue.address is 1 to 256 characters",
            ));
        }
        let map_url = typed
            .map_url
            .as_deref()
            .map(str::trim)
            .filter(|url| !url.is_empty())
            .map(parse_map_url)
            .transpose()?;
        Ok(Venue {
            name: name.to_owned(),
            address: address.to_owned(),
            map_url,
        })
    }

    /// The venue as the wire carries it.
    pub fn view(&self) -> app::events::Venue {
        app::events::Venue {
            name: self.name.clone(),
            address: self.address.clone(),
            map_url: self.map_url.clone(),
        }
    }
}

/// An `https://` link with a host, no spaces or control characters, at most 1024 characters:
/// a `javascript:` or `http:` link never reaches a shopper's page.
fn parse_map_url(url: &str) -> Result<String, Invalid> {
    let bad = || {
        Invalid::new(
            ErrorCode::BadMapUrl,
            "venue.map_url is an https:// link (at most 1024 characters)",
        )
    };
    let rest = url
        .get(..8)
        .filter(|scheme| scheme.eq_ignore_ascii_case("https://"))
        .map(|_| &url[8..])
        .ok_or_else(bad)?;
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let clean = url.chars().all(|c| !c.is_whitespace() && !c.is_control());
    if host.is_empty() || host.starts_with('@') || !clean || url.len() > MAX_MAP_URL {
        return Err(bad());
    }
    Ok(url.to_owned())
}

/// Tickets of all types together: 1 to 1,000,000.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Capacity(i64);

impl Capacity {
    /// Parses a capacity typed by the organiser.
    pub fn parse(tickets: i64) -> Result<Self, Invalid> {
        match (1..=MAX_CAPACITY).contains(&tickets) {
            true => Ok(Capacity(tickets)),
            false => Err(Invalid::new(
                ErrorCode::BadCapacity,
                format!("capacity is 1 to {MAX_CAPACITY} tickets"),
            )),
        }
    }

    pub fn get(self) -> i64 {
        self.0
    }
}

/// A ticket type's limits: an optional quota (0 stops its sales) and how many one order may
/// hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TicketRules {
    pub quota: Option<i64>,
    pub max_per_order: i64,
}

impl TicketRules {
    /// Parses a quota (0 to 1,000,000, or none) and a per-order maximum (1 to 99; 10 when
    /// not given).
    pub fn parse(quota: Option<i64>, max_per_order: Option<i64>) -> Result<Self, Invalid> {
        if quota.is_some_and(|q| !(0..=MAX_CAPACITY).contains(&q)) {
            return Err(Invalid::new(
                ErrorCode::BadQuota,
                format!("quota is 0 to {MAX_CAPACITY} tickets, or null for the capacity alone"),
            ));
        }
        let max_per_order = max_per_order.unwrap_or(DEFAULT_MAX_PER_ORDER);
        if !(1..=MAX_QUANTITY).contains(&max_per_order) {
            return Err(Invalid::new(
                ErrorCode::BadMaxPerOrder,
                format!("max_per_order is 1 to {MAX_QUANTITY}"),
            ));
        }
        Ok(TicketRules { quota, max_per_order })
    }
}

/// Everything about an event but its product (name, description, photo, prices).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EventDetails {
    pub schedule: Schedule,
    pub venue: Venue,
    pub capacity: Capacity,
    /// Each ticket carries its attendee's name, asked per ticket at checkout.
    pub named_tickets: bool,
}

impl EventDetails {
    /// The details of a new event.
    pub fn parse(new: &app::admin_api::CreateEvent) -> Result<Self, Invalid> {
        Ok(EventDetails {
            schedule: Schedule::parse(new.starts_at, new.ends_at, new.sales_close_at)?,
            venue: Venue::parse(&new.venue)?,
            capacity: Capacity::parse(new.capacity)?,
            named_tickets: new.named_tickets,
        })
    }

    /// These details with `change` applied, checked as a whole. Moving the start without a
    /// new `sales_close_at` keeps sales closing at the start when they did.
    pub fn changed(&self, change: &app::admin_api::UpdateEvent) -> Result<Self, Invalid> {
        let old = self.schedule;
        let starts_at = change.starts_at.unwrap_or(old.starts_at);
        let ends_at = change.ends_at.unwrap_or(old.ends_at);
        let sales_close_at = match change.sales_close_at {
            Some(at) => Some(at),
            None if old.sales_close_at == old.starts_at => None,
            None => Some(old.sales_close_at),
        };
        let venue = match &change.venue {
            Some(venue) => Venue::parse(venue)?,
            None => self.venue.clone(),
        };
        let capacity = match change.capacity {
            Some(capacity) => Capacity::parse(capacity)?,
            None => self.capacity,
        };
        Ok(EventDetails {
            schedule: Schedule::parse(starts_at, ends_at, sales_close_at)?,
            venue,
            capacity,
            named_tickets: change.named_tickets.unwrap_or(self.named_tickets),
        })
    }
}

/// The capacity stored for an event, trusted as the organiser's parsed input was.
impl From<i64> for Capacity {
    fn from(tickets: i64) -> Self {
        Capacity(tickets)
    }
}
