//! Wire types of checkout and orders, as `POST /api/checkout` and `GET /api/orders/{id}` carry
//! them.
//!
//! A checkout request names products and quantities only: prices, totals and stock are the
//! server's to decide, and an order's status is what the server recorded from Telegram's
//! payment updates — never what the page believes happened.

use crate::catalog::{ProductId, VariantId};
use crate::money::Money;
use serde::{Deserialize, Serialize};
use std::fmt;

/// An order's id in the shop's database.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct OrderId(pub i64);

impl fmt::Display for OrderId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// Where an order is in its life.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrderStatus {
    /// Created at checkout; its stock is reserved until the order expires.
    AwaitingPayment,
    /// Telegram reported a successful payment.
    Paid,
    /// The merchant sent the parcel.
    Shipped,
    /// The parcel arrived.
    Delivered,
    /// Cancelled before payment; its stock went back.
    Cancelled,
    /// The payment was refunded.
    Refunded,
    /// Not paid in time; its stock went back.
    Expired,
}

impl OrderStatus {
    /// Every status, in the order of an order's life.
    pub const ALL: [OrderStatus; 7] = [
        Self::AwaitingPayment,
        Self::Paid,
        Self::Shipped,
        Self::Delivered,
        Self::Cancelled,
        Self::Refunded,
        Self::Expired,
    ];

    /// The name stored in the database and sent on the wire, e.g. `awaiting_payment`.
    pub fn as_str(&self) -> &'static str {
        match self {
            Self::AwaitingPayment => "awaiting_payment",
            Self::Paid => "paid",
            Self::Shipped => "shipped",
            Self::Delivered => "delivered",
            Self::Cancelled => "cancelled",
            Self::Refunded => "refunded",
            Self::Expired => "expired",
        }
    }

    /// Parses a stored name.
    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|status| status.as_str() == name)
    }

    /// What a shopper reads in `locale`, e.g. "Awaiting payment".
    pub fn label(&self, locale: crate::i18n::Locale) -> &'static str {
        use crate::i18n::td_string;
        match self {
            Self::AwaitingPayment => td_string!(locale, status_awaiting_payment),
            Self::Paid => td_string!(locale, status_paid),
            Self::Shipped => td_string!(locale, status_shipped),
            Self::Delivered => td_string!(locale, status_delivered),
            Self::Cancelled => td_string!(locale, status_cancelled),
            Self::Refunded => td_string!(locale, status_refunded),
            Self::Expired => td_string!(locale, status_expired),
        }
    }
}

/// One line of a checkout request: which product, how many.
/// Anything else a client sends, such as a price, is ignored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckoutLine {
    pub variant_id: VariantId,
    pub quantity: i64,
    /// For a ticket type of an event with named tickets: one attendee name per ticket
    /// (`quantity` of them); empty otherwise.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attendees: Vec<String>,
    /// For a salon service (quantity 1): the time chosen and with whom. Required for a
    /// service, refused for anything else.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub appointment: Option<crate::appointments::AppointmentChoice>,
}

/// `POST /api/checkout`'s body: the cart, and a promo code as the shopper typed it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckoutRequest {
    pub lines: Vec<CheckoutLine>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub promo_code: Option<String>,
    /// A tip chosen in the app, in the cart currency's smallest unit (0: no tip). Absent, the
    /// payment sheet offers the merchant's tips.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tip_minor: Option<i64>,
    /// Pay in Telegram Stars at each variant's Stars price instead of the products' own
    /// currency: the server refuses it unless every line has one and none ships.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub pay_in_stars: bool,
}

/// `POST /api/promo`'s answer: what a promo code takes off the cart, formatted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PromoPreview {
    /// The code as the shop knows it (upper case).
    pub code: String,
    /// e.g. `−2,40 €`.
    pub discount_label: String,
    /// What will be paid before shipping: the items after the discount, plus the tip chosen in
    /// the app, e.g. `21,60 €`.
    pub total_label: String,
}

/// `POST /api/checkout`'s answer: the order awaiting payment and the invoice to pay it with.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckoutResponse {
    pub order_id: OrderId,
    /// A `https://t.me/$…` link for `Telegram.WebApp.openInvoice`.
    pub invoice_link: String,
}

/// The slug of an invoice link (`https://t.me/$<slug>` or `https://t.me/invoice/<slug>`),
/// which `web_app_open_invoice` takes.
pub fn invoice_slug(link: &str) -> Option<&str> {
    let path = link.strip_prefix("https://t.me/")?;
    let slug = path.strip_prefix('$').or_else(|| path.strip_prefix("invoice/"))?;
    (!slug.is_empty() && !slug.contains(['/', '?', '#'])).then_some(slug)
}

/// A line of an order, priced when the order was made.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderLineView {
    pub product_id: ProductId,
    pub variant_id: VariantId,
    pub name: String,
    pub unit_price: Money,
    pub quantity: i64,
}

