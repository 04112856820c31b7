//! `/admin/products/new`: a new product with its first variants, typed as rows
//! (`POST /api/admin/products`); once created, the page goes to the product's edit page
//! ([`super::product`]).

use super::action::{load, show, Act, Refusal};
use super::amount::{parse_amount, parse_stars, takes_stars_price};
use super::api;
use super::product::CategorySelect;
use crate::admin::texts::{t, tf};
use crate::admin_api::{AdminProduct, CategoryList, CreateProduct, CreateVariant, Settings};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

/// The new product as typed.
#[derive(Clone, Copy)]
struct ProductFields {
    /// A category id as text.
    category: RwSignal<String>,
    name: RwSignal<String>,
    slug: RwSignal<String>,
    description: RwSignal<String>,
    currency: RwSignal<String>,
    drafts: RwSignal<Vec<Draft>>,
}

impl ProductFields {
    /// Empty fields and one variant row, its stock 0.
    fn new() -> Self {
        let blank = || RwSignal::new(String::new());
        ProductFields {
            category: blank(),
            name: blank(),
            slug: blank(),
            description: blank(),
            currency: blank(),
            drafts: RwSignal::new(vec![Draft {
                stock: "0".into(),
                ..Draft::default()
            }]),
        }
    }

    /// The new product for the API, or why it cannot be sent.
    fn request(self) -> Result<CreateProduct, String> {
        let currency = self.currency.get_untracked().trim().to_uppercase();
        let variants = variants(&self.drafts.get_untracked(), &currency)?;
        let Ok(category_id) = self.category.get_untracked().parse::<i64>() else {
            return Err(t("choose a category").into());
        };
        let slug = Some(self.slug.get_untracked().trim().to_owned()).filter(|s| !s.is_empty());
        Ok(CreateProduct {
            category_id,
            name: self.name.get_untracked().trim().to_owned(),
            slug,
            description: self.description.get_untracked(),
            currency,
            fulfilment: None,
            grants_chat_id: None,
            variants,
        })
    }
}

/// Shows the shop's currency (settings) in `currency` until the merchant types another,
/// e.g. XTR for Stars.
fn currency_from_settings(currency: RwSignal<String>) {
    let settings = load::<Settings>(|| "/api/admin/settings".into());
    Effect::new(move || {
        if let Some(Ok(settings)) = settings.get() {
            if currency.get_untracked().is_empty() {
                currency.set(settings.shop.currency);
            }
        }
    });
}

/// `/admin/products/new`: `POST /api/admin/products`, then the new product's edit page.
#[component]
pub(crate) fn NewProductPage() -> impl IntoView {
    let act = Act::new();
    let categories = load::<CategoryList>(|| "/api/admin/categories".into());
    let fields = ProductFields::new();
    let ProductFields {
        category,
        name,
        slug,
        description,
        currency,
        drafts,
    } = fields;
    currency_from_settings(currency);
    let navigate = use_navigate();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = match fields.request() {
            Ok(body) => body,
            Err(why) => return act.refuse(why),
        };
        let navigate = navigate.clone();
        act.run(
            move |auth| async move {
                api::send::<AdminProduct>(&auth, "POST", "/api/admin/products", Some(&body)).await
            },
            move |product| navigate(&format!("/admin/products/{}", product.id.0), Default::default()),
        );
    };
    view! {
        <p><a href="/admin/products">{t("← All products")}</a></p>
        <h1 class="admin-title">{t("New product")}</h1>
        <form class="admin-form admin-card" on:submit=submit>
            <label>{t("Category")} {show(categories, move |c| view! { <CategorySelect categories=c.categories chosen=category/> })}</label>
            <label>{t("Name")} <input type="text" required bind:value=name/></label>
            <label>{t("Slug (optional)")} <input type="text" pattern="[a-z0-9-]+" bind:value=slug/></label>
            <label>{t("Description")} <textarea rows="4" bind:value=description></textarea></label>
            <label>{t("Currency")} <input type="text" required pattern="[A-Za-z]{3}" maxlength="3" bind:value=currency/></label>
            <DraftRows drafts currency/>
            <button type="submit" class="admin-button" disabled=move || act.busy.get()>{t("Create product")}</button>
            <Refusal act/>
        </form>
    }
}

/// A variant row of the new-product form, as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Draft {
    name: String,
    price: String,
    stock: String,
    /// Whole Stars, or empty for none (fiat products only).
    stars: String,
}

