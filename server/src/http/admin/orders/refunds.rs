//! `POST /api/admin/orders/{id}/refund`: Stars through `refundStarPayment` (202; the order
//! turns refunded when Telegram's `refunded_payment` arrives, through the same update handler
//! as any refund), card payments recorded with the payment provider's reference (the Bot API
//! cannot refund them), answered with the order as it now is.

use super::moves::answer_move;
use super::no_such_order;
use crate::clock::now_ms;
use crate::http::admin::Admin;
use crate::http::{ApiError, AppJson, AppPath, AppState};
use crate::shop::order::OrderEvent;
use crate::telegram::bot_api::RefundStarPayment;
use crate::telegram::updates::messages;
use app::admin_api::{Refund, RefundRequested};
use app::error_code::ErrorCode;
use app::orders::OrderId;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;

/// `POST /api/admin/orders/{id}/refund`, with the provider's reference for a card payment.
pub(super) async fn refund(
    State(state): State<AppState>,
    admin: Admin,
    AppPath(id): AppPath<OrderId>,
    body: Option<AppJson<Refund>>,
) -> Result<Response, ApiError> {
    let reference = body
        .and_then(|AppJson(refund)| refund.reference)
        .map(|r| r.trim().to_owned())
        .filter(|r| !r.is_empty());
    let order = state.db.order(id).await?.ok_or_else(|| no_such_order(id))?;
    let charge = match (
        crate::shop::order::apply(order.status, OrderEvent::Refund),
        &order.charge_id,
    ) {
        (Ok(_), Some(charge)) => charge.clone(),
        _ => {
            let why = format!("an order that is {} cannot be refunded", order.status.as_str());
            return Err(ApiError::new(
                StatusCode::CONFLICT,
                ErrorCode::IllegalTransition,
                why,
            ));
        }
    };
    if !order.currency.is_stars() {
        let Some(reference) = reference else {
            return Err(ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                ErrorCode::ReferenceMissing,
                "Telegram cannot refund card payments: refund it with the payment provider, then record the provider's reference here",
            ));
        };
        let notice = |order: &_, paid| messages::refund_notice(order, paid);
        let moved = state.db.merchant_refund(id, &reference, notice, now_ms()).await?;
        return answer_move(&state, &admin, id, OrderEvent::Refund, moved).map(IntoResponse::into_response);
    }
    let request = RefundStarPayment {
        user_id: order.buyer_id,
        telegram_payment_charge_id: charge,
    };
    if let Err(error) = state.bot.api.call(&request).await {
        return Err(ApiError::new(
            StatusCode::BAD_GATEWAY,
            ErrorCode::TelegramRefused,
            format!("Telegram did not refund: {error}"),
        )
        .caused_by(error));
    }
    tracing::info!(order_id = id.0, admin_id = %admin.id, "an admin refunded Stars");
    let answer = RefundRequested {
        order_id: id,
        status: "refund_requested".to_owned(),
    };
    Ok((StatusCode::ACCEPTED, Json(answer)).into_response())
}
