//! The tips offered per currency under `/api/admin/tips`: Telegram's sheet offers them (up to
//! the maximum, with the suggested amounts) unless the buyer chose a tip in the app.

use super::{invalid, Admin, ApiError, AppState};
use crate::http::{AppJson, AppPath};
use crate::shop::invoice;
use crate::shop::settings::{fiat_currency, tip_preset};
use app::admin_api::{SaveTips, TipPreset, TipPresets};
use app::error_code::ErrorCode;
use app::money::Currency;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, put};
use axum::{Json, Router};

/// Routes under `/api/admin/tips`.
pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/tips", get(list))
        .route("/tips/{currency}", put(save).delete(remove))
}

/// The tips offered in `currency` as the API shows them.
pub(super) fn shown(currency: Currency, preset: invoice::TipPreset) -> TipPreset {
    TipPreset {
        currency: currency.as_str().to_owned(),
        max_tip_minor: preset.max_tip_minor,
        suggested: preset.suggested,
    }
}

/// `GET /api/admin/tips`: `{"tips": [TipPreset]}`.
async fn list(State(state): State<AppState>, _admin: Admin) -> Result<Json<TipPresets>, ApiError> {
    let tips = state.db.tip_presets().await?;
    Ok(Json(TipPresets {
        tips: tips.into_iter().map(|(c, p)| shown(c, p)).collect(),
    }))
}

/// `PUT /api/admin/tips/{currency}`: `{"max_tip_minor", "suggested"}`.
#[tracing::instrument(skip_all, fields(admin = %admin.id, currency = %currency))]
async fn save(
    State(state): State<AppState>,
    admin: Admin,
    AppPath(currency): AppPath<String>,
    AppJson(request): AppJson<SaveTips>,
) -> Result<Json<TipPreset>, ApiError> {
    let currency = fiat_currency("currency", ErrorCode::BadCurrency, &currency).map_err(invalid)?;
    let preset = tip_preset(currency, request.max_tip_minor, &request.suggested).map_err(invalid)?;
    state.db.save_tip_preset(currency, &preset).await?;
    Ok(Json(shown(currency, preset)))
}

/// `DELETE /api/admin/tips/{currency}`: no tips in that currency any more (204).
#[tracing::instrument(skip_all, fields(admin = %admin.id, currency = %currency))]
async fn remove(
    State(state): State<AppState>,
    admin: Admin,
    AppPath(currency): AppPath<String>,
) -> Result<StatusCode, ApiError> {
    let currency = fiat_currency("currency", ErrorCode::BadCurrency, &currency).map_err(invalid)?;
    match state.db.delete_tip_preset(currency).await? {
        true => Ok(StatusCode::NO_CONTENT),
        false => Err(ApiError::new(
            StatusCode::NOT_FOUND,
            ErrorCode::TipPresetNotFound,
            format!("the shop offers no tips in {currency}"),
        )),
    }
}
