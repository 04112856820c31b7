//! The shipping rates card of `/admin/settings`: a rate per country and id, edited
//! (`PUT /api/admin/shipping/{country}/{id}`), deleted, or added (`POST /api/admin/shipping`).
//! Each change loads the settings again.

use super::action::{Act, Loaded, Refusal};
use super::amount::{format_amount, parse_amount};
use super::settings::change;
use crate::admin::texts::{t, tf};
use crate::admin_api::{RateTerms, Settings, ShippingRate};
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
            <h2 id="shipping-title">{t("Shipping rates")}</h2>
            {rates.into_iter().map(|rate| view! { <RateForm rate existing=true loaded/> }).collect_view()}
            <RateForm rate=blank existing=false loaded/>
        </section>
    }
}

/// A rate's fields as typed.
#[derive(Clone, Copy)]
struct RateFields {
    country: RwSignal<String>,
    id: RwSignal<String>,
    title: RwSignal<String>,
    price: RwSignal<String>,
    currency: RwSignal<String>,
    position: RwSignal<String>,
}

impl RateFields {
    /// The fields showing `rate`; a new rate's price starts empty.
    fn new(rate: &ShippingRate, existing: bool) -> Self {
        let price = if existing {
            format_amount(rate.terms.price_minor, &rate.terms.currency)
        } else {
            String::new()
        };
        RateFields {
            country: RwSignal::new(rate.country_code.clone()),
            id: RwSignal::new(rate.id.clone()),
            title: RwSignal::new(rate.terms.title.clone()),
            price: RwSignal::new(price),
            currency: RwSignal::new(rate.terms.currency.clone()),
            position: RwSignal::new(rate.terms.position.to_string()),
        }
    }

    /// `/api/admin/shipping/{country}/{id}`.
    fn path(self) -> String {
        format!(
            "/api/admin/shipping/{}/{}",
            self.country.get_untracked().trim().to_uppercase(),
            self.id.get_untracked().trim()
        )
    }

    /// The rate's terms, or why they cannot be sent.
    fn terms(self) -> Result<RateTerms, String> {
        let currency = self.currency.get_untracked().trim().to_uppercase();
        let price_minor = parse_amount(&self.price.get_untracked(), &currency)
            .map_err(|why| tf!("price: {why}", why = why))?;
        let Ok(position) = self.position.get_untracked().trim().parse::<i64>() else {
            return Err(t("a position is a whole number").into());
        };
        Ok(RateTerms {
            title: self.title.get_untracked().trim().to_owned(),
            price_minor,
            currency,
            position,
        })
    }

    /// Saves the rate: `PUT` an existing one, `POST` a new one.
    fn save(self, existing: bool, save: Act, loaded: Loaded<Settings>) {
        let terms = match self.terms() {
            Ok(terms) => terms,
            Err(why) => return save.refuse(why),
        };
        match existing {
            true => change(save, loaded, "PUT", self.path(), Some(terms)),
            false => {
                let rate = ShippingRate {
                    country_code: self.country.get_untracked().trim().to_uppercase(),
                    id: self.id.get_untracked().trim().to_owned(),
                    terms,
                };
                change(save, loaded, "POST", "/api/admin/shipping".into(), Some(rate))
            }
        }
    }
}

/// One rate (`PUT /api/admin/shipping/{country}/{id}`), or a new one (`POST /api/admin/shipping`).
#[component]
fn RateForm(rate: ShippingRate, existing: bool, loaded: Loaded<Settings>) -> impl IntoView {
    let (save, delete) = (Act::new(), Act::new());
    let fields = RateFields::new(&rate, existing);
    let RateFields {
        country,
        id,
        title,
        price,
        currency,
        position,
    } = fields;
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        fields.save(existing, save, loaded);
    };
    let remove = move |_| change(delete, loaded, "DELETE", fields.path(), None::<()>);
    view! {
        <form class="admin-form admin-form--row" on:submit=submit
            data-testid=if existing { format!("rate-{}-{}", rate.country_code, rate.id) } else { "rate-new".into() }>
            <label>{t("Country code")} <input type="text" required maxlength="2" pattern="[A-Za-z]{2}" readonly=existing bind:value=country/></label>
            <label>{t("Rate id")} <input type="text" required readonly=existing bind:value=id/></label>
            <label>{t("Title")} <input type="text" required bind:value=title/></label>
            <label>{t("Price")} <input type="text" inputmode="decimal" required bind:value=price/></label>
            <label>{t("Currency")} <input type="text" required maxlength="3" bind:value=currency/></label>
            <label>{t("Position")} <input type="number" step="1" bind:value=position/></label>
            <button type="submit" class="admin-button" disabled=move || save.busy.get()>{if existing { t("Save rate") } else { t("Add shipping rate") }}</button>
            {existing.then(|| view! {
                <button type="button" class="admin-button admin-button--danger" on:click=remove disabled=move || delete.busy.get()>{t("Delete rate")}</button>
            })}
            <Refusal act=save/>
            <Refusal act=delete/>
        </form>
    }
}
