//! The invoice for an order, as the shop means it, following each currency's rules: Telegram
//! Stars take exactly one price line, no tips and ask nothing; fiat takes one line per
//! product (and a negative one for a promo code), tips where the merchant offers them, and
//! asks for what the goods need (see `super::kind`).
//!
//! A domain value: `crate::telegram::invoice` turns it into the Bot API's createInvoiceLink,
//! with the payment provider's token.

use super::checkout::PricedCart;
use super::kind::Asks;
use super::order::InvoicePayload;
use super::tips::Tipping;
use app::i18n::{td_string, Locale};
use app::money::Currency;
use app::orders::OrderId;

/// What Telegram's payment sheet will charge for an order, and what it asks the buyer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Invoice {
    /// "Order #12".
    pub title: String,
    /// The lines in words, at most Telegram's 255 characters.
    pub description: String,
    /// Names the order in the payment's updates.
    pub payload: InvoicePayload,
    pub currency: Currency,
    /// What Telegram sums into the total: the items (a promo code's discount as a negative
    /// line, a tip chosen in the app as a "Tip" line), in minor units.
    pub prices: Vec<PriceLine>,
    /// The tips the sheet offers; none for Stars, or when the tip was chosen in the app.
    pub tips: Option<TipPreset>,
    /// What the sheet asks the buyer for.
    pub asks: Asks,
    /// Priced by the buyer's shipping address: Telegram asks the shop for shipping options.
    pub flexible: bool,
}

/// One line of an invoice's price, in minor units; a discount is negative.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PriceLine {
    pub label: String,
    pub amount: i64,
}

/// Tips a merchant offers in one currency.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TipPreset {
    pub max_tip_minor: i64,
    /// Up to four amounts, ascending, each at most `max_tip_minor`.
    pub suggested: Vec<i64>,
}

impl TipPreset {
    /// Parses the stored form: a maximum and comma-separated suggestions. Suggestions Telegram
    /// would refuse (not positive, above the maximum, more than four) are dropped.
    pub fn parse(max_tip_minor: i64, suggested: &str) -> Option<Self> {
        if max_tip_minor <= 0 {
            return None;
        }
        let mut amounts: Vec<i64> = suggested
            .split(',')
            .filter_map(|a| a.trim().parse().ok())
            .filter(|a| (1..=max_tip_minor).contains(a))
            .collect();
        amounts.sort_unstable();
        amounts.dedup();
        amounts.truncate(4);
        Some(TipPreset {
            max_tip_minor,
            suggested: amounts,
        })
    }
}

impl Invoice {
    /// The invoice for order `id` of `cart`, its own words in the buyer's `locale` (the cart's
    /// names are already in it). A tip chosen in the app is a fixed "Tip" line (and the sheet
    /// then offers none); otherwise the sheet offers the merchant's tips.
    pub fn for_order(id: OrderId, cart: &PricedCart, tipping: &Tipping, locale: Locale) -> Self {
        let title = td_string!(locale, bot_inv_order, id).to_string();
        let stars = cart.currency.is_stars();
        Invoice {
            description: describe(cart),
            payload: InvoicePayload(id),
            currency: cart.currency,
            // Telegram Stars take exactly one line: the items' total under the title.
            prices: match stars {
                true => vec![PriceLine {
                    label: title.clone(),
                    amount: cart.items_total,
                }],
                false => fiat_prices(cart, tipping, locale),
            },
            tips: match tipping {
                Tipping::InSheet(preset) if !stars => Some(preset.clone()),
                _ => None,
            },
            asks: Asks::for_goods(stars, cart.kinds()),
            flexible: !stars && cart.needs_shipping(),
            title,
        }
    }
}

/// A line per product, then the promo code's discount and the tip chosen in the app.
fn fiat_prices(cart: &PricedCart, tipping: &Tipping, locale: Locale) -> Vec<PriceLine> {
    let mut prices: Vec<PriceLine> = cart
        .lines
        .iter()
        .map(|line| PriceLine {
            label: format!("{} × {}", line.quantity, line.name),
            amount: line.unit_minor * line.quantity,
        })
        .collect();
    // Telegram sums the lines, so a discount is a line with a negative amount.
    if let Some((code, off)) = &cart.promo {
        prices.push(PriceLine {
            label: td_string!(locale, bot_inv_promo, code = code.as_str()).to_string(),
            amount: -off,
        });
    }
    if let Tipping::Chosen(tip) = tipping {
        prices.push(PriceLine {
            label: td_string!(locale, bot_inv_tip).to_owned(),
            amount: *tip,
        });
    }
    prices
}

/// "2 × Blue Glazed Mug, 1 × Linen Scarf", cut to Telegram's 255 characters.
fn describe(cart: &PricedCart) -> String {
    let text = cart
        .lines
        .iter()
        .map(|line| format!("{} × {}", line.quantity, line.name))
        .collect::<Vec<_>>()
        .join(", ");
    if text.chars().count() <= 255 {
        return text;
    }
    let mut cut: String = text.chars().take(254).collect();
    cut.push('…');
    cut
}

#[cfg(test)]
mod tests;
