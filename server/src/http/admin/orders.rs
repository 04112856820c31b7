//! The merchant's order list (filters, paging), its CSV export, and one order's detail.

use super::Admin;
use crate::http::{ApiError, AppState};
use crate::storage::orders::merchant::OrderFilter;
use app::orders::{OrderId, OrderStatus, OrderSummary, OrderView};
use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::Json;
use serde::{Deserialize, Serialize};

/// `GET /api/admin/orders` query: `status`, `from` / `to` (unix ms, created), `q` (an order
/// id, a buyer's Telegram id, or part of a buyer's name or @username), `page` (from 1),
/// `per_page` (1–100, default 20).
#[derive(Debug, Deserialize)]
pub struct ListQuery {
    status: Option<String>,
    from: Option<i64>,
    to: Option<i64>,
    q: Option<String>,
    page: Option<i64>,
    per_page: Option<i64>,
}

impl ListQuery {
    fn filter(self) -> Result<OrderFilter, ApiError> {
        let bad = |code, message: &str| Err(ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, code, message));
        let status = match self.status.as_deref().filter(|s| !s.is_empty()) {
            None => None,
            Some(text) => match OrderStatus::parse(text) {
                Some(status) => Some(status),
                None => return bad("bad_status", "status is not an order status"),
            },
        };
        let (id, name) = match self.q.as_deref().map(str::trim).filter(|q| !q.is_empty()) {
            None => (None, None),
            Some(q) => match q.trim_start_matches('#').parse::<i64>() {
                Ok(id) => (Some(id), None),
                Err(_) if q.chars().count() <= 64 => (None, Some(q.trim_start_matches('@').to_owned())),
                Err(_) => return bad("bad_search", "search by an order id, a buyer's Telegram id or part of their name (at most 64 characters)"),
            },
        };
        let (page, per_page) = (self.page.unwrap_or(1), self.per_page.unwrap_or(20));
        if page < 1 || !(1..=100).contains(&per_page) {
            return bad("bad_page", "page starts at 1 and per_page is between 1 and 100");
        }
        Ok(OrderFilter {
            status,
            from: self.from,
            to: self.to,
            id,
            name,
            page,
            per_page,
        })
    }
}

/// One row of the merchant's order list.
#[derive(Debug, Serialize)]
pub struct AdminOrderRow {
    #[serde(flatten)]
    order: OrderSummary,
    buyer_id: i64,
    /// As Telegram described the buyer at checkout; '' for orders from before names were kept.
    buyer_name: String,
}

/// `GET /api/admin/orders`'s answer.
#[derive(Debug, Serialize)]
pub struct OrderList {
    orders: Vec<AdminOrderRow>,
    total: i64,
    page: i64,
    per_page: i64,
}

pub(super) async fn orders(
    State(state): State<AppState>,
    _admin: Admin,
    query: Result<Query<ListQuery>, QueryRejection>,
) -> Result<Json<OrderList>, ApiError> {
    let Query(query) = query.map_err(|e| ApiError::bad_request("query_malformed", e.body_text()))?;
    let filter = query.filter()?;
    let found = state
        .db
        .merchant_orders(&filter)
        .await
        .map_err(|e| ApiError::unavailable(&e))?;
    let orders = found
        .orders
        .iter()
        .map(|(order, buyer_id, buyer_name)| AdminOrderRow {
            order: order.summary(),
            buyer_id: *buyer_id,
            buyer_name: buyer_name.clone(),
        })
        .collect();
    Ok(Json(OrderList {
        orders,
        total: found.total,
        page: filter.page,
        per_page: filter.per_page,
    }))
}

/// The most orders one CSV export holds.
const MAX_EXPORT: i64 = 10_000;

