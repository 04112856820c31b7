//! `POST /api/promo`: what a promo code would take off the shopper's cart, before paying.
//!
//! The body is a checkout's (lines and `promo_code`, and `tip_minor` when the shopper chose a
//! tip); `crate::service::promo_preview` prices it exactly as `POST /api/checkout` will.

use super::auth::Shopper;
use super::{ApiError, AppState};
use crate::service::promo_preview;
use app::orders::{CheckoutRequest, PromoPreview};
use axum::extract::rejection::JsonRejection;
use axum::extract::State;
use axum::Json;

/// `POST /api/promo`.
#[tracing::instrument(skip_all, fields(buyer_id = shopper.0.user.id))]
pub async fn preview(
    State(state): State<AppState>,
    shopper: Shopper,
    request: Result<Json<CheckoutRequest>, JsonRejection>,
) -> Result<Json<PromoPreview>, ApiError> {
    let Json(request) = request.map_err(|e| ApiError::bad_request("body_malformed", e.body_text()))?;
    Ok(Json(promo_preview::preview(&state.db, &request).await?))
}
