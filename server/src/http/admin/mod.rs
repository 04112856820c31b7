//! The merchant's JSON API under `/api/admin/`: closed to everyone but the Telegram users in
//! `ADMIN_USER_IDS`, who prove who they are with a session: the Mini App's, opened once with
//! its fresh initData (`POST /api/admin/session`, then `Authorization: Bearer …`), or a
//! browser's from a one-time sign-in link (`access`, `sign_in`); no session is 401, someone
//! else's 403.
//!
//! Every request and answer body is one of `app::admin_api`'s types, the contract the
//! merchant's pages read with the same types. By concept:
//! - `orders/`: the list with filters and paging, its CSV export, one order, the merchant's
//!   moves (shipped, delivered, cancelled) and refunds;
//! - `catalog/`: categories, products, variants, stock adjustments and photos;
//! - `settings/`: the shop's name and currency, the chat told about sales, tips, shipping
//!   rates and promo codes;
//! - `events/`: the organiser's events, their ticket types, staff, cancelling and publishing;
//! - `salon/`: the salon's staff, their calendars, services and booking rules;
//! - `subscriptions`: the Stars subscribers, and cancelling one's renewal;
//! - `dashboard` and `webhook`: how the shop is doing and whether Telegram reaches it.
//!
//! Must not: hold shop rules (they are `crate::shop`'s) or SQL (`crate::storage`'s).

use super::{ApiError, AppState};
use crate::shop::invalid::Invalid;
use crate::telegram::bot_api::BotApiError;
use app::error_code::ErrorCode;
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::Router;

pub mod access;
mod catalog;
mod dashboard;
mod events;
mod orders;
mod posts;
mod salon;
mod settings;
pub mod sign_in;
mod subscriptions;
pub mod texts;
mod webhook;

pub use access::Admin;
pub use catalog::files::store as store_delivery_file;

/// Routes under `/api/admin`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/session", get(sign_in::session).post(sign_in::open))
        .route("/logout", post(sign_in::logout))
        .route("/webhook", get(webhook::webhook))
        .route("/dashboard", get(dashboard::dashboard))
        .merge(orders::router())
        .merge(settings::router())
        .merge(catalog::router())
        .merge(events::router())
        .merge(salon::router())
        .merge(subscriptions::router())
        .merge(posts::router())
}

/// `422 bad_<field>` for an input that breaks a rule.
fn invalid(invalid: Invalid) -> ApiError {
    ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, invalid.code, invalid.message)
}

/// `404 <code>`: there is no `what` with `id`.
fn not_found(code: ErrorCode, what: &str, id: i64) -> ApiError {
    ApiError::new(StatusCode::NOT_FOUND, code, format!("there is no {what} {id}"))
}

/// 502: Telegram did not do what was asked.
fn telegram_failed(error: BotApiError) -> ApiError {
    let code = match error {
        BotApiError::Api { .. } => ErrorCode::TelegramRefused,
        _ => ErrorCode::TelegramUnavailable,
    };
    ApiError::new(
        StatusCode::BAD_GATEWAY,
        code,
        format!("Telegram did not post: {error}"),
    )
    .caused_by(error)
}
