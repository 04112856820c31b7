//! Shared invoices' queries (`crate::shop::shared_invoice`): an invoice that names a product,
//! paid by anyone who sees it. Its shipping query is priced from the product; its pre-checkout
//! query makes the payer's own order, taking one unit in the update's transaction, or is
//! refused in the payer's language (sold out, price changed, no longer sold). The payment then
//! pays that order like any other (`super::payment`).
//!
//! The product is read before the update's transaction (a catalog read on the pool); the
//! stock is taken inside it only if the variant still costs what was judged.

use super::{UpdateError, UpdateHandler};
use crate::shop::catalog::{find_variant, Product};
use crate::shop::currencies::CurrencyTable;
use crate::shop::order::BuyerName;
use crate::shop::shared_invoice::{judge_pre_checkout, SharedInvoice, SharedPayload, SharedRefusal};
use crate::storage::orders::shared::SharedOrder;
use crate::storage::telegram::updates::UpdateTx;
use crate::telegram::bot_api::{PreCheckoutQuery, User};
use app::i18n::{td_string, Locale};

/// The product a shared payload's variant belongs to, as the catalog has it now.
pub(super) async fn product_of(
    handler: &UpdateHandler,
    payload: &SharedPayload,
) -> Result<Option<Product>, UpdateError> {
    let (_, products) = handler.db.catalog().await?;
    Ok(find_variant(&products, payload.variant).map(|(product, _)| product.clone()))
}

/// The invoice `payload` would be made of `product` now, if it can still be sold that way.
pub(super) fn invoice_now(product: Option<&Product>, payload: &SharedPayload) -> Option<SharedInvoice> {
    let invoice = SharedInvoice::for_variant(product?, payload.source, "", CurrencyTable::telegram()).ok()?;
    (invoice.payload.variant == payload.variant).then_some(invoice)
}

/// Decides a shared invoice's pre-checkout query: `None` accepts it (its order made, its unit
/// taken, held for `hold_ms` while Telegram charges), `Some` is the refusal to show.
pub(super) async fn pre_checkout(
    tx: &mut UpdateTx,
    query: &PreCheckoutQuery,
    payload: &SharedPayload,
    product: Option<&Product>,
    now: i64,
    hold_ms: i64,
) -> Result<Option<String>, UpdateError> {
    let locale = locale_of(&query.from);
    let (Some(product), Some(invoice)) = (product, invoice_now(product, payload)) else {
        return Ok(Some(refusal(locale, &SharedRefusal::NotSold)));
    };
    let variant = &product.variants[0];
    let name = product.line_name(variant);
    let shipping_minor = super::queries::chosen_shipping(tx, query, invoice.currency).await?;
    let judged = judge_pre_checkout(
        &invoice,
        &name,
        &query.currency,
        query.total_amount,
        shipping_minor,
    );
    if let Err(refused) = judged {
        return Ok(Some(refusal(locale, &refused)));
    }
    let order = SharedOrder {
        buyer_id: query.from.id,
        buyer: &buyer_name(&query.from),
        source: payload.source,
        product_id: product.id,
        variant_id: variant.id,
        name: &name,
        currency: invoice.currency,
        unit_minor: invoice.prices[0].amount,
        needs_shipping: invoice.flexible,
        now,
        expires_at: now + hold_ms,
    };
    Ok(match tx.create_shared_order(&order).await? {
        Ok(id) => {
            tracing::info!(order_id = %id, source = %payload.source, "a shared invoice's payment made an order");
            None
        }
        Err(_) => Some(refusal(locale, &SharedRefusal::SoldOut { name })),
    })
}

/// What Telegram calls the payer, for the merchant's order list.
fn buyer_name(user: &User) -> BuyerName {
    BuyerName {
        name: match &user.last_name {
            Some(last) => format!("{} {last}", user.first_name),
            None => user.first_name.clone(),
        },
        username: user.username.clone().unwrap_or_default(),
        language_code: user.language_code.clone().unwrap_or_default(),
    }
}

/// The payer's language (English when Telegram gives none of the shop's).
pub(super) fn locale_of(user: &User) -> Locale {
    app::language::for_language_code(user.language_code.as_deref().unwrap_or_default())
}

/// `why` in the payer's language.
pub(super) fn refusal(locale: Locale, why: &SharedRefusal) -> String {
    match why {
        SharedRefusal::NotSold => td_string!(locale, shared_not_sold).to_string(),
        SharedRefusal::SoldOut { name } => td_string!(locale, shared_sold_out, name).to_string(),
        SharedRefusal::PriceChanged { name } => td_string!(locale, shared_price_changed, name).to_string(),
        SharedRefusal::NoShipping => td_string!(locale, shared_no_shipping).to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refusals_are_in_the_payers_language_with_the_products_name() {
        let sold_out = SharedRefusal::SoldOut {
            name: "Blue Mug".into(),
        };
        for code in ["en", "fr", "zh", "ar"] {
            let locale = app::language::for_language_code(code);
            let text = refusal(locale, &sold_out);
            assert!(text.contains("Blue Mug"), "{code}: {text}");
            assert!(!text.contains("{{"), "{code}: {text}");
        }
        let english = app::language::for_language_code("en");
        let french = app::language::for_language_code("fr");
        assert_ne!(
            refusal(english, &SharedRefusal::NotSold),
            refusal(french, &SharedRefusal::NotSold)
        );
        assert_eq!(refusal(english, &sold_out), "Sorry, Blue Mug is sold out.");
    }
}
