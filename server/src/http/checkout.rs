//! `POST /api/checkout`: the shopper's side of paying. The service prices the cart, reserves
//! its stock in a new order and asks Telegram for the invoice link (`crate::service::checkout`);
//! this limits how often one buyer may ask (`super::rate_limits`) and answers its refusals and
//! failures.

use super::auth::Shopper;
use super::{ApiError, AppJson, AppState};
use crate::service::{checkout, ServiceError};
use crate::shop::appointments::booking::Refusal;
use crate::shop::checkout::CheckoutError;
use crate::shop::rate_limit::Limited;
use app::error_code::ErrorCode;
use app::orders::{CheckoutRequest, CheckoutResponse};
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;

/// `POST /api/checkout`.
#[tracing::instrument(skip_all, fields(buyer_id = %shopper.0.user.id))]
pub async fn checkout(
    State(state): State<AppState>,
    shopper: Shopper,
    AppJson(request): AppJson<CheckoutRequest>,
) -> Result<Json<CheckoutResponse>, ApiError> {
    let buyer = shopper.0.user.id;
    state
        .rate_limits
        .admit(&state.db, Limited::Checkout, buyer)
        .await?;
    let answer = checkout::checkout(&state.db, &state.bot, &shopper.0.user, &request).await?;
    Ok(Json(answer))
}

/// A cart that cannot be bought or saved: 409 when stock ran out, sales closed or the time was taken, 422 for everything else.
pub(super) fn refused(error: CheckoutError) -> ApiError {
    let status = match error {
        CheckoutError::SoldOut { .. }
        | CheckoutError::SalesClosed(_)
        | CheckoutError::Booking(Refusal::Taken { .. }) => StatusCode::CONFLICT,
        CheckoutError::NoPaymentProvider => StatusCode::SERVICE_UNAVAILABLE,
        _ => StatusCode::UNPROCESSABLE_ENTITY,
    };
    ApiError::new(status, error.code(), error.to_string())
}

/// The service layer's errors as the shopper's API answers them; Telegram's and storage's
/// failures are logged with their cause when answered.
impl From<ServiceError> for ApiError {
    fn from(error: ServiceError) -> Self {
        match error {
            ServiceError::Refused(refusal) => refused(refusal),
            ServiceError::PromoMissing => {
                ApiError::bad_request(ErrorCode::PromoMissing, "promo_code names no code")
            }
            error @ ServiceError::NoInvoice(_) => ApiError::new(
                StatusCode::BAD_GATEWAY,
                ErrorCode::TelegramUnavailable,
                "Telegram could not create the invoice; please try again",
            )
            .caused_by(error),
            error @ ServiceError::NoSuchAppointment(_) => ApiError::new(
                StatusCode::NOT_FOUND,
                ErrorCode::AppointmentNotFound,
                error.to_string(),
            ),
            ServiceError::AppointmentNotChangeable(why) => {
                ApiError::new(StatusCode::CONFLICT, ErrorCode::AppointmentNotChangeable, why)
            }
            error @ ServiceError::NotASubscription(_) => ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                ErrorCode::NotASubscription,
                error.to_string(),
            ),
            error @ ServiceError::NoSuchSubscription(_) => ApiError::new(
                StatusCode::NOT_FOUND,
                ErrorCode::SubscriptionNotFound,
                error.to_string(),
            ),
            error @ ServiceError::NotRenewable(_) => ApiError::new(
                StatusCode::CONFLICT,
                ErrorCode::SubscriptionNotRenewable,
                error.to_string(),
            ),
            error @ ServiceError::Telegram(_) => ApiError::new(
                StatusCode::BAD_GATEWAY,
                ErrorCode::TelegramUnavailable,
                "Telegram did not take the change; please try again",
            )
            .caused_by(error),
            error @ ServiceError::NoSuchProduct(_) => ApiError::new(
                StatusCode::NOT_FOUND,
                ErrorCode::ProductNotFound,
                error.to_string(),
            ),
            error @ ServiceError::NoPreparedMessage(_) => ApiError::new(
                StatusCode::BAD_GATEWAY,
                ErrorCode::TelegramUnavailable,
                "Telegram could not prepare the message; please try again",
            )
            .caused_by(error),
            ServiceError::Storage(error) => error.into(),
        }
    }
}
