//! How the shop is doing and whether Telegram reaches it: `GET /api/admin/dashboard` and
//! `GET /api/admin/webhook`.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// `GET /api/admin/dashboard`'s query: how many days back, today included (1–366, default 30).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DashboardQuery {
    pub days: Option<i64>,
}

/// `GET /api/admin/dashboard`'s answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dashboard {
    pub days: i64,
    /// One series per currency with takings in the period, oldest day first.
    pub revenue: Vec<Series>,
    /// Orders per status (`paid`, `shipped`, …), all time.
    pub orders_by_status: BTreeMap<String, i64>,
    pub top_products: Vec<Seller>,
    /// The shop's currency (`PUT /api/admin/settings/shop`), the UI's default for totals.
    pub currency: String,
    pub funnel: Funnel,
    /// The configured payment providers in test mode (`…:TEST:…` tokens): card payments
    /// through them move no money, which the dashboard says in a banner.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub test_providers: Vec<TestProvider>,
}

/// A payment provider in test mode, and the invoices it takes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TestProvider {
    pub name: String,
    /// The currency it takes; none for the default provider (every currency without its own).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
}

/// Takings per day in one currency, every day of the period (zero where nothing was sold).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Series {
    pub currency: String,
    pub total_label: String,
    pub days: Vec<Day>,
}

/// One day's takings.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Day {
    /// `YYYY-MM-DD`, UTC.
    pub day: String,
    pub minor: i64,
    pub label: String,
}

/// A best seller.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Seller {
    pub product_id: i64,
    pub name: String,
    pub units: i64,
}

/// How many distinct shoppers reached each step in the period.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Funnel {
    pub opened: i64,
    pub added_to_cart: i64,
    pub invoice_created: i64,
    pub paid: i64,
}

/// `GET /api/admin/webhook`: Telegram's WebhookInfo
/// (<https://core.telegram.org/bots/api#webhookinfo>), as far as the health panel shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WebhookInfo {
    /// Where Telegram delivers updates; empty when no webhook is set.
    pub url: String,
    pub pending_update_count: i64,
    /// Unix seconds.
    pub last_error_date: Option<i64>,
    pub last_error_message: Option<String>,
}
