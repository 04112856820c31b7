//! Which payment provider took a card payment, as the merchant sees it: a name and whether
//! the provider runs in test mode (Telegram's `…:TEST:…` tokens, where no money moves).
//!
//! Never the provider token itself: that is a secret kept by `crate::config::ProviderToken`,
//! and neither stored with orders nor shown anywhere.

use std::fmt;

/// A provider as the merchant recognises it on an order: the name given in the configuration
/// (`EUR:Stripe=…`) or, without one, `provider <id>` after the number the token starts with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PaymentProvider {
    pub name: ProviderName,
    pub mode: ProviderMode,
}

impl PaymentProvider {
    /// True for a test-mode provider: its payments move no money.
    pub fn is_test(&self) -> bool {
        self.mode == ProviderMode::Test
    }
}

impl fmt::Display for PaymentProvider {
    /// `Stripe`, or `Stripe (test)` for a test-mode provider.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.mode {
            ProviderMode::Live => write!(f, "{}", self.name),
            ProviderMode::Test => write!(f, "{} (test)", self.name),
        }
    }
}

/// Live money, or Telegram's test mode.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ProviderMode {
    Live,
    Test,
}

impl ProviderMode {
    /// `live` or `test`, as stored.
    pub fn as_str(self) -> &'static str {
        match self {
            ProviderMode::Live => "live",
            ProviderMode::Test => "test",
        }
    }

    /// The stored text back; `None` for anything else.
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "live" => Some(ProviderMode::Live),
            "test" => Some(ProviderMode::Test),
            _ => None,
        }
    }
}

/// A provider's name: 1–32 characters, starting with a letter, of letters, digits, spaces and
/// `. _ -` (so it can never be mistaken for a token, which starts with a digit).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProviderName(String);

/// The longest provider name, in characters.
pub const MAX_PROVIDER_NAME: usize = 32;

impl ProviderName {
    /// A name the merchant chose; `None` when it breaks the rules above.
    pub fn parse(name: &str) -> Option<Self> {
        let allowed = |c: char| c.is_alphanumeric() || matches!(c, ' ' | '.' | '_' | '-');
        let well_formed = name.chars().next().is_some_and(char::is_alphabetic)
            && name.chars().count() <= MAX_PROVIDER_NAME
            && name.chars().all(allowed)
            && name.trim() == name;
        well_formed.then(|| ProviderName(name.to_owned()))
    }

    /// The name of a provider the merchant did not name: after the number its token starts
    /// with (the provider's bot in Telegram).
    pub fn unnamed(provider_id: u64) -> Self {
        ProviderName(format!("provider {provider_id}"))
    }

    /// A name read back from storage, as it was written.
    pub fn stored(name: String) -> Self {
        ProviderName(name)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ProviderName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_start_with_a_letter_and_stay_short() {
        for good in ["Stripe", "Smart Glocal", "PayMaster-2", "Ю.Касса", "银联"] {
            assert_eq!(ProviderName::parse(good).unwrap().as_str(), good);
        }
        for bad in ["", "1Stripe", " Stripe", "Stripe ", "a=b", "a:b", &"x".repeat(33)] {
            assert_eq!(ProviderName::parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn a_test_provider_says_so_when_shown() {
        let provider = |mode| PaymentProvider {
            name: ProviderName::unnamed(284685063),
            mode,
        };
        assert_eq!(
            provider(ProviderMode::Test).to_string(),
            "provider 284685063 (test)"
        );
        assert_eq!(provider(ProviderMode::Live).to_string(), "provider 284685063");
        assert!(provider(ProviderMode::Test).is_test());
        for mode in [ProviderMode::Live, ProviderMode::Test] {
            assert_eq!(ProviderMode::parse(mode.as_str()), Some(mode));
        }
    }
}
