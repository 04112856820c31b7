//! What the new-event form and the event's details form share: its times on the shop's clock,
//! its venue, its capacity and whether tickets carry names, as typed, and the inputs for them.

use super::super::zoned;
use crate::admin::texts::{t, tf};
use crate::admin_api::{AdminEvent, UpdateEvent};
use crate::events::Venue;
use leptos::prelude::*;

/// An event's particulars as typed; times as `datetime-local` text on the shop's clock.
#[derive(Clone, Copy)]
pub(super) struct Particulars {
    pub starts: RwSignal<String>,
    /// Empty: no end time.
    pub ends: RwSignal<String>,
    /// Empty: sales close at the start.
    pub sales_close: RwSignal<String>,
    pub venue: RwSignal<String>,
    pub address: RwSignal<String>,
    /// Empty: no map link.
    pub map_url: RwSignal<String>,
    pub capacity: RwSignal<String>,
    pub named: RwSignal<bool>,
}

/// [`Particulars`] read: what both forms send.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Read {
    pub starts_at: i64,
    pub ends_at: Option<i64>,
    pub sales_close_at: Option<i64>,
    pub venue: Venue,
    pub capacity: i64,
    pub named_tickets: bool,
}

impl Particulars {
    /// Empty fields for a new event.
    pub fn empty() -> Self {
        let blank = || RwSignal::new(String::new());
        Particulars {
            starts: blank(),
            ends: blank(),
            sales_close: blank(),
            venue: blank(),
            address: blank(),
            map_url: blank(),
            capacity: blank(),
            named: RwSignal::new(false),
        }
    }

    /// The fields showing `event` on its shop's clock.
    pub fn of(event: &AdminEvent) -> Self {
        let fields = Particulars::empty();
        fields.show(event);
        fields
    }

    /// Shows `event` in the fields (after it was saved).
    pub fn show(self, event: &AdminEvent) {
        let zone = &event.time_zone;
        self.starts.set(zoned::to_input(event.starts_at, zone));
        self.ends.set(
            event
                .ends_at
                .map(|t| zoned::to_input(t, zone))
                .unwrap_or_default(),
        );
        self.sales_close.set(zoned::to_input(event.sales_close_at, zone));
        self.venue.set(event.venue.name.clone());
        self.address.set(event.venue.address.clone());
        self.map_url.set(event.venue.map_url.clone().unwrap_or_default());
        self.capacity.set(event.capacity.to_string());
        self.named.set(event.named_tickets);
    }

    /// The typed particulars with times on `zone`'s clock, or why they cannot be sent.
    pub fn read(self, zone: &str) -> Result<Read, String> {
        let starts_at = zoned::from_input(&self.starts.get_untracked(), zone)
            .map_err(|why| tf!("start: {why}", why = why))?;
        let ends_at = zoned::from_optional_input(&self.ends.get_untracked(), zone)
            .map_err(|why| tf!("end: {why}", why = why))?;
        let sales_close_at = zoned::from_optional_input(&self.sales_close.get_untracked(), zone)
            .map_err(|why| tf!("sales close: {why}", why = why))?;
        let capacity = self.capacity.get_untracked().trim().parse::<i64>();
        let capacity = capacity.map_err(|_| t("the capacity is a whole number of tickets").to_owned())?;
        let map_url = Some(self.map_url.get_untracked().trim().to_owned()).filter(|u| !u.is_empty());
        Ok(Read {
            starts_at,
            ends_at,
            sales_close_at,
            venue: Venue {
                name: self.venue.get_untracked().trim().to_owned(),
                address: self.address.get_untracked().trim().to_owned(),
                map_url,
            },
            capacity,
            named_tickets: self.named.get_untracked(),
        })
    }
}

