//! `POST /telegram/webhook`: Telegram delivering the bot's updates.
//!
//! The secret token header is compared in constant time before the body is read; the body is
//! size-limited and must be JSON. 200 goes back only once the update's effects are committed;
//! a transient failure answers 503 so Telegram delivers the update again.

use super::{ApiError, AppState};
use crate::telegram::bot_api::Update;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::Json;
use subtle::ConstantTimeEq;

/// The header Telegram sends the webhook's secret token in.
pub const SECRET_HEADER: &str = "x-telegram-bot-api-secret-token";
/// Telegram's updates are small; anything larger is not from Telegram.
pub const MAX_BODY: usize = 1024 * 1024;

/// Handles one update.
pub async fn receive(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Json<serde_json::Value>, ApiError> {
    let bot = &state.bot;
    let sent = headers
        .get(SECRET_HEADER)
        .map(|v| v.as_bytes())
        .unwrap_or_default();
    let expected = bot.webhook_secret.expose().as_bytes();
    if !bool::from(sent.ct_eq(expected)) {
        return Err(ApiError::unauthorized(
            "webhook_secret_wrong",
            "the secret token does not match",
        ));
    }
    let update: Update = serde_json::from_slice(&body)
        .map_err(|e| ApiError::bad_request("update_malformed", format!("the body is not an update: {e}")))?;
    match bot.updates.handle(&update).await {
        Ok(()) => Ok(Json(serde_json::json!({}))),
        Err(error) => {
            tracing::warn!(update_id = update.update_id, %error, "update not handled; Telegram will redeliver");
            Err(ApiError {
                status: StatusCode::SERVICE_UNAVAILABLE,
                code: "try_again",
                message: "the update could not be handled now".into(),
            })
        }
    }
}
