//! The settings kept as lists: shipping rates per country (edit, delete, add) and promo codes
//! (add; switch on and off, change their use limit and end).

use super::action::{Act, Loaded, Refusal};
use super::amount::{format_amount, parse_amount};
use super::dates::{date_of, end_of};
use super::settings::change;
use crate::admin_api::{CreatePromo, PromoCode, RateTerms, Settings, ShippingRate, UpdatePromo};
use leptos::prelude::*;

/// The shipping rates card.
#[component]
pub(crate) fn ShippingRates(
    rates: Vec<ShippingRate>,
    currency: String,
    loaded: Loaded<Settings>,
) -> impl IntoView {
    let blank = ShippingRate {
        country_code: String::new(),
        id: String::new(),
        terms: RateTerms {
            title: String::new(),
            price_minor: 0,
            currency,
            position: 0,
        },
    };
    view! {
        <section class="admin-card" aria-labelledby="shipping-title" data-testid="shipping">
            <h2 id="shipping-title">"Shipping rates"</h2>
            {rates.into_iter().map(|rate| view! { <RateForm rate existing=true loaded/> }).collect_view()}
            <RateForm rate=blank existing=false loaded/>
        </section>
    }
}

/// One rate (`PUT /api/admin/shipping/{country}/{id}`), or a new one (`POST /api/admin/shipping`).
#[component]
fn RateForm(rate: ShippingRate, existing: bool, loaded: Loaded<Settings>) -> impl IntoView {
    let (save, delete) = (Act::new(), Act::new());
    let price = if existing {
        format_amount(rate.terms.price_minor, &rate.terms.currency)
    } else {
        String::new()
    };
    let (country, id) = (
        RwSignal::new(rate.country_code.clone()),
        RwSignal::new(rate.id.clone()),
    );
    let (title, price, currency) = (
        RwSignal::new(rate.terms.title.clone()),
        RwSignal::new(price),
        RwSignal::new(rate.terms.currency.clone()),
    );
    let position = RwSignal::new(rate.terms.position.to_string());
    let path = move || {
        format!(
            "/api/admin/shipping/{}/{}",
            country.get_untracked().trim().to_uppercase(),
            id.get_untracked().trim()
        )
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let currency = currency.get_untracked().trim().to_uppercase();
        let price_minor = match parse_amount(&price.get_untracked(), &currency) {
            Ok(minor) => minor,
            Err(why) => return save.refuse(format!("price: {why}")),
        };
        let Ok(position) = position.get_untracked().trim().parse::<i64>() else {
            return save.refuse("a position is a whole number");
        };
        let terms = RateTerms {
            title: title.get_untracked().trim().to_owned(),
            price_minor,
            currency,
            position,
        };
        match existing {
            true => change(save, loaded, "PUT", path(), Some(terms)),
            false => {
                let rate = ShippingRate {
                    country_code: country.get_untracked().trim().to_uppercase(),
                    id: id.get_untracked().trim().to_owned(),
                    terms,
                };
                change(save, loaded, "POST", "/api/admin/shipping".into(), Some(rate))
            }
        }
    };
    let remove = move |_| change(delete, loaded, "DELETE", path(), None::<()>);
    view! {
        <form class="admin-form admin-form--row" on:submit=submit
            data-testid=if existing { format!("rate-{}-{}", rate.country_code, rate.id) } else { "rate-new".into() }>
            <label>"Country code" <input type="text" required maxlength="2" pattern="[A-Za-z]{2}" readonly=existing bind:value=country/></label>
            <label>"Rate id" <input type="text" required readonly=existing bind:value=id/></label>
            <label>"Title" <input type="text" required bind:value=title/></label>
            <label>"Price" <input type="text" inputmode="decimal" required bind:value=price/></label>
            <label>"Currency" <input type="text" required maxlength="3" bind:value=currency/></label>
            <label>"Position" <input type="number" step="1" bind:value=position/></label>
            <button type="submit" class="admin-button" disabled=move || save.busy.get()>{if existing { "Save rate" } else { "Add shipping rate" }}</button>
            {existing.then(|| view! {
                <button type="button" class="admin-button admin-button--danger" on:click=remove disabled=move || delete.busy.get()>"Delete rate"</button>
            })}
            <Refusal act=save/>
            <Refusal act=delete/>
        </form>
    }
}

/// The promo codes card: a table of codes and the form for a new one.
#[component]
pub(crate) fn PromoCodes(codes: Vec<PromoCode>, currency: String, loaded: Loaded<Settings>) -> impl IntoView {
    view! {
        <section class="admin-card" aria-labelledby="promo-title" data-testid="promo-codes">
            <h2 id="promo-title">"Promo codes"</h2>
            {codes.into_iter().map(|code| view! { <PromoRow code loaded/> }).collect_view()}
            <NewPromo currency loaded/>
        </section>
    }
}

