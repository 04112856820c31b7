//! `POST /api/checkout`: the shopper's side of paying. The service prices the cart, reserves
//! its stock in a new order and asks Telegram for the invoice link (`crate::service::checkout`);
//! this answers its refusals and failures.

use super::auth::Shopper;
use super::{ApiError, AppState};
use crate::service::{checkout, ServiceError};
use crate::shop::checkout::CheckoutError;
use app::orders::{CheckoutRequest, CheckoutResponse};
use axum::extract::rejection::JsonRejection;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;

/// `POST /api/checkout`.
#[tracing::instrument(skip_all, fields(buyer_id = shopper.0.user.id))]
pub async fn checkout(
    State(state): State<AppState>,
    shopper: Shopper,
    request: Result<Json<CheckoutRequest>, JsonRejection>,
) -> Result<Json<CheckoutResponse>, ApiError> {
    let Json(request) = request.map_err(|e| ApiError::bad_request("body_malformed", e.body_text()))?;
    let answer = checkout::checkout(&state.db, &state.bot, &shopper.0.user, &request).await?;
    Ok(Json(answer))
}

/// A cart that cannot be bought or saved: 409 when stock ran out, 422 for everything else.
pub(super) fn refused(error: CheckoutError) -> ApiError {
    let status = match error {
        CheckoutError::SoldOut { .. } => StatusCode::CONFLICT,
        CheckoutError::NoPaymentProvider => StatusCode::SERVICE_UNAVAILABLE,
        _ => StatusCode::UNPROCESSABLE_ENTITY,
    };
    ApiError::new(status, error.code(), error.to_string())
}

/// The service layer's errors as the shopper's API answers them.
impl From<ServiceError> for ApiError {
    fn from(error: ServiceError) -> Self {
        match error {
            ServiceError::Refused(refusal) => refused(refusal),
            ServiceError::PromoMissing => ApiError::bad_request("promo_missing", "promo_code names no code"),
            ServiceError::NoInvoice(_) => ApiError::new(
                StatusCode::BAD_GATEWAY,
                "telegram_unavailable",
                "Telegram could not create the invoice; please try again",
            ),
            ServiceError::Storage(error) => ApiError::unavailable(&error),
        }
    }
}
