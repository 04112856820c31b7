//! The merchant's moves on an order: shipped (with a note for the buyer), delivered,
//! cancelled before payment; each told to the buyer by the bot in the transaction that
//! makes it. A status that does not allow the move is `409 illegal_transition`.

use super::no_such_order;
use crate::clock::now_ms;
use crate::http::admin::Admin;
use crate::http::{ApiError, AppJson, AppPath, AppState};
use crate::shop::order::OrderEvent;
use crate::shop::order::OrderRecord;
use crate::storage::orders::merchant::Moved;
use crate::telegram::updates::messages;
use app::admin_api::Ship;
use app::error_code::ErrorCode;
use app::orders::{OrderId, OrderView};
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;

/// `POST /api/admin/orders/{id}/ship`, with an optional note for the buyer.
pub(super) async fn ship(
    State(state): State<AppState>,
    admin: Admin,
    AppPath(id): AppPath<OrderId>,
    body: Option<AppJson<Ship>>,
) -> Result<Json<OrderView>, ApiError> {
    let note = body.and_then(|AppJson(ship)| ship.note);
    if note.as_deref().is_some_and(|n| n.chars().count() > 500) {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            ErrorCode::NoteTooLong,
            "a note has at most 500 characters",
        ));
    }
    let url = state.bot.shop_url.clone();
    let message = move |order: &_| messages::shipped(&url, order, note.as_deref());
    make_move(&state, &admin, id, OrderEvent::Ship, message).await
}

/// `POST /api/admin/orders/{id}/deliver`.
pub(super) async fn deliver(
    State(state): State<AppState>,
    admin: Admin,
    AppPath(id): AppPath<OrderId>,
) -> Result<Json<OrderView>, ApiError> {
    let url = state.bot.shop_url.clone();
    make_move(&state, &admin, id, OrderEvent::Deliver, move |order: &_| {
        messages::delivered(&url, order)
    })
    .await
}

/// `POST /api/admin/orders/{id}/cancel`: before payment only.
pub(super) async fn cancel(
    State(state): State<AppState>,
    admin: Admin,
    AppPath(id): AppPath<OrderId>,
) -> Result<Json<OrderView>, ApiError> {
    make_move(&state, &admin, id, OrderEvent::Cancel, messages::cancelled).await
}

/// Moves the order, telling the buyer `message`, and answers it as it now is.
async fn make_move(
    state: &AppState,
    admin: &Admin,
    id: OrderId,
    event: OrderEvent,
    message: impl FnOnce(&OrderRecord) -> String,
) -> Result<Json<OrderView>, ApiError> {
    let moved = state.db.merchant_move(id, event, message, now_ms()).await?;
    answer_move(state, admin, id, event, moved)
}

/// The answer to a move: the order as it now is, 404 or 409.
pub(super) fn answer_move(
    state: &AppState,
    admin: &Admin,
    id: OrderId,
    event: OrderEvent,
    moved: Moved,
) -> Result<Json<OrderView>, ApiError> {
    match moved {
        Moved::Done(order) => {
            state.bot.outbox.notify_one();
            tracing::info!(
                order_id = id.0,
                admin_id = %admin.id,
                ?event,
                "an admin moved an order"
            );
            Ok(Json(order.view()))
        }
        Moved::NoSuchOrder => Err(no_such_order(id)),
        Moved::Refused(illegal) => Err(ApiError::new(
            StatusCode::CONFLICT,
            ErrorCode::IllegalTransition,
            illegal.to_string(),
        )),
    }
}
