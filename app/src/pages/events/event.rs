//! `/shop/events/<id>`: an event's photo, date (the shopper's language, the event's time
//! zone), venue and description, and its ticket types with − / + within what is left and
//! the per-order maximum, and a name field per ticket when the organiser names tickets.
//! Telegram's MainButton says "Pay …": the server prices the tickets and makes an invoice
//! (`POST /api/checkout` with the attendees), Telegram's payment sheet opens, and once it
//! closes paid the order page shows the order and its tickets as the server recorded them.

use super::browser::{amount, date_in};
use super::list::{availability_attr, price_or_state};
use super::load::{load, Loaded};
use crate::components::TopBar;
use crate::events::{Availability, EventView, TicketTypeView};
use crate::i18n::{td_string, Locale};
use crate::language::{ltr, use_lang};
use crate::orders::{CheckoutLine, CheckoutRequest};
use crate::pages::paying::{answer_sheet, open_invoice, Notice, PayNotice, Paying};
use crate::telegram::{Haptic, Telegram};
use leptos::prelude::*;

/// `/shop/events/<id>`.
#[component]
pub fn EventPage(id: i64) -> impl IntoView {
    super::back_to("/shop/events");
    let locale = use_lang().now();
    let loaded = load::<EventView>(move || format!("/api/events/{id}"), false);
    view! {
        <TopBar title=|l| td_string!(l, events_title)/>
        {move || match loaded.get() {
            Loaded::Loading => view! { <p class="notice">{td_string!(locale, loading_events)}</p> }.into_any(),
            Loaded::Failed(text) => view! {
                <p class="notice notice--error" role="alert">{text}</p>
                <p class="notice"><a href="/shop/events">{td_string!(locale, all_events)}</a></p>
            }
            .into_any(),
            Loaded::Ready(event) => view! { <EventDetail event/> }.into_any(),
        }}
    }
}

/// One ticket type as the shopper chooses it: how many, and a name per ticket.
#[derive(Clone)]
struct Choice {
    kind: TicketTypeView,
    quantity: RwSignal<u32>,
    names: RwSignal<Vec<String>>,
}

impl Choice {
    /// How many one order may hold now.
    fn limit(&self) -> u32 {
        u32::try_from(self.kind.available.min(self.kind.max_per_order).max(0)).unwrap_or(0)
    }
}

#[component]
fn EventDetail(event: EventView) -> impl IntoView {
    let locale = use_lang().now();
    let summary = event.summary;
    let on_sale = summary.availability == Availability::OnSale;
    let choices: Vec<Choice> = event
        .ticket_types
        .into_iter()
        .map(|kind| Choice {
            kind,
            quantity: RwSignal::new(0),
            names: RwSignal::new(Vec::new()),
        })
        .collect();
    let choices = StoredValue::new(choices);
    let paying = RwSignal::new(Paying::Idle);
    pay_with_main_button(choices, paying, on_sale, event.named_tickets);
    let when = date_in(summary.starts_at, &summary.time_zone, locale, true);
    let venue = summary.venue;
    let named = event.named_tickets;
    view! {
        <article class="event" data-testid="event" data-availability=availability_attr(summary.availability)>
            <img class="event__photo" src=summary.photo.url width=summary.photo.width height=summary.photo.height
                alt=summary.photo.alt decoding="async"/>
            <h2 class="event__name">{summary.name}</h2>
            <p class="event__when" data-testid="event-when">
                <time datetime=crate::iso_utc(summary.starts_at)>{when}</time>
            </p>
            <p class="event__venue">
                <span>{venue.name}</span>" · "
                // The address leads to the map, when the organiser gave one.
                {match venue.map_url.filter(|url| url.starts_with("https://")) {
                    Some(url) => view! { <a href=url target="_blank" rel="noopener">{venue.address}</a> }.into_any(),
                    None => view! { <span>{venue.address}</span> }.into_any(),
                }}
            </p>
            <p class="event__description">{event.description}</p>
            {(!on_sale).then(|| view! {
                <p class="notice notice--alert" role="status" data-testid="event-state">
                    {price_or_state(locale, summary.availability, "", false)}
                </p>
            })}
            <ul class="ticket-types">
                {choices.get_value().into_iter().map(|choice| view! { <TicketTypeRow choice on_sale named/> }).collect_view()}
            </ul>
            <PayNotice paying cancelled=|l| td_string!(l, tickets_not_paid)/>
        </article>
    }
}

