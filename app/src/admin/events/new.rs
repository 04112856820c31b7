//! `/admin/events/new`: a new event with its ticket types, typed as rows
//! (`POST /api/admin/events`: the product, its ticket types and the details in one
//! transaction); once created, the page goes to the event's page ([`super::event`]).

use super::super::action::{load, show, Act, Refusal};
use super::super::amount::{parse_amount, parse_stars, takes_stars_price};
use super::super::api;
use super::super::product::CategorySelect;
use super::fields::{Particulars, ParticularsInputs};
use crate::admin::texts::{t, tf};
use crate::admin_api::{AdminEvent, CategoryList, CreateEvent, CreateTicketType, Settings};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

/// A ticket type row as typed.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Draft {
    name: String,
    price: String,
    /// Whole Stars, or empty for none (fiat events only).
    stars: String,
    /// Empty: only the event's capacity limits it.
    quota: String,
    max_per_order: String,
}

impl Default for Draft {
    fn default() -> Self {
        Draft {
            name: String::new(),
            price: String::new(),
            stars: String::new(),
            quota: String::new(),
            max_per_order: "10".into(),
        }
    }
}

/// An optional whole number as typed: empty for none.
fn optional_count(typed: &str) -> Result<Option<i64>, ()> {
    match typed.trim() {
        "" => Ok(None),
        typed => typed.parse::<i64>().map(Some).map_err(|_| ()),
    }
}

/// The ticket types for the API in `currency`, or why they cannot be sent.
fn ticket_types(drafts: &[Draft], currency: &str) -> Result<Vec<CreateTicketType>, String> {
    if drafts.is_empty() {
        return Err(t("an event needs at least one ticket type").into());
    }
    drafts
        .iter()
        .map(|d| {
            let name = format!("{:?}", d.name.trim());
            let price_minor = parse_amount(&d.price, currency)
                .map_err(|e| tf!("price of {name}: {why}", name = name, why = e))?;
            let quota = optional_count(&d.quota).map_err(|_| {
                tf!(
                    "quota of {name} is a whole number, or empty for none",
                    name = name
                )
            })?;
            let max_per_order = optional_count(&d.max_per_order)
                .map_err(|_| tf!("the per-order maximum of {name} is a whole number", name = name))?;
            let stars_price = match takes_stars_price(currency) {
                true => parse_stars(&d.stars)
                    .map_err(|e| tf!("Stars price of {name}: {why}", name = name, why = e))?,
                false => None,
            };
            Ok(CreateTicketType {
                name: d.name.trim().to_owned(),
                price_minor,
                stars_price,
                quota,
                max_per_order,
            })
        })
        .collect()
}

/// The new event as typed.
#[derive(Clone, Copy)]
struct EventFields {
    /// A category id as text.
    category: RwSignal<String>,
    name: RwSignal<String>,
    description: RwSignal<String>,
    currency: RwSignal<String>,
    particulars: Particulars,
    drafts: RwSignal<Vec<Draft>>,
}

impl EventFields {
    fn new() -> Self {
        let blank = || RwSignal::new(String::new());
        EventFields {
            category: blank(),
            name: blank(),
            description: blank(),
            currency: blank(),
            particulars: Particulars::empty(),
            drafts: RwSignal::new(vec![Draft::default()]),
        }
    }

    /// The new event for the API, its times on `zone`'s clock, or why it cannot be sent.
    fn request(self, zone: &str) -> Result<CreateEvent, String> {
        let currency = self.currency.get_untracked().trim().to_uppercase();
        let read = self.particulars.read(zone)?;
        let ticket_types = ticket_types(&self.drafts.get_untracked(), &currency)?;
        let Ok(category_id) = self.category.get_untracked().parse::<i64>() else {
            return Err(t("choose a category").into());
        };
        Ok(CreateEvent {
            category_id,
            name: self.name.get_untracked().trim().to_owned(),
            description: self.description.get_untracked(),
            currency,
            starts_at: read.starts_at,
            ends_at: read.ends_at,
            sales_close_at: read.sales_close_at,
            venue: read.venue,
            capacity: read.capacity,
            named_tickets: read.named_tickets,
            ticket_types,
        })
    }
}

/// `/admin/events/new`: `POST /api/admin/events`, then the new event's page.
#[component]
pub(crate) fn NewEventPage() -> impl IntoView {
    let settings = load::<Settings>(|| "/api/admin/settings".into());
    view! {
        <p><a href="/admin/events">{t("← All events")}</a></p>
        <h1 class="admin-title">{t("New event")}</h1>
        {show(settings, |settings| view! { <NewEventForm settings/> })}
    }
}

