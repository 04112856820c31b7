//! An event as the storefront and the organiser see it: the wire types of `app::events` and
//! `app::admin_api::events`, built from the event and its product (name, description, photo,
//! prices), with prices formatted by Telegram's currency rules.

use super::{Event, TimeZone};
use crate::shop::catalog::Product;
use crate::shop::currencies::CurrencyTable;
use app::admin_api::{AdminEvent, AdminTicketType};
use app::events::{EventSummary, EventView, TicketTypeView};

/// An event with its product, as shown at a moment in the shop's time zone.
pub struct Shown<'a> {
    pub event: &'a Event,
    pub product: &'a Product,
    pub time_zone: &'a TimeZone,
    pub currencies: &'a CurrencyTable,
    pub now: i64,
}

impl Shown<'_> {
    /// The storefront's list entry.
    pub fn summary(&self) -> EventSummary {
        let from = self.product.from_price();
        let schedule = &self.event.details.schedule;
        EventSummary {
            id: self.event.id,
            name: self.product.name.clone(),
            photo: self.product.gallery().swap_remove(0),
            starts_at: schedule.starts_at,
            ends_at: schedule.ends_at,
            time_zone: self.time_zone.name().to_owned(),
            venue: self.event.details.venue.view(),
            from_price_label: self.currencies.format(from),
            price_varies: self.product.variants.iter().any(|v| v.price != from),
            availability: self.event.availability(self.now),
        }
    }

    /// The storefront's event page.
    pub fn page(&self) -> EventView {
        let ticket_types = self
            .event
            .ticket_types
            .iter()
            .filter_map(|t| Some((t, self.product.variant(t.variant_id)?)))
            .map(|(t, variant)| TicketTypeView {
                variant_id: t.variant_id,
                name: variant.name.clone(),
                price: variant.price,
                price_label: self.currencies.format(variant.price),
                stars_price: variant.stars_price.map(|stars| stars.minor),
                max_per_order: t.rules.max_per_order,
                available: self.event.available(t),
            })
            .collect();
        EventView {
            summary: self.summary(),
            description: self.product.description.clone(),
            sales_close_at: self.event.details.schedule.sales_close_at,
            named_tickets: self.event.details.named_tickets,
            ticket_types,
        }
    }

    /// The organiser's view, with sales and check-ins.
    pub fn admin(&self) -> AdminEvent {
        let details = &self.event.details;
        let taken = self.event.taken();
        let ticket_types = self
            .event
            .ticket_types
            .iter()
            .filter_map(|t| Some((t, self.product.variant(t.variant_id)?)))
            .map(|(t, variant)| AdminTicketType {
                variant_id: t.variant_id,
                name: variant.name.clone(),
                price_label: self.currencies.format(variant.price),
                stars_label: variant.stars_price.map(|stars| self.currencies.format(stars)),
                quota: t.rules.quota,
                max_per_order: t.rules.max_per_order,
                sold: t.taken.sold,
                held: t.taken.held,
                checked_in: t.checked_in,
            })
            .collect();
        AdminEvent {
            id: self.event.id,
            name: self.product.name.clone(),
            starts_at: details.schedule.starts_at,
            ends_at: details.schedule.ends_at,
            sales_close_at: details.schedule.sales_close_at,
            time_zone: self.time_zone.name().to_owned(),
            venue: details.venue.view(),
            capacity: details.capacity.get(),
            named_tickets: details.named_tickets,
            state: self.event.shown_state(self.now).as_str().to_owned(),
            ticket_types,
            sold: taken.sold,
            held: taken.held,
            checked_in: self.event.ticket_types.iter().map(|t| t.checked_in).sum(),
            staff: self.event.staff.clone(),
        }
    }
}
