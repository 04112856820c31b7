//! The merchant's settings: everything at once (`GET /api/admin/settings`), the shop's name
//! and currency, the chat told about sales, what one buyer may reserve, the tips offered per currency, shipping rates per
//! destination country, and promo codes.

use super::present;
use crate::identity::ChatId;
use serde::{Deserialize, Serialize};

/// `GET /api/admin/settings`'s answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
    pub shop: Shop,
    /// The chat told about sales instead of each admin; `null` for the admins.
    pub notification_chat_id: Option<ChatId>,
    pub reservations: Reservations,
    pub shipping: Vec<ShippingRate>,
    pub tips: Vec<TipPreset>,
    pub promo_codes: Vec<PromoCode>,
}

/// The shop's name and currency, what events need, and the language the bot writes to the
/// merchant in: `PUT /api/admin/settings/shop`'s body and answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shop {
    pub name: String,
    pub currency: String,
    /// The IANA time zone events are set and shown in, e.g. `Europe/Berlin` (`UTC` until set).
    /// Always in an answer; absent from a body keeps it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_zone: Option<String>,
    /// The Mini App's short name as BotFather registered it (3–30 of `A-Za-z0-9_`), for the
    /// links of published events: `https://t.me/<bot>/<short name>?startapp=e_<id>`. Absent
    /// from an answer while not set; absent from a body keeps it, `""` removes it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mini_app_short_name: Option<String>,
    /// The language of the bot's messages to the merchant (sale notes, alerts, `/admin`):
    /// `en`, `zh`, `fr` or `ar`, or `null` to follow each admin's Telegram language (as their
    /// last `/admin` or admin Mini App gave it; English when unknown). Always in an answer
    /// (`null` included); absent from a body keeps it, `null` follows Telegram again, any
    /// other code is `422 bad_language`.
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub language: Option<Option<String>>,
}

/// The chat told about sales: `PUT /api/admin/settings/notifications`'s body and answer
/// (`null` sends to the admins again).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notifications {
    #[serde(default)]
    pub chat_id: Option<ChatId>,
}

/// What one buyer may reserve: `PUT /api/admin/settings/reservations`'s body and answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reservations {
    /// The units of one variant one buyer may hold in their order awaiting payment (1–1000).
    pub max_units_per_variant: i64,
}

/// The tips offered in one currency.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TipPreset {
    pub currency: String,
    pub max_tip_minor: i64,
    /// Up to four amounts in ascending order.
    pub suggested: Vec<i64>,
}

/// `GET /api/admin/tips`'s answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TipPresets {
    pub tips: Vec<TipPreset>,
}

/// `PUT /api/admin/tips/{currency}`'s body.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SaveTips {
    pub max_tip_minor: i64,
    #[serde(default)]
    pub suggested: Vec<i64>,
}

/// A shipping rate: `POST /api/admin/shipping`'s body, and every answer about a rate.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShippingRate {
    /// ISO 3166-1 alpha-2, as Telegram's shipping address gives it.
    pub country_code: String,
    /// The option's id, unique per country.
    pub id: String,
    #[serde(flatten)]
    pub terms: RateTerms,
}

/// What a rate costs and how it is shown: `PUT /api/admin/shipping/{country_code}/{id}`'s body.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RateTerms {
    pub title: String,
    pub price_minor: i64,
    pub currency: String,
    #[serde(default)]
    pub position: i64,
}

/// `GET /api/admin/shipping`'s answer, by country, then position.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShippingRates {
    pub shipping: Vec<ShippingRate>,
}

/// A promo code as answered; times are unix ms.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PromoCode {
    pub code: String,
    /// Either a percentage off the items …
    pub percent_off: Option<i64>,
    /// … or an amount off, in `currency`'s minor units.
    pub amount_off_minor: Option<i64>,
    pub currency: Option<String>,
    pub min_items_minor: i64,
    pub max_uses: Option<i64>,
    pub uses: i64,
    pub starts_at: Option<i64>,
    pub expires_at: Option<i64>,
    pub active: bool,
}

/// `GET /api/admin/promo-codes`'s answer, by code.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PromoCodes {
    pub promo_codes: Vec<PromoCode>,
}

/// `POST /api/admin/promo-codes`'s body: a code without its uses.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreatePromo {
    pub code: String,
    pub percent_off: Option<i64>,
    pub amount_off_minor: Option<i64>,
    pub currency: Option<String>,
    #[serde(default)]
    pub min_items_minor: i64,
    pub max_uses: Option<i64>,
    pub starts_at: Option<i64>,
    pub expires_at: Option<i64>,
    #[serde(default = "active_by_default")]
    pub active: bool,
}

fn active_by_default() -> bool {
    true
}

/// `PATCH /api/admin/promo-codes/{code}`'s body: absent fields stay as they are; `null`
/// lifts the limit.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UpdatePromo {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub active: Option<bool>,
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub max_uses: Option<Option<i64>>,
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub expires_at: Option<Option<i64>>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_promo_change_sends_only_what_changes_and_null_lifts_a_limit() {
        let toggle = UpdatePromo {
            active: Some(false),
            ..UpdatePromo::default()
        };
        assert_eq!(serde_json::to_string(&toggle).unwrap(), r#"{"active":false}"#);
        let lifted = UpdatePromo {
            max_uses: Some(None),
            expires_at: Some(Some(9)),
            ..UpdatePromo::default()
        };
        let json = serde_json::to_string(&lifted).unwrap();
        assert_eq!(json, r#"{"max_uses":null,"expires_at":9}"#);
        assert_eq!(serde_json::from_str::<UpdatePromo>(&json).unwrap(), lifted);
    }

    #[test]
    fn a_rate_is_its_key_and_its_terms_side_by_side() {
        let json = r#"{"country_code":"FR","id":"post","title":"La Poste","price_minor":500,"currency":"EUR","position":0}"#;
        let rate: ShippingRate = serde_json::from_str(json).unwrap();
        assert_eq!(rate.terms.price_minor, 500);
        assert_eq!(serde_json::to_string(&rate).unwrap(), json);
    }
}

/// What Telegram asks of a shop that takes payments: how buyers reach it about a payment (the
/// bot's `/paysupport`) and its privacy policy (`/privacy` and the `/privacy` page).
/// `GET /api/admin/settings/policies`'s answer and `PUT`'s body and answer.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Policies {
    /// One line, e.g. `@ada_support` or an email (at most 200 characters); absent, `null` or
    /// `""` for the default (the merchants are told of each `/paysupport`).
    #[serde(default)]
    pub support_contact: Option<String>,
    /// The policy (at most 3500 characters, line breaks allowed); absent, `null` or `""` for
    /// the default, which names the shop.
    #[serde(default)]
    pub privacy_policy: Option<String>,
    /// The policy buyers read now: the merchant's or the default. In answers; ignored in a body.
    #[serde(default)]
    pub shown_policy: String,
}