#[component]
fn PromoRow(code: PromoCode, loaded: Loaded<Settings>) -> impl IntoView {
    let (save, toggle) = (Act::new(), Act::new());
    let off = match (code.percent_off, code.amount_off_minor, &code.currency) {
        (Some(p), _, _) => format!("{p}% off"),
        (_, Some(a), Some(c)) => format!("{} {c} off", format_amount(a, c)),
        _ => "no discount".into(),
    };
    let max_uses = RwSignal::new(code.max_uses.map(|m| m.to_string()).unwrap_or_default());
    let expires = RwSignal::new(code.expires_at.map(date_of).unwrap_or_default());
    let (path, active) = (format!("/api/admin/promo-codes/{}", code.code), code.active);
    let path2 = path.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let max_uses = match max_uses.get_untracked().trim() {
            "" => None,
            n => match n.parse::<i64>() {
                Ok(n) if n > 0 => Some(n),
                _ => return save.refuse("the use limit is a whole number above 0"),
            },
        };
        let body = UpdatePromo {
            active: None,
            max_uses: Some(max_uses),
            expires_at: Some(end_of(&expires.get_untracked())),
        };
        change(save, loaded, "PATCH", path.clone(), Some(body));
    };
    let flip = move |_| {
        change(
            toggle,
            loaded,
            "PATCH",
            path2.clone(),
            Some(UpdatePromo {
                active: Some(!active),
                ..UpdatePromo::default()
            }),
        )
    };
    view! {
        <form class="admin-form admin-form--row" on:submit=submit data-testid=format!("promo-{}", code.code)>
            <strong class="admin-code">{code.code.clone()}</strong>
            <span class="admin-note">{format!("{off} · used {} · {}", code.uses, if active { "active" } else { "inactive" })}</span>
            <label>"Use limit (empty: none)" <input type="number" min="1" step="1" bind:value=max_uses/></label>
            <label>"Last day" <input type="date" bind:value=expires/></label>
            <button type="submit" class="admin-button" disabled=move || save.busy.get()>"Save promo code"</button>
            <button type="button" class="admin-button admin-button--quiet" on:click=flip disabled=move || toggle.busy.get()>
                {if active { "Deactivate" } else { "Activate" }}
            </button>
            <Refusal act=save/>
            <Refusal act=toggle/>
        </form>
    }
}

#[component]
fn NewPromo(currency: String, loaded: Loaded<Settings>) -> impl IntoView {
    let act = Act::new();
    let (code, kind, amount) = (
        RwSignal::new(String::new()),
        RwSignal::new("percent".to_owned()),
        RwSignal::new(String::new()),
    );
    let (minimum, max_uses) = (RwSignal::new(String::new()), RwSignal::new(String::new()));
    let (starts, expires, currency) = (
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(currency),
    );
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let currency = currency.get_untracked().trim().to_uppercase();
        let percent = kind.get_untracked() == "percent";
        let amount = amount.get_untracked();
        let (percent_off, amount_off) = match percent {
            true => match amount.trim().parse::<i64>() {
                Ok(p) if (1..=100).contains(&p) => (Some(p), None),
                _ => return act.refuse("a percentage is a whole number from 1 to 100"),
            },
            false => match parse_amount(&amount, &currency) {
                Ok(a) => (None, Some(a)),
                Err(why) => return act.refuse(format!("amount off: {why}")),
            },
        };
        let min_items = match minimum.get_untracked().trim() {
            "" => None,
            m => match parse_amount(m, &currency) {
                Ok(m) => Some(m),
                Err(why) => return act.refuse(format!("minimum: {why}")),
            },
        };
        let max_uses = max_uses.get_untracked().trim().parse::<i64>().ok();
        let body = CreatePromo {
            code: code.get_untracked().trim().to_uppercase(),
            percent_off,
            amount_off_minor: amount_off,
            currency: (!percent || min_items.is_some()).then_some(currency),
            // No minimum is 0 (`null` is not a number the server takes here).
            min_items_minor: min_items.unwrap_or(0),
            max_uses,
            starts_at: super::dates::start_of(&starts.get_untracked()),
            expires_at: end_of(&expires.get_untracked()),
            active: true,
        };
        change(act, loaded, "POST", "/api/admin/promo-codes".into(), Some(body));
    };
    view! {
        <form class="admin-form admin-form--row" on:submit=submit aria-label="New promo code" data-testid="promo-new">
            <label>"Code" <input type="text" required pattern="[A-Za-z0-9_-]+" bind:value=code/></label>
            <label>"Discount kind"
                <select prop:value=move || kind.get() on:change=move |ev| kind.set(event_target_value(&ev))>
                    <option value="percent">"Percent off"</option>
                    <option value="amount">"Amount off"</option>
                </select>
            </label>
            <label>"Discount" <input type="text" inputmode="decimal" required bind:value=amount/></label>
            <label>"Promo currency" <input type="text" maxlength="3" bind:value=currency/></label>
            <label>"Minimum items total (optional)" <input type="text" inputmode="decimal" bind:value=minimum/></label>
            <label>"Use limit (optional)" <input type="number" min="1" step="1" bind:value=max_uses/></label>
            <label>"First day (optional)" <input type="date" bind:value=starts/></label>
            <label>"Last day (optional)" <input type="date" bind:value=expires/></label>
            <button type="submit" class="admin-button" disabled=move || act.busy.get()>"Create promo code"</button>
            <Refusal act/>
        </form>
    }
}
