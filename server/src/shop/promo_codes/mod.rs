//! Promo codes: what a shopper types, and the discount a code gives a priced cart; the
//! merchant's [`terms`] for a code are beside it.
//!
//! Pure: storage reads the code's record and counts its uses (an order holds one from checkout
//! until it is paid, or gives it back when it lapses); the pre-checkout query re-checks that
//! the code is still offered (it may be switched off or expire between the invoice and the
//! payment).

pub mod terms;

use super::currencies::CurrencyTable;
use app::error_code::ErrorCode;
use app::money::{Currency, Money};

/// A code as the shop stores it: 3–32 of `A-Z`, `0-9`, `_`, `-`, upper case.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PromoCode(String);

impl PromoCode {
    /// Reads what a shopper typed: surrounding spaces and case do not matter.
    pub fn parse(typed: &str) -> Result<Self, PromoError> {
        let code = typed.trim().to_ascii_uppercase();
        let allowed = |b: u8| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_' || b == b'-';
        if (3..=32).contains(&code.len()) && code.bytes().all(allowed) {
            Ok(PromoCode(code))
        } else {
            Err(PromoError::Malformed)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// How much a code takes off.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Off {
    /// 1–100 % of the items.
    Percent(i64),
    /// A fixed amount, at most the items' total.
    Amount(i64),
}

/// A promo code's record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Promo {
    pub code: PromoCode,
    pub off: Off,
    /// The carts it applies to; `None`: any fiat currency (percent codes only).
    pub currency: Option<Currency>,
    /// The least the items must come to, in `currency`.
    pub min_items_minor: i64,
    pub max_uses: Option<i64>,
    pub uses: i64,
    pub starts_at: Option<i64>,
    pub expires_at: Option<i64>,
    pub active: bool,
}

/// Why a code gives nothing. Each has a stable code and a message for the shopper.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PromoError {
    #[error("a promo code is 3 to 32 letters, digits, '_' or '-'")]
    Malformed,
    #[error("there is no such promo code")]
    Unknown,
    #[error("this promo code is not valid yet")]
    NotYet,
    #[error("this promo code has expired")]
    Expired,
    #[error("this promo code has been used up")]
    UsedUp,
    #[error("this promo code is for items from {minimum}")]
    BelowMinimum { minimum: String },
    #[error("this promo code is for payments in {0}")]
    OtherCurrency(Currency),
    #[error("promo codes are for card payments, not Telegram Stars")]
    NotForStars,
}

impl PromoError {
    /// A stable machine-readable code, e.g. `promo_expired`.
    pub fn code(&self) -> ErrorCode {
        match self {
            Self::Malformed => ErrorCode::PromoMalformed,
            Self::Unknown => ErrorCode::PromoUnknown,
            Self::NotYet => ErrorCode::PromoNotYet,
            Self::Expired => ErrorCode::PromoExpired,
            Self::UsedUp => ErrorCode::PromoUsedUp,
            Self::BelowMinimum { .. } => ErrorCode::PromoMinimum,
            Self::OtherCurrency(_) => ErrorCode::PromoOtherCurrency,
            Self::NotForStars => ErrorCode::PromoNotForStars,
        }
    }
}

impl Promo {
    /// Whether the code can be used at `now` at all (active, started, not expired, not used
    /// up), whatever the cart.
    pub fn usable(&self, now: i64) -> Result<(), PromoError> {
        self.open(now)?;
        if self.max_uses.is_some_and(|max| self.uses >= max) {
            return Err(PromoError::UsedUp);
        }
        Ok(())
    }

    /// Whether the code is offered at `now` (active, started, not expired), leaving its uses
    /// aside: an order that holds one of them may still be paid for when the others are gone.
    pub fn open(&self, now: i64) -> Result<(), PromoError> {
        if !self.active || self.starts_at.is_some_and(|at| now < at) {
            return Err(PromoError::NotYet);
        }
        if self.expires_at.is_some_and(|at| now >= at) {
            return Err(PromoError::Expired);
        }
        Ok(())
    }

