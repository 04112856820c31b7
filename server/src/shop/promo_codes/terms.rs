//! A promo code's terms as the merchant sets them: a new code read into a [`Promo`] the shop
//! can apply, and later changes to whether it is active, how often it may be used and when it
//! expires. The rules are those of `promo_codes`' CHECKs and of [`super`].
//!
//! Pure; `crate::storage::promo_codes` keeps them.

use super::{Off, Promo, PromoCode};
use crate::shop::settings::{fiat_currency, max_amount, Invalid};
use app::error_code::ErrorCode;
use app::money::Currency;

/// A new code as the merchant typed it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PromoDraft {
    pub code: String,
    pub percent_off: Option<i64>,
    pub amount_off_minor: Option<i64>,
    pub currency: Option<String>,
    pub min_items_minor: i64,
    pub max_uses: Option<i64>,
    pub starts_at: Option<i64>,
    pub expires_at: Option<i64>,
    pub active: bool,
}

/// A change to a code; `None` leaves that term as it is, `Some(None)` removes a limit.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PromoPatch {
    pub active: Option<bool>,
    pub max_uses: Option<Option<i64>>,
    pub expires_at: Option<Option<i64>>,
}

impl PromoDraft {
    /// The code the draft describes, never used yet.
    pub fn parse(self) -> Result<Promo, Invalid> {
        let code = PromoCode::parse(&self.code).map_err(|_| {
            Invalid::new(
                ErrorCode::BadCode,
                "code is 3 to 32 letters, digits, '_' or '-' (kept in upper case)",
            )
        })?;
        let currency = self
            .currency
            .as_deref()
            .map(|c| fiat_currency("currency", ErrorCode::BadCurrency, c))
            .transpose()?;
        let off = self.discount(currency)?;
        let limit = currency.map_or(i64::MAX, max_amount);
        if !(0..=limit).contains(&self.min_items_minor) || (currency.is_none() && self.min_items_minor != 0) {
            return Err(Invalid::new(
                ErrorCode::BadMinItemsMinor,
                "min_items_minor is 0 or more, in the minor units of the code's currency (0 without one)",
            ));
        }
        if self.starts_at.is_some_and(|at| at < 0) {
            return Err(Invalid::new(
                ErrorCode::BadStartsAt,
                "starts_at is unix milliseconds",
            ));
        }
        let promo = Promo {
            code,
            off,
            currency,
            min_items_minor: self.min_items_minor,
            max_uses: self.max_uses,
            uses: 0,
            starts_at: self.starts_at,
            expires_at: self.expires_at,
            active: self.active,
        };
        check_limits(&promo)?;
        Ok(promo)
    }

    /// What the code takes off: a percentage, or an amount in the minor units of `currency`,
    /// which the code must then have.
    fn discount(&self, currency: Option<Currency>) -> Result<Off, Invalid> {
        let off = match (self.percent_off, self.amount_off_minor) {
            (Some(percent), None) if (1..=100).contains(&percent) => Off::Percent(percent),
            (Some(_), None) => return Err(Invalid::new(ErrorCode::BadPercentOff, "percent_off is 1 to 100")),
            (None, Some(amount)) => Off::Amount(amount),
            _ => {
                return Err(Invalid::new(
                    ErrorCode::BadDiscount,
                    "give either percent_off or amount_off_minor, not both",
                ))
            }
        };
        let limit = currency.map_or(i64::MAX, max_amount);
        if let Off::Amount(amount) = off {
            if currency.is_none() {
                return Err(Invalid::new(
                    ErrorCode::BadCurrency,
                    "currency is needed for an amount off: amount_off_minor is in its minor units",
                ));
            }
            if !(1..=limit).contains(&amount) {
                return Err(Invalid::new(
                    ErrorCode::BadAmountOffMinor,
                    format!("amount_off_minor is between 1 and {limit}"),
                ));
            }
        }
        Ok(off)
    }
}

impl PromoPatch {
    /// `promo` with the patch's changes, if they keep the terms valid.
    pub fn apply(&self, promo: &Promo) -> Result<Promo, Invalid> {
        let patched = Promo {
            active: self.active.unwrap_or(promo.active),
            max_uses: self.max_uses.unwrap_or(promo.max_uses),
            expires_at: self.expires_at.unwrap_or(promo.expires_at),
            ..promo.clone()
        };
        check_limits(&patched)?;
        Ok(patched)
    }
}

/// The limits a code may change later: a positive number of uses (fewer than it was already
/// used means used up, which is allowed) and an expiry after its start.
fn check_limits(promo: &Promo) -> Result<(), Invalid> {
    if promo.max_uses.is_some_and(|max| max < 1) {
        return Err(Invalid::new(
            ErrorCode::BadMaxUses,
            "max_uses is 1 or more, or null for no limit",
        ));
    }
    let start = promo.starts_at.unwrap_or(0);
    if promo.expires_at.is_some_and(|at| at <= start) {
        return Err(Invalid::new(
            ErrorCode::BadExpiresAt,
            "expires_at is unix milliseconds after starts_at",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests;
