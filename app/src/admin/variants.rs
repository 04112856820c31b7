//! A product's variants: rename and reprice (`PATCH /api/admin/variants/{id}`), delete, add
//! (`POST /api/admin/products/{id}/variants`), each answering the product; stock is adjusted
//! apart, with a reason ([`super::stock`]). Prices are typed in the product's currency; a
//! fiat product's variants may also take a Stars price (whole Stars, empty for none).

use super::action::{Act, Refusal};
use super::amount::{format_amount, parse_amount, parse_stars, takes_stars_price};
use super::api;
use crate::admin::texts::{t, tf};
use crate::admin_api::{AdminProduct, AdminVariant, CreateVariant, UpdateVariant};
use leptos::prelude::*;

/// The variants card of a product's page.
#[component]
pub(crate) fn Variants(current: RwSignal<AdminProduct>) -> impl IntoView {
    view! {
        <section class="admin-card" aria-labelledby="variants-title" data-testid="variants">
            <h2 id="variants-title">{t("Variants")}</h2>
            // A digital product listed in a fiat currency (stored before Telegram's §6.2
            // rule): cards may not pay for it, each variant sells at its Stars price only.
            {move || current.get().cards_refused.map(|why| view! {
                <p class="admin-error" role="note" data-testid="cards-refused">
                    {tf!("Sold in Telegram Stars only: set each variant's Stars price. {why}", why = why)}
                </p>
            })}
            {move || {
                let product = current.get();
                product.variants.into_iter().map(|variant| {
                    let currency = product.currency.to_string();
                    view! { <VariantRow variant currency current/> }
                }).collect_view()
            }}
            <AddVariant current/>
        </section>
    }
}

#[component]
fn VariantRow(variant: AdminVariant, currency: String, current: RwSignal<AdminProduct>) -> impl IntoView {
    let (save, delete) = (Act::new(), Act::new());
    let name = RwSignal::new(variant.name.clone());
    let price = RwSignal::new(format_amount(variant.price_minor, &currency));
    let listed = variant.price_minor;
    let stars = RwSignal::new(variant.stars_price.map(|s| s.to_string()).unwrap_or_default());
    let fiat = takes_stars_price(&currency);
    let path = format!("/api/admin/variants/{}", variant.id.0);
    let label = tf!("Price ({currency})", currency = currency);
    let submit = {
        let path = path.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let price_minor = match parse_amount(&price.get_untracked(), &currency) {
                Ok(minor) => minor,
                Err(why) => return save.refuse(tf!("price: {why}", why = why)),
            };
            // An unchanged price is not sent: a digital product listed in a fiat currency
            // takes no new fiat price, but its Stars prices may still be set.
            let mut body = UpdateVariant {
                name: Some(name.get_untracked().trim().to_owned()),
                price_minor: (price_minor != listed).then_some(price_minor),
                ..UpdateVariant::default()
            };
            if fiat {
                match parse_stars(&stars.get_untracked()) {
                    // Empty removes the Stars price.
                    Ok(stars) => body.stars_price = Some(stars),
                    Err(why) => return save.refuse(tf!("Stars price: {why}", why = why)),
                }
            }
            let path = path.clone();
            save.run(move |auth| async move { api::send::<AdminProduct>(&auth, "PATCH", &path, Some(&body)).await }, move |p| current.set(p));
        }
    };
    let remove = move |_| {
        let path = path.clone();
        delete.run(
            move |auth| async move { api::send::<AdminProduct>(&auth, "DELETE", &path, None::<&()>).await },
            move |p| current.set(p),
        );
    };
    let busy = move || save.busy.get() || delete.busy.get();
    view! {
        <div class="admin-variant" data-testid=format!("variant-{}", variant.id.0)>
            <form class="admin-form admin-form--row" on:submit=submit aria-label=tf!("Variant {name}", name = variant.name)>
                <label>{t("Variant name")} <input type="text" required bind:value=name/></label>
                <label>{label} <input type="text" inputmode="decimal" required bind:value=price/></label>
                {fiat.then(|| view! {
                    <label>{t("Stars price (optional)")} <input type="number" min="1" step="1" bind:value=stars/></label>
                })}
                <span class="admin-note">{variant.price_label.clone()}</span>
                {variant.stars_label.clone().map(|label| view! { <span class="admin-note" data-testid="stars-label">{label}</span> })}
                {variant.needs_stars_price.then(|| view! {
                    <span class="admin-error" data-testid="needs-stars-price">{t("Needs a Stars price: not for sale until it has one")}</span>
                })}
                <button type="submit" class="admin-button" disabled=busy>{t("Save variant")}</button>
                <button type="button" class="admin-button admin-button--danger" on:click=remove disabled=busy>{t("Delete variant")}</button>
                <Refusal act=save/>
                <Refusal act=delete/>
            </form>
            <super::stock::Stock variant_id=variant.id stock=variant.stock current/>
        </div>
    }
}

