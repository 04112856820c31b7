//! Telegram's table of payment currencies, and prices formatted by its rules.
//!
//! The table is Telegram's own `currencies.json` (see `server/data/`), compiled in: exp digits,
//! symbol and its position, separators, and the min/max amount of one payment. Telegram Stars
//! (`XTR`) are not in it: they are whole numbers shown as `⭐ 250`.

use app::money::{Currency, Money};
use serde::{Deserialize, Deserializer};
use std::collections::HashMap;
use std::sync::OnceLock;

/// How Telegram writes and limits amounts in one currency.
#[derive(Clone, Debug, Deserialize)]
pub struct CurrencyRules {
    pub symbol: String,
    pub thousands_sep: String,
    pub decimal_sep: String,
    pub symbol_left: bool,
    pub space_between: bool,
    /// Digits after the decimal point (2 for EUR, 0 for JPY).
    pub exp: u32,
    /// The smallest total Telegram accepts for one payment, in minor units.
    #[serde(deserialize_with = "number_or_string")]
    pub min_amount: i64,
    /// The largest total Telegram accepts for one payment, in minor units.
    #[serde(deserialize_with = "number_or_string")]
    pub max_amount: i64,
}

/// Telegram's currencies by code.
#[derive(Debug)]
pub struct CurrencyTable(HashMap<Currency, CurrencyRules>);

impl CurrencyTable {
    /// The table Telegram publishes, parsed once.
    pub fn telegram() -> &'static CurrencyTable {
        static TABLE: OnceLock<CurrencyTable> = OnceLock::new();
        TABLE.get_or_init(|| {
            let raw: HashMap<String, CurrencyRules> =
                serde_json::from_str(include_str!("../../data/currencies.json"))
                    .expect("server/data/currencies.json is Telegram's table and parses");
            let rules = raw
                .into_iter()
                .filter_map(|(code, r)| Some((Currency::parse(&code).ok()?, r)))
                .collect();
            CurrencyTable(rules)
        })
    }

    /// The rules for a fiat currency Telegram accepts; `None` for Stars and unknown codes.
    pub fn rules(&self, currency: Currency) -> Option<&CurrencyRules> {
        self.0.get(&currency)
    }

    /// True when Telegram takes payments in `currency` (any table entry, or Stars).
    pub fn accepts(&self, currency: Currency) -> bool {
        currency.is_stars() || self.0.contains_key(&currency)
    }

    /// Formats an amount taken off, such as a discount, with a minus sign: `−2,40 €`.
    pub fn format_off(&self, money: Money) -> String {
        format!("−{}", self.format(money))
    }

    /// Formats an amount as Telegram shows it: `24,00 €`, `$1,234.50`, `⭐ 250`.
    pub fn format(&self, money: Money) -> String {
        let sign = if money.minor < 0 { "-" } else { "" };
        let amount = money.minor.unsigned_abs();
        if money.currency.is_stars() {
            return format!("{sign}⭐ {}", group_thousands(amount, ","));
        }
        let Some(rules) = self.rules(money.currency) else {
            return format!("{sign}{amount} {}", money.currency);
        };
        let unit = 10u64.pow(rules.exp);
        let mut number = group_thousands(amount / unit, &rules.thousands_sep);
        if rules.exp > 0 {
            let fraction = amount % unit;
            number.push_str(&format!(
                "{}{fraction:0width$}",
                rules.decimal_sep,
                width = rules.exp as usize
            ));
        }
        let space = if rules.space_between { " " } else { "" };
        if rules.symbol_left {
            format!("{sign}{}{space}{number}", rules.symbol)
        } else {
            format!("{sign}{number}{space}{}", rules.symbol)
        }
    }
}

/// `1234567` → `1,234,567` with the given separator.
fn group_thousands(value: u64, separator: &str) -> String {
    let digits = value.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 * separator.len());
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push_str(separator);
        }
        out.push(digit);
    }
    out
}

/// Telegram's file writes limits as strings, except USD's maximum, which is a number.
fn number_or_string<'de, D: Deserializer<'de>>(deserializer: D) -> Result<i64, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Raw {
        Number(i64),
        Text(String),
    }
    match Raw::deserialize(deserializer)? {
        Raw::Number(n) => Ok(n),
        Raw::Text(s) => s.parse().map_err(serde::de::Error::custom),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn money(minor: i64, code: &str) -> Money {
        Money::new(minor, Currency::parse(code).unwrap())
    }

    #[test]
    fn the_whole_telegram_table_loads() {
        let table = CurrencyTable::telegram();
        assert_eq!(table.0.len(), 86);
        assert_eq!(table.rules(Currency::parse("JPY").unwrap()).unwrap().exp, 0);
        assert!(table.rules(Currency::parse("USD").unwrap()).unwrap().max_amount > 0);
    }

    #[test]
    fn prices_follow_each_currencys_symbol_and_separators() {
        let table = CurrencyTable::telegram();
        assert_eq!(table.format(money(2400, "EUR")), "24,00 €");
        assert_eq!(table.format(money(123_450, "USD")), "$1,234.50");
        assert_eq!(table.format(money(1500, "JPY")), "¥1,500");
        assert_eq!(table.format(money(-5, "USD")), "-$0.05");
    }

    #[test]
    fn stars_are_whole_numbers_with_a_star() {
        assert_eq!(CurrencyTable::telegram().format(money(250, "XTR")), "⭐ 250");
        assert_eq!(CurrencyTable::telegram().format(money(12500, "XTR")), "⭐ 12,500");
    }

    #[test]
    fn only_telegram_currencies_and_stars_are_accepted() {
        let table = CurrencyTable::telegram();
        assert!(table.accepts(Currency::parse("EUR").unwrap()) && table.accepts(Currency::STARS));
        assert!(!table.accepts(Currency::parse("ABC").unwrap()));
    }
}
