//! Promo codes under `/api/admin/promo-codes`: listed, created, and changed (active, uses,
//! expiry). There is no delete: orders name the code they used; a code is deactivated instead.

use super::Admin;
use super::{body, invalid, unavailable};
use crate::clock::now_ms;
use crate::http::{ApiError, AppState};
use crate::shop::promo_codes::terms::{PromoDraft, PromoPatch};
use crate::shop::promo_codes::{Off, Promo, PromoCode};
use crate::storage::promo_codes::Patched;
use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{get, patch};
use axum::{Json, Router};
use serde::{Deserialize, Deserializer, Serialize};

/// Routes under `/api/admin/promo-codes`.
pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/promo-codes", get(list).post(add))
        .route("/promo-codes/{code}", patch(change))
}

/// A promo code as answered; times are unix ms.
#[derive(Debug, Serialize)]
pub struct PromoCodeWire {
    code: String,
    percent_off: Option<i64>,
    amount_off_minor: Option<i64>,
    currency: Option<String>,
    min_items_minor: i64,
    max_uses: Option<i64>,
    uses: i64,
    starts_at: Option<i64>,
    expires_at: Option<i64>,
    active: bool,
}

impl From<Promo> for PromoCodeWire {
    fn from(promo: Promo) -> Self {
        let (percent_off, amount_off_minor) = match promo.off {
            Off::Percent(percent) => (Some(percent), None),
            Off::Amount(amount) => (None, Some(amount)),
        };
        PromoCodeWire {
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
}

/// The body of `POST /api/admin/promo-codes`: a code without its uses.
#[derive(Debug, Deserialize)]
pub struct NewPromo {
    code: String,
    percent_off: Option<i64>,
    amount_off_minor: Option<i64>,
    currency: Option<String>,
    #[serde(default)]
    min_items_minor: i64,
    max_uses: Option<i64>,
    starts_at: Option<i64>,
    expires_at: Option<i64>,
    #[serde(default = "active_by_default")]
    active: bool,
}

fn active_by_default() -> bool {
    true
}

/// The body of `PATCH /api/admin/promo-codes/{code}`: absent fields stay as they are; `null`
/// lifts the limit.
#[derive(Debug, Deserialize)]
pub struct Change {
    #[serde(default)]
    active: Option<bool>,
    #[serde(default, deserialize_with = "present")]
    max_uses: Option<Option<i64>>,
    #[serde(default, deserialize_with = "present")]
    expires_at: Option<Option<i64>>,
}

/// A field that is there, `null` included (an absent one is `None` by `#[serde(default)]`).
fn present<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Option<i64>>, D::Error> {
    Option::<i64>::deserialize(deserializer).map(Some)
}

fn no_such_code(code: &str) -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        "promo_not_found",
        format!("there is no promo code {code:?}"),
    )
}

/// `GET /api/admin/promo-codes`: `{"promo_codes": [PromoCode]}` by code.
async fn list(State(state): State<AppState>, _admin: Admin) -> Result<Json<serde_json::Value>, ApiError> {
    let codes = state.db.promo_codes().await.map_err(unavailable)?;
    let codes: Vec<PromoCodeWire> = codes.into_iter().map(PromoCodeWire::from).collect();
    Ok(Json(serde_json::json!({ "promo_codes": codes })))
}

/// `POST /api/admin/promo-codes`: 201, or 409 `promo_exists`.
#[tracing::instrument(skip_all, fields(admin = admin.id))]
async fn add(
    State(state): State<AppState>,
    admin: Admin,
    request: Result<Json<NewPromo>, JsonRejection>,
) -> Result<(StatusCode, Json<PromoCodeWire>), ApiError> {
    let request = body(request)?;
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
    if !state.db.add_promo(&promo, now_ms()).await.map_err(unavailable)? {
        return Err(ApiError::new(
            StatusCode::CONFLICT,
            "promo_exists",
            format!("the shop has promo code {} already", promo.code.as_str()),
        ));
    }
    tracing::info!(code = promo.code.as_str(), "promo code created");
    Ok((StatusCode::CREATED, Json(promo.into())))
}

/// `PATCH /api/admin/promo-codes/{code}` `{"active"?, "max_uses"?, "expires_at"?}`.
#[tracing::instrument(skip_all, fields(admin = admin.id))]
async fn change(
    State(state): State<AppState>,
    admin: Admin,
    Path(code): Path<String>,
    request: Result<Json<Change>, JsonRejection>,
) -> Result<Json<PromoCodeWire>, ApiError> {
    let request = body(request)?;
    let parsed = PromoCode::parse(&code).map_err(|_| no_such_code(&code))?;
    let patch = PromoPatch {
        active: request.active,
        max_uses: request.max_uses,
        expires_at: request.expires_at,
    };
    match state.db.patch_promo(&parsed, &patch).await.map_err(unavailable)? {
        Patched::Done(promo) => {
            tracing::info!(
                code = promo.code.as_str(),
                active = promo.active,
                "promo code changed"
            );
            Ok(Json(promo.into()))
        }
        Patched::NoSuchCode => Err(no_such_code(parsed.as_str())),
        Patched::Refused(refused) => Err(invalid(refused)),
    }
}
