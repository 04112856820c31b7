//! The organiser's events: `/admin/events` lists them (upcoming, then past), `/admin/events/new`
//! creates one with its ticket types ([`new`]), `/admin/events/:id` edits it, shows its sales
//! and check-ins live, closes or cancels its sales, names its door staff and announces it in a
//! channel ([`event`]). The bodies are [`crate::admin_api::events`]'s.
//!
//! An event is a `ticket` product: its name, description, photo and the ticket types' names
//! and prices are edited on the product's page ([`super::product`]), which these pages link to.
//! Times are typed and shown on the shop's clock ([`super::zoned`]).

pub(crate) mod event;
mod fields;
pub(crate) mod new;
mod publish;
mod staff;
mod ticket_types;

use super::action::{load, show};
use super::zoned;
use crate::admin::texts::t;
use crate::admin_api::{AdminEvent, AdminEventList};
use leptos::prelude::*;

/// `/admin/events`.
#[component]
pub(crate) fn EventsPage() -> impl IntoView {
    let events = load::<AdminEventList>(|| "/api/admin/events".into());
    view! {
        <h1 class="admin-title">{t("Events")}</h1>
        <p class="admin-toolbar"><a class="admin-button" href="/admin/events/new">{t("New event")}</a></p>
        {show(events, |list| {
            let (upcoming, past) = split_past(list.events, zoned::now_ms());
            view! {
                <section class="admin-card" aria-labelledby="upcoming-title">
                    <h2 id="upcoming-title">{t("Upcoming")}</h2>
                    <EventTable events=upcoming testid="admin-events-upcoming"/>
                </section>
                <section class="admin-card" aria-labelledby="past-title">
                    <h2 id="past-title">{t("Past")}</h2>
                    <EventTable events=past testid="admin-events-past"/>
                </section>
            }
        })}
    }
}

/// The events not over at `now` (soonest first), and those over (latest first): over once
/// ended, or started when they have no end, as the storefront drops them.
fn split_past(events: Vec<AdminEvent>, now: i64) -> (Vec<AdminEvent>, Vec<AdminEvent>) {
    let (mut upcoming, mut past): (Vec<_>, Vec<_>) = events
        .into_iter()
        .partition(|e| e.ends_at.unwrap_or(e.starts_at) > now);
    upcoming.sort_by_key(|e| e.starts_at);
    past.sort_by_key(|e| std::cmp::Reverse(e.starts_at));
    (upcoming, past)
}

/// How an event's state reads.
pub(crate) fn state_text(state: &str) -> &'static str {
    match state {
        "on_sale" => t("On sale"),
        "sales_closed" => t("Sales closed"),
        "cancelled" => t("Cancelled"),
        _ => t("Unknown"),
    }
}

#[component]
fn EventTable(events: Vec<AdminEvent>, testid: &'static str) -> impl IntoView {
    if events.is_empty() {
        return view! { <p class="admin-note">{t("None.")}</p> }.into_any();
    }
    view! {
        <table class="admin-table" data-testid=testid>
            <thead><tr>
                <th scope="col">{t("Event")}</th><th scope="col">{t("Starts (shop's time)")}</th><th scope="col">{t("Venue")}</th>
                <th scope="col">{t("Sold / held / capacity")}</th><th scope="col">{t("Checked in")}</th><th scope="col">{t("State")}</th>
            </tr></thead>
            <tbody>
                {events.into_iter().map(|e| view! {
                    <tr data-testid="admin-event-row" data-state=e.state.clone()>
                        <td><a href=format!("/admin/events/{}", e.id.0)>{e.name}</a></td>
                        <td>{zoned::show(e.starts_at, &e.time_zone)}" "<span class="admin-note">{e.time_zone}</span></td>
                        <td>{e.venue.name}</td>
                        <td data-testid="admin-event-sales">{format!("{} / {} / {}", e.sold, e.held, e.capacity)}</td>
                        <td>{e.checked_in}</td>
                        <td>{state_text(&e.state)}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::catalog::ProductId;
    use crate::events::Venue;

    /// An event on sale starting at `starts_at`, 100 seats, no ticket types.
    pub(crate) fn event(id: i64, starts_at: i64, ends_at: Option<i64>) -> AdminEvent {
        AdminEvent {
            id: ProductId(id),
            name: format!("Event {id}"),
            starts_at,
            ends_at,
            sales_close_at: starts_at,
            time_zone: "UTC".into(),
            venue: Venue {
                name: "Hall".into(),
                address: "1 Main St".into(),
                map_url: None,
            },
            capacity: 100,
            named_tickets: false,
            state: "on_sale".into(),
            ticket_types: vec![],
            sold: 0,
            held: 0,
            checked_in: 0,
            staff: vec![],
        }
    }

    #[test]
    fn an_event_is_past_once_it_ended_soonest_upcoming_and_latest_past_first() {
        let events = vec![
            event(1, 500, None),
            event(2, 100, Some(1_000)),
            event(3, 50, None),
            event(4, 900, None),
            event(5, 10, None),
            event(6, 600, None),
        ];
        let (upcoming, past) = split_past(events, 600);
        let ids = |events: Vec<AdminEvent>| events.iter().map(|e| e.id.0).collect::<Vec<_>>();
        assert_eq!(ids(upcoming), vec![2, 4]);
        assert_eq!(ids(past), vec![6, 1, 3, 5]);
    }
}
