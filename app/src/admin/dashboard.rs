//! `/admin`: the last 30 days — takings per day, orders per status, best sellers, the
//! shoppers' funnel — the orders' CSV export and the webhook's health.

use super::action::{load, show, Act, Refusal};
use super::chart::RevenueChart;
use super::provider::TestModeBanner;
use super::shell::Admin;
use super::webhook::WebhookPanel;
use crate::admin::texts::{state, t, tf};
use crate::admin_api::{Dashboard, Funnel};
use leptos::prelude::*;

/// `part` as a percentage of `whole` to one decimal (`"37.5%"`), `"–"` when `whole` is 0.
pub(crate) fn percent(part: i64, whole: i64) -> String {
    if whole <= 0 {
        return "–".into();
    }
    let tenths = (i128::from(part) * 1000 + i128::from(whole) / 2) / i128::from(whole);
    format!("{}.{}%", tenths / 10, tenths % 10)
}

/// `/admin`.
#[component]
pub(crate) fn DashboardPage() -> impl IntoView {
    let dashboard = load::<Dashboard>(|| "/api/admin/dashboard?days=30".into());
    view! {
        <h1 class="admin-title">{t("Dashboard")}</h1>
        {show(dashboard, |d| view! { <Figures dashboard=d/> })}
        <CsvExport/>
        <WebhookPanel/>
    }
}

#[component]
fn Figures(dashboard: Dashboard) -> impl IntoView {
    let days = dashboard.days;
    view! {
        <TestModeBanner providers=dashboard.test_providers/>
        <section class="admin-card" aria-labelledby="revenue-title">
            <h2 id="revenue-title">{tf!("Revenue, last {days} days", days = days)}</h2>
            {match dashboard.revenue.is_empty() {
                true => view! { <p class="admin-note">{t("Nothing was paid in this period.")}</p> }.into_any(),
                false => dashboard.revenue.into_iter().map(|series| view! { <RevenueChart series/> }).collect_view().into_any(),
            }}
        </section>
        <FunnelCard funnel=dashboard.funnel/>
        <div class="admin-columns">
            <section class="admin-card" aria-labelledby="status-title">
                <h2 id="status-title">{t("Orders by status")}</h2>
                <table class="admin-table" data-testid="orders-by-status">
                    <thead><tr><th scope="col">{t("Status")}</th><th scope="col">{t("Orders")}</th></tr></thead>
                    <tbody>
                        {dashboard.orders_by_status.into_iter().map(|(status, n)| view! {
                            <tr><td><a href=format!("/admin/orders?status={status}")>{state(&status)}</a></td><td>{n}</td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </section>
            <section class="admin-card" aria-labelledby="top-title">
                <h2 id="top-title">{t("Top products")}</h2>
                <table class="admin-table" data-testid="top-products">
                    <thead><tr><th scope="col">{t("Product")}</th><th scope="col">{t("Units sold")}</th></tr></thead>
                    <tbody>
                        {dashboard.top_products.into_iter().map(|p| view! {
                            <tr><td><a href=format!("/admin/products/{}", p.product_id)>{p.name}</a></td><td>{p.units}</td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </section>
        </div>
    }
}

/// The four steps from opening the shop to paying, each with its share of the step before.
#[component]
fn FunnelCard(funnel: Funnel) -> impl IntoView {
    let steps = [
        (t("Opened the shop"), funnel.opened, None),
        (t("Added to cart"), funnel.added_to_cart, Some(funnel.opened)),
        (
            t("Started checkout"),
            funnel.invoice_created,
            Some(funnel.added_to_cart),
        ),
        (t("Paid"), funnel.paid, Some(funnel.invoice_created)),
    ];
    view! {
        <section class="admin-card" aria-labelledby="funnel-title">
            <h2 id="funnel-title">{t("Funnel")}</h2>
            <ol class="admin-funnel" data-testid="funnel">
                {steps.into_iter().map(|(name, n, before)| view! {
                    <li>
                        <span class="admin-funnel__name">{name}</span>
                        <strong class="admin-funnel__count">{n}</strong>
                        {before.map(|b| view! { <span class="admin-funnel__rate">{tf!("{percent} of the step before", percent = percent(n, b))}</span> })}
                    </li>
                }).collect_view()}
            </ol>
            <p class="admin-note">{tf!("Paid / opened: {percent}", percent = percent(funnel.paid, funnel.opened))}</p>
        </section>
    }
}

/// The orders as CSV: a plain link with a session cookie; inside Telegram the file is
/// fetched with initData and saved from a Blob, since a link cannot carry the header.
#[component]
fn CsvExport() -> impl IntoView {
    const PATH: &str = "/api/admin/orders.csv";
    let admin = Admin::expect();
    let act = Act::new();
    let fetch = move |_| {
        act.run(
            |auth| async move { super::api::download(&auth, PATH, "orders.csv").await },
            |_| (),
        )
    };
    view! {
        <section class="admin-card" aria-labelledby="export-title">
            <h2 id="export-title">{t("Export")}</h2>
            {match admin.by_session() {
                true => view! { <a class="admin-button" href=PATH download="orders.csv">{t("Export orders (CSV)")}</a> }.into_any(),
                false => view! {
                    <button type="button" class="admin-button" on:click=fetch disabled=move || act.busy.get()>{t("Export orders (CSV)")}</button>
                }.into_any(),
            }}
            <Refusal act/>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::percent;

    #[test]
    fn conversions_are_percentages_to_one_decimal() {
        assert_eq!(percent(1, 2), "50.0%");
        assert_eq!(percent(3, 8), "37.5%");
        assert_eq!(percent(1, 3), "33.3%");
        assert_eq!(percent(2, 3), "66.7%");
        assert_eq!(percent(5, 5), "100.0%");
        assert_eq!(percent(0, 0), "–");
    }
}