/// A line of an order's receipt, with its amounts formatted by Telegram's currency rules.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReceiptLine {
    pub product_id: ProductId,
    pub variant_id: VariantId,
    pub name: String,
    pub quantity: i64,
    /// e.g. `€24.00`.
    pub unit_price_label: String,
    /// Unit price × quantity, e.g. `€48.00`.
    pub total_label: String,
}

/// A status the order entered, and when (unix milliseconds, UTC).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderStep {
    pub status: OrderStatus,
    pub at: i64,
}

/// An order as its buyer sees it: status, timeline and receipt.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderView {
    pub id: OrderId,
    pub status: OrderStatus,
    pub lines: Vec<ReceiptLine>,
    /// Every status the order entered, oldest first; the last is `status`.
    pub timeline: Vec<OrderStep>,
    /// The lines' sum.
    pub items_total: Money,
    pub items_total_label: String,
    /// The promo code and what it took off, e.g. `("WELCOME10", "−2,40 €")`.
    #[serde(default)]
    pub discount: Option<(String, String)>,
    pub shipping_label: String,
    pub tip_label: String,
    /// Shipping, once the shopper chose an option.
    pub shipping: Money,
    /// The tip the shopper added.
    pub tip: Money,
    /// What the shopper paid, or will pay before shipping and tip.
    pub total: Money,
    /// `total` formatted by Telegram's rules for its currency, e.g. `48,00 €` or `⭐ 100`.
    pub total_label: String,
    /// Unix milliseconds, UTC.
    pub created_at: i64,
    /// Until when the stock is reserved, unix milliseconds, UTC.
    pub expires_at: i64,
    pub paid_at: Option<i64>,
    /// Telegram's id of the charge, which the shopper can quote to the merchant or Telegram.
    pub charge_id: Option<String>,
    /// Name, phone, email and address as the shopper gave them in the payment sheet, a line
    /// each; empty when the invoice asked for none.
    pub delivery: Vec<String>,
    /// The tickets (and, later, appointments) the payment issued, one per unit: empty until
    /// paid and for goods.
    #[serde(default)]
    pub vouchers: Vec<crate::events::VoucherView>,
    /// The salon appointments the order books, one per service line.
    #[serde(default)]
    pub appointments: Vec<crate::appointments::AppointmentView>,
    /// What the order's digital goods deliver, offered again while it is paid.
    #[serde(default)]
    pub deliveries: Vec<DeliveryView>,
}

/// A paid digital line's delivery, as its buyer sees it on the order page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeliveryView {
    pub variant_id: crate::catalog::VariantId,
    /// The product and variant, e.g. `Recipe E-book (EPUB and PDF)`.
    pub name: String,
    pub item: DeliveryItem,
}

/// The delivered item: a file to download through a signed, expiring link, licence keys to
/// copy, or a text/link; once the order is refunded, only that it was revoked.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DeliveryItem {
    File {
        file_name: String,
        url: String,
    },
    Keys {
        keys: Vec<String>,
    },
    Text {
        text: String,
    },
    /// The order was refunded: the link no longer works and the keys are marked refunded.
    Revoked,
}

/// An order in the shopper's list of orders.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderSummary {
    pub id: OrderId,
    pub status: OrderStatus,
    /// The first line's product, e.g. `Blue Glazed Mug`.
    pub first_item: String,
    /// How many units the order holds in all.
    pub item_count: i64,
    /// What the shopper paid or will pay, formatted.
    pub total_label: String,
    /// Unix milliseconds, UTC.
    pub created_at: i64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_round_trip_through_their_names() {
        for status in OrderStatus::ALL {
            assert_eq!(OrderStatus::parse(status.as_str()), Some(status));
            let json = serde_json::to_string(&status).unwrap();
            assert_eq!(json, format!("\"{}\"", status.as_str()));
        }
        assert_eq!(OrderStatus::parse("lost"), None);
    }

    #[test]
    fn invoice_links_yield_their_slug() {
        assert_eq!(invoice_slug("https://t.me/$sim12"), Some("sim12"));
        assert_eq!(invoice_slug("https://t.me/invoice/AbC"), Some("AbC"));
        for bad in [
            "https://t.me/$",
            "https://evil.example/$x",
            "https://t.me/shop_bot",
            "https://t.me/$a/b",
        ] {
            assert_eq!(invoice_slug(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_client_price_has_nowhere_to_go() {
        let sneaky = r#"{"lines":[{"variant_id":1,"quantity":2,"price":1}]}"#;
        let request: CheckoutRequest = serde_json::from_str(sneaky).unwrap();
        assert_eq!(
            request.lines,
            vec![CheckoutLine {
                variant_id: VariantId(1),
                quantity: 2,
                attendees: Vec::new(),
                appointment: None,
            }]
        );
    }
}
