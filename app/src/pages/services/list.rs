//! `/shop/services`: the salon's bookable services in the catalog's order, each with its
//! photo, length and "from" price, leading to its booking flow.

use crate::appointments::ServiceView;
use crate::components::TopBar;
use crate::i18n::{td_string, Locale};
use crate::language::{ltr, use_lang};
use crate::pages::events::load::{load, Loaded};
use leptos::prelude::*;

/// The list of services.
#[component]
pub(super) fn ServiceList() -> impl IntoView {
    super::back_to("/shop");
    let locale = use_lang().now();
    let loaded = load::<Vec<ServiceView>>(|| "/api/services".into(), false);
    view! {
        <TopBar title=|l| td_string!(l, services_title)/>
        {move || match loaded.get() {
            Loaded::Loading => view! { <p class="notice">{td_string!(locale, loading_services)}</p> }.into_any(),
            Loaded::Failed(text) => view! { <p class="notice notice--error" role="alert">{text}</p> }.into_any(),
            Loaded::Ready(services) if services.is_empty() => {
                view! { <p class="notice" data-testid="no-services">{td_string!(locale, no_services)}</p> }.into_any()
            }
            Loaded::Ready(services) => view! {
                <ul class="service-list" data-testid="service-list">
                    {services.into_iter().map(|service| view! { <li><ServiceCard service/></li> }).collect_view()}
                </ul>
            }
            .into_any(),
        }}
    }
}

#[component]
fn ServiceCard(service: ServiceView) -> impl IntoView {
    let locale = use_lang().now();
    let href = format!("/shop/services/{}", service.id.0);
    view! {
        <a class="service-card" href=href data-testid="service-card">
            <img class="service-card__photo" src=service.photo.url width=service.photo.width height=service.photo.height
                alt=service.photo.alt loading="lazy" decoding="async"/>
            <span class="service-card__name">{service.name}</span>
            <span class="service-card__length">{length(locale, service.duration_minutes)}</span>
            <span class="service-card__price">{from_price(locale, &service.from_price_label, service.price_varies)}</span>
        </a>
    }
}

/// "45 min" in the client's language.
pub(super) fn length(locale: Locale, minutes: i64) -> String {
    td_string!(locale, minutes_long, minutes = minutes)
}

/// "from 35,00 €", or the one price.
pub(super) fn from_price(locale: Locale, price: &str, varies: bool) -> String {
    match varies {
        true => td_string!(locale, from_price, price = ltr(locale, price)),
        false => ltr(locale, price),
    }
}