impl Read {
    /// The change of every particular (`PATCH`): an emptied end removes it, an emptied sales
    /// close puts it at the start.
    pub fn update(self) -> UpdateEvent {
        UpdateEvent {
            starts_at: Some(self.starts_at),
            ends_at: Some(self.ends_at),
            sales_close_at: Some(self.sales_close_at.unwrap_or(self.starts_at)),
            venue: Some(self.venue),
            capacity: Some(self.capacity),
            named_tickets: Some(self.named_tickets),
        }
    }
}

/// The inputs of [`Particulars`]; `zone` names the clock the times are on.
#[component]
pub(super) fn ParticularsInputs(fields: Particulars, zone: Signal<String>) -> impl IntoView {
    let Particulars {
        starts,
        ends,
        sales_close,
        venue,
        address,
        map_url,
        capacity,
        named,
    } = fields;
    view! {
        <p class="admin-note" data-testid="event-time-zone">{move || format!("Times are on the shop's clock: {}", zone.get())}</p>
        <div class="admin-form--row">
            <label>{t("Starts")} <input type="datetime-local" required bind:value=starts/></label>
            <label>{t("Ends (optional)")} <input type="datetime-local" bind:value=ends/></label>
            <label>{t("Sales close (empty: at the start)")} <input type="datetime-local" bind:value=sales_close/></label>
        </div>
        <div class="admin-form--row">
            <label>{t("Venue")} <input type="text" required bind:value=venue/></label>
            <label>{t("Address")} <input type="text" required bind:value=address/></label>
            <label>{t("Map link (optional)")} <input type="url" placeholder=t("https://") bind:value=map_url/></label>
        </div>
        <div class="admin-form--row">
            <label>{t("Capacity")} <input type="number" min="1" step="1" required bind:value=capacity/></label>
            <label class="admin-check"><input type="checkbox" bind:checked=named/>{t("Named tickets (an attendee's name per ticket)")}</label>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(starts: &str, ends: &str, sales_close: &str, capacity: &str) -> Particulars {
        let fields = Particulars::empty();
        fields.starts.set(starts.into());
        fields.ends.set(ends.into());
        fields.sales_close.set(sales_close.into());
        fields.venue.set(" Hall ".into());
        fields.address.set("1 Main St".into());
        fields.capacity.set(capacity.into());
        fields
    }

    #[test]
    fn typed_particulars_become_utc_milliseconds_and_a_venue() {
        // Signals need an owner (and, with leptos' `sandboxed-arenas`, its arena).
        Owner::new().with(|| {
            let read = typed("1970-01-02T00:00", "", "", "120").read("UTC").unwrap();
            assert_eq!(read.starts_at, 86_400_000);
            assert_eq!((read.ends_at, read.sales_close_at), (None, None));
            assert_eq!(read.venue.name, "Hall");
            assert_eq!(read.venue.map_url, None);
            assert_eq!(read.capacity, 120);
        });
    }

    #[test]
    fn an_edit_removes_an_emptied_end_and_closes_sales_at_the_start_when_emptied() {
        // Signals need an owner (and, with leptos' `sandboxed-arenas`, its arena).
        Owner::new().with(|| {
            let update = typed("1970-01-02T00:00", "", "", "120")
                .read("UTC")
                .unwrap()
                .update();
            assert_eq!(update.ends_at, Some(None));
            assert_eq!(update.sales_close_at, Some(86_400_000));
            let json = serde_json::to_value(&update).unwrap();
            assert!(json["ends_at"].is_null() && json.get("ends_at").is_some());
        });
    }

    #[test]
    fn bad_particulars_name_the_field() {
        // Signals need an owner (and, with leptos' `sandboxed-arenas`, its arena).
        Owner::new().with(|| {
            let why = typed("", "", "", "120").read("UTC").unwrap_err();
            assert!(why.starts_with("start: "), "{why}");
            let why = typed("1970-01-02T00:00", "soon", "", "120")
                .read("UTC")
                .unwrap_err();
            assert!(why.starts_with("end: "), "{why}");
            let why = typed("1970-01-02T00:00", "", "", "lots").read("UTC").unwrap_err();
            assert_eq!(why, "the capacity is a whole number of tickets");
        });
    }
}
