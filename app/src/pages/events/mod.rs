//! Events and tickets, as shoppers and door staff see them: the upcoming events
//! (`/shop/events`), an event's page where tickets are chosen and paid (`/shop/events/<id>`),
//! the shopper's tickets as QR codes (`/shop/events/tickets`) and the door's scanner
//! (`/shop/events/door`). All of it is ONE lazy wasm chunk ([`EventsRoute`] picks the page
//! from the path, as the admin's chunk does), with its own stylesheet (`public/events.css`),
//! so the storefront's first open carries none of it.
//!
//! Every page loads its data in the browser (the server cannot know who opens it before the
//! wasm reads the launch parameters); the server's answers are the wire types of
//! [`crate::events`]. Must not decide anything the server decides: availability, prices and
//! check-ins are the server's word.

pub(super) mod browser;
mod door;
mod event;
mod list;
pub(super) mod load;
mod tickets;
pub(super) mod voucher;

use crate::i18n::td_string;
use crate::language::use_lang;
use crate::telegram::Telegram;
use leptos::prelude::*;
use leptos_meta::Stylesheet;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::{lazy_route, LazyRoute};

/// `/shop/events` and every path under it.
pub struct EventsRoute;

#[lazy_route]
impl LazyRoute for EventsRoute {
    fn data() -> Self {
        Self
    }

    fn view(_this: Self) -> AnyView {
        view! { <EventsShell/> }.into_any()
    }
}

/// Which page a path under `/shop/events` names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Page {
    List,
    Event(i64),
    Tickets,
    Door,
    NotFound,
}

impl Page {
    fn from_path(path: &str) -> Self {
        let rest = path.trim_end_matches('/').strip_prefix("/shop/events");
        match rest.map(|rest| rest.trim_start_matches('/')) {
            Some("") => Page::List,
            Some("tickets") => Page::Tickets,
            Some("door") => Page::Door,
            Some(id) if !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()) => id
                .parse()
                .ok()
                .filter(|id| *id > 0)
                .map_or(Page::NotFound, Page::Event),
            _ => Page::NotFound,
        }
    }
}

/// The events' stylesheet and the page the path names.
#[component]
fn EventsShell() -> impl IntoView {
    let location = use_location();
    let page = Memo::new(move |_| Page::from_path(&location.pathname.get()));
    let locale = use_lang().now();
    view! {
        <Stylesheet id="events-css" href="/events.css"/>
        {move || match page.get() {
            Page::List => view! { <list::EventList/> }.into_any(),
            Page::Event(id) => view! { <event::EventPage id/> }.into_any(),
            Page::Tickets => view! { <tickets::TicketsPage/> }.into_any(),
            Page::Door => view! { <door::DoorPage/> }.into_any(),
            Page::NotFound => view! {
                <p class="notice notice--error" role="alert">{td_string!(locale, page_not_found)}</p>
                <p class="notice"><a href="/shop/events">{td_string!(locale, events_title)}</a></p>
            }
            .into_any(),
        }}
    }
}

/// The BackButton leads to `to`; the MainButton is hidden unless the page shows it.
fn back_to(to: &'static str) {
    let telegram = Telegram::expect();
    Effect::new(move |_| {
        telegram.back_button(true);
        telegram.closing_confirmation(false);
    });
    let navigate = use_navigate();
    Effect::watch(
        move || telegram.back_button_presses(),
        move |_, _, _| navigate(to, Default::default()),
        false,
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_under_events_name_their_page() {
        assert_eq!(Page::from_path("/shop/events"), Page::List);
        assert_eq!(Page::from_path("/shop/events/"), Page::List);
        assert_eq!(Page::from_path("/shop/events/12"), Page::Event(12));
        assert_eq!(Page::from_path("/shop/events/tickets"), Page::Tickets);
        assert_eq!(Page::from_path("/shop/events/door"), Page::Door);
        for other in [
            "/shop/events/0",
            "/shop/events/-1",
            "/shop/events/1x",
            "/shop/events/a/b",
            "/shop/eventsx",
            "/shop",
        ] {
            assert_eq!(Page::from_path(other), Page::NotFound, "{other}");
        }
    }
}