    /// The discount on `items` at `now`, in its minor units: never more than the items. A
    /// percentage is rounded down to a whole minor unit, so it never exceeds what it says.
    pub fn discount(&self, items: Money, now: i64, currencies: &CurrencyTable) -> Result<i64, PromoError> {
        if items.currency.is_stars() {
            return Err(PromoError::NotForStars);
        }
        self.usable(now)?;
        if let Some(currency) = self.currency {
            if currency != items.currency {
                return Err(PromoError::OtherCurrency(currency));
            }
            if items.minor < self.min_items_minor {
                let minimum = currencies.format(Money::new(self.min_items_minor, currency));
                return Err(PromoError::BelowMinimum { minimum });
            }
        }
        Ok(match self.off {
            Off::Percent(percent) => items.minor.saturating_mul(percent.clamp(0, 100)) / 100,
            Off::Amount(minor) => minor.clamp(0, items.minor),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn eur(minor: i64) -> Money {
        Money::new(minor, Currency::parse("EUR").unwrap())
    }

    fn promo(off: Off) -> Promo {
        Promo {
            code: PromoCode::parse("WELCOME10").unwrap(),
            off,
            currency: Some(Currency::parse("EUR").unwrap()),
            min_items_minor: 0,
            max_uses: None,
            uses: 0,
            starts_at: None,
            expires_at: None,
            active: true,
        }
    }

    fn discount(promo: &Promo, items: Money) -> Result<i64, PromoError> {
        promo.discount(items, 1_000, CurrencyTable::telegram())
    }

    #[test]
    fn codes_are_read_without_spaces_or_case() {
        assert_eq!(PromoCode::parse("  welcome10 ").unwrap().as_str(), "WELCOME10");
        assert_eq!(PromoCode::parse("SUMMER-24_X").unwrap().as_str(), "SUMMER-24_X");
        for bad in ["", "AB", "WELCOME 10", "ÉTÉ2026", &"A".repeat(33)] {
            assert_eq!(PromoCode::parse(bad), Err(PromoError::Malformed), "{bad:?}");
        }
    }

    #[test]
    fn a_percentage_is_rounded_down_and_an_amount_never_exceeds_the_items() {
        assert_eq!(discount(&promo(Off::Percent(10)), eur(2450)), Ok(245));
        assert_eq!(
            discount(&promo(Off::Percent(10)), eur(2455)),
            Ok(245),
            "245.5 → 245"
        );
        assert_eq!(discount(&promo(Off::Percent(100)), eur(2400)), Ok(2400));
        assert_eq!(discount(&promo(Off::Amount(500)), eur(2400)), Ok(500));
        assert_eq!(discount(&promo(Off::Amount(5000)), eur(2400)), Ok(2400));
    }

    #[test]
    fn each_limit_refuses_with_its_own_reason() {
        let xtr = Money::new(100, Currency::parse("XTR").unwrap());
        assert_eq!(
            discount(&promo(Off::Percent(10)), xtr),
            Err(PromoError::NotForStars)
        );
        let usd = Money::new(2400, Currency::parse("USD").unwrap());
        assert_eq!(
            discount(&promo(Off::Percent(10)), usd),
            Err(PromoError::OtherCurrency(Currency::parse("EUR").unwrap()))
        );
        let any_currency = Promo {
            currency: None,
            ..promo(Off::Percent(10))
        };
        assert_eq!(discount(&any_currency, usd), Ok(240));

        let minimum = Promo {
            min_items_minor: 3000,
            ..promo(Off::Amount(500))
        };
        assert_eq!(
            discount(&minimum, eur(2400)),
            Err(PromoError::BelowMinimum {
                minimum: "30,00 €".into()
            })
        );
        assert_eq!(discount(&minimum, eur(3000)), Ok(500));

        let window = Promo {
            starts_at: Some(500),
            expires_at: Some(2_000),
            ..promo(Off::Percent(10))
        };
        assert_eq!(window.usable(499), Err(PromoError::NotYet));
        assert_eq!(window.usable(500), Ok(()));
        assert_eq!(window.usable(2_000), Err(PromoError::Expired));
        let paused = Promo {
            active: false,
            ..promo(Off::Percent(10))
        };
        assert_eq!(paused.usable(1_000), Err(PromoError::NotYet));

        let used_up = Promo {
            max_uses: Some(3),
            uses: 3,
            ..promo(Off::Percent(10))
        };
        assert_eq!(discount(&used_up, eur(2400)), Err(PromoError::UsedUp));
        assert_eq!(discount(&Promo { uses: 2, ..used_up }, eur(2400)), Ok(240));
    }
}
