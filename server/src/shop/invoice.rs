//! The invoice for an order, following each currency's rules (createInvoiceLink):
//! Telegram Stars take an empty provider token, exactly one price line, no tips and no
//! `need_*` fields; fiat takes the payment provider's token, one line per product (and a
//! negative one for a promo code), tips where the merchant offers them, and asks for what the
//! goods need (address, phone, email).

use super::catalog::Fulfilment;
use super::checkout::PricedCart;
use super::order::InvoicePayload;
use super::tips::Tipping;
use crate::telegram::bot_api::{CreateInvoiceLink, LabeledPrice};
use app::orders::OrderId;

/// What Telegram's payment sheet asks the buyer for, which the cart's summary tells the shopper
/// beforehand: nothing for Stars; for cards a name, plus what the goods need.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Asks {
    pub name: bool,
    pub shipping_address: bool,
    pub phone: bool,
    pub email: bool,
}

impl Asks {
    /// For a cart in `currency` whose goods reach the buyer as `has` says.
    pub fn for_goods(stars: bool, has: impl Fn(Fulfilment) -> bool) -> Self {
        if stars {
            return Asks::default();
        }
        Asks {
            name: true,
            shipping_address: has(Fulfilment::Parcel),
            phone: has(Fulfilment::Appointment),
            email: has(Fulfilment::Ticket),
        }
    }

    /// As codes, in the sheet's order: `["name", "shipping_address"]` (the page words them in
    /// the shopper's language).
    pub fn codes(&self) -> Vec<String> {
        [
            (self.name, "name"),
            (self.shipping_address, "shipping_address"),
            (self.phone, "phone"),
            (self.email, "email"),
        ]
        .into_iter()
        .filter(|(asked, _)| *asked)
        .map(|(_, words)| words.to_owned())
        .collect()
    }
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

/// Builds the createInvoiceLink request for order `id` of `cart`. `provider_token` is the
/// fiat payment provider's; Stars ignore it. A tip chosen in the app is a fixed "Tip" line
/// (and the sheet then offers none); otherwise the sheet offers the merchant's tips.
pub fn invoice(id: OrderId, cart: &PricedCart, provider_token: &str, tipping: &Tipping) -> CreateInvoiceLink {
    let title = format!("Order #{id}");
    let description = describe(cart);
    let payload = InvoicePayload(id).to_string();
    if cart.currency.is_stars() {
        return CreateInvoiceLink {
            prices: vec![LabeledPrice {
                label: title.clone(),
                amount: cart.items_total,
            }],
            title,
            description,
            payload,
            provider_token: Some(String::new()),
            currency: cart.currency.to_string(),
            ..CreateInvoiceLink::default()
        };
    }
    let mut prices: Vec<LabeledPrice> = cart
        .lines
        .iter()
        .map(|line| LabeledPrice {
            label: format!("{} × {}", line.quantity, line.name),
            amount: line.unit_minor * line.quantity,
        })
        .collect();
    // Telegram sums the lines, so a discount is a line with a negative amount.
    if let Some((code, off)) = &cart.promo {
        prices.push(LabeledPrice {
            label: format!("Promo code {}", code.as_str()),
            amount: -off,
        });
    }
    if let Tipping::Chosen(tip) = tipping {
        prices.push(LabeledPrice {
            label: "Tip".to_owned(),
            amount: *tip,
        });
    }
    let tips = match tipping {
        Tipping::InSheet(preset) => Some(preset),
        _ => None,
    };
    let parcel = cart.needs_shipping();
    let asks = Asks::for_goods(false, |f| cart.has(f));
    CreateInvoiceLink {
        title,
        description,
        payload,
        provider_token: Some(provider_token.to_owned()),
        currency: cart.currency.to_string(),
        prices,
        max_tip_amount: tips.map(|t| t.max_tip_minor),
        suggested_tip_amounts: tips.map(|t| t.suggested.clone()).filter(|s| !s.is_empty()),
        need_name: asks.name.then_some(true),
        need_phone_number: asks.phone.then_some(true),
        need_email: asks.email.then_some(true),
        need_shipping_address: asks.shipping_address.then_some(true),
        is_flexible: parcel.then_some(true),
        ..CreateInvoiceLink::default()
    }
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