/// A new variant as typed.
#[derive(Clone, Copy)]
struct NewVariantFields {
    name: RwSignal<String>,
    price: RwSignal<String>,
    stock: RwSignal<String>,
    /// Whole Stars, or empty for none (fiat products only).
    stars: RwSignal<String>,
}

impl NewVariantFields {
    /// The new variant for the API in the product's `currency`, or why it cannot be sent.
    fn request(self, currency: &str) -> Result<CreateVariant, String> {
        let price_minor = parse_amount(&self.price.get_untracked(), currency)
            .map_err(|why| tf!("price: {why}", why = why))?;
        let Some(stock) = self
            .stock
            .get_untracked()
            .trim()
            .parse::<i64>()
            .ok()
            .filter(|s| *s >= 0)
        else {
            return Err(t("stock is a whole number, 0 or more").into());
        };
        let mut body = CreateVariant {
            name: self.name.get_untracked().trim().to_owned(),
            price_minor,
            stock,
            stars_price: None,
        };
        if takes_stars_price(currency) {
            body.stars_price = parse_stars(&self.stars.get_untracked())
                .map_err(|why| tf!("Stars price: {why}", why = why))?;
        }
        Ok(body)
    }

    /// Empties the fields for the next variant; the stock stays as typed.
    fn clear(self) {
        self.name.set(String::new());
        self.price.set(String::new());
        self.stars.set(String::new());
    }
}

/// A new variant of the product (`POST /api/admin/products/{id}/variants`).
#[component]
fn AddVariant(current: RwSignal<AdminProduct>) -> impl IntoView {
    let act = Act::new();
    let fields = NewVariantFields {
        name: RwSignal::new(String::new()),
        price: RwSignal::new(String::new()),
        stock: RwSignal::new("0".to_owned()),
        stars: RwSignal::new(String::new()),
    };
    let NewVariantFields {
        name,
        price,
        stock,
        stars,
    } = fields;
    let currency = move || current.with(|p| p.currency.to_string());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = match fields.request(&currency()) {
            Ok(body) => body,
            Err(why) => return act.refuse(why),
        };
        let path = format!(
            "/api/admin/products/{}/variants",
            current.with_untracked(|p| p.id.0)
        );
        act.run(
            move |auth| async move { api::send::<AdminProduct>(&auth, "POST", &path, Some(&body)).await },
            move |p| {
                fields.clear();
                current.set(p);
            },
        );
    };
    view! {
        <form class="admin-form admin-form--row" on:submit=submit aria-label=t("New variant")>
            <label>{t("New variant name")} <input type="text" required bind:value=name/></label>
            <label>{move || tf!("New variant price ({currency})", currency = currency())} <input type="text" inputmode="decimal" required bind:value=price/></label>
            <label>{t("Initial stock")} <input type="number" min="0" step="1" required bind:value=stock/></label>
            {move || takes_stars_price(&currency()).then(|| view! {
                <label>{t("New variant Stars price (optional)")} <input type="number" min="1" step="1" bind:value=stars/></label>
            })}
            <button type="submit" class="admin-button" disabled=move || act.busy.get()>{t("Add variant")}</button>
            <Refusal act/>
        </form>
    }
}
