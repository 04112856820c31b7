//! The merchant's orders: the list (filters, paging), its CSV export, one order's detail, and
//! what the merchant does with an order — the moves that tell the buyer (shipped, delivered,
//! cancelled: `moves.rs`) and refunds (`refunds.rs`).

use super::{Admin, ApiError, AppState};
use crate::http::{AppPath, AppQuery};
use crate::shop::payment_provider::PaymentProvider;
use crate::shop::shared_invoice::SaleSource;
use crate::storage::orders::merchant::OrderFilter;
use app::admin_api::{AdminOrder, OrderList, OrderRow, OrdersQuery, ProviderLabel, SoldWhere};
use app::error_code::ErrorCode;
use app::orders::{OrderId, OrderStatus};
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};

mod moves;
mod refunds;

/// The orders' routes, merged into `/api/admin`.
pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/orders", get(orders))
        .route("/orders.csv", get(orders_csv))
        .route("/orders/{id}", get(order))
        .route("/orders/{id}/ship", post(moves::ship))
        .route("/orders/{id}/deliver", post(moves::deliver))
        .route("/orders/{id}/cancel", post(moves::cancel))
        .route("/orders/{id}/refund", post(refunds::refund))
}

/// `404 order_not_found` for order `id`.
fn no_such_order(id: OrderId) -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        ErrorCode::OrderNotFound,
        format!("there is no order {id}"),
    )
}

/// The list's query as a filter: `422 bad_status`, `bad_search` or `bad_page` when it cannot be one.
fn filter(query: OrdersQuery) -> Result<OrderFilter, ApiError> {
    let bad = |code, message: &str| Err(ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, code, message));
    let status = match query.status.as_deref().filter(|s| !s.is_empty()) {
        None => None,
        Some(text) => match OrderStatus::parse(text) {
            Some(status) => Some(status),
            None => return bad(ErrorCode::BadStatus, "status is not an order status"),
        },
    };
    let (id, name) = match query.q.as_deref().map(str::trim).filter(|q| !q.is_empty()) {
        None => (None, None),
        Some(q) => match q.trim_start_matches('#').parse::<i64>() {
            Ok(id) => (Some(id), None),
            Err(_) if q.chars().count() <= 64 => (None, Some(q.trim_start_matches('@').to_owned())),
            Err(_) => return bad(
                ErrorCode::BadSearch,
                "search by an order id, a buyer's Telegram id or part of their name (at most 64 characters)",
            ),
        },
    };
    let (page, per_page) = (query.page.unwrap_or(1), query.per_page.unwrap_or(20));
    if page < 1 || !(1..=100).contains(&per_page) || !OrderFilter::offset_fits(page, per_page) {
        return bad(
            ErrorCode::BadPage,
            "page starts at 1, is not past the last possible order, and per_page is between 1 and 100",
        );
    }
    Ok(OrderFilter {
        status,
        from: query.from,
        to: query.to,
        id,
        name,
        page,
        per_page,
    })
}

/// `GET /api/admin/orders`: the orders the filters select, newest first, a page at a time.
async fn orders(
    State(state): State<AppState>,
    _admin: Admin,
    AppQuery(query): AppQuery<OrdersQuery>,
) -> Result<Json<OrderList>, ApiError> {
    let filter = filter(query)?;
    let found = state.db.merchant_orders(&filter).await?;
    let orders = found
        .orders
        .iter()
        .map(|row| OrderRow {
            order: row.headline.summary(),
            buyer_id: row.buyer_id,
            buyer_name: row.buyer_name.clone(),
            payment_mismatch: row.payment_mismatch.clone(),
            payment_provider: row.provider.as_ref().map(label),
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
/// currency and as shown, times in UTC, and the payment provider that took each card payment
/// (`provider_mode` `test` for a test-mode one).
async fn orders_csv(
    State(state): State<AppState>,
    _admin: Admin,
    AppQuery(mut query): AppQuery<OrdersQuery>,
) -> Result<axum::response::Response, ApiError> {
    use axum::response::IntoResponse;
    (query.page, query.per_page) = (None, None);
    let filter = OrderFilter {
        per_page: MAX_EXPORT,
        ..filter(query)?
    };
    let found = state.db.merchant_orders(&filter).await?;
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
        "payment_provider",
        "provider_mode",
    ];
    let failed = |e: csv::Error| ApiError::unavailable(e);
    csv.write_record(header).map_err(failed)?;
    for row in &found.orders {
        let (order, buyer_id, buyer_name) = (&row.headline, row.buyer_id, &row.buyer_name);
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
            row.provider
                .as_ref()
                .map_or(String::new(), |p| spreadsheet_safe(p.name.as_str())),
            row.provider.as_ref().map_or("", |p| p.mode.as_str()).to_owned(),
        ])
        .map_err(failed)?;
    }
    let body = csv
        .into_inner()
        .map_err(|e| ApiError::unavailable(e.into_error()))?;
    let headers = [
        (axum::http::header::CONTENT_TYPE, "text/csv; charset=utf-8"),
        (
            axum::http::header::CONTENT_DISPOSITION,
            "attachment; filename=\"orders.csv\"",
        ),
    ];
    Ok((headers, body).into_response())
}

/// Text a spreadsheet will not run as a formula: a cell starting `=`, `+`, `-` or `@`, or a
/// tab or carriage return (which some spreadsheets skip before reading a formula), gets a
/// leading `'` (OWASP's advice for CSV injection).
fn spreadsheet_safe(text: &str) -> String {
    match text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        true => format!("'{text}"),
        false => text.to_owned(),
    }
}

/// `GET /api/admin/orders/{id}`: the order as its buyer sees it, plus who the buyer is, the
/// shipping option chosen and the provider's charge id.
async fn order(
    State(state): State<AppState>,
    _admin: Admin,
    AppPath(id): AppPath<OrderId>,
) -> Result<Json<AdminOrder>, ApiError> {
    let order = state.db.order(id).await?.ok_or_else(|| no_such_order(id))?;
    let more = state.db.back_office(id).await?.ok_or_else(|| no_such_order(id))?;
    let buyer = state.db.buyer_name(order.buyer_id).await?.unwrap_or_default();
    let sold_where = match order.source {
        Some(SaleSource::App) => Some(SoldWhere::App),
        Some(SaleSource::Inline) => Some(SoldWhere::Inline),
        Some(SaleSource::Post(post)) => Some(SoldWhere::Post {
            post_id: post.0,
            chat: state.db.post_chat_title(post).await?,
        }),
        None => None,
    };
    Ok(Json(AdminOrder {
        order: order.view(),
        buyer_id: order.buyer_id,
        buyer_name: buyer.name,
        buyer_username: buyer.username,
        shipping_option_id: more.shipping_option_id,
        provider_charge_id: more.provider_charge_id,
        payment_mismatch: more.payment_mismatch,
        sold_where,
        payment_provider: order.provider.as_ref().map(label),
    }))
}

/// What the admin page shows of a payment provider: its name and whether it is in test mode.
fn label(provider: &PaymentProvider) -> ProviderLabel {
    ProviderLabel {
        name: provider.name.to_string(),
        test: provider.is_test(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exported_text_never_starts_a_formula() {
        assert_eq!(spreadsheet_safe("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(spreadsheet_safe("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(spreadsheet_safe("\t=1+1"), "'\t=1+1");
        assert_eq!(spreadsheet_safe("\r=1+1"), "'\r=1+1");
        assert_eq!(spreadsheet_safe("Blue Glazed Mug"), "Blue Glazed Mug");
    }
}
