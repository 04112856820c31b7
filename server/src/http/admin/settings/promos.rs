//! Promo codes under `/api/admin/promo-codes`: listed, created, and changed (active, uses,
//! expiry). There is no delete: orders name the code they used; a code is deactivated instead.

use super::{invalid, Admin, ApiError, AppState};
use crate::clock::now_ms;
use crate::http::{AppJson, AppPath};
use crate::shop::promo_codes::terms::{PromoDraft, PromoPatch};
use crate::shop::promo_codes::{Off, Promo, PromoCode};
use crate::storage::promo_codes::Patched;
use app::admin_api::{self, CreatePromo, PromoCodes, UpdatePromo};
use app::error_code::ErrorCode;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, patch};
use axum::{Json, Router};

/// Routes under `/api/admin/promo-codes`.
pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/promo-codes", get(list).post(add))
        .route("/promo-codes/{code}", patch(change))
}

/// A promo code as the API shows it; times are unix ms.
pub(super) fn shown(promo: Promo) -> admin_api::PromoCode {
    let (percent_off, amount_off_minor) = match promo.off {
        Off::Percent(percent) => (Some(percent), None),
        Off::Amount(amount) => (None, Some(amount)),
    };
    admin_api::PromoCode {
        code: promo.code.as_str().to_owned(),
        percent_off,
        amount_off_minor,
        currency: promo.currency.map(|c| c.as_str().to_owned()),
        min_items_minor: promo.min_items_minor,
        max_uses: promo.max_uses,
        uses: promo.uses,
        starts_at: promo.starts_at,
        expires_at: promo.expires_at,
        active: promo.active,
    }
}

fn no_such_code(code: &str) -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        ErrorCode::PromoNotFound,
        format!("there is no promo code {code:?}"),
    )
}

/// `GET /api/admin/promo-codes`: `{"promo_codes": [PromoCode]}` by code.
async fn list(State(state): State<AppState>, _admin: Admin) -> Result<Json<PromoCodes>, ApiError> {
    let codes = state.db.promo_codes().await?;
    Ok(Json(PromoCodes {
        promo_codes: codes.into_iter().map(shown).collect(),
    }))
}

/// `POST /api/admin/promo-codes`: 201, or 409 `promo_exists`.
#[tracing::instrument(skip_all, fields(admin = %admin.id))]
async fn add(
    State(state): State<AppState>,
    admin: Admin,
    AppJson(request): AppJson<CreatePromo>,
) -> Result<(StatusCode, Json<admin_api::PromoCode>), ApiError> {
    let draft = PromoDraft {
        code: request.code,
        percent_off: request.percent_off,
        amount_off_minor: request.amount_off_minor,
        currency: request.currency,
        min_items_minor: request.min_items_minor,
        max_uses: request.max_uses,
        starts_at: request.starts_at,
        expires_at: request.expires_at,
        active: request.active,
    };
    let promo = draft.parse().map_err(invalid)?;
    if !state.db.add_promo(&promo, now_ms()).await? {
        return Err(ApiError::new(
            StatusCode::CONFLICT,
            ErrorCode::PromoExists,
            format!("the shop has promo code {} already", promo.code.as_str()),
        ));
    }
    tracing::info!(code = promo.code.as_str(), "promo code created");
    Ok((StatusCode::CREATED, Json(shown(promo))))
}

/// `PATCH /api/admin/promo-codes/{code}` `{"active"?, "max_uses"?, "expires_at"?}`.
#[tracing::instrument(skip_all, fields(admin = %admin.id))]
async fn change(
    State(state): State<AppState>,
    admin: Admin,
    AppPath(code): AppPath<String>,
    AppJson(request): AppJson<UpdatePromo>,
) -> Result<Json<admin_api::PromoCode>, ApiError> {
    let parsed = PromoCode::parse(&code).map_err(|_| no_such_code(&code))?;
    let patch = PromoPatch {
        active: request.active,
        max_uses: request.max_uses,
        expires_at: request.expires_at,
    };
    match state.db.patch_promo(&parsed, &patch).await? {
        Patched::Done(promo) => {
            tracing::info!(
                code = promo.code.as_str(),
                active = promo.active,
                "promo code changed"
            );
            Ok(Json(shown(promo)))
        }
        Patched::NoSuchCode => Err(no_such_code(parsed.as_str())),
        Patched::Refused(refused) => Err(invalid(refused)),
    }
}
