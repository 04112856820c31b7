//! Money as integer minor units plus a currency code — never floating point.
//!
//! Amounts are `i64` because Telegram's limits exceed `u32` (IDR's maximum is over 15 billion
//! minor units). Whether Telegram accepts a currency, and how it is formatted, is the server's
//! currency table's business; this module only guarantees a well-formed code.

use serde::{Deserialize, Serialize};
use std::fmt;

/// An ISO 4217-style currency code: exactly three ASCII capital letters (`EUR`, `XTR`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Currency([u8; 3]);

/// Why a currency code was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("currency code must be three capital letters, got {0:?}")]
pub struct CurrencyError(pub String);

impl Currency {
    /// Telegram Stars, the currency of digital goods sold inside Telegram.
    pub const STARS: Currency = Currency(*b"XTR");

    /// Parses a code such as `"EUR"`; lower case and other lengths are refused.
    pub fn parse(code: &str) -> Result<Self, CurrencyError> {
        match code.as_bytes() {
            &[a, b, c] if [a, b, c].iter().all(u8::is_ascii_uppercase) => Ok(Currency([a, b, c])),
            _ => Err(CurrencyError(code.to_owned())),
        }
    }

    /// The code as text.
    pub fn as_str(&self) -> &str {
        // The constructor admits ASCII letters only, so this cannot fail.
        std::str::from_utf8(&self.0).unwrap_or("???")
    }

    /// True for Telegram Stars (`XTR`).
    pub fn is_stars(&self) -> bool {
        *self == Self::STARS
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl TryFrom<String> for Currency {
    type Error = CurrencyError;
    fn try_from(code: String) -> Result<Self, Self::Error> {
        Currency::parse(&code)
    }
}

impl From<Currency> for String {
    fn from(currency: Currency) -> Self {
        currency.as_str().to_owned()
    }
}

/// An amount in the currency's smallest unit (cents for EUR, whole Stars for XTR).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Money {
    /// Minor units, e.g. `2400` for €24.00.
    pub minor: i64,
    /// The currency the amount is in.
    pub currency: Currency,
}

impl Money {
    /// An amount of `minor` units of `currency`.
    pub fn new(minor: i64, currency: Currency) -> Self {
        Money { minor, currency }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn three_capital_letters_make_a_currency() {
        assert_eq!(Currency::parse("EUR").unwrap().as_str(), "EUR");
        assert!(Currency::parse("XTR").unwrap().is_stars());
    }

    #[test]
    fn malformed_currency_codes_are_refused() {
        for bad in ["", "eu", "eur", "EURO", "E1R", "ÉUR"] {
            assert_eq!(
                Currency::parse(bad),
                Err(CurrencyError(bad.to_owned())),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn money_travels_as_minor_units_and_a_code() {
        let json = serde_json::to_string(&Money::new(2400, Currency::parse("EUR").unwrap())).unwrap();
        assert_eq!(json, r#"{"minor":2400,"currency":"EUR"}"#);
        let bad: Result<Money, _> = serde_json::from_str(r#"{"minor":1,"currency":"eur"}"#);
        assert!(bad.is_err());
    }
}
