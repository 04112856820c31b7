//! The merchant's JSON API under `/api/admin/`: closed to everyone but the Telegram users in
//! `ADMIN_USER_IDS`, who prove who they are with the Mini App's initData
//! (`Authorization: tma …`, checked as for shoppers) or a browser session from a one-time
//! sign-in link (`access`, `sign_in`); no credentials is 401, someone else's 403.
//!
//! Orders: the list with filters and paging, and the merchant's moves — shipped (with an
//! optional note such as a tracking number), delivered, cancelled before payment — each told
//! to the buyer by the bot in the transaction that makes it; and refunds: Stars through
//! `refundStarPayment` (the order turns refunded when Telegram's `refunded_payment` arrives,
//! through the same update handler as any refund), card payments recorded with the payment
//! provider's reference, because the Bot API cannot refund them.
//!
//! Settings: the shop's name and currency, the chat told about sales, shipping rates, tips
//! and promo codes (`settings.rs`, `shipping.rs`, `promos.rs`).
//!
//! Catalog: categories, products (archived ones leave the storefront), variants, stock
//! adjustments kept as history, and photos; see `catalog.rs`.

use super::{ApiError, AppState};
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use moves::{cancel, deliver, refund, ship};
use orders::{order, orders, orders_csv};

pub mod access;
mod catalog;
mod categories;
mod dashboard;
mod moves;
mod orders;
mod photos;
mod products;
mod promos;
mod settings;
mod shipping;
pub mod sign_in;
mod variants;

pub use access::Admin;

/// Routes under `/api/admin`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/session", get(sign_in::session))
        .route("/logout", post(sign_in::logout))
        .route("/orders", get(orders))
        .route("/orders.csv", get(orders_csv))
        .route("/orders/{id}", get(order))
        .route("/webhook", get(webhook))
        .route("/dashboard", get(dashboard::dashboard))
        .route("/orders/{id}/ship", post(ship))
        .route("/orders/{id}/deliver", post(deliver))
        .route("/orders/{id}/cancel", post(cancel))
        .route("/orders/{id}/refund", post(refund))
        .merge(settings::router())
        .merge(catalog::router())
}

/// The order id in an admin path, or `400 order_id_malformed`.
fn order_id(
    path: Result<axum::extract::Path<i64>, axum::extract::rejection::PathRejection>,
) -> Result<i64, ApiError> {
    path.map(|axum::extract::Path(id)| id)
        .map_err(|_| ApiError::bad_request("order_id_malformed", "an order id is a number"))
}

/// The id in an admin path, or `400 id_malformed`.
fn path_id<T>(
    path: Result<axum::extract::Path<T>, axum::extract::rejection::PathRejection>,
) -> Result<T, ApiError> {
    path.map(|axum::extract::Path(id)| id)
        .map_err(|_| ApiError::bad_request("id_malformed", "an id in the path is a number"))
}

/// A JSON body, or `400 body_malformed` when it is not JSON of the right shape (as the
/// shoppers' endpoints answer); the rules' own refusals are [`invalid`]'s 422.
fn body<T>(request: Result<Json<T>, axum::extract::rejection::JsonRejection>) -> Result<T, ApiError> {
    request
        .map(|Json(body)| body)
        .map_err(|e| ApiError::bad_request("body_malformed", e.body_text()))
}

/// `422 bad_<field>` for an input that breaks a rule.
fn invalid(invalid: crate::shop::invalid::Invalid) -> ApiError {
    ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, invalid.code, invalid.message)
}

/// `503 unavailable`, the cause logged.
fn unavailable(error: crate::storage::StorageError) -> ApiError {
    ApiError::unavailable(&error)
}

/// `404 <code>`: there is no `what` with `id`.
fn not_found(code: &'static str, what: &str, id: i64) -> ApiError {
    ApiError::new(StatusCode::NOT_FOUND, code, format!("there is no {what} {id}"))
}

/// `404 order_not_found` for order `id`.
fn no_such_order(id: i64) -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        "order_not_found",
        format!("there is no order {id}"),
    )
}

/// `GET /api/admin/webhook`: Telegram's getWebhookInfo (the URL it delivers to, updates
/// waiting, the last delivery error), for the merchant's health panel.
async fn webhook(
    State(state): State<AppState>,
    _admin: Admin,
) -> Result<Json<crate::telegram::bot_api::WebhookInfo>, ApiError> {
    let info = state
        .bot
        .api
        .call(&crate::telegram::bot_api::GetWebhookInfo {})
        .await
        .map_err(|error| {
            tracing::warn!(%error, "getWebhookInfo failed");
            ApiError::new(
                StatusCode::BAD_GATEWAY,
                "telegram_unavailable",
                format!("Telegram did not answer: {error}"),
            )
        })?;
    Ok(Json(info))
}
