//! `/admin/products/:id`: a product's details, archiving, its variants ([`super::variants`])
//! and photos ([`super::photos`]); the new-product page is [`super::new_product`]. Every change
//! answers the product as it now is, which the page then shows.

use super::action::{load, show, Act, Refusal};
use super::api;
use crate::admin::texts::{t, tf};
use crate::admin_api::{AdminCategory, AdminProduct, CategoryList, UpdateProduct};
use leptos::prelude::*;

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
        <p><a href="/admin/products">{t("← All products")}</a></p>
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
        <super::translations::ProductTextsCard current/>
        {move || current.with(|p| p.fulfilment == "digital").then(|| view! { <super::delivery::Deliveries current/> })}
        <super::photos::Photos current/>
    }
}

/// The product's details as typed.
#[derive(Clone, Copy)]
struct DetailsFields {
    /// A category id as text.
    category: RwSignal<String>,
    name: RwSignal<String>,
    slug: RwSignal<String>,
    description: RwSignal<String>,
    position: RwSignal<String>,
}

impl DetailsFields {
    fn new(product: &AdminProduct) -> Self {
        DetailsFields {
            category: RwSignal::new(product.category_id.0.to_string()),
            name: RwSignal::new(product.name.clone()),
            slug: RwSignal::new(product.slug.clone()),
            description: RwSignal::new(product.description.clone()),
            position: RwSignal::new(product.position.to_string()),
        }
    }

    /// The change for the API, or why it cannot be sent.
    fn request(self) -> Result<UpdateProduct, String> {
        let Ok(position) = self.position.get_untracked().trim().parse::<i64>() else {
            return Err(t("a position is a whole number").into());
        };
        let Ok(category_id) = self.category.get_untracked().parse::<i64>() else {
            return Err(t("choose a category").into());
        };
        Ok(UpdateProduct {
            category_id: Some(category_id),
            name: Some(self.name.get_untracked().trim().to_owned()),
            slug: Some(self.slug.get_untracked().trim().to_owned()),
            description: Some(self.description.get_untracked()),
            position: Some(position),
            currency: None,
            fulfilment: None,
        })
    }
}

/// Name, slug, category, description and position (`PATCH`), and archiving.
#[component]
fn Details(product: AdminProduct, current: RwSignal<AdminProduct>) -> impl IntoView {
    let save = Act::new();
    let categories = load::<CategoryList>(|| "/api/admin/categories".into());
    let fields = DetailsFields::new(&product);
    let DetailsFields {
        category,
        name,
        slug,
        description,
        position,
    } = fields;
    let path = format!("/api/admin/products/{}", product.id.0);
    let submit = {
        let path = path.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let body = match fields.request() {
                Ok(body) => body,
                Err(why) => return save.refuse(why),
            };
            let path = path.clone();
            save.run(move |auth| async move { api::send::<AdminProduct>(&auth, "PATCH", &path, Some(&body)).await }, move |p| current.set(p));
        }
    };
    view! {
        <form class="admin-form admin-card" on:submit=submit aria-label=t("Product details") data-testid="product-details">
            <label>{t("Category")} {show(categories, move |c| view! { <CategorySelect categories=c.categories chosen=category/> })}</label>
            <label>{t("Name")} <input type="text" required bind:value=name/></label>
            <label>{t("Slug")} <input type="text" required pattern="[a-z0-9-]+" bind:value=slug/></label>
            <label>{t("Description")} <textarea rows="4" bind:value=description></textarea></label>
            <label>{t("Position")} <input type="number" step="1" bind:value=position/></label>
            <p class="admin-note">{tf!("Prices in {currency}", currency = product.currency)}</p>
            <button type="submit" class="admin-button" disabled=move || save.busy.get()>{t("Save")}</button>
            <Refusal act=save/>
        </form>
        <Archiving path archived=product.archived current/>
    }
}

/// Whether shoppers see the product, and the button that switches it
/// (`POST {path}/archive` or `{path}/unarchive`).
#[component]
fn Archiving(path: String, archived: bool, current: RwSignal<AdminProduct>) -> impl IntoView {
    let archive = Act::new();
    let toggle = move |_| {
        let path = format!("{path}/{}", if archived { "unarchive" } else { "archive" });
        archive.run(
            move |auth| async move { api::send::<AdminProduct>(&auth, "POST", &path, None::<&()>).await },
            move |p| current.set(p),
        );
    };
    view! {
        <div class="admin-card admin-action" data-testid="product-archive">
            <p class="admin-note">{if archived { t("Archived: shoppers do not see this product.") } else { t("Live: shoppers see this product.") }}</p>
            <button type="button" class="admin-button admin-button--quiet" on:click=toggle disabled=move || archive.busy.get()>
                {if archived { t("Unarchive") } else { t("Archive") }}
            </button>
            <Refusal act=archive/>
        </div>
    }
}
