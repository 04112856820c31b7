//! The salon's services as clients book them (issue #18): the list of bookable services
//! (`/shop/services`) and a service's booking flow (`/shop/services/<id>`: who, which day,
//! which time, a summary, then Telegram's payment sheet). All of it is ONE lazy wasm chunk
//! ([`ServicesRoute`] picks the page from the path, as the events' chunk does), with its own
//! stylesheet (`public/services.css`), so the storefront's first open carries none of it. The
//! order page shows an order's appointments with [`appointment::Appointments`].
//!
//! Every page loads its data in the browser from the public services API (the wire types of
//! [`crate::appointments`]); times are shown on the salon's clock, with the client's own
//! beside them when it differs ([`crate::pages::zoned`]). Must not decide anything the server
//! decides: which times are free, prices, and whether a time can still be booked are the
//! server's word (checkout and pre-checkout refuse a taken time).

pub(super) mod appointment;
mod booking;
mod flow;
mod list;
mod strip;

use crate::i18n::td_string;
use crate::language::use_lang;
use crate::telegram::Telegram;
use leptos::prelude::*;
use leptos_meta::Stylesheet;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::{lazy_route, LazyRoute};

/// `/shop/services` and `/shop/services/<id>`.
pub struct ServicesRoute;

#[lazy_route]
impl LazyRoute for ServicesRoute {
    fn data() -> Self {
        Self
    }

    fn view(_this: Self) -> AnyView {
        view! { <ServicesShell/> }.into_any()
    }
}

/// Which page a path under `/shop/services` names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Page {
    List,
    Service(i64),
    NotFound,
}

impl Page {
    fn from_path(path: &str) -> Self {
        let rest = path.trim_end_matches('/').strip_prefix("/shop/services");
        match rest.map(|rest| rest.trim_start_matches('/')) {
            Some("") => Page::List,
            Some(id) if !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()) => id
                .parse()
                .ok()
                .filter(|id| *id > 0)
                .map_or(Page::NotFound, Page::Service),
            _ => Page::NotFound,
        }
    }
}

/// The services' stylesheet and the page the path names.
#[component]
fn ServicesShell() -> impl IntoView {
    let location = use_location();
    let page = Memo::new(move |_| Page::from_path(&location.pathname.get()));
    let locale = use_lang().now();
    view! {
        <Stylesheet id="services-css" href="/services.css"/>
        {move || match page.get() {
            Page::List => view! { <list::ServiceList/> }.into_any(),
            Page::Service(id) => view! { <booking::ServicePage id/> }.into_any(),
            Page::NotFound => {
                back_to("/shop");
                view! {
                    <p class="notice notice--error" role="alert">{td_string!(locale, page_not_found)}</p>
                    <p class="notice"><a href="/shop/services">{td_string!(locale, services_title)}</a></p>
                }
                .into_any()
            }
        }}
    }
}

/// The BackButton leads to `to`; the MainButton is hidden.
fn back_to(to: &'static str) {
    let telegram = Telegram::expect();
    Effect::new(move |_| {
        telegram.back_button(true);
        telegram.main_button(None);
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
    fn paths_under_services_name_their_page() {
        assert_eq!(Page::from_path("/shop/services"), Page::List);
        assert_eq!(Page::from_path("/shop/services/"), Page::List);
        assert_eq!(Page::from_path("/shop/services/4"), Page::Service(4));
        for other in [
            "/shop/services/0",
            "/shop/services/-4",
            "/shop/services/4x",
            "/shop/services/4/slots",
            "/shop/servicesx",
            "/shop",
        ] {
            assert_eq!(Page::from_path(other), Page::NotFound, "{other}");
        }
    }
}
