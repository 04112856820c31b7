//! Who is signed in: `GET /api/admin/session`; and the Mini App's sign-in,
//! `POST /api/admin/session` with its fresh initData, which answers the same with a token.

use crate::identity::UserId;
use serde::{Deserialize, Serialize};

/// `GET /api/admin/session`'s answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    /// The admin's Telegram user id.
    pub user_id: UserId,
    pub via: SignedInVia,
    /// To send in `X-CSRF-Token` with every change; `null` for the Mini App, which needs none.
    pub csrf_token: Option<String>,
    /// Only in the answer to `POST /api/admin/session`: the Mini App's session token, sent as
    /// `Authorization: Bearer <token>` with every later admin request (initData is accepted
    /// only to open the session, and only a few minutes old).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token: Option<String>,
    /// The language the admin page speaks to this admin: the merchant's choice in settings,
    /// else their Telegram language, else English.
    #[serde(default)]
    pub language: AdminLanguage,
    /// Where the page's texts in [`Session::language`] are (`/admin/texts/zh.<hash>.json`, a
    /// JSON object from each English text to its translation, cached for good since its name
    /// changes with its content); `null` for English, which the page holds itself.
    #[serde(default)]
    pub texts: Option<String>,
}

/// A language the admin page is written in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AdminLanguage {
    #[default]
    En,
    Zh,
    Fr,
    Ar,
}

impl AdminLanguage {
    /// Every language, English first.
    pub const ALL: [AdminLanguage; 4] = [Self::En, Self::Zh, Self::Fr, Self::Ar];

    /// The language's code: `en`, `zh`, `fr` or `ar` (also its BCP 47 tag for `Intl`).
    pub fn code(self) -> &'static str {
        match self {
            Self::En => "en",
            Self::Zh => "zh",
            Self::Fr => "fr",
            Self::Ar => "ar",
        }
    }

    /// The language of a Telegram `language_code` (`zh-hans`, `fr-CA`…): its primary subtag,
    /// `None` for a language the admin page is not written in.
    pub fn from_tag(tag: &str) -> Option<Self> {
        let primary = tag.split(['-', '_']).next().unwrap_or_default();
        Self::ALL
            .into_iter()
            .find(|l| l.code().eq_ignore_ascii_case(primary))
    }

    /// The first language of an `Accept-Language` header the admin page is written in (`q`
    /// weights aside: browsers list languages by preference).
    pub fn from_accept_language(header: &str) -> Option<Self> {
        header
            .split(',')
            .map(|tag| tag.split(';').next().unwrap_or_default().trim())
            .find_map(Self::from_tag)
    }

    /// `rtl` for Arabic, else `ltr`.
    pub fn dir(self) -> &'static str {
        match self {
            Self::Ar => "rtl",
            _ => "ltr",
        }
    }

    /// The language's own name, as the settings' selector offers it.
    pub fn own_name(self) -> &'static str {
        match self {
            Self::En => "English",
            Self::Zh => "中文",
            Self::Fr => "Français",
            Self::Ar => "العربية",
        }
    }
}

/// How the admin proved who they are.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SignedInVia {
    /// The Mini App, with the session its initData opened (`Authorization: Bearer …`).
    Telegram,
    /// A browser session from a one-time sign-in link (a cookie).
    Session,
}

impl SignedInVia {
    /// As the wire carries it: `telegram` or `session`.
    pub fn as_str(self) -> &'static str {
        match self {
            SignedInVia::Telegram => "telegram",
            SignedInVia::Session => "session",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::AdminLanguage;

    #[test]
    fn a_telegram_language_code_names_its_primary_language() {
        assert_eq!(AdminLanguage::from_tag("zh-hans"), Some(AdminLanguage::Zh));
        assert_eq!(AdminLanguage::from_tag("fr-CA"), Some(AdminLanguage::Fr));
        assert_eq!(AdminLanguage::from_tag("AR"), Some(AdminLanguage::Ar));
        assert_eq!(AdminLanguage::from_tag("en"), Some(AdminLanguage::En));
        assert_eq!(AdminLanguage::from_tag("de"), None);
        assert_eq!(AdminLanguage::from_tag(""), None);
    }

    #[test]
    fn a_browser_language_is_its_first_one_the_page_is_written_in() {
        let header = "de-DE,zh-CN;q=0.9,en;q=0.8";
        assert_eq!(
            AdminLanguage::from_accept_language(header),
            Some(AdminLanguage::Zh)
        );
        assert_eq!(
            AdminLanguage::from_accept_language("en-US,en;q=0.9"),
            Some(AdminLanguage::En)
        );
        assert_eq!(AdminLanguage::from_accept_language("de"), None);
        assert_eq!(AdminLanguage::from_accept_language(""), None);
    }
}
