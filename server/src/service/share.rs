//! Selling in chats from the shop's side: the products an inline query asks for (the
//! storefront's search, a page at a time), and "Send to a chat" — a message prepared with
//! Telegram (`savePreparedInlineMessage`) for the shopper to send from the Mini App, used
//! again until it expires.
//!
//! What each product is offered as (an invoice, or a card that opens it) is
//! `crate::telegram::offer`'s to say.

use super::{ServiceError, ShopBackend};
use crate::shop::catalog::texts::shopper_language;
use crate::shop::catalog::Product;
use crate::shop::shared_invoice::SaleSource;
use crate::storage::telegram::prepared::Prepared;
use crate::storage::{Db, StorageError};
use crate::telegram::bot_api::{BotApi, SavePreparedInlineMessage};
use crate::telegram::offer::Shelf;
use crate::telegram::updates::inline::{Found, Offers, PAGE};
use app::catalog::ProductId;
use app::i18n::Locale;
use app::identity::WebAppUser;
use app::search::Browse;
use app::share::{PreparedMessage, SPARE_MS};
use sha2::{Digest, Sha256};

#[async_trait::async_trait]
impl Offers for ShopBackend {
    /// The products on sale matching every word of `query` (as the storefront's search
    /// matches: name, description, category and variants, case and accents ignored; all
    /// products for an empty query; the merchant's texts in every language they wrote), the
    /// page starting at `offset`, in `lang`.
    async fn matching(&self, query: &str, offset: usize, lang: Locale) -> Result<Found, StorageError> {
        let (catalog, products) = self.on_sale(lang).await?;
        let browse = Browse::new(Some(query), None);
        let wanted: Vec<ProductId> = browse
            .sections(&catalog)
            .into_iter()
            .flat_map(|(_, views)| views.into_iter().map(|view| view.id))
            .collect();
        let page: Vec<Product> = wanted
            .iter()
            .skip(offset)
            .take(PAGE)
            .filter_map(|id| products.iter().find(|p| p.id == *id).cloned())
            .collect();
        let next = Some(offset + PAGE).filter(|&next| next < wanted.len());
        Ok(Found { products: page, next })
    }
}

/// The message offering `product` that `shopper` may send to a chat: the one prepared before
/// while it has a minute left and the product and language are unchanged, else a new one.
pub async fn prepare(
    backend: &ShopBackend,
    db: &Db,
    api: &BotApi,
    shelf: &Shelf,
    shopper: &WebAppUser,
    product: ProductId,
    now: i64,
) -> Result<PreparedMessage, ServiceError> {
    let (_, products) = backend.on_sale(shopper_language(shopper)).await?;
    let product = products
        .iter()
        .find(|p| p.id == product)
        .ok_or(ServiceError::NoSuchProduct(product.0))?;
    let request = SavePreparedInlineMessage {
        user_id: shopper.id,
        result: shelf.result(product, SaleSource::App),
        allow_user_chats: Some(true),
        allow_bot_chats: Some(false),
        allow_group_chats: Some(true),
        allow_channel_chats: Some(true),
    };
    let hash = hex::encode(Sha256::digest(
        serde_json::to_vec(&request).expect("requests serialize"),
    ));
    if let Some(kept) = db
        .prepared_message(shopper.id, product.id, &hash, now + SPARE_MS)
        .await?
    {
        return Ok(wire(kept));
    }
    let answer = api
        .call(&request)
        .await
        .map_err(ServiceError::NoPreparedMessage)?;
    let prepared = Prepared {
        id: answer.id,
        expires_at: answer.expiration_date.saturating_mul(1000),
    };
    db.keep_prepared_message(shopper.id, product.id, &hash, &prepared)
        .await?;
    tracing::info!(product_id = product.id.0, "message prepared for sharing");
    Ok(wire(prepared))
}

fn wire(prepared: Prepared) -> PreparedMessage {
    PreparedMessage {
        id: prepared.id,
        expires_at: prepared.expires_at,
    }
}
