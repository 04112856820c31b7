//! `GET /api/admin/webhook`: Telegram's getWebhookInfo (the URL it delivers to, updates
//! waiting, the last delivery error), for the merchant's health panel.

use super::{Admin, ApiError, AppState};
use crate::telegram::bot_api::{self, GetWebhookInfo};
use app::admin_api::WebhookInfo;
use app::error_code::ErrorCode;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;

/// `GET /api/admin/webhook`; `502 telegram_unavailable` when Telegram does not answer.
pub(super) async fn webhook(
    State(state): State<AppState>,
    _admin: Admin,
) -> Result<Json<WebhookInfo>, ApiError> {
    let info = state.bot.api.call(&GetWebhookInfo {}).await.map_err(|error| {
        ApiError::new(
            StatusCode::BAD_GATEWAY,
            ErrorCode::TelegramUnavailable,
            format!("Telegram did not answer: {error}"),
        )
        .caused_by(error)
    })?;
    Ok(Json(shown(info)))
}

/// What the panel shows of Telegram's answer.
fn shown(info: bot_api::WebhookInfo) -> WebhookInfo {
    WebhookInfo {
        url: info.url,
        pending_update_count: info.pending_update_count,
        last_error_date: info.last_error_date,
        last_error_message: info.last_error_message,
    }
}
