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
