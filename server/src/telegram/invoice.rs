//! The shop's invoice ([`Invoice`], a domain value) as the Bot API's createInvoiceLink request:
//! the payment provider's token for fiat and an empty one for Telegram Stars, each `need_*`
//! and `is_flexible` sent only when true, suggested tips only when there are some.
//!
//! A shared invoice ([`SharedInvoice`], one product's, payable by anyone) as the Bot API's
//! `InputInvoiceMessageContent` — for `sendInvoice`, inline results and prepared messages.
//!
//! Must not: decide what an invoice holds — that is `crate::shop::invoice`'s and
//! `crate::shop::shared_invoice`'s.

use super::bot_api::{CreateInvoiceLink, InputInvoiceMessageContent, LabeledPrice};
use crate::shop::invoice::Invoice;
use crate::shop::shared_invoice::SharedInvoice;
use crate::shop::subscriptions::{SubscriptionPayload, PERIOD_SECS};
use app::i18n::{td_string, Locale};

impl CreateInvoiceLink {
    /// The request for `invoice`. `provider_token` is the fiat payment provider's; Stars
    /// ignore it.
    pub fn for_invoice(invoice: &Invoice, provider_token: &str) -> Self {
        let tips = invoice.tips.as_ref();
        let asks = &invoice.asks;
        CreateInvoiceLink {
            title: invoice.title.clone(),
            description: invoice.description.clone(),
            payload: invoice.payload.to_string(),
            provider_token: Some(token_for(invoice.currency, provider_token)),
            currency: invoice.currency.to_string(),
            prices: labeled(&invoice.prices),
            max_tip_amount: tips.map(|t| t.max_tip_minor),
            suggested_tip_amounts: tips.map(|t| t.suggested.clone()).filter(|s| !s.is_empty()),
            need_name: asks.name.then_some(true),
            need_phone_number: asks.phone.then_some(true),
            need_email: asks.email.then_some(true),
            need_shipping_address: asks.shipping_address.then_some(true),
            is_flexible: invoice.flexible.then_some(true),
            ..CreateInvoiceLink::default()
        }
    }
}

impl CreateInvoiceLink {
    /// The request for a month of subscription `payload` to `name` at `price_stars`, worded in
    /// the subscriber's `locale`: a Stars
    /// invoice with Telegram's one `subscription_period` (30 days), which Telegram then
    /// charges again every period until renewal is cancelled.
    pub fn for_subscription(
        payload: SubscriptionPayload,
        name: &str,
        price_stars: i64,
        locale: Locale,
    ) -> Self {
        let title: String = name.chars().take(32).collect();
        CreateInvoiceLink {
            description: td_string!(locale, bot_inv_membership, name = title.as_str()).to_string(),
            title,
            payload: payload.to_string(),
            provider_token: Some(String::new()),
            currency: "XTR".to_owned(),
            prices: vec![LabeledPrice {
                label: td_string!(locale, bot_inv_month).to_owned(),
                amount: price_stars,
            }],
            subscription_period: Some(PERIOD_SECS),
            ..CreateInvoiceLink::default()
        }
    }
}

impl InputInvoiceMessageContent {
    /// The content of shared `invoice`: its photo, one price line, what it asks, and
    /// `provider_token` (the fiat payment provider's; an empty one for Telegram Stars). The
    /// same value makes an admin's post (`SendInvoice`), an inline result and a prepared message.
    pub fn for_shared(invoice: &SharedInvoice, provider_token: &str) -> Self {
        let asks = &invoice.asks;
        let photo = invoice.photo.as_ref();
        InputInvoiceMessageContent {
            title: invoice.title.clone(),
            description: invoice.description.clone(),
            payload: invoice.payload.to_string(),
            provider_token: Some(token_for(invoice.currency, provider_token)),
            currency: invoice.currency.to_string(),
            prices: labeled(&invoice.prices),
            photo_url: photo.map(|p| p.url.clone()),
            photo_width: photo.map(|p| i64::from(p.width)),
            photo_height: photo.map(|p| i64::from(p.height)),
            need_name: asks.name.then_some(true),
            need_phone_number: asks.phone.then_some(true),
            need_email: asks.email.then_some(true),
            need_shipping_address: asks.shipping_address.then_some(true),
            is_flexible: invoice.flexible.then_some(true),
            ..InputInvoiceMessageContent::default()
        }
    }
}

/// The provider token an invoice in `currency` carries: `provider_token` for fiat, an empty
/// one for Telegram Stars.
fn token_for(currency: app::money::Currency, provider_token: &str) -> String {
    match currency.is_stars() {
        true => String::new(),
        false => provider_token.to_owned(),
    }
}

/// An invoice's price lines as the Bot API takes them.
fn labeled(prices: &[crate::shop::invoice::PriceLine]) -> Vec<LabeledPrice> {
    prices
        .iter()
        .map(|line| LabeledPrice {
            label: line.label.clone(),
            amount: line.amount,
        })
        .collect()
}

#[cfg(test)]
mod tests;
