//! `/admin/products/new` and `/admin/products/:id`: a product's details, archiving, and —
//! on the edit page — its variants ([`super::variants`]) and photos ([`super::photos`]).
//! Every change answers the product as it now is, which the page then shows.

use super::action::{load, show, Act, Refusal};
use super::amount::{parse_amount, parse_stars, takes_stars_price};
use super::api;
use crate::admin_api::{
    AdminCategory, AdminProduct, CategoryList, CreateProduct, CreateVariant, Settings, UpdateProduct,
};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

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
            let price =
                parse_amount(&d.price, currency).map_err(|e| format!("price of {:?}: {e}", d.name))?;
            let stock = d.stock.trim().parse::<i64>().ok().filter(|s| *s >= 0);
            let stock = stock.ok_or_else(|| format!("stock of {:?} is a whole number, 0 or more", d.name))?;
            let mut variant = CreateVariant {
                name: d.name.trim().to_owned(),
                price_minor: price,
                stock,
                stars_price: None,
            };
            if takes_stars_price(currency) {
                variant.stars_price =
                    parse_stars(&d.stars).map_err(|e| format!("Stars price of {:?}: {e}", d.name))?;
            }
            Ok(variant)
        })
        .collect()
}

/// `/admin/products/new`: `POST /api/admin/products`, then the new product's edit page.
#[component]
pub(crate) fn NewProductPage() -> impl IntoView {
    let act = Act::new();
    let categories = load::<CategoryList>(|| "/api/admin/categories".into());
    let (category, name, slug) = (
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
    );
    // The shop's currency (settings) until the merchant types another, e.g. XTR for Stars.
    let (description, currency) = (RwSignal::new(String::new()), RwSignal::new(String::new()));
    let settings = load::<Settings>(|| "/api/admin/settings".into());
    Effect::new(move || {
        if let Some(Ok(settings)) = settings.get() {
            if currency.get_untracked().is_empty() {
                currency.set(settings.shop.currency);
            }
        }
    });
    let drafts = RwSignal::new(vec![Draft {
        stock: "0".into(),
        ..Draft::default()
    }]);
    let navigate = use_navigate();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let currency = currency.get_untracked().trim().to_uppercase();
        let variants = match variants(&drafts.get_untracked(), &currency) {
            Ok(variants) => variants,
            Err(why) => return act.refuse(why),
        };
        let Ok(category_id) = category.get_untracked().parse::<i64>() else {
            return act.refuse("choose a category");
        };
        let slug = Some(slug.get_untracked().trim().to_owned()).filter(|s| !s.is_empty());
        let body = CreateProduct {
            category_id,
            name: name.get_untracked().trim().to_owned(),
            slug,
            description: description.get_untracked(),
            currency,
            fulfilment: None,
            variants,
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
        <p><a href="/admin/products">"← All products"</a></p>
        <h1 class="admin-title">"New product"</h1>
        <form class="admin-form admin-card" on:submit=submit>
            <label>"Category" {show(categories, move |c| view! { <CategorySelect categories=c.categories chosen=category/> })}</label>
            <label>"Name" <input type="text" required bind:value=name/></label>
            <label>"Slug (optional)" <input type="text" pattern="[a-z0-9-]+" bind:value=slug/></label>
            <label>"Description" <textarea rows="4" bind:value=description></textarea></label>
            <label>"Currency" <input type="text" required pattern="[A-Za-z]{3}" maxlength="3" bind:value=currency/></label>
            <DraftRows drafts currency/>
            <button type="submit" class="admin-button" disabled=move || act.busy.get()>"Create product"</button>
            <Refusal act/>
        </form>
    }
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
                <legend>{format!("Variant {}", i + 1)}</legend>
                <label>"Variant name" <input type="text" required prop:value=drafts.with_untracked(|d| d[i].name.clone()) on:input=edit(i, |d, v| d.name = v)/></label>
                <label>{move || format!("Price ({})", currency.get())} <input type="text" inputmode="decimal" required prop:value=drafts.with_untracked(|d| d[i].price.clone()) on:input=edit(i, |d, v| d.price = v)/></label>
                <label>"Stock" <input type="number" min="0" step="1" required prop:value=drafts.with_untracked(|d| d[i].stock.clone()) on:input=edit(i, |d, v| d.stock = v)/></label>
                <label hidden=move || !takes_stars_price(&currency.get())>"Stars price (optional)"
                    <input type="number" min="1" step="1" prop:value=drafts.with_untracked(|d| d[i].stars.clone()) on:input=edit(i, |d, v| d.stars = v)/></label>
            </fieldset>
        }).collect_view()}
        <button type="button" class="admin-button admin-button--quiet" on:click=move |_| drafts.update(|d| d.push(Draft { stock: "0".into(), ..Draft::default() }))>
            "Add another variant"
        </button>
    }
}

