//! `GET /api/orders` and `GET /api/orders/{id}`: a shopper's own orders, as the server
//! recorded them from Telegram's payment updates. Another shopper's order does not exist.

use super::auth::Shopper;
use super::{ApiError, AppPath, AppState};
use app::error_code::ErrorCode;
use app::orders::{OrderId, OrderSummary, OrderView};
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;

/// `GET /api/orders`: the shopper's most recent orders, newest first.
pub async fn list(
    State(state): State<AppState>,
    Shopper(init_data): Shopper,
) -> Result<Json<Vec<OrderSummary>>, ApiError> {
    let orders = state.db.buyer_orders(init_data.user.id).await?;
    Ok(Json(orders.iter().map(|o| o.summary()).collect()))
}

/// `GET /api/orders/{id}`: the order with its timeline, receipt, vouchers (a paid ticket's or
/// appointment's QR codes), salon appointments and digital deliveries (while paid), for its buyer only; to anyone else it does not exist.
pub async fn order(
    State(state): State<AppState>,
    Shopper(init_data): Shopper,
    AppPath(id): AppPath<OrderId>,
) -> Result<Json<OrderView>, ApiError> {
    let not_found = || {
        ApiError::new(
            StatusCode::NOT_FOUND,
            ErrorCode::OrderNotFound,
            format!("you have no order {id}"),
        )
    };
    let order = state
        .db
        .order(id)
        .await?
        .filter(|order| order.buyer_id == init_data.user.id)
        .ok_or_else(not_found)?;
    let mut view = order.view();
    let vouchers = state.db.order_vouchers(id).await?;
    view.vouchers = vouchers.iter().map(|v| v.view(&state.voucher_key)).collect();
    view.deliveries = super::downloads::order_deliveries(&state, &order).await?;
    let appointments = state.db.order_appointments(id).await?;
    if !appointments.is_empty() {
        let rules = state.db.booking_rules().await?;
        let zone = state.db.shop_settings().await?.time_zone;
        let now = crate::clock::now_ms();
        view.appointments = appointments
            .iter()
            .map(|a| a.view(&rules, zone.name(), now))
            .collect();
    }
    Ok(Json(view))
}
