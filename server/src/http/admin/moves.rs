//! The merchant's moves on an order: shipped (with a note for the buyer), delivered,
//! cancelled before payment, refunded (Stars through Telegram, card payments recorded with the
//! provider's reference); each told to the buyer by the bot.

use super::Admin;
use crate::clock::now_ms;
use crate::http::{ApiError, AppState};
use crate::shop::order::OrderEvent;
use crate::storage::orders::merchant::Moved;
use crate::telegram::updates::messages;
use app::orders::{OrderId, OrderView};
use axum::extract::rejection::{JsonRejection, PathRejection};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use serde::{Deserialize, Serialize};

/// `POST /api/admin/orders/{id}/ship` body: an optional note for the buyer.
#[derive(Debug, Default, Deserialize)]
pub struct ShipBody {
    note: Option<String>,
}

pub(super) async fn ship(
    State(state): State<AppState>,
    admin: Admin,
    id: Result<Path<i64>, PathRejection>,
    body: Result<Json<ShipBody>, JsonRejection>,
) -> Result<Json<OrderView>, ApiError> {
    let note = match body {
        Ok(Json(body)) => body.note,
        Err(JsonRejection::MissingJsonContentType(_)) => None,
        Err(e) => return Err(ApiError::bad_request("body_malformed", e.body_text())),
    };
    if note.as_deref().is_some_and(|n| n.chars().count() > 500) {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "note_too_long",
            "a note has at most 500 characters",
        ));
    }
    let url = state.bot.shop_url.clone();
    let message = move |order: &_| messages::shipped(&url, order, note.as_deref());
    make_move(&state, &admin, id, OrderEvent::Ship, message).await
}

pub(super) async fn deliver(
    State(state): State<AppState>,
    admin: Admin,
    id: Result<Path<i64>, PathRejection>,
) -> Result<Json<OrderView>, ApiError> {
    let url = state.bot.shop_url.clone();
    make_move(&state, &admin, id, OrderEvent::Deliver, move |order: &_| {
        messages::delivered(&url, order)
    })
    .await
}

pub(super) async fn cancel(
    State(state): State<AppState>,
    admin: Admin,
    id: Result<Path<i64>, PathRejection>,
) -> Result<Json<OrderView>, ApiError> {
    make_move(&state, &admin, id, OrderEvent::Cancel, messages::cancelled).await
}

/// `POST /api/admin/orders/{id}/refund` body: for card payments, the provider's refund reference.
#[derive(Debug, Default, Deserialize)]
pub struct RefundBody {
    reference: Option<String>,
}

/// `POST /api/admin/orders/{id}/refund`'s answer for Stars: asked of Telegram, which confirms
/// with a `refunded_payment` update.
#[derive(Debug, Serialize)]
pub struct RefundRequested {
    order_id: OrderId,
    status: &'static str,
}

pub(super) async fn refund(
    State(state): State<AppState>,
    admin: Admin,
    id: Result<Path<i64>, PathRejection>,
    body: Result<Json<RefundBody>, JsonRejection>,
) -> Result<axum::response::Response, ApiError> {
    use axum::response::IntoResponse;
    let id = super::order_id(id)?;
    let reference = match body {
        Ok(Json(body)) => body
            .reference
            .map(|r| r.trim().to_owned())
            .filter(|r| !r.is_empty()),
        Err(JsonRejection::MissingJsonContentType(_)) => None,
        Err(e) => return Err(ApiError::bad_request("body_malformed", e.body_text())),
    };
    let order = state
        .db
        .order(OrderId(id))
        .await
        .map_err(|e| ApiError::unavailable(&e))?
        .ok_or_else(|| super::no_such_order(id))?;
    let charge = match (
        crate::shop::order::apply(order.status, OrderEvent::Refund),
        &order.charge_id,
    ) {
        (Ok(_), Some(charge)) => charge.clone(),
        _ => {
            let why = format!("an order that is {} cannot be refunded", order.status.as_str());
            return Err(ApiError::new(StatusCode::CONFLICT, "illegal_transition", why));
        }
    };
    if !order.currency.is_stars() {
        let Some(reference) = reference else {
            return Err(ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "reference_missing",
                "Telegram cannot refund card payments: refund it with the payment provider, then record the provider's reference here",
            ));
        };
        let notice = |order: &_, paid| messages::refund_notice(order, paid);
        let moved = state
            .db
            .merchant_refund(OrderId(id), &reference, notice, now_ms())
            .await;
        let moved = moved.map_err(|e| ApiError::unavailable(&e))?;
        return answer_move(&state, &admin, id, OrderEvent::Refund, moved).map(IntoResponse::into_response);
    }
    let request = crate::telegram::bot_api::RefundStarPayment {
        user_id: order.buyer_id,
        telegram_payment_charge_id: charge,
    };
    if let Err(error) = state.bot.api.call(&request).await {
        tracing::error!(%error, order_id = id, "Telegram refused the Stars refund");
        return Err(ApiError::new(
            StatusCode::BAD_GATEWAY,
            "telegram_refused",
            format!("Telegram did not refund: {error}"),
        ));
    }
    tracing::info!(order_id = id, admin_id = admin.id, "an admin refunded Stars");
    let answer = RefundRequested {
        order_id: OrderId(id),
        status: "refund_requested",
    };
    Ok((StatusCode::ACCEPTED, Json(answer)).into_response())
}

/// Moves the order and answers it as it now is; 404 for no such order, 409 when its status
/// does not allow the move.
async fn make_move(
    state: &AppState,
    admin: &Admin,
    id: Result<Path<i64>, PathRejection>,
    event: OrderEvent,
    message: impl FnOnce(&crate::shop::order::OrderRecord) -> String,
) -> Result<Json<OrderView>, ApiError> {
    let id = super::order_id(id)?;
    let moved = state
        .db
        .merchant_move(OrderId(id), event, message, now_ms())
        .await
        .map_err(|e| ApiError::unavailable(&e))?;
    answer_move(state, admin, id, event, moved)
}

/// The answer to a move: the order as it now is, 404 or 409.
fn answer_move(
    state: &AppState,
    admin: &Admin,
    id: i64,
    event: OrderEvent,
    moved: Moved,
) -> Result<Json<OrderView>, ApiError> {
    match moved {
        Moved::Done(order) => {
            state.bot.outbox.notify_one();
            tracing::info!(
                order_id = id,
                admin_id = admin.id,
                ?event,
                "an admin moved an order"
            );
            Ok(Json(order.view()))
        }
        Moved::NoSuchOrder => Err(super::no_such_order(id)),
        Moved::Refused(illegal) => Err(ApiError::new(
            StatusCode::CONFLICT,
            "illegal_transition",
            illegal.to_string(),
        )),
    }
}
