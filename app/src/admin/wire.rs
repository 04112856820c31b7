//! The admin API's JSON as the pages read it (the contract with `server::http::admin`).
//! Only read here: what the pages send is built where it is sent, with `serde_json::json!`.

use crate::orders::{OrderSummary, OrderView};
use serde::Deserialize;
use std::collections::BTreeMap;

/// `GET /api/admin/session`.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub(crate) struct Session {
    pub user_id: i64,
    /// `telegram` (initData) or `session` (a sign-in link's cookie).
    pub via: String,
    pub csrf_token: Option<String>,
}

/// `GET /api/admin/dashboard?days=…`.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub(crate) struct Dashboard {
    pub days: i64,
    pub revenue: Vec<Series>,
    pub orders_by_status: BTreeMap<String, i64>,
    pub top_products: Vec<Seller>,
    #[serde(default)]
    pub funnel: Option<Funnel>,
}

/// Takings per day in one currency, oldest day first.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub(crate) struct Series {
    pub currency: String,
    pub total_label: String,
    pub days: Vec<Day>,
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub(crate) struct Day {
    /// `YYYY-MM-DD`, UTC.
    pub day: String,
    pub minor: i64,
    pub label: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub(crate) struct Seller {
    pub product_id: i64,
    pub name: String,
    pub units: i64,
}

/// How many shoppers reached each step in the period.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
pub(crate) struct Funnel {
    pub opened: i64,
    pub added_to_cart: i64,
    pub invoice_created: i64,
    pub paid: i64,
}

/// Telegram's WebhookInfo (<https://core.telegram.org/bots/api#webhookinfo>), as far as shown.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub(crate) struct WebhookInfo {
    #[serde(default)]
    pub url: String,
    #[serde(default)]
    pub pending_update_count: i64,
    #[serde(default)]
    pub last_error_date: Option<i64>,
    #[serde(default)]
    pub last_error_message: Option<String>,
}

/// `GET /api/admin/orders`.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub(crate) struct OrderList {
    pub orders: Vec<OrderRow>,
    pub total: i64,
    pub page: i64,
    pub per_page: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub(crate) struct OrderRow {
    #[serde(flatten)]
    pub order: OrderSummary,
    pub buyer_id: i64,
    /// As Telegram described the buyer at checkout; empty when unknown.
    #[serde(default)]
    pub buyer_name: String,
}

/// `GET /api/admin/orders/{id}`.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub(crate) struct AdminOrder {
    #[serde(flatten)]
    pub order: OrderView,
    pub buyer_id: i64,
    #[serde(default)]
    pub buyer_name: String,
    /// Without the `@`; empty when the buyer has none.
    #[serde(default)]
    pub buyer_username: String,
    #[serde(default)]
    pub shipping_option_id: Option<String>,
    #[serde(default)]
    pub provider_charge_id: Option<String>,
}

/// A product as the merchant edits it.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub(crate) struct AdminProduct {
    pub id: i64,
    pub slug: String,
    pub category_id: i64,
    pub name: String,
    pub description: String,
    pub currency: String,
    pub position: i64,
    pub archived: bool,
    /// The main photo (a placeholder until one is uploaded).
    pub photo: MainPhoto,
    /// The gallery after it.
    #[serde(default)]
    pub photos: Vec<AdminPhoto>,
    #[serde(default)]
    pub variants: Vec<AdminVariant>,
}

/// A product's main photo: replaced by uploads, never deleted.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub(crate) struct MainPhoto {
    pub url: String,
    pub width: u32,
    pub height: u32,
    #[serde(default)]
    pub alt: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub(crate) struct AdminPhoto {
    pub id: i64,
    pub url: String,
    pub width: u32,
    pub height: u32,
    #[serde(default)]
    pub alt: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub(crate) struct AdminVariant {
    pub id: i64,
    pub name: String,
    pub price_minor: i64,
    pub price_label: String,
    /// Whole Stars, for a variant of a fiat product that also takes Stars.
    #[serde(default)]
    pub stars_price: Option<i64>,
    /// e.g. `⭐ 250`.
    #[serde(default)]
    pub stars_label: Option<String>,
    pub stock: i64,
    pub position: i64,
}

/// `GET /api/admin/products`.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub(crate) struct Products {
    pub products: Vec<AdminProduct>,
}

/// `GET /api/admin/categories`.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub(crate) struct Categories {
    pub categories: Vec<Category>,
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub(crate) struct Category {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub position: i64,
    /// How many products it holds.
    #[serde(default)]
    pub products: i64,
}

/// `GET /api/admin/variants/{id}/stock`.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub(crate) struct StockHistory {
    pub stock: i64,
    pub movements: Vec<Movement>,
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub(crate) struct Movement {
    pub id: i64,
    pub delta: i64,
    pub stock_after: i64,
    pub reason: String,
    pub admin_id: Option<i64>,
    pub created_at: i64,
}

/// `GET /api/admin/settings`.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub(crate) struct Settings {
    pub shop: Shop,
    pub notification_chat_id: Option<i64>,
    pub shipping: Vec<ShippingRate>,
    pub tips: Vec<Tips>,
    pub promo_codes: Vec<PromoCode>,
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub(crate) struct Shop {
    pub name: String,
    pub currency: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub(crate) struct ShippingRate {
    pub country_code: String,
    pub id: String,
    pub title: String,
    pub price_minor: i64,
    pub currency: String,
    pub position: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub(crate) struct Tips {
    pub currency: String,
    pub max_tip_minor: i64,
    pub suggested: Vec<i64>,
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub(crate) struct PromoCode {
    pub code: String,
    pub percent_off: Option<i64>,
    pub amount_off_minor: Option<i64>,
    pub currency: Option<String>,
    pub min_items_minor: Option<i64>,
    pub max_uses: Option<i64>,
    #[serde(default)]
    pub uses: i64,
    pub starts_at: Option<i64>,
    pub expires_at: Option<i64>,
    pub active: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_product_reads_as_the_api_sends_it() {
        let json = r#"{"id":3,"slug":"mug","category_id":1,"name":"Mug","description":"",
            "currency":"EUR","position":0,"archived":false,"photo":{"url":"/p.jpg","width":1,"height":1},
            "photos":[{"id":9,"url":"/p.jpg","width":1,"height":1,"alt":"A mug"}],
            "variants":[{"id":5,"name":"Blue","price_minor":1250,"price_label":"12,50 €","stock":4,"position":0}]}"#;
        let product: AdminProduct = serde_json::from_str(json).unwrap();
        assert_eq!(product.variants[0].price_minor, 1250);
        assert_eq!(product.photos[0].alt, "A mug");
    }

    #[test]
    fn a_dashboard_without_a_funnel_still_reads() {
        let json = r#"{"days":30,"revenue":[],"orders_by_status":{"paid":2},"top_products":[]}"#;
        let dashboard: Dashboard = serde_json::from_str(json).unwrap();
        assert_eq!(dashboard.funnel, None);
        assert_eq!(dashboard.orders_by_status["paid"], 2);
    }
}
