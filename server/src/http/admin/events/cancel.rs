//! `POST /api/admin/events/{id}/cancel`: the event cancelled in one transaction (sales closed,
//! every voucher revoked, the orders awaiting payment cancelled, card payments recorded as
//! refunded for the payment provider, each buyer's message queued), then each paid order's
//! Stars refunded through `refundStarPayment` — the order turns refunded when Telegram's
//! `refunded_payment` arrives, as for any refund. Cancelling again asks Telegram again for the
//! Stars refunds still due, and changes nothing else.

use super::{answer, organised_in, Admin};
use crate::clock::now_ms;
use crate::http::{ApiError, AppPath, AppState};
use crate::shop::order::OrderRecord;
use crate::telegram::bot_api::RefundStarPayment;
use crate::telegram::updates::messages;
use app::admin_api::AdminEvent;
use app::catalog::ProductId;
use app::error_code::ErrorCode;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;

/// `POST /api/admin/events/{id}/cancel`.
#[tracing::instrument(skip_all, fields(admin = %admin.id, event_id = id.0))]
pub(super) async fn cancel(
    State(state): State<AppState>,
    admin: Admin,
    AppPath(id): AppPath<ProductId>,
) -> Result<Json<AdminEvent>, ApiError> {
    let name = state
        .db
        .catalog()
        .await?
        .1
        .into_iter()
        .find(|p| p.id == id)
        .map_or_else(|| "The event".to_owned(), |p| p.name);
    let notice =
        |order: &OrderRecord, paid: i64, stars: bool| messages::event_cancelled(&name, order, paid, stars);
    let outcome = state.db.cancel_event(id, &notice, now_ms()).await?;
    let (event, stars) = organised_in(outcome, id, None)?;
    state.bot.outbox.notify_one();
    tracing::info!(stars_refunds = stars.len(), "an admin cancelled an event");
    let mut failed = 0;
    for due in &stars {
        let request = RefundStarPayment {
            user_id: due.buyer,
            telegram_payment_charge_id: due.charge_id.clone(),
        };
        if let Err(error) = state.bot.api.call(&request).await {
            tracing::warn!(order_id = due.order_id.0, %error, "Telegram did not refund a cancelled event's Stars");
            failed += 1;
        }
    }
    if failed > 0 {
        return Err(ApiError::new(
            StatusCode::BAD_GATEWAY,
            ErrorCode::TelegramRefused,
            format!("the event is cancelled, but Telegram refunded {failed} of {} Stars payments: cancel again to retry them", stars.len()),
        ));
    }
    answer(&state, &event).await
}
