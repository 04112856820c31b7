//! `/admin/orders`: every order, filtered by status, day range and an order id, a buyer's id
//! or part of their name, a page at a time; each row leads to the order's page.

use super::action::{load, show};
use super::dates::{end_of, start_of};
use super::provider::TestBadge;
use crate::admin::formats::Moment;
use crate::admin::texts::{t, tf};
use crate::admin_api::{OrderList, OrdersQuery};
use crate::orders::OrderStatus;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

const PER_PAGE: i64 = 20;

/// The filters as the form holds them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Filter {
    pub status: String,
    /// `YYYY-MM-DD` or empty.
    pub from: String,
    pub to: String,
    /// An order id (`#12` too), a buyer's Telegram id, or part of a buyer's name or @username.
    pub q: String,
}

/// `GET /api/admin/orders?…` for `filter` and `page` (days are whole UTC days).
pub(crate) fn list_path(filter: &Filter, page: i64) -> String {
    let query = OrdersQuery {
        status: Some(filter.status.clone()).filter(|s| !s.is_empty()),
        from: start_of(&filter.from),
        to: end_of(&filter.to),
        q: Some(filter.q.trim().to_owned()).filter(|q| !q.is_empty()),
        page: Some(page),
        per_page: Some(PER_PAGE),
    };
    format!("/api/admin/orders?{}", query_string(&query))
}

/// `query` as a URL's query string, with only the fields it has.
fn query_string(query: &OrdersQuery) -> String {
    let number = |n: Option<i64>| n.map(|n| n.to_string());
    let pairs = [
        ("status", query.status.clone()),
        ("from", number(query.from)),
        ("to", number(query.to)),
        ("q", query.q.clone()),
        ("page", number(query.page)),
        ("per_page", number(query.per_page)),
    ];
    let mut text = form_urlencoded::Serializer::new(String::new());
    for (name, value) in pairs {
        if let Some(value) = value {
            text.append_pair(name, &value);
        }
    }
    text.finish()
}

/// `/admin/orders` (`?status=` preselects a status, as the dashboard's links do).
#[component]
pub(crate) fn OrdersPage() -> impl IntoView {
    let status = use_query_map()
        .with_untracked(|q| q.get("status"))
        .unwrap_or_default();
    let form = RwSignal::new(Filter {
        status,
        ..Filter::default()
    });
    let applied = RwSignal::new(form.get_untracked());
    let page = RwSignal::new(1_i64);
    let list = load::<OrderList>(move || list_path(&applied.get(), page.get()));
    let field = move |set: fn(&mut Filter, String)| {
        move |ev: leptos::ev::Event| form.update(|f| set(f, event_target_value(&ev)))
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        applied.set(form.get_untracked());
        page.set(1);
    };
    view! {
        <h1 class="admin-title">{t("Orders")}</h1>
        <form class="admin-form admin-form--row" on:submit=submit aria-label=t("Filter orders")>
            <label>{t("Status")}
                <select name="status" on:change=field(|f, v| f.status = v) prop:value=move || form.get().status>
                    <option value="">{t("Any")}</option>
                    {OrderStatus::ALL.into_iter().map(|s| {
                        let selected = form.with_untracked(|f| f.status == s.as_str());
                        view! { <option value=s.as_str() selected=selected>{super::texts::state(s.as_str())}</option> }
                    }).collect_view()}
                </select>
            </label>
            <label>{t("From")} <input type="date" name="from" on:change=field(|f, v| f.from = v)/></label>
            <label>{t("To")} <input type="date" name="to" on:change=field(|f, v| f.to = v)/></label>
            <label>{t("Order id, buyer id or name")} <input type="search" name="q" on:input=field(|f, v| f.q = v)/></label>
            <button type="submit" class="admin-button">{t("Filter")}</button>
        </form>
        {show(list, move |list| view! { <OrderTable list page/> })}
    }
}

#[component]
fn OrderTable(list: OrderList, page: RwSignal<i64>) -> impl IntoView {
    let pages = ((list.total + list.per_page - 1) / list.per_page.max(1)).max(1);
    let current = list.page;
    view! {
        <p class="admin-note" data-testid="orders-total">{tf!("{count} orders", count = list.total)}</p>
        <table class="admin-table" data-testid="admin-orders">
            <thead><tr>
                <th scope="col">{t("Order")}</th><th scope="col">{t("Created")}</th><th scope="col">{t("Status")}</th>
                <th scope="col">{t("Buyer")}</th><th scope="col">{t("Items")}</th><th scope="col">{t("Total")}</th>
            </tr></thead>
            <tbody>
                {list.orders.into_iter().map(|row| { let o = row.order; view! {
                    <tr data-testid="admin-order-row">
                        <td><a href=format!("/admin/orders/{}", o.id)>{format!("#{}", o.id)}</a></td>
                        <td><Moment ms=o.created_at/></td>
                        <td><span class=format!("order-status order-status--{}", o.status.as_str())>{super::texts::state(o.status.as_str())}</span>
                            {row.payment_mismatch.map(|why| view! { " " <span class="admin-error" data-testid="admin-order-mismatch" title=why>{t("⚠ payment mismatch")}</span> })}</td>
                        <td>{row.buyer_name}" "<span class="admin-note">{format!("({})", row.buyer_id)}</span></td>
                        <td>{format!("{} × {}", o.item_count, o.first_item)}</td>
                        <td><bdi dir="ltr">{o.total_label}</bdi>{row.payment_provider.filter(|p| p.test).map(|_| view! { " " <TestBadge/> })}</td>
                    </tr>
                }}).collect_view()}
            </tbody>
        </table>
        <nav class="admin-paging" aria-label=t("Pages")>
            <button type="button" class="admin-button admin-button--quiet" disabled={current <= 1} on:click=move |_| page.set(current - 1)>{t("Previous page")}</button>
            <span>{tf!("Page {current} of {pages}", current = current, pages = pages)}</span>
            <button type="button" class="admin-button admin-button--quiet" disabled={current >= pages} on:click=move |_| page.set(current + 1)>{t("Next page")}</button>
        </nav>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_path_carries_only_the_filters_given() {
        assert_eq!(
            list_path(&Filter::default(), 1),
            "/api/admin/orders?page=1&per_page=20"
        );
        let filter = Filter {
            status: "paid".into(),
            from: "1970-01-02".into(),
            to: "1970-01-02".into(),
            q: " #12 ".into(),
        };
        assert_eq!(
            list_path(&filter, 3),
            "/api/admin/orders?status=paid&from=86400000&to=172799999&q=%2312&page=3&per_page=20"
        );
    }
}
