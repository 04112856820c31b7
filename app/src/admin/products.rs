//! `/admin/products`: the catalogue as the merchant keeps it — live or archived products with
//! their variants' prices and stock — and the categories they are filed under.

use super::action::{load, show};
use super::categories::CategoriesCard;
use crate::admin_api::{AdminProduct, ProductList};
use leptos::prelude::*;

/// `/admin/products`.
#[component]
pub(crate) fn ProductsPage() -> impl IntoView {
    let archived = RwSignal::new("false".to_owned());
    let products = load::<ProductList>(move || format!("/api/admin/products?archived={}", archived.get()));
    view! {
        <h1 class="admin-title">"Products"</h1>
        <p class="admin-toolbar">
            <a class="admin-button" href="/admin/products/new">"New product"</a>
            <label>"Show"
                <select name="archived" on:change=move |ev| archived.set(event_target_value(&ev))>
                    <option value="false">"Live products"</option>
                    <option value="true">"Archived products"</option>
                    <option value="all">"All products"</option>
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
        return view! { <p class="admin-note">"No products here yet."</p> }.into_any();
    }
    view! {
        <table class="admin-table" data-testid="admin-products">
            <thead><tr>
                <th scope="col">"Product"</th><th scope="col">"Variants"</th>
                <th scope="col">"Stock"</th><th scope="col">"Position"</th><th scope="col">"State"</th>
            </tr></thead>
            <tbody>
                {products.into_iter().map(|p| {
                    let prices = p.variants.iter().map(|v| match &v.stars_label {
                        Some(stars) => format!("{} {} or {stars}", v.name, v.price_label),
                        None => format!("{} {}", v.name, v.price_label),
                    }).collect::<Vec<_>>().join(", ");
                    let stock: i64 = p.variants.iter().map(|v| v.stock).sum();
                    view! {
                        <tr data-testid="admin-product-row">
                            <td><a href=format!("/admin/products/{}", p.id.0)>{p.name}</a></td>
                            <td>{prices}</td>
                            <td>{stock}</td>
                            <td>{p.position}</td>
                            <td>{if p.archived { "archived" } else { "live" }}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}