/// A ticket type: name, price, − quantity + (or "Sold out"), and the name fields.
#[component]
fn TicketTypeRow(choice: Choice, on_sale: bool, named: bool) -> impl IntoView {
    let locale = use_lang().now();
    let (quantity, names, limit) = (choice.quantity, choice.names, choice.limit());
    let kind = choice.kind;
    let less = move |_: leptos::ev::MouseEvent| {
        quantity.update(|q| *q = q.saturating_sub(1));
        names.update(|n| n.truncate(quantity.get_untracked() as usize));
    };
    let more = move |_: leptos::ev::MouseEvent| {
        if quantity.get_untracked() < limit {
            quantity.update(|q| *q += 1);
            names.update(|n| n.resize(quantity.get_untracked() as usize, String::new()));
        }
    };
    let label = |text: fn(Locale, &str) -> String, name: &str| text(locale, name);
    let stepper = match (on_sale, kind.available > 0) {
        (true, true) => view! {
            <span class="stepper">
                <button class="stepper__button" aria-label=label(|l, name| td_string!(l, one_less, name), &kind.name)
                    disabled=move || quantity.get() == 0 on:click=less>"−"</button>
                <output class="stepper__value" data-testid="ticket-quantity"
                    aria-label=label(|l, name| td_string!(l, quantity_of, name), &kind.name)>{move || quantity.get()}</output>
                <button class="stepper__button" aria-label=label(|l, name| td_string!(l, one_more, name), &kind.name)
                    disabled={move || quantity.get() >= limit} on:click=more>"+"</button>
            </span>
        }
        .into_any(),
        (true, false) => view! { <span class="ticket-type__state">{td_string!(locale, sold_out)}</span> }.into_any(),
        (false, _) => ().into_any(),
    };
    let few_left = (on_sale && kind.available > 0 && kind.available <= 5)
        .then(|| view! { <span class="ticket-type__left">{td_string!(locale, only_left, count = kind.available)}</span> });
    let type_name = kind.name.clone();
    view! {
        <li class="ticket-type" data-testid="ticket-type" data-name=kind.name.clone()>
            <span class="ticket-type__name">{kind.name.clone()}</span>
            <span class="ticket-type__price"><bdi dir="ltr">{kind.price_label}</bdi></span>
            {few_left}
            {stepper}
            {named.then_some(move || {
                let type_name = type_name.clone();
                (0..quantity.get() as usize).map(move |i| {
                    let typed = names.with_untracked(|n| n.get(i).cloned().unwrap_or_default());
                    let text = td_string!(locale, attendee_name, number = i + 1, kind = &type_name);
                    view! {
                        <label class="attendee">
                            <span class="attendee__label">{text}</span>
                            <input class="search__input attendee__input" data-testid="attendee" autocomplete="name"
                                maxlength="100" prop:value=typed
                                on:input=move |e| {
                                    let value = event_target_value(&e);
                                    names.update(|n| if let Some(name) = n.get_mut(i) { *name = value });
                                }/>
                        </label>
                    }
                }).collect_view()
            })}
        </li>
    }
}

/// The MainButton: "Pay …" once a ticket is chosen (busy while the invoice is made); pressed,
/// the server makes the order and its invoice and Telegram's sheet opens; closed paid (or
/// pending: the server's record decides), the order page follows the order.
fn pay_with_main_button(
    choices: StoredValue<Vec<Choice>>,
    paying: RwSignal<Paying>,
    on_sale: bool,
    named: bool,
) {
    let (telegram, locale) = (Telegram::expect(), use_lang().now());
    Effect::new(move |_| {
        let label = choices
            .with_value(|all| pay_label(all, locale))
            .filter(|_| on_sale);
        match (paying.get(), label) {
            (Paying::CreatingInvoice, Some(label)) => telegram.main_button_busy(&label),
            (_, label) => telegram.main_button(label.as_deref()),
        }
    });
    Effect::watch(
        move || telegram.main_button_presses(),
        move |_, _, _| start_paying(telegram, choices, paying, named),
        false,
    );
    answer_sheet(telegram, paying, || ());
}

/// "Pay €30.00" for the chosen tickets (reactive), `None` while none is chosen.
fn pay_label(choices: &[Choice], locale: Locale) -> Option<String> {
    let chosen: Vec<_> = choices.iter().filter(|c| c.quantity.get() > 0).collect();
    let first = chosen.first()?;
    let total: i64 = chosen
        .iter()
        .map(|c| c.kind.price.minor.saturating_mul(i64::from(c.quantity.get())))
        .sum();
    let currency = first.kind.price.currency.as_str().to_owned();
    let total_label = amount(total, &currency, locale).or_else(|| {
        // One ticket: its own label says the same.
        (chosen.len() == 1 && first.quantity.get() == 1).then(|| first.kind.price_label.clone())
    });
    Some(match total_label {
        Some(total) => td_string!(locale, pay_total, total = ltr(locale, &total)),
        None => td_string!(locale, pay).to_owned(),
    })
}

/// The checkout request for the chosen tickets, or why not yet (a name is missing).
fn request(choices: &[Choice], named: bool) -> Result<CheckoutRequest, Notice> {
    let mut lines = Vec::new();
    for choice in choices.iter().filter(|c| c.quantity.get_untracked() > 0) {
        let attendees: Vec<String> = match named {
            true => choice
                .names
                .get_untracked()
                .iter()
                .map(|n| n.trim().to_owned())
                .collect(),
            false => Vec::new(),
        };
        if attendees.iter().any(String::is_empty) {
            return Err(Notice::NamesMissing);
        }
        lines.push(CheckoutLine {
            variant_id: choice.kind.variant_id,
            quantity: i64::from(choice.quantity.get_untracked()),
            attendees,
            appointment: None,
        });
    }
    Ok(CheckoutRequest {
        lines,
        promo_code: None,
        tip_minor: None,
        pay_in_stars: false,
    })
}

/// MainButton pressed: ask the server for an invoice and open it, once every name is there.
fn start_paying(
    telegram: Telegram,
    choices: StoredValue<Vec<Choice>>,
    paying: RwSignal<Paying>,
    named: bool,
) {
    match choices.with_value(|all| request(all, named)) {
        Ok(request) if !request.lines.is_empty() => open_invoice(telegram, paying, &request),
        Ok(_) => {}
        Err(notice) => {
            telegram.haptic(Haptic::Error);
            paying.set(Paying::Notice(notice));
        }
    }
}
