//! The promo preview: what a promo code would take off the shopper's cart, before paying.
//!
//! The cart is priced and the code checked exactly as checkout will, so the summary shows
//! what the invoice will charge (with the tip chosen in the app, when the request has one).

use super::checkout::{priced_with_promo, tipping};
use super::ServiceError;
use crate::clock::now_ms;
use crate::shop::currencies::CurrencyTable;
use crate::storage::Db;
use app::identity::WebAppUser;
use app::money::Money;
use app::orders::{CheckoutRequest, PromoPreview};

/// What `buyer`'s `request`'s promo code takes off its cart, and the total after it.
pub async fn preview(
    db: &Db,
    buyer: &WebAppUser,
    request: &CheckoutRequest,
) -> Result<PromoPreview, ServiceError> {
    if request.promo_code.as_deref().is_none_or(|c| c.trim().is_empty()) {
        return Err(ServiceError::PromoMissing);
    }
    let priced = priced_with_promo(db, buyer, request, now_ms()).await?;
    let tip = tipping(db, &priced, request.tip_minor).await?.fixed_minor();
    let (code, off) = priced.promo.clone().expect("a promo code was applied");
    let currencies = CurrencyTable::telegram();
    Ok(PromoPreview {
        code: code.as_str().to_owned(),
        discount_label: currencies.format_off(Money::new(off, priced.currency)),
        total_label: currencies.format(Money::new(priced.after_discount() + tip, priced.currency)),
    })
}
