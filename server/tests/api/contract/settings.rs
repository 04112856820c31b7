//! The merchant's settings: the shop, notifications, tips, shipping rates and promo codes.

use super::Caller;
use app::admin_api::{
    CreatePromo, Notifications, PromoCode, PromoCodes, RateTerms, SaveTips, Settings, ShippingRate,
    ShippingRates, Shop, TipPreset, TipPresets, UpdatePromo,
};
use app::error_code::ErrorCode;
use app::identity::ChatId;
use reqwest::Method;

/// Everything under settings: the shop, notifications, tips, shipping rates, promo codes.
pub(super) async fn admin_settings(admin: &Caller<'_>) {
    saves_the_shop_and_where_it_is_notified(admin).await;
    saves_a_tip_preset_and_deletes_it(admin).await;
    adds_changes_and_deletes_a_shipping_rate(admin).await;
    adds_a_promo_code_and_lifts_its_limit(admin).await;
}

/// The settings as a whole, then the shop and the chat told of new orders.
async fn saves_the_shop_and_where_it_is_notified(admin: &Caller<'_>) {
    let settings: Settings = admin.get("/api/admin/settings").await;
    assert!(!settings.shipping.is_empty() && !settings.tips.is_empty() && !settings.promo_codes.is_empty());
    let shop = Shop {
        name: "Contract Shop".into(),
        currency: "eur".into(),
        time_zone: None,
        mini_app_short_name: None,
        language: None,
    };
    let saved: Shop = admin
        .call(Method::PUT, "/api/admin/settings/shop", Some(&shop), 200)
        .await;
    assert_eq!(saved.currency, "EUR");
    let group = Notifications {
        chat_id: Some(ChatId(-100_500_600)),
    };
    let _: Notifications = admin
        .call(
            Method::PUT,
            "/api/admin/settings/notifications",
            Some(&group),
            200,
        )
        .await;
}

/// Tips for a fiat currency; Stars take none.
async fn saves_a_tip_preset_and_deletes_it(admin: &Caller<'_>) {
    let _: TipPresets = admin.get("/api/admin/tips").await;
    let tips = SaveTips {
        max_tip_minor: 500,
        suggested: vec![100, 200],
    };
    let _: TipPreset = admin
        .call(Method::PUT, "/api/admin/tips/USD", Some(&tips), 200)
        .await;
    admin
        .refused(
            Method::PUT,
            "/api/admin/tips/XTR",
            Some(&tips),
            422,
            ErrorCode::BadCurrency,
        )
        .await;
    admin.no_content(Method::DELETE, "/api/admin/tips/USD").await;
}

/// A courier rate for France, refused when made again, made dearer, then deleted.
async fn adds_changes_and_deletes_a_shipping_rate(admin: &Caller<'_>) {
    let _: ShippingRates = admin.get("/api/admin/shipping").await;
    let terms = RateTerms {
        title: "Courier".into(),
        price_minor: 900,
        currency: "EUR".into(),
        position: 3,
    };
    let rate = ShippingRate {
        country_code: "FR".into(),
        id: "courier".into(),
        terms: terms.clone(),
    };
    let _: ShippingRate = admin
        .call(Method::POST, "/api/admin/shipping", Some(&rate), 201)
        .await;
    admin
        .refused(
            Method::POST,
            "/api/admin/shipping",
            Some(&rate),
            409,
            ErrorCode::ShippingRateExists,
        )
        .await;
    let dearer = RateTerms {
        price_minor: 1100,
        ..terms
    };
    let changed: ShippingRate = admin
        .call(Method::PUT, "/api/admin/shipping/FR/courier", Some(&dearer), 200)
        .await;
    assert_eq!(changed.terms.price_minor, 1100);
    admin
        .no_content(Method::DELETE, "/api/admin/shipping/FR/courier")
        .await;
}

/// A fixed-amount code, then its use limit lifted; an unknown code is not found.
async fn adds_a_promo_code_and_lifts_its_limit(admin: &Caller<'_>) {
    let _: PromoCodes = admin.get("/api/admin/promo-codes").await;
    let spring = CreatePromo {
        code: "SPRING".into(),
        percent_off: None,
        amount_off_minor: Some(300),
        currency: Some("EUR".into()),
        min_items_minor: 0,
        max_uses: Some(10),
        starts_at: None,
        expires_at: None,
        active: true,
    };
    let _: PromoCode = admin
        .call(Method::POST, "/api/admin/promo-codes", Some(&spring), 201)
        .await;
    let unlimited = UpdatePromo {
        max_uses: Some(None),
        ..UpdatePromo::default()
    };
    let promo: PromoCode = admin
        .call(
            Method::PATCH,
            "/api/admin/promo-codes/SPRING",
            Some(&unlimited),
            200,
        )
        .await;
    assert_eq!(promo.max_uses, None);
    admin
        .refused(
            Method::PATCH,
            "/api/admin/promo-codes/NOPE",
            Some(&UpdatePromo::default()),
            404,
            ErrorCode::PromoNotFound,
        )
        .await;
}