/// The new product's variants for the API, or why they cannot be sent.
fn variants(drafts: &[Draft], currency: &str) -> Result<Vec<CreateVariant>, String> {
    drafts
        .iter()
        .map(|d| {
            let price = parse_amount(&d.price, currency)
                .map_err(|e| tf!("price of {name}: {why}", name = format!("{:?}", d.name), why = e))?;
            let stock = d.stock.trim().parse::<i64>().ok().filter(|s| *s >= 0);
            let stock = stock.ok_or_else(|| {
                tf!(
                    "stock of {name} is a whole number, 0 or more",
                    name = format!("{:?}", d.name)
                )
            })?;
            let mut variant = CreateVariant {
                name: d.name.trim().to_owned(),
                price_minor: price,
                stock,
                stars_price: None,
            };
            if takes_stars_price(currency) {
                variant.stars_price = parse_stars(&d.stars).map_err(|e| {
                    tf!(
                        "Stars price of {name}: {why}",
                        name = format!("{:?}", d.name),
                        why = e
                    )
                })?;
            }
            Ok(variant)
        })
        .collect()
}

#[component]
fn DraftRows(drafts: RwSignal<Vec<Draft>>, currency: RwSignal<String>) -> impl IntoView {
    let edit = move |i: usize, set: fn(&mut Draft, String)| {
        move |ev: leptos::ev::Event| drafts.update(|d| set(&mut d[i], event_target_value(&ev)))
    };
    // Rows are rebuilt when one is added, not on every keystroke (which would lose focus).
    let count = Memo::new(move |_| drafts.with(Vec::len));
    view! {
        {move || (0..count.get()).map(|i| view! {
            <fieldset class="admin-form admin-form--row" data-testid=format!("draft-variant-{i}")>
                <legend>{tf!("Variant {n}", n = i + 1)}</legend>
                <label>{t("Variant name")} <input type="text" required prop:value=drafts.with_untracked(|d| d[i].name.clone()) on:input=edit(i, |d, v| d.name = v)/></label>
                <label>{move || tf!("Price ({currency})", currency = currency.get())} <input type="text" inputmode="decimal" required prop:value=drafts.with_untracked(|d| d[i].price.clone()) on:input=edit(i, |d, v| d.price = v)/></label>
                <label>{t("Stock")} <input type="number" min="0" step="1" required prop:value=drafts.with_untracked(|d| d[i].stock.clone()) on:input=edit(i, |d, v| d.stock = v)/></label>
                <label hidden=move || !takes_stars_price(&currency.get())>{t("Stars price (optional)")}
                    <input type="number" min="1" step="1" prop:value=drafts.with_untracked(|d| d[i].stars.clone()) on:input=edit(i, |d, v| d.stars = v)/></label>
            </fieldset>
        }).collect_view()}
        <button type="button" class="admin-button admin-button--quiet" on:click=move |_| drafts.update(|d| d.push(Draft { stock: "0".into(), ..Draft::default() }))>
            {t("Add another variant")}
        </button>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// The variants as the request carries them.
    fn variants_json(drafts: &[Draft], currency: &str) -> Result<Vec<serde_json::Value>, String> {
        let variants = variants(drafts, currency)?;
        Ok(variants
            .iter()
            .map(|v| serde_json::to_value(v).unwrap())
            .collect())
    }

    fn draft(name: &str, price: &str, stock: &str) -> Draft {
        Draft {
            name: name.into(),
            price: price.into(),
            stock: stock.into(),
            stars: String::new(),
        }
    }

    #[test]
    fn a_typed_stars_price_goes_with_a_fiat_variant_only() {
        let starred = Draft {
            stars: "250".into(),
            ..draft("Blue", "12.50", "3")
        };
        let json = variants_json(std::slice::from_ref(&starred), "EUR").unwrap();
        assert_eq!(json[0]["stars_price"], 250);
        let json = variants_json(
            &[Draft {
                price: "50".into(),
                ..starred
            }],
            "XTR",
        )
        .unwrap();
        assert!(json[0].get("stars_price").is_none());
        let bad = Draft {
            stars: "2.5".into(),
            ..draft("Red", "5", "1")
        };
        assert!(variants_json(&[bad], "EUR")
            .unwrap_err()
            .starts_with("Stars price of \"Red\""));
    }

    #[test]
    fn typed_variants_become_minor_units() {
        let json = variants_json(&[draft(" Blue ", "12.50", "3")], "EUR").unwrap();
        assert_eq!(
            json,
            vec![json!({ "name": "Blue", "price_minor": 1250, "stock": 3 })]
        );
    }

    #[test]
    fn a_bad_price_or_stock_names_its_variant() {
        let why = variants_json(&[draft("Blue", "12.505", "3")], "EUR").unwrap_err();
        assert_eq!(why, "price of \"Blue\": at most 2 decimals");
        let why = variants_json(&[draft("Red", "5", "-1")], "XTR").unwrap_err();
        assert_eq!(why, "stock of \"Red\" is a whole number, 0 or more");
    }
}
