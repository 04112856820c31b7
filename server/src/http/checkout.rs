//! `POST /api/checkout`: the shopper's side of paying.
//!
//! Checkout prices the cart from the database, reserves its stock in a new order, and asks
//! Telegram for an invoice link. If Telegram cannot make one, the order is cancelled and its
//! stock given back, so a failed checkout holds nothing.

use super::auth::Shopper;
use super::{ApiError, AppJson, AppState};
use crate::shop::checkout::{price_in, Cart, CheckoutError, PricedCart, Tender};
use crate::shop::currencies::CurrencyTable;
use crate::shop::invoice::{invoice, TipPreset};
use crate::shop::promo::{PromoCode, PromoError};
use crate::shop::tips::Tipping;
use crate::storage::buyers::BuyerName;
use crate::storage::now_ms;
use crate::storage::orders::NewOrder;
use app::error_code::ErrorCode;
use app::orders::{CheckoutRequest, CheckoutResponse};
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;

/// `POST /api/checkout`.
#[tracing::instrument(skip_all, fields(buyer_id = shopper.0.user.id))]
pub async fn checkout(
    State(state): State<AppState>,
    shopper: Shopper,
    AppJson(request): AppJson<CheckoutRequest>,
) -> Result<Json<CheckoutResponse>, ApiError> {
    let priced = priced_with_promo(&state, &request, now_ms()).await?;
    let provider_token = match (&state.bot.payment_provider_token, priced.currency.is_stars()) {
        (_, true) => String::new(),
        (Some(token), false) => token.expose().to_owned(),
        (None, false) => return Err(refused(CheckoutError::NoPaymentProvider)),
    };
    let tipping = tipping(&state, &priced, request.tip_minor).await?;
    let now = now_ms();
    let order_id = state
        .db
        .create_order(NewOrder {
            buyer_id: shopper.0.user.id,
            buyer: &BuyerName::of(&shopper.0.user),
            cart: &priced,
            tip_minor: tipping.fixed_minor(),
            max_tip_minor: tipping.max_minor(),
            now,
            expires_at: now + state.bot.reservation.as_millis() as i64,
        })
        .await?
        .map_err(refused)?;
    let request = invoice(order_id, &priced, &provider_token, &tipping);
    let link = match state.bot.api.call(&request).await {
        Ok(link) => link,
        Err(error) => {
            tracing::info!(order_id = %order_id, "cancelling an order Telegram made no invoice for");
            state.db.cancel_unpaid(order_id, now_ms()).await?;
            return Err(ApiError::new(
                StatusCode::BAD_GATEWAY,
                ErrorCode::TelegramUnavailable,
                "Telegram could not create the invoice; please try again",
            )
            .caused_by(error));
        }
    };
    state.db.set_invoice_link(order_id, &link).await?;
    Ok(Json(CheckoutResponse {
        order_id,
        invoice_link: link,
    }))
}

/// `request` priced from the catalog (in Stars when it asks to pay in Stars), with its promo
/// code applied when it names one.
pub(super) async fn priced_with_promo(
    state: &AppState,
    request: &CheckoutRequest,
    now: i64,
) -> Result<PricedCart, ApiError> {
    let cart = Cart::parse(request).map_err(refused)?;
    let (_, products) = state.db.catalog().await?;
    let currencies = CurrencyTable::telegram();
    let tender = Tender::chosen(request.pay_in_stars);
    let mut priced = price_in(&cart, &products, currencies, tender).map_err(refused)?;
    let typed = request
        .promo_code
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty());
    if let Some(typed) = typed {
        let code = PromoCode::parse(typed).map_err(|e| refused(CheckoutError::Promo(e)))?;
        let promo = state
            .db
            .promo(&code)
            .await?
            .ok_or(refused(CheckoutError::Promo(PromoError::Unknown)))?;
        priced.apply_promo(&promo, now, currencies).map_err(refused)?;
    }
    Ok(priced)
}

/// How the buyer of `priced` tips: `chosen` in the app, or in Telegram's sheet.
pub(super) async fn tipping(
    state: &AppState,
    priced: &PricedCart,
    chosen: Option<i64>,
) -> Result<Tipping, ApiError> {
    let stars = priced.currency.is_stars();
    let preset = match stars {
        true => None,
        false => state
            .db
            .tip_preset(priced.currency)
            .await?
            .and_then(|(max, suggested)| TipPreset::parse(max, &suggested)),
    };
    Tipping::decide(stars, preset, chosen).map_err(|e| refused(CheckoutError::Tip(e)))
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
