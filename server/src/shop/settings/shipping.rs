//! Shipping zones and rates as the merchant sets them: per destination country (ISO 3166-1
//! alpha-2, as Telegram's `ShippingAddress.country_code` names it) a list of options, each
//! with an id the invoice's `shipping_option_id` carries, a title and a price.
//!
//! Pure; `crate::storage::settings::shipping` keeps the rates and the shipping query answers from them.

use super::{fiat_currency, max_amount, Invalid};
use app::error_code::ErrorCode;
use app::money::Currency;

/// ISO 3166-1 alpha-2 codes in use (from the iso-codes project), plus XK, which payment
/// forms use for Kosovo. A rate for any other code could never match an address.
const COUNTRIES: &str = "ADAEAFAGAIALAMAOAQARASATAUAWAXAZBABBBDBEBFBGBHBIBJBLBMBNBOBQBRBSBTBVBWBYBZ\
CACCCDCFCGCHCICKCLCMCNCOCRCUCVCWCXCYCZDEDJDKDMDODZECEEEGEHERESETFIFJFKFMFOFRGAGBGDGEGFGGGHGIGLGMGN\
GPGQGRGSGTGUGWGYHKHMHNHRHTHUIDIEILIMINIOIQIRISITJEJMJOJPKEKGKHKIKMKNKPKRKWKYKZLALBLCLILKLRLSLTLU\
LVLYMAMCMDMEMFMGMHMKMLMMMNMOMPMQMRMSMTMUMVMWMXMYMZNANCNENFNGNINLNONPNRNUNZOMPAPEPFPGPHPKPLPMPNPR\
PSPTPWPYQARERORSRURWSASBSCSDSESGSHSISJSKSLSMSNSOSRSSSTSVSXSYSZTCTDTFTGTHTJTKTLTMTNTOTRTTTVTWTZUA\
UGUMUSUYUZVAVCVEVGVIVNVUWFWSXKYEYTZAZMZW";

/// A destination country: an assigned ISO 3166-1 alpha-2 code, upper case.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CountryCode(String);

impl CountryCode {
    /// Reads a code in any case (`de` → `DE`).
    pub fn parse(typed: &str) -> Result<Self, Invalid> {
        let code = typed.trim().to_ascii_uppercase();
        let assigned = code.len() == 2
            && code.bytes().all(|b| b.is_ascii_uppercase())
            && COUNTRIES.as_bytes().chunks(2).any(|pair| pair == code.as_bytes());
        if !assigned {
            return Err(Invalid::new(
                ErrorCode::BadCountryCode,
                "country_code is an ISO 3166-1 alpha-2 country code, such as DE",
            ));
        }
        Ok(CountryCode(code))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A shipping option's id within its country: 1–32 of `a-z`, `0-9`, `_`, `-`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RateId(String);

impl RateId {
    pub fn parse(typed: &str) -> Result<Self, Invalid> {
        let allowed = |b: u8| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-';
        if !(1..=32).contains(&typed.len()) || !typed.bytes().all(allowed) {
            return Err(Invalid::new(
                ErrorCode::BadId,
                "id is 1 to 32 lower-case letters, digits, '_' or '-'",
            ));
        }
        Ok(RateId(typed.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// What a rate costs and how it is shown: everything but its key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RateTerms {
    /// Shown in the payment sheet and as the invoice line: 1–64 characters, trimmed.
    pub title: String,
    pub price_minor: i64,
    /// A currency Telegram takes card payments in: Stars invoices ship nothing.
    pub currency: Currency,
    /// Order among the country's options, ascending.
    pub position: i64,
}

impl RateTerms {
    pub fn parse(title: &str, price_minor: i64, currency: &str, position: i64) -> Result<Self, Invalid> {
        let title = title.trim();
        if !(1..=64).contains(&title.chars().count()) || title.chars().any(char::is_control) {
            return Err(Invalid::new(
                ErrorCode::BadTitle,
                "title is 1 to 64 characters, without line breaks",
            ));
        }
        let currency = fiat_currency("currency", ErrorCode::BadCurrency, currency)?;
        let limit = max_amount(currency);
        if !(0..=limit).contains(&price_minor) {
            return Err(Invalid::new(
                ErrorCode::BadPriceMinor,
                format!("price_minor is between 0 and {limit} (minor units of {currency})"),
            ));
        }
        Ok(RateTerms {
            title: title.to_owned(),
            price_minor,
            currency,
            position,
        })
    }
}

/// A shipping rate: the options to one country are keyed by `id`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShippingRate {
    pub country_code: CountryCode,
    pub id: RateId,
    pub terms: RateTerms,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn country_codes_are_assigned_alpha_2_codes_in_upper_case() {
        assert_eq!(CountryCode::parse(" de ").unwrap().as_str(), "DE");
        assert_eq!(CountryCode::parse("GB").unwrap().as_str(), "GB");
        assert_eq!(COUNTRIES.len(), 250 * 2);
        for bad in ["", "D", "DEU", "UK", "*", "D1", "ÄÖ"] {
            assert_eq!(
                CountryCode::parse(bad).unwrap_err().code,
                "bad_country_code",
                "{bad:?}"
            );
        }
    }

    #[test]
    fn rate_ids_are_short_lower_case_slugs() {
        assert_eq!(RateId::parse("express_24-h").unwrap().as_str(), "express_24-h");
        for bad in ["", "Express", "next day", &"a".repeat(33)] {
            assert_eq!(RateId::parse(bad).unwrap_err().code, "bad_id", "{bad:?}");
        }
    }

    #[test]
    fn a_rate_costs_nothing_or_more_in_a_card_currency() {
        let free = RateTerms::parse(" Pick-up ", 0, "eur", -1).unwrap();
        assert_eq!(
            (free.title.as_str(), free.price_minor, free.currency.as_str()),
            ("Pick-up", 0, "EUR")
        );
        let refusals = [
            ("", 100, "EUR", "bad_title"),
            ("Post", -1, "EUR", "bad_price_minor"),
            ("Post", i64::MAX, "EUR", "bad_price_minor"),
            ("Post", 100, "XTR", "bad_currency"),
            ("Post", 100, "ZZZ", "bad_currency"),
        ];
        for (title, price, currency, code) in refusals {
            let refused = RateTerms::parse(title, price, currency, 0).unwrap_err();
            assert_eq!(refused.code, code, "{title:?} {price} {currency}");
        }
    }
}
