//! An order as the shop keeps it: its amounts, lines, timeline and what the buyer gave in
//! Telegram's payment sheet. Storage reads and writes these; the receipt and the payment rules
//! read them.

use app::identity::UserId;
use app::money::Currency;
use app::orders::{OrderId, OrderLineView, OrderStatus, OrderStep};
use serde::{Deserialize, Serialize};

/// An order as the shop keeps it, with its lines.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OrderRecord {
    pub id: OrderId,
    pub buyer_id: UserId,
    pub status: OrderStatus,
    pub currency: Currency,
    pub items_minor: i64,
    /// What a promo code took off `items_minor`.
    pub discount_minor: i64,
    pub promo_code: Option<String>,
    pub shipping_minor: i64,
    pub tip_minor: i64,
    pub max_tip_minor: i64,
    pub needs_shipping: bool,
    /// True while the lines' stock is held for this order.
    pub reserved: bool,
    pub created_at: i64,
    pub expires_at: i64,
    pub paid_at: Option<i64>,
    pub lines: Vec<OrderLineView>,
    /// Every status it entered, oldest first.
    pub timeline: Vec<OrderStep>,
    /// Telegram's `OrderInfo` from the payment, as JSON.
    pub order_info: Option<String>,
    /// Telegram's id of the charge that paid it.
    pub charge_id: Option<String>,
    /// The order that replaced this unpaid one when its buyer checked out again.
    pub replaced_by: Option<OrderId>,
    /// The buyer's Telegram `language_code` as their last checkout gave it (`""` when none):
    /// the bot writes to them in it.
    pub buyer_language: String,
}

impl OrderRecord {
    /// The status a payment finds it in. An order replaced by its buyer's newer checkout was
    /// cancelled by the shop, not given up by the buyer, who paid its invoice after all:
    /// money taken is a fact, so it is paid late as an expired order is (its stock taken
    /// again, or the order flagged for the merchant when that stock is gone).
    pub fn status_for_payment(&self) -> OrderStatus {
        match (self.status, self.replaced_by) {
            (OrderStatus::Cancelled, Some(_)) => OrderStatus::Expired,
            (status, _) => status,
        }
    }
}

/// An order in its buyer's list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OrderHeadline {
    pub id: OrderId,
    pub status: OrderStatus,
    pub currency: Currency,
    pub total_minor: i64,
    pub first_item: String,
    pub item_count: i64,
    pub created_at: i64,
}

/// A shipping address (<https://core.telegram.org/bots/api#shippingaddress>).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShippingAddress {
    /// ISO 3166-1 alpha-2.
    pub country_code: String,
    #[serde(default)]
    pub state: String,
    pub city: String,
    pub street_line1: String,
    #[serde(default)]
    pub street_line2: String,
    pub post_code: String,
}

/// What the payment sheet collected (<https://core.telegram.org/bots/api#orderinfo>).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderInfo {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone_number: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shipping_address: Option<ShippingAddress>,
}

/// A buyer's name as the merchant sees it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BuyerName {
    /// First and last name.
    pub name: String,
    /// Without the @; empty when they have none.
    pub username: String,
    /// Telegram's `language_code` for them (`fr`), empty when it gave none: the language of
    /// the bot's appointment messages.
    pub language_code: String,
}

/// What the merchant sees of an order beyond what its buyer sees.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OrderBackOffice {
    pub shipping_option_id: Option<String>,
    /// The payment provider's id of the charge (card payments).
    pub provider_charge_id: Option<String>,
    /// Why money reported for the order is not its payment, when that happened.
    pub payment_mismatch: Option<String>,
}
