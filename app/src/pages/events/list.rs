//! `/shop/events`: the upcoming events, soonest first as the server sends them: photo, date
//! in the shopper's language and the event's time zone, venue, the "from" price, and
//! "Sold out" or "Sales closed" when tickets cannot be bought.

use super::browser::date_in;
use super::load::{load, Loaded};
use crate::appointments::DeskDay;
use crate::components::TopBar;
use crate::events::{Availability, DoorEvent, EventSummary};
use crate::i18n::{td_string, Locale};
use crate::language::{ltr, use_lang};
use leptos::prelude::*;

/// The list of upcoming events.
#[component]
pub fn EventList() -> impl IntoView {
    super::back_to("/shop");
    let locale = use_lang().now();
    let loaded = load::<Vec<EventSummary>>(|| "/api/events".into(), false);
    // Door staff and the salon's desk see the way to the scanner; for anyone else the server
    // lists no events and refuses the desk.
    let door = load::<Vec<DoorEvent>>(|| "/api/door/events".into(), true);
    let desk = load::<DeskDay>(|| "/api/door/desk".into(), true);
    let staff = move || {
        matches!(door.get(), Loaded::Ready(events) if !events.is_empty())
            || matches!(desk.get(), Loaded::Ready(_))
    };
    view! {
        <TopBar title=|l| td_string!(l, events_title)/>
        <nav class="chips">
            <a class="chip" href="/shop/events/tickets">{td_string!(locale, tickets_title)}</a>
            {move || staff().then(|| view! { <a class="chip" href="/shop/events/door" data-testid="door-link">{td_string!(locale, door_title)}</a> })}
        </nav>
        {move || match loaded.get() {
            Loaded::Loading => view! { <p class="notice">{td_string!(locale, loading_events)}</p> }.into_any(),
            Loaded::Failed(text) => view! { <p class="notice notice--error" role="alert">{text}</p> }.into_any(),
            Loaded::Ready(events) if events.is_empty() => {
                view! { <p class="notice" data-testid="no-events">{td_string!(locale, no_events)}</p> }.into_any()
            }
            Loaded::Ready(events) => view! {
                <ul class="event-list" data-testid="event-list">
                    {events.into_iter().map(|event| view! { <EventCard event/> }).collect_view()}
                </ul>
            }
            .into_any(),
        }}
    }
}

#[component]
fn EventCard(event: EventSummary) -> impl IntoView {
    let locale = use_lang().now();
    let href = format!("/shop/events/{}", event.id.0);
    let when = date_in(event.starts_at, &event.time_zone, locale, false);
    view! {
        <li>
            <a class="event-card" href=href data-testid="event-card" data-availability=availability_attr(event.availability)>
                <img class="event-card__photo" src=event.photo.url width=event.photo.width height=event.photo.height
                    alt=event.photo.alt loading="lazy" decoding="async"/>
                <span class="event-card__name">{event.name}</span>
                <span class="event-card__when">{when}</span>
                <span class="event-card__venue">{event.venue.name}</span>
                <span class="event-card__price">{price_or_state(locale, event.availability, &event.from_price_label, event.price_varies)}</span>
            </a>
        </li>
    }
}

/// The attribute tests and styles read: `on_sale`, `sold_out`, `sales_closed`, `cancelled`.
pub(super) fn availability_attr(availability: Availability) -> &'static str {
    match availability {
        Availability::OnSale => "on_sale",
        Availability::SoldOut => "sold_out",
        Availability::SalesClosed => "sales_closed",
        Availability::Cancelled => "cancelled",
    }
}

/// "from €15.00" (or the one price), or why tickets cannot be bought.
pub(super) fn price_or_state(
    locale: Locale,
    availability: Availability,
    price: &str,
    varies: bool,
) -> String {
    match availability {
        Availability::SoldOut => td_string!(locale, sold_out).to_owned(),
        Availability::SalesClosed => td_string!(locale, sales_closed).to_owned(),
        Availability::Cancelled => td_string!(locale, event_cancelled).to_owned(),
        Availability::OnSale if varies => td_string!(locale, from_price, price = ltr(locale, price)),
        Availability::OnSale => ltr(locale, price),
    }
}
