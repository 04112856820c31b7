//! The merchant's settings under `/api/admin/`: everything at once (`GET /settings`), the
//! shop's name, currency and the language the bot writes to the merchant in, the chat told about sales, and what one buyer may reserve; tips per currency, shipping
//! rates, promo codes and the policies Telegram asks for (support contact, privacy policy)
//! have their own modules, whose routes join here.
//!
//! Each input is parsed by `crate::shop::settings` (and its neighbours) into a value the shop
//! can use; a broken rule answers 422 with a `bad_<field>` code.

use super::{invalid, Admin, ApiError, AppState};
use crate::clock::now_ms;
use crate::http::AppJson;
use crate::shop::events::TimeZone;
use crate::shop::settings::{
    fiat_currency, language_code, merchant_language, notification_chat, MiniAppShortName, ShopName,
    ShopSettings, UnitCap,
};
use app::admin_api::{Notifications, Reservations, Settings, Shop};
use app::error_code::ErrorCode;
use axum::extract::State;
use axum::routing::{get, put};
use axum::{Json, Router};

mod policies;
mod promos;
mod shipping;
mod tips;

/// The settings routes, tips', shipping's and promo codes' included.
pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/settings", get(settings))
        .route("/settings/shop", put(save_shop))
        .route("/settings/notifications", put(save_notifications))
        .route("/settings/reservations", put(save_reservations))
        .merge(tips::router())
        .merge(shipping::router())
        .merge(promos::router())
        .merge(policies::router())
}

/// `GET /api/admin/settings`.
async fn settings(State(state): State<AppState>, _admin: Admin) -> Result<Json<Settings>, ApiError> {
    let db = &state.db;
    let shop = db.shop_settings().await?;
    let rates = db.all_shipping_rates().await?;
    let tips = db.tip_presets().await?;
    let codes = db.promo_codes().await?;
    Ok(Json(Settings {
        shop: shown_shop(&shop),
        notification_chat_id: shop.notification_chat_id,
        reservations: Reservations {
            max_units_per_variant: shop.max_units_per_variant.get(),
        },
        shipping: rates.into_iter().map(shipping::shown).collect(),
        tips: tips.into_iter().map(|(c, p)| tips::shown(c, p)).collect(),
        promo_codes: codes.into_iter().map(promos::shown).collect(),
    }))
}

/// The shop's settings as `Shop` shows them.
fn shown_shop(shop: &ShopSettings) -> Shop {
    Shop {
        name: shop.name.as_str().to_owned(),
        currency: shop.currency.as_str().to_owned(),
        time_zone: Some(shop.time_zone.name().to_owned()),
        mini_app_short_name: shop.mini_app_short_name.as_ref().map(|n| n.as_str().to_owned()),
        language: Some(shop.language.map(|l| language_code(l).to_owned())),
    }
}

/// `PUT /api/admin/settings/shop` `{"name", "currency", "time_zone"?, "mini_app_short_name"?,
/// "language"?}`: every field is checked before anything is saved.
#[tracing::instrument(skip_all, fields(admin = %admin.id))]
async fn save_shop(
    State(state): State<AppState>,
    admin: Admin,
    AppJson(request): AppJson<Shop>,
) -> Result<Json<Shop>, ApiError> {
    let name = ShopName::parse(&request.name).map_err(invalid)?;
    let currency = fiat_currency("currency", ErrorCode::BadCurrency, &request.currency).map_err(invalid)?;
    let mut shop = state.db.shop_settings().await?;
    if let Some(zone) = &request.time_zone {
        shop.time_zone = TimeZone::parse(zone).map_err(invalid)?;
    }
    match request.mini_app_short_name.as_deref().map(str::trim) {
        None => {}
        Some("") => shop.mini_app_short_name = None,
        Some(typed) => shop.mini_app_short_name = Some(MiniAppShortName::parse(typed).map_err(invalid)?),
    }
    let language = match &request.language {
        None => None,
        Some(typed) => Some(merchant_language(typed.as_deref()).map_err(invalid)?),
    };
    let now = now_ms();
    state.db.save_shop(&name, currency, now).await?;
    let short_name = shop.mini_app_short_name.as_ref();
    state
        .db
        .save_event_settings(&shop.time_zone, short_name, now)
        .await?;
    if let Some(language) = language {
        state.db.save_merchant_language(language, now).await?;
        shop.language = language;
    }
    tracing::info!(name = name.as_str(), %currency, "the shop's settings changed");
    (shop.name, shop.currency) = (name, currency);
    Ok(Json(shown_shop(&shop)))
}

/// `PUT /api/admin/settings/notifications` `{"chat_id": i64 | null}`.
#[tracing::instrument(skip_all, fields(admin = %admin.id))]
async fn save_notifications(
    State(state): State<AppState>,
    admin: Admin,
    AppJson(request): AppJson<Notifications>,
) -> Result<Json<Notifications>, ApiError> {
    let chat_id = notification_chat(request.chat_id).map_err(invalid)?;
    state.db.save_notification_chat(chat_id, now_ms()).await?;
    tracing::info!(?chat_id, "merchant notifications go to a new chat");
    Ok(Json(Notifications { chat_id }))
}

/// `PUT /api/admin/settings/reservations` `{"max_units_per_variant": 1..=1000}`: applies to
/// the next checkout.
#[tracing::instrument(skip_all, fields(admin = %admin.id))]
async fn save_reservations(
    State(state): State<AppState>,
    admin: Admin,
    AppJson(request): AppJson<Reservations>,
) -> Result<Json<Reservations>, ApiError> {
    let cap = UnitCap::parse(request.max_units_per_variant).map_err(invalid)?;
    state.db.save_max_units_per_variant(cap, now_ms()).await?;
    tracing::info!(
        units = cap.get(),
        "one buyer may reserve a new number of units of a variant"
    );
    Ok(Json(Reservations {
        max_units_per_variant: cap.get(),
    }))
}
