//! `POST /telegram/webhook`: Telegram delivering the bot's updates.
//!
//! The secret token header is compared in constant time before a byte of the body is read, so
//! a caller without it cannot make the shop wait for (or buffer) a body; the body is
//! size-limited. 200 goes back only once the update's effects are committed; a transient
//! failure answers 503 so Telegram delivers the update again. A body that passes the secret
//! but is not an update the shop can read is logged and answered 200: redelivering it would
//! not change it, and Telegram would keep trying for a day.

use super::{chain, ApiError, AppState};
use crate::telegram::bot_api::Update;
use app::error_code::ErrorCode;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::Json;
use subtle::ConstantTimeEq;

/// The header Telegram sends the webhook's secret token in.
pub const SECRET_HEADER: &str = "x-telegram-bot-api-secret-token";
/// Telegram's updates are small; anything larger is not from Telegram.
pub const MAX_BODY: usize = 1024 * 1024;

/// Handles one update.
pub async fn receive(
    State(state): State<AppState>,
    request: Request,
) -> Result<Json<serde_json::Value>, ApiError> {
    let bot = &state.bot;
    let sent = request
        .headers()
        .get(SECRET_HEADER)
        .map(|v| v.as_bytes())
        .unwrap_or_default();
    let expected = bot.webhook_secret.expose().as_bytes();
    if !bool::from(sent.ct_eq(expected)) {
        return Err(ApiError::unauthorized(
            ErrorCode::WebhookSecretWrong,
            "the secret token does not match",
        ));
    }
    let body = axum::body::to_bytes(request.into_body(), MAX_BODY)
        .await
        .map_err(|error| {
            ApiError::bad_request(
                ErrorCode::BodyMalformed,
                format!("the body could not be read whole (at most {MAX_BODY} bytes, without stalling)"),
            )
            .caused_by(error)
        })?;
    let update: Update = match serde_json::from_slice(&body) {
        Ok(update) => update,
        Err(error) => {
            tracing::warn!(%error, bytes = body.len(), "dropped a webhook body that is not an update");
            crate::metrics::webhook_update_undecodable();
            return Ok(Json(serde_json::json!({})));
        }
    };
    let handled = bot.updates.handle(&update).await;
    crate::metrics::webhook_update(update.kind().name(), handled.is_ok());
    match handled {
        Ok(()) => Ok(Json(serde_json::json!({}))),
        Err(error) => Err(ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            ErrorCode::TryAgain,
            "the update could not be handled now",
        )
        .caused_by(format!(
            "update {} not handled: {}",
            update.update_id,
            chain(&error)
        ))),
    }
}
