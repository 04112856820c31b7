//! `POST /api/promo`: what a promo code would take off the shopper's cart, before paying.
//!
//! The body is a checkout's (lines and `promo_code`); the cart is priced and the code checked
//! exactly as `POST /api/checkout` will, so the summary shows what the invoice will charge
//! (with the tip chosen in the app, when the body has `tip_minor`).

use super::auth::Shopper;
use super::checkout::{priced_with_promo, tipping};
use super::{ApiError, AppJson, AppState};
use crate::shop::currencies::CurrencyTable;
use crate::storage::now_ms;
use app::error_code::ErrorCode;
use app::money::Money;
use app::orders::{CheckoutRequest, PromoPreview};
use axum::extract::State;
use axum::Json;

/// `POST /api/promo`.
#[tracing::instrument(skip_all, fields(buyer_id = shopper.0.user.id))]
pub async fn preview(
    State(state): State<AppState>,
    shopper: Shopper,
    AppJson(request): AppJson<CheckoutRequest>,
) -> Result<Json<PromoPreview>, ApiError> {
    if request.promo_code.as_deref().is_none_or(|c| c.trim().is_empty()) {
        return Err(ApiError::bad_request(
            ErrorCode::PromoMissing,
            "promo_code names no code",
        ));
    }
    let priced = priced_with_promo(&state, &request, now_ms()).await?;
    let tip = tipping(&state, &priced, request.tip_minor).await?.fixed_minor();
    let (code, off) = priced.promo.clone().expect("a promo code was applied");
    let currencies = CurrencyTable::telegram();
    Ok(Json(PromoPreview {
        code: code.as_str().to_owned(),
        discount_label: currencies.format_off(Money::new(off, priced.currency)),
        total_label: currencies.format(Money::new(priced.after_discount() + tip, priced.currency)),
    }))
}
