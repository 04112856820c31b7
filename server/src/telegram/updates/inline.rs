//! Inline queries: `@<bot> mug` typed in any chat is answered at once with the products it
//! asks for (the storefront's search), each an invoice anyone in that chat can pay or a card
//! that opens the product (`crate::telegram::offer`), in the user's language, a page at a
//! time (`next_offset`).
//!
//! Nothing is written but the update's id, after the answer: an inline query changes nothing
//! in the shop, and the user is waiting. A redelivered query is answered again: Telegram
//! refuses a second answer, and a refusal for good is settled.

use super::{UpdateError, UpdateHandler};
use crate::shop::catalog::Product;
use crate::shop::shared_invoice::SaleSource;
use crate::storage::StorageError;
use crate::telegram::bot_api::{AnswerInlineQuery, BotApiError, InlineQuery};
use crate::telegram::offer::links;
use crate::telegram::offer::Shelf;
use app::i18n::Locale;

/// How many products one inline answer lists (Telegram takes at most 50).
pub const PAGE: usize = 10;

/// A page of what an inline query asks for.
pub struct Found {
    /// The products of this page, in the storefront's order.
    pub products: Vec<Product>,
    /// Where the next page starts; `None` after the last.
    pub next: Option<usize>,
}

/// What inline mode offers: the products on sale matching a query, as the storefront's search
/// finds them. The service layer answers it (`crate::service::share`); the handler is given
/// one, so this layer needs nothing above it.
#[async_trait::async_trait]
pub trait Offers: Send + Sync {
    /// The page of products on sale matching `query` from `offset`, with texts in `lang`.
    async fn matching(&self, query: &str, offset: usize, lang: Locale) -> Result<Found, StorageError>;
}

/// Seconds Telegram may serve an answer again without asking: short, as stock and prices
/// change, long enough to spare the shop the keystrokes of one search.
pub const CACHE_SECS: i64 = 30;

/// Answers an inline query with a page of the products it asks for.
pub(super) async fn answer(
    handler: &UpdateHandler,
    update_id: i64,
    query: &InlineQuery,
    now: i64,
) -> Result<(), UpdateError> {
    let settings = &handler.settings;
    let offset = query.offset.parse::<usize>().unwrap_or(0);
    let language = query.from.language_code.as_deref().unwrap_or_default();
    let locale = app::language::for_language_code(language);
    let Found { products, next } = handler.offers.matching(&query.query, offset, locale).await?;
    let links = links(&handler.db, &settings.shop_url, settings.username.get().cloned()).await?;
    let shelf = Shelf::new(language, links, settings.payment_providers.clone());
    let call = AnswerInlineQuery {
        inline_query_id: query.id.clone(),
        results: products
            .iter()
            .map(|product| shelf.result(product, SaleSource::Inline))
            .collect(),
        cache_time: Some(CACHE_SECS),
        // The results are in the asker's language: another user's may differ.
        is_personal: Some(true),
        next_offset: Some(next.map(|n| n.to_string()).unwrap_or_default()),
    };
    tracing::info!(results = call.results.len(), offset, "answering inline query");
    settle(handler.bot.call(&call).await)?;
    handler.record_only(update_id, "inline_query", now).await
}

/// A refusal for good (the query is too old) is settled; a transient failure is retried.
fn settle(result: Result<bool, BotApiError>) -> Result<(), UpdateError> {
    match result {
        Ok(_) => Ok(()),
        Err(error) if error.is_transient() => Err(error.into()),
        Err(error) => {
            tracing::warn!(%error, "Telegram refused the answer to an inline query");
            Ok(())
        }
    }
}
