//! Wire types of the cart the server keeps per Telegram user, as `GET` and `PUT /api/cart`
//! carry them.
//!
//! The page sends quantities only (a [`CheckoutRequest`](crate::orders::CheckoutRequest)'s
//! lines); the server answers the cart priced from its own catalog, with totals and a
//! shipping estimate, so what the cart shows is what checkout will charge.

use crate::catalog::{ProductId, VariantId};
use crate::money::Money;
use serde::{Deserialize, Serialize};

/// The shopper's cart, priced by the server.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CartView {
    /// In catalog order.
    pub lines: Vec<CartLineView>,
    /// One per currency: Stars and card payments are paid separately.
    pub totals: Vec<CartTotal>,
    /// The cheapest shipping to anywhere when something ships as a parcel, e.g. `4,90 €`;
    /// the shopper picks the option in Telegram's payment sheet.
    pub shipping_from: Option<String>,
    /// What Telegram's payment sheet will ask for, in its order: `name`, `shipping_address`,
    /// `phone`, `email`; empty for Stars, and while the cart mixes currencies.
    #[serde(default)]
    pub asks: Vec<String>,
    /// The tips the merchant suggests for a card payment in the cart's one currency, for the
    /// shopper to choose in the summary; empty for Stars, mixed carts and shops without tips.
    #[serde(default)]
    pub tips: Vec<TipChoice>,
    /// What the cart comes to in Telegram Stars, e.g. `⭐ 250`, when it is in one fiat currency,
    /// every line has a Stars price and none ships: the summary then offers to pay in Stars.
    #[serde(default)]
    pub stars_total_label: Option<String>,
    /// True when a line in a fiat currency is a digital good, which Telegram Stars alone pay
    /// for (Telegram's developer terms §6.2): the summary then offers no card payment, only
    /// Stars at `stars_total_label` (checkout refuses a card payment of it anyway).
    #[serde(default)]
    pub cards_refused: bool,
}

/// A tip the shopper can add in the checkout summary.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TipChoice {
    /// In the cart currency's smallest unit.
    pub minor: i64,
    /// e.g. `2,00 €`.
    pub label: String,
    /// The items with this tip, e.g. `26,00 €`.
    pub total_label: String,
}

/// Only the lines of a [`CartView`] answer, which is all the page needs of it until the cart
/// page shows the whole view: parsing just these keeps the view's decoding out of the
/// storefront's wasm (README: the first-open budget).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct SavedLines {
    pub lines: Vec<SavedLine>,
}

/// A line of [`SavedLines`].
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct SavedLine {
    pub variant_id: VariantId,
    pub quantity: i64,
}

/// One product in the cart.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CartLineView {
    pub product_id: ProductId,
    pub variant_id: VariantId,
    /// The product's name, with the variant's after it when it has one.
    pub name: String,
    pub quantity: i64,
    pub unit_price: Money,
    /// `unit_price` formatted, e.g. `24,00 €` or `⭐ 50`.
    pub unit_label: String,
    /// `unit_price × quantity` formatted.
    pub line_label: String,
    /// Units that can still be bought: fewer than `quantity` means checkout will refuse.
    pub stock: i64,
}

/// What the lines in one currency come to, before shipping and tips.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CartTotal {
    pub items: Money,
    /// `items` formatted, e.g. `48,00 €`.
    pub label: String,
}

impl CartView {
    /// Units of every product together.
    pub fn item_count(&self) -> i64 {
        self.lines.iter().map(|l| l.quantity).sum()
    }
}
