//! The contract between the UI and the server.
//!
//! The storefront's catalog is a resource: on the server its loader reaches the shop through
//! the [`ShopService`] trait object in Leptos context, which the `server` crate implements
//! (this keeps database and Telegram code out of `app` and avoids a dependency cycle between
//! the two crates); in the browser, where the page hydrates from the server's copy, it is
//! fetched from `GET /api/products` only when a page is reached by client-side navigation.

use crate::catalog::Catalog;
pub use crate::error_code::ErrorCode;
#[cfg(feature = "ssr")]
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// What can go wrong when the page asks the server for the catalog. The messages are shown
/// to shoppers, so they never carry internal details; the server logs those.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum ShopError {
    #[error("The shop is unavailable right now. Please try again in a moment.")]
    Unavailable,
    #[error("Could not reach the shop: {0}")]
    Unreachable(String),
}

/// The shop as the UI's catalog loader sees it; implemented by the `server` crate.
#[cfg(feature = "ssr")]
#[async_trait::async_trait]
pub trait ShopService: Send + Sync + 'static {
    /// The catalog with prices formatted for display, its texts in `lang` where the merchant
    /// wrote them in it.
    async fn catalog(&self, lang: crate::i18n::Locale) -> Result<Catalog, ShopError>;
}

/// How the shop service is put into Leptos context.
#[cfg(feature = "ssr")]
pub type SharedShop = std::sync::Arc<dyn ShopService>;

/// Loads the catalog for the storefront in the page's language `lang`: from the shop on the
/// server, from `GET /api/products?lang=` in the browser. A plain fetch rather than a server
/// function: the latter's client (its HTTP, streams and error types) weighed on the
/// storefront's first open.
pub async fn get_catalog(lang: crate::i18n::Locale) -> Result<Catalog, ShopError> {
    #[cfg(feature = "ssr")]
    {
        let shop = use_context::<SharedShop>().ok_or(ShopError::Unavailable)?;
        shop.catalog(lang).await
    }
    #[cfg(all(feature = "hydrate", not(feature = "ssr")))]
    {
        use leptos_i18n::Locale as _;
        send_wrapper::SendWrapper::new(async move {
            let path = format!("/api/products?lang={}", lang.as_str());
            let body = crate::telegram::bridge::get(&path)
                .await
                .map_err(|why| ShopError::Unreachable(why.message))?;
            serde_json::from_str(&body).map_err(|e| ShopError::Unreachable(e.to_string()))
        })
        .await
    }
    #[cfg(not(any(feature = "ssr", feature = "hydrate")))]
    {
        let _ = lang;
        Err(ShopError::Unavailable)
    }
}

/// The body of every refusal the server answers: `{"error": {"code": "…", "message": "…"}}`.
/// The server serializes it; the pages read the two fields straight from the JSON (a derived
/// decoder would weigh on the storefront's first open).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

/// A refusal's code and its message (English, naming the problem; never internal details).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorDetail {
    pub code: ErrorCode,
    pub message: String,
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
        // Each code's wire string as a constant computed at compile time, so the match below
        // is the same string comparisons as with literals: the storefront never carries
        // ErrorCode's table of every code, and a renamed code does not compile.
        macro_rules! wire {
            ($($name:ident = $variant:ident),+ $(,)?) => {
                $(const $name: &str = ErrorCode::$variant.as_str();)+
            };
        }
        wire!(
            SOLD_OUT = SoldOut,
            PROMO_UNKNOWN = PromoUnknown,
            PROMO_EXPIRED = PromoExpired,
            PROMO_USED_UP = PromoUsedUp,
            PROMO_MINIMUM = PromoMinimum,
            PROMO_MALFORMED = PromoMalformed,
            PROMO_MISSING = PromoMissing,
            PROMO_NOT_YET = PromoNotYet,
            PROMO_OTHER_CURRENCY = PromoOtherCurrency,
            PROMO_NOT_FOR_STARS = PromoNotForStars,
            BELOW_MINIMUM = BelowMinimum,
            ABOVE_MAXIMUM = AboveMaximum,
            TELEGRAM_UNAVAILABLE = TelegramUnavailable,
            INVOICE_LINK_BAD = InvoiceLinkBad,
            NO_PAYMENT_PROVIDER = NoPaymentProvider,
            OVER_BUYER_LIMIT = OverBuyerLimit,
            RATE_LIMITED = RateLimited,
            AUTHORIZATION_NOT_TMA = AuthorizationNotTma,
        );
        if locale == Locale::en {
            return self.message.clone();
        }
        let translated = match self.code.as_deref().unwrap_or_default() {
            SOLD_OUT => td_string!(locale, error_sold_out_server),
            PROMO_UNKNOWN => td_string!(locale, error_promo_unknown),
            PROMO_EXPIRED => td_string!(locale, error_promo_expired),
            PROMO_USED_UP => td_string!(locale, error_promo_used_up),
            PROMO_MINIMUM => td_string!(locale, error_promo_minimum),
            PROMO_MALFORMED | PROMO_MISSING | PROMO_NOT_YET | PROMO_OTHER_CURRENCY | PROMO_NOT_FOR_STARS => {
                td_string!(locale, error_promo)
            }
            BELOW_MINIMUM | ABOVE_MAXIMUM => td_string!(locale, error_amount_limits),
            TELEGRAM_UNAVAILABLE => td_string!(locale, error_telegram),
            INVOICE_LINK_BAD => td_string!(locale, invoice_link_bad),
            NO_PAYMENT_PROVIDER => td_string!(locale, error_no_provider),
            OVER_BUYER_LIMIT => td_string!(locale, error_over_buyer_limit),
            RATE_LIMITED => td_string!(locale, error_rate_limited),
            code if code.starts_with(INIT_DATA_CODES) || code == AUTHORIZATION_NOT_TMA => {
                td_string!(locale, error_signed_out)
            }
            _ => return self.message.clone(),
        };
        translated.to_owned()
    }
}

/// What every code about refused initData starts with (`init_data_expired`, …): one prefix
/// test instead of fourteen comparisons in the storefront's wasm; a test below checks that
/// exactly the `InitData*` codes have it.
const INIT_DATA_CODES: &str = "init_data";

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
    fn exactly_the_init_data_codes_read_as_signed_out() {
        let init_data = [
            ErrorCode::InitDataMissing,
            ErrorCode::InitDataHashMissing,
            ErrorCode::InitDataHashMalformed,
            ErrorCode::InitDataHashWrong,
            ErrorCode::InitDataDuplicateKey,
            ErrorCode::InitDataFieldAmbiguous,
            ErrorCode::InitDataAuthDateMissing,
            ErrorCode::InitDataAuthDateMalformed,
            ErrorCode::InitDataExpired,
            ErrorCode::InitDataFromTheFuture,
            ErrorCode::InitDataUserMissing,
            ErrorCode::InitDataUserMalformed,
            ErrorCode::InitDataSignatureMissing,
            ErrorCode::InitDataSignatureMalformed,
            ErrorCode::InitDataSignatureWrong,
        ];
        for code in ErrorCode::ALL {
            let prefixed = code.as_str().starts_with(INIT_DATA_CODES);
            assert_eq!(prefixed, init_data.contains(code), "{code:?}");
            if prefixed {
                assert_eq!(
                    refusal(code.as_str()).text(Locale::fr),
                    crate::i18n::td_string!(Locale::fr, error_signed_out)
                );
            }
        }
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
