//! The shop's invoice ([`Invoice`], a domain value) as the Bot API's createInvoiceLink request:
//! the payment provider's token for fiat and an empty one for Telegram Stars, each `need_*`
//! and `is_flexible` sent only when true, suggested tips only when there are some.
//!
//! Must not: decide what an invoice holds — that is `crate::shop::invoice`'s.

use super::bot_api::{CreateInvoiceLink, LabeledPrice};
use crate::shop::invoice::Invoice;

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
            provider_token: Some(match invoice.currency.is_stars() {
                true => String::new(),
                false => provider_token.to_owned(),
            }),
            currency: invoice.currency.to_string(),
            prices: invoice
                .prices
                .iter()
                .map(|line| LabeledPrice {
                    label: line.label.clone(),
                    amount: line.amount,
                })
                .collect(),
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

#[cfg(test)]
mod tests;
