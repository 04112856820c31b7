//! The payment providers' tokens: `PAYMENT_PROVIDER_TOKENS=EUR:…,USD:…` names one per
//! currency, and `PAYMENT_PROVIDER_TOKEN` takes every other fiat currency; Stars need none.
//!
//! Owns their parsing (each token's shape checked at start-up, errors naming the variable and
//! the entry, never the token) and the one choice of a token for an invoice,
//! [`PaymentProviders::provider_for`]. Tokens stay in [`Secret`]s: no `Debug` or error prints
//! them, and only their non-secret [`PaymentProvider`] is recorded with orders.

use super::{ConfigError, Secret};
use crate::shop::currencies::CurrencyTable;
use crate::shop::payment_provider::{PaymentProvider, ProviderMode, ProviderName};
use app::money::Currency;
use std::collections::BTreeMap;

/// The variable naming the default token.
const DEFAULT_VAR: &str = "PAYMENT_PROVIDER_TOKEN";
/// The variable naming a token per currency.
const PER_CURRENCY_VAR: &str = "PAYMENT_PROVIDER_TOKENS";

/// The longest token taken after its `<id>:<mode>:` (Telegram's are a few dozen characters).
const MAX_TOKEN_TAIL: usize = 512;

/// A provider token as @BotFather gives it (`<provider id>:LIVE:<secret>` or
/// `…:TEST:…`), with the provider it names. Its `Debug` shows the provider, never the token.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProviderToken {
    provider: PaymentProvider,
    token: Secret,
}

impl ProviderToken {
    /// Parses `[<name>=]<digits>:<LIVE|TEST>:<rest>`; the error says what is wrong without
    /// repeating the token.
    pub fn parse(text: &str) -> Result<Self, &'static str> {
        let (name, token) = match text.starts_with(|c: char| c.is_ascii_digit()) {
            true => (None, text),
            false => {
                let (name, token) = text
                    .split_once('=')
                    .ok_or("expected a token from @BotFather (<digits>:LIVE:… or <digits>:TEST:…), optionally after a name and = (Stripe=…)")?;
                let name = ProviderName::parse(name.trim()).ok_or(
                    "a provider's name is 1-32 letters, digits, spaces, '.', '_' or '-', starting with a letter",
                )?;
                (Some(name), token.trim())
            }
        };
        let shape = "a provider token has the shape <digits>:LIVE:<secret> or <digits>:TEST:<secret>, as @BotFather shows it under Payments";
        let mut parts = token.splitn(3, ':');
        let (id, mode, tail) = match (parts.next(), parts.next(), parts.next()) {
            (Some(id), Some(mode), Some(tail)) => (id, mode, tail),
            _ => return Err(shape),
        };
        let id = match id.len() <= 19 && id.bytes().all(|b| b.is_ascii_digit()) {
            true => id.parse::<u64>().ok().filter(|id| *id > 0).ok_or(shape)?,
            false => return Err(shape),
        };
        let mode = match mode {
            "LIVE" => ProviderMode::Live,
            "TEST" => ProviderMode::Test,
            _ => return Err(shape),
        };
        let tail_ok = (1..=MAX_TOKEN_TAIL).contains(&tail.len())
            && tail.bytes().all(|b| {
                b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'=' | b'+' | b'/' | b'.' | b':')
            });
        if !tail_ok {
            return Err(shape);
        }
        Ok(ProviderToken {
            provider: PaymentProvider {
                name: name.unwrap_or_else(|| ProviderName::unnamed(id)),
                mode,
            },
            token: Secret::new(token),
        })
    }

    /// Which provider this token pays through: what orders record and the merchant sees.
    pub fn provider(&self) -> &PaymentProvider {
        &self.provider
    }

    /// The token, for the invoice that needs it and nothing else.
    pub fn expose(&self) -> &str {
        self.token.expose()
    }
}

