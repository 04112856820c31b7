//! `/admin/products`: the catalogue as the merchant keeps it — live or archived products with
//! their variants' prices and stock — and the categories they are filed under.

use super::action::{load, show};
use super::categories::CategoriesCard;
use crate::admin::texts::{t, tf};
use crate::admin_api::{AdminProduct, ProductList};
use leptos::prelude::*;

/// `/admin/products`.
#[component]
pub(crate) fn ProductsPage() -> impl IntoView {
    let archived = RwSignal::new("false".to_owned());
    let products = load::<ProductList>(move || format!("/api/admin/products?archived={}", archived.get()));
    view! {
        <h1 class="admin-title">{t("Products")}</h1>
        <p class="admin-toolbar">
            <a class="admin-button" href="/admin/products/new">{t("New product")}</a>
            <label>{t("Show")}
                <select name="archived" on:change=move |ev| archived.set(event_target_value(&ev))>
                    <option value="false">{t("Live products")}</option>
                    <option value="true">{t("Archived products")}</option>
                    <option value="all">{t("All products")}</option>
                </select>
            </label>
        </p>
        {show(products, |p| view! { <ProductTable products=p.products/> })}
        <CategoriesCard/>
    }
}

#[component]
fn ProductTable(products: Vec<AdminProduct>) -> impl IntoView {
    if products.is_empty() {
        return view! { <p class="admin-note">{t("No products here yet.")}</p> }.into_any();
    }
    view! {
        <table class="admin-table" data-testid="admin-products">
            <thead><tr>
                <th scope="col">{t("Product")}</th><th scope="col">{t("Variants")}</th>
                <th scope="col">{t("Stock")}</th><th scope="col">{t("Position")}</th><th scope="col">{t("State")}</th>
            </tr></thead>
            <tbody>
                {products.into_iter().map(|p| {
                    let prices = p.variants.iter().map(|v| match &v.stars_label {
                        Some(stars) => format!("{} {}", v.name, tf!("{price} or {stars}", price = v.price_label, stars = stars)),
                        None => format!("{} {}", v.name, v.price_label),
                    }).collect::<Vec<_>>().join(", ");
                    let stock: i64 = p.variants.iter().map(|v| v.stock).sum();
                    view! {
                        <tr data-testid="admin-product-row">
                            <td><a href=format!("/admin/products/{}", p.id.0)>{p.name}</a></td>
                            <td>{prices}</td>
                            <td>{stock}</td>
                            <td>{p.position}</td>
                            <td>{if p.archived { t("archived") } else { t("live") }}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}
