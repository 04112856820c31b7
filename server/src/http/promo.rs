//! `POST /api/promo`: what a promo code would take off the shopper's cart, before paying.
//!
//! The body is a checkout's (lines and `promo_code`, and `tip_minor` when the shopper chose a
//! tip); `crate::service::promo_preview` prices it exactly as `POST /api/checkout` will. One
//! buyer's previews are rate-limited (`super::rate_limits`).

use super::auth::Shopper;
use super::{ApiError, AppJson, AppState};
use crate::service::promo_preview;
use crate::shop::rate_limit::Limited;
use app::orders::{CheckoutRequest, PromoPreview};
use axum::extract::State;
use axum::Json;

/// `POST /api/promo`.
#[tracing::instrument(skip_all, fields(buyer_id = %shopper.0.user.id))]
pub async fn preview(
    State(state): State<AppState>,
    shopper: Shopper,
    AppJson(request): AppJson<CheckoutRequest>,
) -> Result<Json<PromoPreview>, ApiError> {
    let buyer = shopper.0.user.id;
    state
        .rate_limits
        .admit(&state.db, Limited::PromoPreview, buyer)
        .await?;
    Ok(Json(
        promo_preview::preview(&state.db, &shopper.0.user, &request).await?,
    ))
}
