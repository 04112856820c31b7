//! The merchant's API under `/api/admin/` as one contract: every request and response body,
//! defined once. The server (`server::http::admin`) builds and serializes these types and
//! reads its requests with them; the merchant's pages (`crate::admin`) decode the answers and
//! send the requests as these same types, so the two sides cannot drift apart.
//!
//! Grouped as the API is: the session, the dashboard and webhook health, orders and the
//! merchant's moves on them, the catalog (categories, products, variants, stock, photos, their
//! texts in each language), and
//! the settings (shop, notifications, tips, shipping rates, promo codes).
//!
//! Types only; no rules. Only the merchant's pages use them, so they land in the admin's lazy
//! wasm chunk and cost the storefront's first open nothing. Error bodies and codes are
//! [`crate::api::ErrorBody`] and [`crate::error_code::ErrorCode`], shared with the shoppers'
//! API.

pub mod catalog;
pub mod dashboard;
pub mod delivery;
pub mod events;
pub mod orders;
pub mod posts;
pub mod salon;
pub mod session;
pub mod settings;
pub mod texts;

pub use catalog::*;
pub use dashboard::*;
pub use delivery::*;
pub use events::*;
pub use orders::*;
pub use posts::*;
pub use salon::*;
pub use session::*;
pub use settings::*;
pub use texts::*;

/// Reads a field that is present, so `Option<Option<T>>` with `#[serde(default)]` tells an
/// absent field (`None`: leave it) from `null` (`Some(None)`: remove it).
pub(crate) fn present<'de, D, T>(deserializer: D) -> Result<Option<Option<T>>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: serde::Deserialize<'de>,
{
    <Option<T> as serde::Deserialize>::deserialize(deserializer).map(Some)
}
