//! The bot's updates, whether they come through the webhook or long polling: shipping and
//! pre-checkout queries answered from the shop's records, payments and refunds recorded
//! exactly once, `/start` greeted with a button that opens the shop, `/paysupport` and
//! `/privacy` answered as Telegram asks of a bot that takes payments, Stars subscriptions'
//! charges and changes and their chat's join requests (`subscriptions`), inline queries
//! answered with the products they ask for (`inline`).
//!
//! Each update's id is stored in the transaction of its effects (`crate::storage::telegram::updates`);
//! the caller may acknowledge the update only when [`UpdateHandler::handle`] returns `Ok`.
//! Bot messages go through the outbox, so they are sent after the commit and at most once.

mod admin_command;
mod commands;
mod delivery;
pub mod inline;
pub mod messages;
mod payment;
mod queries;
pub mod salon;
mod shared;
pub mod subscriptions;

pub use commands::bot_commands;
pub use messages::{Outgoing, OutgoingMessage};

use super::bot_api::{BotApi, BotApiError, Update, UpdateKind};
use crate::storage::telegram::updates::Claim;
use crate::storage::{Db, StorageError};
use app::identity::UserId;
use std::sync::{Arc, OnceLock};
use tokio::sync::Notify;

/// Why an update could not be handled now. Every case is worth a redelivery: the caller
/// answers 5xx (webhook) or does not advance its offset (polling).
#[derive(Debug, thiserror::Error)]
pub enum UpdateError {
    #[error("storage failed: {0}")]
    Storage(#[from] StorageError),
    #[error("the Bot API failed: {0}")]
    Telegram(#[from] BotApiError),
}

/// Where the bot's buttons lead, and who hears about sales.
#[derive(Clone, Debug)]
pub struct BotSettings {
    /// The storefront's URL, e.g. `https://shop.example/shop`.
    pub shop_url: String,
    /// The admin page's URL, e.g. `https://shop.example/admin`.
    pub admin_url: String,
    /// The privacy policy's page, e.g. `https://shop.example/privacy`.
    pub privacy_url: String,
    /// The shop's admins (`ADMIN_USER_IDS`): the bot's /admin command answers only them, and
    /// they are told about each sale while the merchant chose no notification chat
    /// (`crate::shop::settings::ShopSettings::merchant_chats`).
    pub admins: Vec<UserId>,
    /// The bot's @username once getMe answered: inline results' cards link to
    /// `t.me/<username>/…`.
    pub username: Arc<OnceLock<String>>,
    /// The fiat payment provider's token, for the invoices of inline results.
    pub payment_providers: crate::config::PaymentProviders,
}

/// Handles updates against the database and the Bot API.
#[derive(Clone)]
pub struct UpdateHandler {
    db: Db,
    bot: BotApi,
    settings: Arc<BotSettings>,
    /// Woken when messages were queued, so the outbox sends them at once.
    outbox: Arc<Notify>,
    /// What inline queries are answered with.
    offers: Arc<dyn inline::Offers>,
}

impl UpdateHandler {
    /// A handler; `outbox` is the sender's wake-up call.
    pub fn new(
        db: Db,
        bot: BotApi,
        settings: BotSettings,
        outbox: Arc<Notify>,
        offers: Arc<dyn inline::Offers>,
    ) -> Self {
        UpdateHandler {
            db,
            bot,
            settings: Arc::new(settings),
            outbox,
            offers,
        }
    }

    /// Handles one update. `Ok` means its effects are committed (or it was handled before).
    #[tracing::instrument(skip_all, fields(update_id = update.update_id, kind = ?update.kind()))]
    pub async fn handle(&self, update: &Update) -> Result<(), UpdateError> {
        let now = crate::clock::now_ms();
        match update.kind() {
            UpdateKind::PreCheckoutQuery => {
                let query = update.pre_checkout_query.as_ref().expect("kind says it is there");
                queries::pre_checkout(self, update.update_id, query, now).await
            }
            UpdateKind::ShippingQuery => {
                let query = update.shipping_query.as_ref().expect("kind says it is there");
                queries::shipping(self, update.update_id, query, now).await
            }
            UpdateKind::Message => {
                let message = update.message.as_ref().expect("kind says it is there");
                payment::message(self, update.update_id, message, now).await
            }
            UpdateKind::Subscription => {
                let changed = update.subscription.as_ref().expect("kind says it is there");
                subscriptions::changed(self, update.update_id, changed, now).await
            }
            UpdateKind::InlineQuery => {
                let query = update.inline_query.as_ref().expect("kind says it is there");
                inline::answer(self, update.update_id, query, now).await
            }
            UpdateKind::ChatJoinRequest => {
                let request = update.chat_join_request.as_ref().expect("kind says it is there");
                subscriptions::join_request(self, update.update_id, request, now).await
            }
            other => {
                tracing::info!(kind = ?other, "update needs nothing from the shop");
                self.record_only(update.update_id, "other", now).await
            }
        }
    }

    /// Records an update that changes nothing, so it is not handled twice.
    async fn record_only(&self, update_id: i64, kind: &str, now: i64) -> Result<(), UpdateError> {
        if let Claim::New(tx) = self.db.begin_update(update_id, kind, now).await? {
            tx.commit().await?;
        }
        Ok(())
    }
}
