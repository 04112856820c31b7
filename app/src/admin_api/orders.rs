//! Orders as the merchant sees them and moves them: the list (`GET /api/admin/orders`, also
//! as CSV), one order, and the moves' bodies and answers (ship, deliver, cancel, refund).

use crate::identity::UserId;
use crate::orders::{OrderId, OrderSummary, OrderView};
use serde::{Deserialize, Serialize};

/// `GET /api/admin/orders` (and `orders.csv`) query. `status`: an order status; `from` /
/// `to`: unix ms, created; `q`: an order id, a buyer's Telegram id, or part of a buyer's name
/// or @username; `page` from 1; `per_page` 1–100 (default 20).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrdersQuery {
    pub status: Option<String>,
    pub from: Option<i64>,
    pub to: Option<i64>,
    pub q: Option<String>,
    pub page: Option<i64>,
    pub per_page: Option<i64>,
}

/// `GET /api/admin/orders`'s answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderList {
    pub orders: Vec<OrderRow>,
    pub total: i64,
    pub page: i64,
    pub per_page: i64,
}

/// One row of the list: the buyer's summary plus who bought.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderRow {
    #[serde(flatten)]
    pub order: OrderSummary,
    pub buyer_id: UserId,
    /// As Telegram described the buyer at checkout; empty for orders from before names were kept.
    pub buyer_name: String,
    /// Set when money arrived for the order that is not its payment (another buyer, currency
    /// or total): why, for the merchant to settle by hand. The order was not marked paid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_mismatch: Option<String>,
    /// The payment provider its invoice went through; none for Stars (and older orders).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_provider: Option<ProviderLabel>,
}

/// Which payment provider an order's invoice went through (never its token): the name the
/// merchant gave it in the configuration, or `provider <id>`, and whether it is a test-mode
/// provider (its payments move no money; the admin page says so wherever it shows one).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProviderLabel {
    pub name: String,
    pub test: bool,
}

/// `GET /api/admin/orders/{id}`: the order as its buyer sees it, plus who the buyer is, the
/// shipping option chosen and the payment provider's charge id.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminOrder {
    #[serde(flatten)]
    pub order: OrderView,
    pub buyer_id: UserId,
    /// As Telegram described the buyer at checkout; empty when unknown.
    pub buyer_name: String,
    /// Without the `@`; empty when the buyer has none.
    pub buyer_username: String,
    pub shipping_option_id: Option<String>,
    pub provider_charge_id: Option<String>,
    /// As in [`OrderRow::payment_mismatch`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_mismatch: Option<String>,
    /// Where a shared invoice sold it; `None`: checked out from the Mini App's cart. Data, not
    /// a sentence: the page writes it in its own language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sold_where: Option<SoldWhere>,
    /// As in [`OrderRow::payment_provider`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_provider: Option<ProviderLabel>,
}

/// Where a shared invoice was paid: `{"via":"app"}` (a share from the Mini App),
/// `{"via":"inline"}`, or `{"via":"post","post_id":7,"chat":"Shop Friends"}` (an admin's post;
/// `chat` is the chat's title, `null` when unknown).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "via", rename_all = "snake_case")]
pub enum SoldWhere {
    App,
    Inline,
    Post { post_id: i64, chat: Option<String> },
}

/// `POST /api/admin/orders/{id}/ship`'s body (optional): a note for the buyer, such as a
/// tracking number (at most 500 characters).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ship {
    pub note: Option<String>,
}

/// `POST /api/admin/orders/{id}/refund`'s body (optional): for a card payment, the payment
/// provider's refund reference (the Bot API cannot refund card payments).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Refund {
    pub reference: Option<String>,
}

/// `POST /api/admin/orders/{id}/refund`'s answer for Stars (202): asked of Telegram, which
/// confirms with a `refunded_payment` update. Card refunds answer the [`OrderView`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RefundRequested {
    pub order_id: OrderId,
    /// Always `refund_requested`.
    pub status: String,
}