/// Every configured provider token: one per currency, and a default for the others.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PaymentProviders {
    /// `PAYMENT_PROVIDER_TOKEN`: for fiat currencies without a token of their own.
    pub default: Option<ProviderToken>,
    /// `PAYMENT_PROVIDER_TOKENS`: by currency.
    pub by_currency: BTreeMap<Currency, ProviderToken>,
}

impl PaymentProviders {
    /// The token an invoice in `currency` is sent with: the currency's own, else the default.
    /// `None` for Stars (their invoices carry an empty token) and for a fiat currency no
    /// provider takes (checkout refuses it: `no_payment_provider`).
    pub fn provider_for(&self, currency: Currency) -> Option<&ProviderToken> {
        match currency.is_stars() {
            true => None,
            false => self.by_currency.get(&currency).or(self.default.as_ref()),
        }
    }

    /// True when no provider token is configured at all.
    pub fn is_empty(&self) -> bool {
        self.default.is_none() && self.by_currency.is_empty()
    }

    /// The simulator's stand-in provider, a test-mode one, for a sandbox with no token set.
    pub fn sandbox() -> Self {
        PaymentProviders {
            default: Some(
                ProviderToken::parse("Simulator=1:TEST:SANDBOX-PROVIDER-TOKEN").expect("a well-formed token"),
            ),
            by_currency: BTreeMap::new(),
        }
    }

    /// The configured providers in test mode, each with what it takes: a currency code, or
    /// `None` for the default (every other currency). For the merchant's dashboard.
    pub fn in_test_mode(&self) -> Vec<(Option<Currency>, &PaymentProvider)> {
        let by_currency = self.by_currency.iter().map(|(c, t)| (Some(*c), t));
        let default = self.default.iter().map(|t| (None, t));
        by_currency
            .chain(default)
            .filter(|(_, token)| token.provider.is_test())
            .map(|(currency, token)| (currency, &token.provider))
            .collect()
    }

    /// Parses `PAYMENT_PROVIDER_TOKEN` and `PAYMENT_PROVIDER_TOKENS` (either may be unset).
    pub(super) fn parse(default: Option<&str>, per_currency: Option<&str>) -> Result<Self, ConfigError> {
        let default = default
            .map(|token| ProviderToken::parse(token).map_err(|why| ConfigError::invalid(DEFAULT_VAR, why)))
            .transpose()?;
        let by_currency = per_currency
            .map(parse_per_currency)
            .transpose()?
            .unwrap_or_default();
        Ok(PaymentProviders { default, by_currency })
    }
}

/// `EUR:<token>,USD:<name>=<token>`: each currency once, each one Telegram takes for cards.
fn parse_per_currency(list: &str) -> Result<BTreeMap<Currency, ProviderToken>, ConfigError> {
    let mut tokens = BTreeMap::new();
    let entries = list.split(',').map(str::trim).filter(|e| !e.is_empty());
    for (position, entry) in entries.enumerate().map(|(i, e)| (i + 1, e)) {
        let invalid =
            |why: String| ConfigError::invalid(PER_CURRENCY_VAR, format!("entry {position}: {why}"));
        let (code, token) = entry
            .split_once(':')
            .ok_or_else(|| invalid("expected <currency>:<token>, e.g. EUR:123456789:LIVE:…".into()))?;
        let code = code.trim();
        let currency = Currency::parse(code)
            .ok()
            .filter(|c| CurrencyTable::telegram().accepts(*c))
            .ok_or_else(|| {
                invalid(format!("{code:?} is not a currency Telegram takes payments in (see https://core.telegram.org/bots/payments#supported-currencies)"))
            })?;
        if currency.is_stars() {
            return Err(invalid(
                "XTR: payments in Telegram Stars take no provider token".into(),
            ));
        }
        let token =
            ProviderToken::parse(token.trim()).map_err(|why| invalid(format!("{currency}: {why}")))?;
        if tokens.insert(currency, token).is_some() {
            return Err(invalid(format!(
                "{currency} has a token already: give each currency one"
            )));
        }
    }
    Ok(tokens)
}

#[cfg(test)]
mod tests;
