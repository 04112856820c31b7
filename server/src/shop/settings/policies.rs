//! What Telegram asks of every bot that takes payments, as the merchant sets it: how a buyer
//! reaches the shop about a payment (`/paysupport`) and the shop's privacy policy (`/privacy`
//! and the Mini App's privacy page), each with a default while the merchant set none.
//!
//! Pure; `crate::storage::settings::policies` keeps them, `crate::http::admin` takes them in.

use super::Invalid;
use app::error_code::ErrorCode;
use app::i18n::{td_string, Locale};

/// The longest support contact: a line such as `@ada_support`, an email or "call +33 …".
pub const MAX_CONTACT: usize = 200;
/// The longest privacy policy: the bot sends it in one message (Telegram's limit is 4096
/// characters), with a line naming the shop's page.
pub const MAX_POLICY: usize = 3500;

/// How buyers reach the merchant about a payment: one line of 1 to [`MAX_CONTACT`]
/// characters, without control characters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SupportContact(String);

impl SupportContact {
    pub fn parse(typed: &str) -> Result<Self, Invalid> {
        let contact = typed.trim();
        let length = contact.chars().count();
        if !(1..=MAX_CONTACT).contains(&length) || contact.chars().any(char::is_control) {
            return Err(Invalid::new(
                ErrorCode::BadSupportContact,
                format!(
                    "support_contact is one line of 1 to {MAX_CONTACT} characters, such as @username or an email address"
                ),
            ));
        }
        Ok(SupportContact(contact.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The shop's privacy policy as the merchant wrote it: 1 to [`MAX_POLICY`] characters, line
/// breaks and tabs allowed, no other control characters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PrivacyPolicy(String);

impl PrivacyPolicy {
    pub fn parse(typed: &str) -> Result<Self, Invalid> {
        let policy = typed.trim().replace("\r\n", "\n");
        let length = policy.chars().count();
        let control = policy.chars().any(|c| c.is_control() && c != '\n' && c != '\t');
        if !(1..=MAX_POLICY).contains(&length) || control {
            return Err(Invalid::new(
                ErrorCode::BadPrivacyPolicy,
                format!("privacy_policy is 1 to {MAX_POLICY} characters of text (line breaks allowed)"),
            ));
        }
        Ok(PrivacyPolicy(policy))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The merchant's policies; `None` keeps the default.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Policies {
    pub support_contact: Option<SupportContact>,
    pub privacy_policy: Option<PrivacyPolicy>,
}

impl Policies {
    /// The policy buyers read: the merchant's, or the default for `shop_name` in `locale`
    /// (the reader's language; the merchant's own text is in theirs).
    pub fn privacy_policy(&self, shop_name: &str, locale: Locale) -> String {
        match &self.privacy_policy {
            Some(policy) => policy.as_str().to_owned(),
            None => default_privacy_policy(shop_name, self.support_contact.as_ref(), locale),
        }
    }
}

/// The policy a shop has before its merchant writes one, in `locale`: who keeps what, why,
/// for how long, and how to have it deleted.
pub fn default_privacy_policy(shop_name: &str, contact: Option<&SupportContact>, locale: Locale) -> String {
    let ask = match contact {
        Some(contact) => {
            td_string!(locale, privacy_default_ask_contact, contact = contact.as_str()).to_string()
        }
        None => td_string!(locale, privacy_default_ask_bot).to_owned(),
    };
    [
        td_string!(locale, privacy_default_title, shop = shop_name).to_string(),
        td_string!(locale, privacy_default_keep).to_owned(),
        td_string!(locale, privacy_default_why).to_owned(),
        td_string!(locale, privacy_default_how_long).to_owned(),
        td_string!(locale, privacy_default_rights, ask).to_string(),
    ]
    .join("\n\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_support_contact_is_one_trimmed_line_of_at_most_200_characters() {
        assert_eq!(
            SupportContact::parse("  @ada_support ").unwrap().as_str(),
            "@ada_support"
        );
        assert!(SupportContact::parse(&"x".repeat(MAX_CONTACT)).is_ok());
        for bad in ["", "   ", "a\nb", &"x".repeat(MAX_CONTACT + 1)] {
            let refused = SupportContact::parse(bad).unwrap_err();
            assert_eq!(refused.code, ErrorCode::BadSupportContact, "{bad:?}");
        }
    }

    #[test]
    fn a_privacy_policy_keeps_its_lines_and_refuses_other_control_characters() {
        let policy = PrivacyPolicy::parse("Line one\r\nLine two\n").unwrap();
        assert_eq!(policy.as_str(), "Line one\nLine two");
        assert!(PrivacyPolicy::parse(&"é".repeat(MAX_POLICY)).is_ok());
        for bad in ["", "\n ", "bell\u{7}", &"x".repeat(MAX_POLICY + 1)] {
            let refused = PrivacyPolicy::parse(bad).unwrap_err();
            assert_eq!(refused.code, ErrorCode::BadPrivacyPolicy, "{bad:?}");
        }
    }

    #[test]
    fn the_default_policy_names_the_shop_what_it_keeps_and_how_to_ask_for_deletion() {
        let policies = Policies::default();
        let text = policies.privacy_policy("Atelier Ada", Locale::en);
        assert!(text.starts_with("Privacy policy of Atelier Ada"), "{text}");
        for said in [
            "Telegram id",
            "orders",
            "shipping address",
            "How long",
            "delete",
            "/paysupport",
        ] {
            assert!(text.contains(said), "{said}: {text}");
        }
        let contact = SupportContact::parse("help@ada.example").unwrap();
        let policies = Policies {
            support_contact: Some(contact),
            privacy_policy: None,
        };
        assert!(policies
            .privacy_policy("Ada", Locale::en)
            .contains("help@ada.example"));
        assert!(policies.privacy_policy("Ada", Locale::en).chars().count() <= MAX_POLICY);
    }

    #[test]
    fn the_default_policy_is_in_the_readers_language() {
        let policies = Policies::default();
        let french = policies.privacy_policy("Atelier Ada", Locale::fr);
        assert!(
            french.starts_with("Politique de confidentialité de Atelier Ada"),
            "{french}"
        );
        assert!(french.contains("/paysupport"), "{french}");
        let chinese = policies.privacy_policy("Atelier Ada", Locale::zh);
        assert!(chinese.starts_with("Atelier Ada 的隐私政策"), "{chinese}");
        for locale in [Locale::en, Locale::zh, Locale::fr, Locale::ar] {
            let text = policies.privacy_policy("Ada", locale);
            assert_eq!(text.split("\n\n").count(), 5, "{text}");
            assert!(text.chars().count() <= MAX_POLICY);
        }
    }

    #[test]
    fn the_merchants_policy_replaces_the_default() {
        let policies = Policies {
            support_contact: None,
            privacy_policy: Some(PrivacyPolicy::parse("We keep nothing.").unwrap()),
        };
        assert_eq!(policies.privacy_policy("Ada", Locale::en), "We keep nothing.");
    }
}
