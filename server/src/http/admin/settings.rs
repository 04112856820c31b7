//! The merchant's settings under `/api/admin/`: everything at once (`GET /settings`), the
//! shop's name and currency, the chat told about sales, and the tips offered per currency.
//! Shipping rates and promo codes have their own modules; their routes join here.
//!
//! Each input is parsed by `crate::shop::settings` into a value the shop can use; a broken
//! rule answers 422 with a `bad_<field>` code.

use super::promos::{self, PromoCodeWire};
use super::shipping::{self, ShippingRateWire};
use super::{body, invalid, unavailable, Admin};
use crate::clock::now_ms;
use crate::http::{ApiError, AppState};
use crate::shop::invoice::TipPreset;
use crate::shop::settings::{fiat_currency, notification_chat, tip_preset, ShopName};
use app::money::Currency;
use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{get, put};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};

/// The settings routes, shipping's and promo codes' included.
pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/settings", get(settings))
        .route("/settings/shop", put(save_shop))
        .route("/settings/notifications", put(save_notifications))
        .route("/tips", get(tips))
        .route("/tips/{currency}", put(save_tips).delete(delete_tips))
        .merge(shipping::router())
        .merge(promos::router())
}

/// `GET /api/admin/settings`.
#[derive(Debug, Serialize)]
pub struct Settings {
    shop: Shop,
    notification_chat_id: Option<i64>,
    shipping: Vec<ShippingRateWire>,
    tips: Vec<TipPresetWire>,
    promo_codes: Vec<PromoCodeWire>,
}

/// The shop's name and currency, as sent and as answered.
#[derive(Debug, Serialize, Deserialize)]
pub struct Shop {
    name: String,
    currency: String,
}

/// The tips offered in one currency.
#[derive(Debug, Serialize)]
pub struct TipPresetWire {
    currency: String,
    max_tip_minor: i64,
    suggested: Vec<i64>,
}

impl TipPresetWire {
    fn new(currency: Currency, preset: TipPreset) -> Self {
        TipPresetWire {
            currency: currency.as_str().to_owned(),
            max_tip_minor: preset.max_tip_minor,
            suggested: preset.suggested,
        }
    }
}

async fn settings(State(state): State<AppState>, _admin: Admin) -> Result<Json<Settings>, ApiError> {
    let db = &state.db;
    let shop = db.shop_settings().await.map_err(unavailable)?;
    let rates = db.all_shipping_rates().await.map_err(unavailable)?;
    let tips = db.tip_presets().await.map_err(unavailable)?;
    let codes = db.promo_codes().await.map_err(unavailable)?;
    Ok(Json(Settings {
        shop: Shop {
            name: shop.name.as_str().to_owned(),
            currency: shop.currency.as_str().to_owned(),
        },
        notification_chat_id: shop.notification_chat_id,
        shipping: rates.into_iter().map(ShippingRateWire::from).collect(),
        tips: tips.into_iter().map(|(c, p)| TipPresetWire::new(c, p)).collect(),
        promo_codes: codes.into_iter().map(PromoCodeWire::from).collect(),
    }))
}

/// `PUT /api/admin/settings/shop` `{"name", "currency"}`.
#[tracing::instrument(skip_all, fields(admin = admin.id))]
async fn save_shop(
    State(state): State<AppState>,
    admin: Admin,
    request: Result<Json<Shop>, JsonRejection>,
) -> Result<Json<Shop>, ApiError> {
    let request = body(request)?;
    let name = ShopName::parse(&request.name).map_err(invalid)?;
    let currency = fiat_currency("currency", "bad_currency", &request.currency).map_err(invalid)?;
    state
        .db
        .save_shop(&name, currency, now_ms())
        .await
        .map_err(unavailable)?;
    tracing::info!(name = name.as_str(), %currency, "the shop was renamed or changed currency");
    Ok(Json(Shop {
        name: name.as_str().to_owned(),
        currency: currency.as_str().to_owned(),
    }))
}

/// `PUT /api/admin/settings/notifications` `{"chat_id": i64 | null}`.
#[derive(Debug, Serialize, Deserialize)]
pub struct Notifications {
    #[serde(default)]
    chat_id: Option<i64>,
}

#[tracing::instrument(skip_all, fields(admin = admin.id))]
async fn save_notifications(
    State(state): State<AppState>,
    admin: Admin,
    request: Result<Json<Notifications>, JsonRejection>,
) -> Result<Json<Notifications>, ApiError> {
    let chat_id = notification_chat(body(request)?.chat_id).map_err(invalid)?;
    state
        .db
        .save_notification_chat(chat_id, now_ms())
        .await
        .map_err(unavailable)?;
    tracing::info!(?chat_id, "merchant notifications go to a new chat");
    Ok(Json(Notifications { chat_id }))
}

/// `GET /api/admin/tips`: `{"tips": [TipPreset]}`.
async fn tips(State(state): State<AppState>, _admin: Admin) -> Result<Json<serde_json::Value>, ApiError> {
    let tips = state.db.tip_presets().await.map_err(unavailable)?;
    let tips: Vec<TipPresetWire> = tips.into_iter().map(|(c, p)| TipPresetWire::new(c, p)).collect();
    Ok(Json(serde_json::json!({ "tips": tips })))
}

/// `PUT /api/admin/tips/{currency}`: `{"max_tip_minor", "suggested"}`.
#[derive(Debug, Deserialize)]
pub struct Tips {
    max_tip_minor: i64,
    #[serde(default)]
    suggested: Vec<i64>,
}

#[tracing::instrument(skip_all, fields(admin = admin.id, currency = %currency))]
async fn save_tips(
    State(state): State<AppState>,
    admin: Admin,
    Path(currency): Path<String>,
    request: Result<Json<Tips>, JsonRejection>,
) -> Result<Json<TipPresetWire>, ApiError> {
    let request = body(request)?;
    let currency = fiat_currency("currency", "bad_currency", &currency).map_err(invalid)?;
    let preset = tip_preset(currency, request.max_tip_minor, &request.suggested).map_err(invalid)?;
    state
        .db
        .save_tip_preset(currency, &preset)
        .await
        .map_err(unavailable)?;
    Ok(Json(TipPresetWire::new(currency, preset)))
}

/// `DELETE /api/admin/tips/{currency}`: no tips in that currency any more.
#[tracing::instrument(skip_all, fields(admin = admin.id, currency = %currency))]
async fn delete_tips(
    State(state): State<AppState>,
    admin: Admin,
    Path(currency): Path<String>,
) -> Result<StatusCode, ApiError> {
    let currency = fiat_currency("currency", "bad_currency", &currency).map_err(invalid)?;
    match state.db.delete_tip_preset(currency).await.map_err(unavailable)? {
        true => Ok(StatusCode::NO_CONTENT),
        false => Err(ApiError::new(
            StatusCode::NOT_FOUND,
            "tip_preset_not_found",
            format!("the shop offers no tips in {currency}"),
        )),
    }
}
