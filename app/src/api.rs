//! The contract between the UI and the server.
//!
//! The UI calls server functions declared here; on the server their bodies reach the shop
//! through the [`ShopService`] trait object in Leptos context, which the `server` crate
//! implements. This keeps database and Telegram code out of `app` and avoids a dependency
//! cycle between the two crates.

use crate::catalog::Catalog;
use leptos::prelude::*;
use leptos::server_fn::codec::JsonEncoding;
use serde::{Deserialize, Serialize};

/// What can go wrong when the page asks the server for something. The messages are shown to
/// shoppers, so they never carry internal details; the server logs those.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum ShopError {
    #[error("The shop is unavailable right now. Please try again in a moment.")]
    Unavailable,
    #[error("Could not reach the shop: {0}")]
    ServerFn(ServerFnErrorErr),
}

impl FromServerFnError for ShopError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        ShopError::ServerFn(value)
    }
}

/// The shop as the UI's server functions see it; implemented by the `server` crate.
#[cfg(feature = "ssr")]
#[async_trait::async_trait]
pub trait ShopService: Send + Sync + 'static {
    /// The catalog with prices formatted for display.
    async fn catalog(&self) -> Result<Catalog, ShopError>;
}

/// How the shop service is put into Leptos context.
#[cfg(feature = "ssr")]
pub type SharedShop = std::sync::Arc<dyn ShopService>;

/// Loads the catalog for the storefront.
#[server(prefix = "/app", endpoint = "catalog")]
pub async fn get_catalog() -> Result<Catalog, ShopError> {
    let shop = use_context::<SharedShop>().ok_or(ShopError::Unavailable)?;
    shop.catalog().await
}

/// Why the server refused a request of the page's, from its JSON error body
/// (`{"error": {"code": "sold_out", "message": "…"}}`), or why the answer could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refusal {
    /// The error's code, when the server sent one.
    pub code: Option<String>,
    /// The server's message (English), or what went wrong on the way.
    pub message: String,
}

impl Refusal {
    /// A refusal without a code (the network failed, the answer was not what was expected).
    pub fn other(message: impl Into<String>) -> Self {
        Refusal {
            code: None,
            message: message.into(),
        }
    }

    /// What to tell the shopper in `locale`: the server's own message in English (it names
    /// the product or the limit), a translation of the code's meaning in the other languages,
    /// the message itself for codes without a translation.
    pub fn text(&self, locale: crate::i18n::Locale) -> String {
        use crate::i18n::{td_string, Locale};
        if locale == Locale::en {
            return self.message.clone();
        }
        let translated = match self.code.as_deref().unwrap_or_default() {
            "sold_out" => td_string!(locale, error_sold_out_server),
            "promo_unknown" => td_string!(locale, error_promo_unknown),
            "promo_expired" => td_string!(locale, error_promo_expired),
            "promo_used_up" => td_string!(locale, error_promo_used_up),
            "promo_minimum" => td_string!(locale, error_promo_minimum),
            "promo_malformed"
            | "promo_missing"
            | "promo_not_yet"
            | "promo_other_currency"
            | "promo_not_for_stars" => {
                td_string!(locale, error_promo)
            }
            "below_minimum" | "above_maximum" => td_string!(locale, error_amount_limits),
            "telegram_unavailable" => td_string!(locale, error_telegram),
            "invoice_link_bad" => td_string!(locale, invoice_link_bad),
            "no_payment_provider" => td_string!(locale, error_no_provider),
            code if code.starts_with("init_data") || code == "authorization_not_tma" => {
                td_string!(locale, error_signed_out)
            }
            _ => return self.message.clone(),
        };
        translated.to_owned()
    }
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl From<serde_json::Error> for Refusal {
    fn from(error: serde_json::Error) -> Self {
        Refusal::other(error.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Locale;

    fn refusal(code: &str) -> Refusal {
        Refusal {
            code: Some(code.into()),
            message: format!("server says {code}"),
        }
    }

    #[test]
    fn english_shoppers_read_the_servers_own_message() {
        assert_eq!(
            refusal("promo_unknown").text(Locale::en),
            "server says promo_unknown"
        );
    }

    #[test]
    fn other_shoppers_read_the_codes_meaning_in_their_language() {
        let fr = refusal("promo_unknown").text(Locale::fr);
        assert_ne!(fr, "server says promo_unknown");
        assert_eq!(fr, crate::i18n::td_string!(Locale::fr, error_promo_unknown));
        assert_eq!(
            refusal("init_data_expired").text(Locale::ar),
            crate::i18n::td_string!(Locale::ar, error_signed_out)
        );
    }

    #[test]
    fn codes_without_a_translation_keep_the_servers_message() {
        assert_eq!(
            refusal("something_new").text(Locale::zh),
            "server says something_new"
        );
        assert_eq!(Refusal::other("offline").text(Locale::zh), "offline");
    }
}
