//! Telegram identity on every user-scoped request: `Authorization: tma <initData>` (the tma.js
//! convention), verified with the bot token's HMAC before the handler runs.

use super::{ApiError, AppState};
use crate::telegram::init_data::WebAppInitData;
use app::error_code::ErrorCode;
use axum::extract::FromRequestParts;
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;

/// A request from a Telegram user whose initData checked out. Handlers that take a `Shopper`
/// answer 401 with a JSON body naming the reason to everyone else.
#[derive(Debug)]
pub struct Shopper(pub WebAppInitData);

impl FromRequestParts<AppState> for Shopper {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let header = parts.headers.get(AUTHORIZATION).ok_or_else(|| {
            ApiError::unauthorized(ErrorCode::InitDataMissing, "send Authorization: tma <initData>")
        })?;
        let raw = header
            .to_str()
            .ok()
            .and_then(|value| value.strip_prefix("tma "))
            .ok_or_else(|| {
                ApiError::unauthorized(
                    ErrorCode::AuthorizationNotTma,
                    "the Authorization scheme must be tma",
                )
            })?;
        // The raw initData is never logged; only the reason it was refused.
        state
            .init_data
            .validate(raw, crate::clock::now_secs())
            .map(Shopper)
            .map_err(|error| {
                tracing::info!(reason = error.code().as_str(), "refused initData");
                ApiError::unauthorized(error.code(), error.to_string())
            })
    }
}