/// `GET /api/admin/orders.csv`: the orders the list's filters select (all pages, newest
/// first, at most [`MAX_EXPORT`]) as CSV for a spreadsheet: amounts in minor units with their
/// currency and as shown, times in UTC.
pub(super) async fn orders_csv(
    State(state): State<AppState>,
    _admin: Admin,
    query: Result<Query<ListQuery>, QueryRejection>,
) -> Result<axum::response::Response, ApiError> {
    use axum::response::IntoResponse;
    let Query(mut query) = query.map_err(|e| ApiError::bad_request("query_malformed", e.body_text()))?;
    (query.page, query.per_page) = (None, None);
    let filter = OrderFilter {
        per_page: MAX_EXPORT,
        ..query.filter()?
    };
    let found = state
        .db
        .merchant_orders(&filter)
        .await
        .map_err(|e| ApiError::unavailable(&e))?;
    let mut csv = csv::Writer::from_writer(Vec::new());
    let header = [
        "order_id",
        "created_at",
        "status",
        "buyer_id",
        "buyer_name",
        "first_item",
        "item_count",
        "total_minor",
        "currency",
        "total",
    ];
    let failed = |e: csv::Error| ApiError::unavailable(&e);
    csv.write_record(header).map_err(failed)?;
    for (order, buyer_id, buyer_name) in &found.orders {
        let summary = order.summary();
        csv.write_record([
            order.id.0.to_string(),
            app::iso_utc(order.created_at),
            order.status.as_str().to_owned(),
            buyer_id.to_string(),
            spreadsheet_safe(buyer_name),
            spreadsheet_safe(&order.first_item),
            order.item_count.to_string(),
            order.total_minor.to_string(),
            order.currency.to_string(),
            summary.total_label,
        ])
        .map_err(failed)?;
    }
    let body = csv.into_inner().map_err(|e| ApiError::unavailable(e.error()))?;
    let headers = [
        (axum::http::header::CONTENT_TYPE, "text/csv; charset=utf-8"),
        (
            axum::http::header::CONTENT_DISPOSITION,
            "attachment; filename=\"orders.csv\"",
        ),
    ];
    Ok((headers, body).into_response())
}

/// Text a spreadsheet will not run as a formula (a cell starting `=`, `+`, `-` or `@`).
fn spreadsheet_safe(text: &str) -> String {
    match text.starts_with(['=', '+', '-', '@']) {
        true => format!("'{text}"),
        false => text.to_owned(),
    }
}

/// `GET /api/admin/orders/{id}`: the order as its buyer sees it, plus who the buyer is, the
/// shipping option chosen and the provider's charge id.
#[derive(Debug, Serialize)]
pub struct AdminOrder {
    #[serde(flatten)]
    order: OrderView,
    buyer_id: i64,
    /// As Telegram described the buyer at checkout ('' when unknown), and their @username.
    buyer_name: String,
    buyer_username: String,
    shipping_option_id: Option<String>,
    provider_charge_id: Option<String>,
}

pub(super) async fn order(
    State(state): State<AppState>,
    _admin: Admin,
    id: Result<Path<i64>, PathRejection>,
) -> Result<Json<AdminOrder>, ApiError> {
    let id = super::order_id(id)?;
    let not_found = || super::no_such_order(id);
    let order = state
        .db
        .order(OrderId(id))
        .await
        .map_err(|e| ApiError::unavailable(&e))?
        .ok_or_else(not_found)?;
    let more = state
        .db
        .back_office(OrderId(id))
        .await
        .map_err(|e| ApiError::unavailable(&e))?
        .ok_or_else(not_found)?;
    let buyer = state
        .db
        .buyer_name(order.buyer_id)
        .await
        .map_err(|e| ApiError::unavailable(&e))?
        .unwrap_or_default();
    Ok(Json(AdminOrder {
        order: order.view(),
        buyer_id: order.buyer_id,
        buyer_name: buyer.name,
        buyer_username: buyer.username,
        shipping_option_id: more.shipping_option_id,
        provider_charge_id: more.provider_charge_id,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exported_text_never_starts_a_formula() {
        assert_eq!(spreadsheet_safe("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(spreadsheet_safe("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(spreadsheet_safe("Blue Glazed Mug"), "Blue Glazed Mug");
    }
}