/// A `<select>` of the categories bound to `chosen` (a category id as text).
#[component]
pub(crate) fn CategorySelect(categories: Vec<AdminCategory>, chosen: RwSignal<String>) -> impl IntoView {
    if chosen.get_untracked().is_empty() {
        if let Some(first) = categories.first() {
            chosen.set(first.id.0.to_string());
        }
    }
    view! {
        <select name="category_id" required prop:value=move || chosen.get() on:change=move |ev| chosen.set(event_target_value(&ev))>
            // `selected` as well as the property: the property is set before the options exist.
            {categories.into_iter().map(|c| {
                let id = c.id.0.to_string();
                let selected = chosen.get_untracked() == id;
                view! { <option value=id selected=selected>{c.name}</option> }
            }).collect_view()}
        </select>
    }
}

/// `/admin/products/:id` (`GET /api/admin/products/{id}`; archived ones too).
#[component]
pub(crate) fn ProductPage(id: i64) -> impl IntoView {
    let product = load::<AdminProduct>(move || format!("/api/admin/products/{id}"));
    view! {
        <p><a href="/admin/products">"← All products"</a></p>
        {show(product, move |product| view! { <Editor product/> })}
    }
}

#[component]
fn Editor(product: AdminProduct) -> impl IntoView {
    let current = RwSignal::new(product);
    view! {
        <h1 class="admin-title">{move || current.with(|p| p.name.clone())}</h1>
        {move || { let p = current.get(); view! { <Details product=p current/> } }}
        <super::variants::Variants current/>
        <super::photos::Photos current/>
    }
}

/// Name, slug, category, description and position (`PATCH`), and archiving.
#[component]
fn Details(product: AdminProduct, current: RwSignal<AdminProduct>) -> impl IntoView {
    let (save, archive) = (Act::new(), Act::new());
    let categories = load::<CategoryList>(|| "/api/admin/categories".into());
    let category = RwSignal::new(product.category_id.0.to_string());
    let (name, slug) = (
        RwSignal::new(product.name.clone()),
        RwSignal::new(product.slug.clone()),
    );
    let description = RwSignal::new(product.description.clone());
    let position = RwSignal::new(product.position.to_string());
    let path = format!("/api/admin/products/{}", product.id.0);
    let submit = {
        let path = path.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let Ok(position) = position.get_untracked().trim().parse::<i64>() else {
                return save.refuse("a position is a whole number");
            };
            let Ok(category_id) = category.get_untracked().parse::<i64>() else {
                return save.refuse("choose a category");
            };
            let body = UpdateProduct {
                category_id: Some(category_id),
                name: Some(name.get_untracked().trim().to_owned()),
                slug: Some(slug.get_untracked().trim().to_owned()),
                description: Some(description.get_untracked()),
                position: Some(position),
                currency: None,
            };
            let path = path.clone();
            save.run(move |auth| async move { api::send::<AdminProduct>(&auth, "PATCH", &path, Some(&body)).await }, move |p| current.set(p));
        }
    };
    let archived = product.archived;
    let toggle = move |_| {
        let path = format!("{path}/{}", if archived { "unarchive" } else { "archive" });
        archive.run(
            move |auth| async move { api::send::<AdminProduct>(&auth, "POST", &path, None::<&()>).await },
            move |p| current.set(p),
        );
    };
    view! {
        <form class="admin-form admin-card" on:submit=submit aria-label="Product details" data-testid="product-details">
            <label>"Category" {show(categories, move |c| view! { <CategorySelect categories=c.categories chosen=category/> })}</label>
            <label>"Name" <input type="text" required bind:value=name/></label>
            <label>"Slug" <input type="text" required pattern="[a-z0-9-]+" bind:value=slug/></label>
            <label>"Description" <textarea rows="4" bind:value=description></textarea></label>
            <label>"Position" <input type="number" step="1" bind:value=position/></label>
            <p class="admin-note">{format!("Prices in {}", product.currency)}</p>
            <button type="submit" class="admin-button" disabled=move || save.busy.get()>"Save"</button>
            <Refusal act=save/>
        </form>
        <div class="admin-card admin-action" data-testid="product-archive">
            <p class="admin-note">{if archived { "Archived: shoppers do not see this product." } else { "Live: shoppers see this product." }}</p>
            <button type="button" class="admin-button admin-button--quiet" on:click=toggle disabled=move || archive.busy.get()>
                {if archived { "Unarchive" } else { "Archive" }}
            </button>
            <Refusal act=archive/>
        </div>
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
