//! Prices as the merchant types them ("12.50" euros) and as the API takes them (1250 minor
//! units). The number of decimals is Telegram's `exp` for the currency (currencies.json):
//! 2 for most, 0 for the few below and for Stars.

use crate::admin::texts::{t, tf};
use std::fmt;

/// Currencies without minor units in Telegram's table, and Stars (`XTR`).
const NO_DECIMALS: [&str; 8] = ["CLP", "ISK", "JPY", "KRW", "PYG", "UGX", "VND", "XTR"];

/// How many decimals an amount in `currency` has.
pub(crate) fn exponent(currency: &str) -> u32 {
    match NO_DECIMALS.contains(&currency) {
        true => 0,
        false => 2,
    }
}

/// Why a typed amount was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum AmountError {
    Empty,
    Negative,
    TooManyDecimals(u32),
    NotANumber,
    TooLarge,
}

impl fmt::Display for AmountError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AmountError::Empty => f.write_str(t("enter an amount")),
            AmountError::Negative => f.write_str(t("an amount cannot be negative")),
            AmountError::TooManyDecimals(0) => f.write_str(t("this currency has no decimals")),
            AmountError::TooManyDecimals(n) => f.write_str(&tf!("at most {n} decimals", n = n)),
            AmountError::NotANumber => {
                f.write_str(t("an amount is digits with one decimal point, like 12.50"))
            }
            AmountError::TooLarge => f.write_str(t("the amount is too large")),
        }
    }
}

/// Parses `"12.50"` (or `"12,50"`) in `currency` into minor units (`1250`).
pub(crate) fn parse_amount(text: &str, currency: &str) -> Result<i64, AmountError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(AmountError::Empty);
    }
    if text.starts_with('-') {
        return Err(AmountError::Negative);
    }
    let exp = exponent(currency);
    let (whole, fraction) = match text.split_once(['.', ',']) {
        Some((whole, fraction)) => (whole, fraction),
        None => (text, ""),
    };
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if (whole.is_empty() && fraction.is_empty()) || !digits(whole) || !digits(fraction) {
        return Err(AmountError::NotANumber);
    }
    if fraction.len() > exp as usize {
        return Err(AmountError::TooManyDecimals(exp));
    }
    let scale = 10_i64.pow(exp);
    let whole: i64 = match whole {
        "" => 0,
        w => w.parse().map_err(|_| AmountError::TooLarge)?,
    };
    let fraction: i64 = format!("{fraction:0<width$}", width = exp as usize)
        .parse()
        .unwrap_or(0);
    whole
        .checked_mul(scale)
        .and_then(|w| w.checked_add(fraction))
        .ok_or(AmountError::TooLarge)
}

/// Minor units as the merchant would type them: `1250` EUR → `"12.50"`, `50` XTR → `"50"`.
pub(crate) fn format_amount(minor: i64, currency: &str) -> String {
    let exp = exponent(currency);
    if exp == 0 {
        return minor.to_string();
    }
    let scale = 10_i64.pow(exp);
    let sign = if minor < 0 { "-" } else { "" };
    let (whole, fraction) = (
        minor.unsigned_abs() / scale as u64,
        minor.unsigned_abs() % scale as u64,
    );
    format!("{sign}{whole}.{fraction:0width$}", width = exp as usize)
}

/// An optional Stars price as typed: empty for none, else whole Stars (the server checks
/// Telegram's limits).
pub(crate) fn parse_stars(typed: &str) -> Result<Option<i64>, AmountError> {
    match typed.trim() {
        "" => Ok(None),
        typed => parse_amount(typed, "XTR").map(Some),
    }
}

/// True for a product priced in a fiat currency, which may take a Stars price besides.
pub(crate) fn takes_stars_price(currency: &str) -> bool {
    !currency.trim().eq_ignore_ascii_case("XTR")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn euros_are_typed_with_up_to_two_decimals() {
        assert_eq!(parse_amount("12.50", "EUR"), Ok(1250));
        assert_eq!(parse_amount("12,5", "EUR"), Ok(1250));
        assert_eq!(parse_amount("12", "EUR"), Ok(1200));
        assert_eq!(parse_amount(" 0.07 ", "EUR"), Ok(7));
        assert_eq!(parse_amount(".5", "EUR"), Ok(50));
        assert_eq!(parse_amount("3.", "EUR"), Ok(300));
    }

    #[test]
    fn stars_and_yen_are_whole_numbers() {
        assert_eq!(parse_amount("50", "XTR"), Ok(50));
        assert_eq!(parse_amount("1200", "JPY"), Ok(1200));
        assert_eq!(parse_amount("1.5", "XTR"), Err(AmountError::TooManyDecimals(0)));
    }

    #[test]
    fn negatives_extra_decimals_and_garbage_are_refused() {
        assert_eq!(parse_amount("-1", "EUR"), Err(AmountError::Negative));
        assert_eq!(parse_amount("1.005", "EUR"), Err(AmountError::TooManyDecimals(2)));
        assert_eq!(parse_amount("", "EUR"), Err(AmountError::Empty));
        for garbage in ["12.50€", "1 000", "1.2.3", "abc", "+5", "1e3", ".", "0x10"] {
            assert_eq!(
                parse_amount(garbage, "EUR"),
                Err(AmountError::NotANumber),
                "{garbage}"
            );
        }
        assert_eq!(
            parse_amount("99999999999999999999", "EUR"),
            Err(AmountError::TooLarge)
        );
        assert_eq!(
            parse_amount("92233720368547759", "EUR"),
            Err(AmountError::TooLarge)
        );
    }

    #[test]
    fn amounts_are_shown_as_they_are_typed() {
        assert_eq!(format_amount(1250, "EUR"), "12.50");
        assert_eq!(format_amount(7, "USD"), "0.07");
        assert_eq!(format_amount(50, "XTR"), "50");
        assert_eq!(format_amount(-120, "EUR"), "-1.20");
        for minor in [0, 1, 99, 100, 123_456] {
            assert_eq!(parse_amount(&format_amount(minor, "EUR"), "EUR"), Ok(minor));
        }
    }

    #[test]
    fn a_stars_price_is_optional_whole_stars() {
        assert_eq!(parse_stars(" "), Ok(None));
        assert_eq!(parse_stars("250"), Ok(Some(250)));
        assert_eq!(parse_stars("2.5"), Err(AmountError::TooManyDecimals(0)));
        assert!(takes_stars_price("EUR") && !takes_stars_price("xtr"));
    }
}