#[component]
fn NewEventForm(settings: Settings) -> impl IntoView {
    let act = Act::new();
    let categories = load::<CategoryList>(|| "/api/admin/categories".into());
    let fields = EventFields::new();
    let EventFields {
        category,
        name,
        description,
        currency,
        particulars,
        drafts,
    } = fields;
    currency.set(settings.shop.currency);
    let zone = settings.shop.time_zone.unwrap_or_else(|| "UTC".into());
    let navigate = use_navigate();
    let submit = {
        let zone = zone.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let body = match fields.request(&zone) {
                Ok(body) => body,
                Err(why) => return act.refuse(why),
            };
            let navigate = navigate.clone();
            act.run(
                move |auth| async move {
                    api::send::<AdminEvent>(&auth, "POST", "/api/admin/events", Some(&body)).await
                },
                move |event| navigate(&format!("/admin/events/{}", event.id.0), Default::default()),
            );
        }
    };
    view! {
        <form class="admin-form admin-card" on:submit=submit aria-label=t("New event") data-testid="new-event">
            <label>{t("Category")} {show(categories, move |c| view! { <CategorySelect categories=c.categories chosen=category/> })}</label>
            <label>{t("Name")} <input type="text" required bind:value=name/></label>
            <label>{t("Description")} <textarea rows="4" bind:value=description></textarea></label>
            <label>{t("Currency")} <input type="text" required pattern="[A-Za-z]{3}" maxlength="3" bind:value=currency/></label>
            <ParticularsInputs fields=particulars zone=Signal::stored(zone)/>
            <DraftRows drafts currency/>
            <button type="submit" class="admin-button" disabled=move || act.busy.get()>{t("Create event")}</button>
            <Refusal act/>
        </form>
    }
}

/// The ticket type rows, with buttons to add one and remove each.
#[component]
fn DraftRows(drafts: RwSignal<Vec<Draft>>, currency: RwSignal<String>) -> impl IntoView {
    let edit = move |i: usize, set: fn(&mut Draft, String)| {
        move |ev: leptos::ev::Event| drafts.update(|d| set(&mut d[i], event_target_value(&ev)))
    };
    let value = move |i: usize, get: fn(&Draft) -> String| drafts.with_untracked(|d| get(&d[i]));
    // Rows are rebuilt when one is added or removed, not on every keystroke (which would lose focus).
    let count = Memo::new(move |_| drafts.with(Vec::len));
    view! {
        {move || (0..count.get()).map(|i| view! {
            <fieldset class="admin-form admin-form--row" data-testid=format!("draft-ticket-type-{i}")>
                <legend>{tf!("Ticket type {n}", n = i + 1)}</legend>
                <label>{t("Ticket type name")} <input type="text" required prop:value=value(i, |d| d.name.clone()) on:input=edit(i, |d, v| d.name = v)/></label>
                <label>{move || format!("Price ({})", currency.get())} <input type="text" inputmode="decimal" required prop:value=value(i, |d| d.price.clone()) on:input=edit(i, |d, v| d.price = v)/></label>
                <label hidden=move || !takes_stars_price(&currency.get())>{t("Stars price (optional)")}
                    <input type="number" min="1" step="1" prop:value=value(i, |d| d.stars.clone()) on:input=edit(i, |d, v| d.stars = v)/></label>
                <label>{t("Quota (optional)")} <input type="number" min="0" step="1" prop:value=value(i, |d| d.quota.clone()) on:input=edit(i, |d, v| d.quota = v)/></label>
                <label>{t("Per-order maximum")} <input type="number" min="1" step="1" required prop:value=value(i, |d| d.max_per_order.clone()) on:input=edit(i, |d, v| d.max_per_order = v)/></label>
                <button type="button" class="admin-button admin-button--danger" on:click=move |_| drafts.update(|d| { d.remove(i); })
                    disabled=move || count.get() == 1>{t("Remove ticket type")}</button>
            </fieldset>
        }).collect_view()}
        <button type="button" class="admin-button admin-button--quiet" on:click=move |_| drafts.update(|d| d.push(Draft::default()))>
            {t("Add a ticket type")}
        </button>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn draft(name: &str, price: &str, quota: &str) -> Draft {
        Draft {
            name: name.into(),
            price: price.into(),
            quota: quota.into(),
            ..Draft::default()
        }
    }

    #[test]
    fn typed_ticket_types_become_minor_units_with_their_limits() {
        let types = ticket_types(
            &[
                draft(" Standing ", "15", ""),
                Draft {
                    stars: "700".into(),
                    max_per_order: "4".into(),
                    ..draft("Seated", "25.50", "40")
                },
            ],
            "EUR",
        )
        .unwrap();
        let json = serde_json::to_value(&types).unwrap();
        assert_eq!(
            json,
            json!([
                { "name": "Standing", "price_minor": 1500, "max_per_order": 10 },
                { "name": "Seated", "price_minor": 2550, "stars_price": 700, "quota": 40, "max_per_order": 4 },
            ])
        );
    }

    #[test]
    fn a_stars_event_takes_no_second_stars_price() {
        let starred = Draft {
            stars: "5".into(),
            ..draft("VIP", "500", "")
        };
        let types = ticket_types(&[starred], "XTR").unwrap();
        assert_eq!(types[0].stars_price, None);
    }

    #[test]
    fn a_bad_ticket_type_is_named_and_an_event_needs_one() {
        let why = ticket_types(&[draft("VIP", "12.505", "")], "EUR").unwrap_err();
        assert_eq!(why, "price of \"VIP\": at most 2 decimals");
        let why = ticket_types(&[draft("VIP", "12", "many")], "EUR").unwrap_err();
        assert_eq!(why, "quota of \"VIP\" is a whole number, or empty for none");
        assert_eq!(
            ticket_types(&[], "EUR").unwrap_err(),
            "an event needs at least one ticket type"
        );
    }
}
