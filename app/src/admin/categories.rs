//! The categories products are filed under: rename, reorder, delete (only when empty; the
//! server answers 409 `category_not_empty` otherwise), add; each one's names in the shoppers'
//! languages ([`super::translations`]).

use super::action::{load, show, Act, Loaded, Refusal};
use super::api;
use crate::admin::texts::{t, tf};
use crate::admin_api::{AdminCategory, CategoryFields, CategoryList};
use leptos::prelude::*;
use serde::de::IgnoredAny;

/// The categories card.
#[component]
pub(crate) fn CategoriesCard() -> impl IntoView {
    let categories = load::<CategoryList>(|| "/api/admin/categories".into());
    view! {
        <section class="admin-card" aria-labelledby="categories-title" data-testid="categories">
            <h2 id="categories-title">{t("Categories")}</h2>
            {show(categories, move |c| c.categories.into_iter().map(|category| view! {
                <CategoryRow category loaded=categories/>
            }).collect_view())}
            <NewCategory loaded=categories/>
        </section>
    }
}

#[component]
fn CategoryRow(category: AdminCategory, loaded: Loaded<CategoryList>) -> impl IntoView {
    let (save, delete) = (Act::new(), Act::new());
    let name = RwSignal::new(category.name.clone());
    let position = RwSignal::new(category.position.to_string());
    let path = format!("/api/admin/categories/{}", category.id.0);
    let path2 = path.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Ok(position) = position.get_untracked().trim().parse::<i64>() else {
            return save.refuse(t("a position is a whole number"));
        };
        let (path, body) = (
            path.clone(),
            CategoryFields {
                name: Some(name.get_untracked().trim().to_owned()),
                position: Some(position),
                ..CategoryFields::default()
            },
        );
        save.run(
            move |auth| async move { api::send::<IgnoredAny>(&auth, "PATCH", &path, Some(&body)).await },
            move |_| loaded.refetch(),
        );
    };
    let remove = move |_| {
        let path = path2.clone();
        delete.run(
            move |auth| async move { api::send::<IgnoredAny>(&auth, "DELETE", &path, None::<&()>).await },
            move |_| loaded.refetch(),
        );
    };
    let busy = move || save.busy.get() || delete.busy.get();
    view! {
        <form class="admin-form admin-form--row" on:submit=submit data-testid=format!("category-{}", category.slug)>
            <label>{t("Category name")} <input type="text" required bind:value=name/></label>
            <label>{t("Position")} <input type="number" step="1" bind:value=position/></label>
            <span class="admin-note">{tf!("/{slug} · {count} products", slug = category.slug, count = category.products)}</span>
            <button type="submit" class="admin-button" disabled=busy>{t("Save category")}</button>
            <button type="button" class="admin-button admin-button--danger" on:click=remove disabled=busy>{t("Delete category")}</button>
            <Refusal act=save/>
            <Refusal act=delete/>
        </form>
        <super::translations::CategoryTextsRow id=category.id.0 own=category.name.clone()/>
    }
}

#[component]
fn NewCategory(loaded: Loaded<CategoryList>) -> impl IntoView {
    let act = Act::new();
    let (name, slug) = (RwSignal::new(String::new()), RwSignal::new(String::new()));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let typed = Some(slug.get_untracked().trim().to_owned()).filter(|s| !s.is_empty());
        let body = CategoryFields {
            name: Some(name.get_untracked().trim().to_owned()),
            slug: typed,
            ..CategoryFields::default()
        };
        act.run(
            move |auth| async move {
                api::send::<IgnoredAny>(&auth, "POST", "/api/admin/categories", Some(&body)).await
            },
            move |_| {
                name.set(String::new());
                slug.set(String::new());
                loaded.refetch();
            },
        );
    };
    view! {
        <form class="admin-form admin-form--row" on:submit=submit aria-label=t("New category")>
            <label>{t("New category name")} <input type="text" required bind:value=name/></label>
            <label>{t("Slug (optional)")} <input type="text" pattern="[a-z0-9-]+" bind:value=slug/></label>
            <button type="submit" class="admin-button" disabled=move || act.busy.get()>{t("Add category")}</button>
            <Refusal act/>
        </form>
    }
}
