//! The shop's bot at run time: its Bot API client and update handler, and the background work
//! it needs — registering its commands and profile (`super::profile`), receiving updates (a webhook registered with its secret,
//! or long polling when the shop has no public URL), sending the outbox, expiring unpaid orders,
//! lapsing unpaid subscriptions, and forgetting old update ids.

use super::bot_api::{
    BotApi, DeleteWebhook, GetMe, GetUpdates, MenuButtonWebApp, SetChatMenuButton, SetMyCommands, SetWebhook,
};
use super::outbox;
use super::updates::UpdateHandler;
use crate::clock::now_ms;
use crate::config::{PaymentProviders, ProviderToken, Secret};
use crate::storage::telegram::updates::UPDATE_IDS_KEPT;
use crate::storage::Db;
use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;
use std::sync::{Arc, OnceLock};
use std::time::Duration;
use tokio::sync::Notify;
use tokio::task::JoinHandle;

/// The update kinds the shop asks Telegram for.
/// `subscription` (Bot API 10.2) is sent only to bots that name it.
pub const ALLOWED_UPDATES: [&str; 7] = [
    "message",
    "callback_query",
    "shipping_query",
    "pre_checkout_query",
    "chat_join_request",
    "subscription",
    "inline_query",
];

/// What handlers need of the bot.
pub struct ShopBot {
    pub api: BotApi,
    pub updates: UpdateHandler,
    /// Telegram sends it in `X-Telegram-Bot-Api-Secret-Token` with every webhook update.
    pub webhook_secret: Secret,
    /// The fiat payment providers' tokens (per currency, and a default); Stars need none.
    /// An invoice's token is [`ShopBot::provider_for`] its currency.
    pub payment_providers: PaymentProviders,
    /// How long checkout holds stock for an unpaid order.
    pub reservation: Duration,
    /// The storefront's URL (`…/shop`), for the chat menu button.
    pub shop_url: String,
    /// Wakes the outbox sender.
    pub outbox: Arc<Notify>,
    /// Where digital goods' files are kept (`DELIVERY_DIR`), for the outbox to send.
    pub deliveries: Arc<std::path::Path>,
    /// The bot's @username once getMe answered: share links (`t.me/<username>?startapp=…`)
    /// need it.
    pub username: Arc<OnceLock<String>>,
}

/// How updates reach the shop.
#[derive(Clone, Debug)]
pub enum Delivery {
    /// Telegram POSTs them to this URL (`…/telegram/webhook`).
    Webhook(String),
    /// The shop asks with getUpdates.
    Polling,
}

/// The languages the bot's command menu is written in besides English (the default for every
/// other language), as Telegram's `language_code`s.
pub(super) const COMMAND_LANGUAGES: [(&str, app::i18n::Locale); 3] = [
    ("fr", app::i18n::Locale::fr),
    ("zh", app::i18n::Locale::zh),
    ("ar", app::i18n::Locale::ar),
];

/// Registers the bot's commands (`setMyCommands`: start, paysupport, privacy), in English for
/// everyone and in each language the shop speaks, retrying with backoff until Telegram takes
/// them: `/paysupport` must be in the menu of a bot that takes payments.
async fn set_commands(api: BotApi) {
    let english = (None, app::i18n::Locale::en);
    let languages = COMMAND_LANGUAGES.map(|(code, locale)| (Some(code), locale));
    for (language_code, locale) in std::iter::once(english).chain(languages) {
        let request = SetMyCommands {
            commands: crate::telegram::updates::bot_commands(locale),
            language_code: language_code.map(str::to_owned),
        };
        let mut wait = Duration::from_millis(200);
        while let Err(error) = api.call(&request).await {
            tracing::warn!(%error, ?language_code, "could not set the bot's commands; retrying");
            tokio::time::sleep(wait).await;
            wait = (wait * 2).min(Duration::from_secs(60));
        }
    }
    tracing::info!("the bot's commands are set");
}

/// A webhook secret derived from the bot token when `WEBHOOK_SECRET` is not set: stable, so
/// replicas sharing one bot agree on it, and unguessable without the token.
pub fn derived_webhook_secret(token: &str) -> Secret {
    let mut mac = Hmac::<Sha256>::new_from_slice(token.as_bytes()).expect("HMAC takes any key");
    mac.update(b"shop webhook secret");
    Secret::new(hex::encode(mac.finalize().into_bytes()))
}

impl ShopBot {
    /// The provider token an invoice in `currency` is sent with (see
    /// [`PaymentProviders::provider_for`]): `None` for Stars, whose invoices carry an empty
    /// token, and for a fiat currency no provider takes.
    pub fn provider_for(&self, currency: app::money::Currency) -> Option<&ProviderToken> {
        self.payment_providers.provider_for(currency)
    }

    /// Starts the bot's background tasks; they run until aborted.
    pub fn spawn(self: &Arc<Self>, db: &Db, delivery: Delivery) -> Vec<JoinHandle<()>> {
        let bot = self.clone();
        let receive = match delivery {
            Delivery::Webhook(url) => tokio::spawn(async move { bot.register_webhook(url).await }),
            Delivery::Polling => {
                let db = db.clone();
                tokio::spawn(async move { bot.poll(&db).await })
            }
        };
        let expiry_db = db.clone();
        let every = (self.reservation / 10).clamp(Duration::from_millis(200), Duration::from_secs(15));
        let bot = self.clone();
        vec![
            receive,
            tokio::spawn(async move { bot.learn_username().await }),
            tokio::spawn(set_commands(self.api.clone())),
            tokio::spawn(super::profile::set(self.api.clone(), db.clone())),
            tokio::spawn(outbox::run(
                db.clone(),
                self.api.clone(),
                self.outbox.clone(),
                self.deliveries.clone(),
            )),
            tokio::spawn(async move { expire_orders(expiry_db, every).await }),
            tokio::spawn(remind(
                db.clone(),
                self.clone(),
                every.max(Duration::from_secs(1)),
            )),
            tokio::spawn(prune_update_ids(db.clone())),
            tokio::spawn(lapse_subscriptions(
                db.clone(),
                self.outbox.clone(),
                every.max(Duration::from_secs(1)),
            )),
        ]
    }

    /// Registers the webhook, retrying with backoff until Telegram takes it, then gives every
    /// chat with the bot a menu button that opens the shop.
    async fn register_webhook(&self, url: String) {
        let request = SetWebhook {
            url: url.clone(),
            secret_token: Some(self.webhook_secret.expose().to_owned()),
            allowed_updates: Some(ALLOWED_UPDATES.iter().map(|k| k.to_string()).collect()),
            ..SetWebhook::default()
        };
        let mut wait = Duration::from_millis(200);
        loop {
            match self.api.call(&request).await {
                Ok(_) => {
                    tracing::info!(%url, "webhook registered");
                    return self.set_menu_button().await;
                }
                Err(error) => tracing::warn!(%error, "could not register the webhook; retrying"),
            }
            tokio::time::sleep(wait).await;
            wait = (wait * 2).min(Duration::from_secs(60));
        }
    }

    /// Asks Telegram for the bot's username, retrying with backoff until it answers.
    async fn learn_username(&self) {
        let mut wait = Duration::from_millis(200);
        loop {
            match self.api.call(&GetMe::default()).await {
                Ok(me) => {
                    match me.username {
                        Some(username) => _ = self.username.set(username),
                        None => tracing::warn!("getMe named no username: products cannot be shared"),
                    }
                    return;
                }
                Err(error) => tracing::warn!(%error, "getMe failed; retrying"),
            }
            tokio::time::sleep(wait).await;
            wait = (wait * 2).min(Duration::from_secs(60));
        }
    }

    /// The default menu button (beside the message field in every private chat) opens the shop.
    /// Set after the webhook, because both need the shop's public URL; a failure only costs
    /// the button, so it is logged, not retried.
    async fn set_menu_button(&self) {
        let request = SetChatMenuButton {
            chat_id: None,
            menu_button: Some(MenuButtonWebApp::new("Shop", self.shop_url.clone())),
        };
        match self.api.call(&request).await {
            Ok(_) => tracing::info!(url = %self.shop_url, "menu button set"),
            Err(error) => tracing::warn!(%error, "could not set the chat menu button"),
        }
    }

    /// Long polling: each update is handled before the next offset confirms it to Telegram.
    /// Replicas sharing the database take turns through a lease ([`POLLING_LEASE`]): only its
    /// holder calls getUpdates (Telegram refuses a second concurrent poller with 409), and
    /// renews it before every call and between updates; the others ask for it every
    /// [`STANDBY`] and take it over once a dead holder's lease ran out. Should two ever poll at
    /// once, each update still has one effect (`Db::begin_update`).
    async fn poll(&self, db: &Db) {
        if let Err(error) = self.api.call(&DeleteWebhook::default()).await {
            tracing::warn!(%error, "could not delete an old webhook before polling");
        }
        let holder = replica_id();
        let mut holding = false;
        let mut offset = 0;
        loop {
            let held = renew_polling_lease(db, &holder).await;
            if held != holding {
                tracing::info!(held, "this replica's turn at polling Telegram changed");
                holding = held;
            }
            if !held {
                tokio::time::sleep(STANDBY).await;
                continue;
            }
            let request = GetUpdates {
                offset: Some(offset),
                timeout: Some(LONG_POLL_SECS),
                allowed_updates: Some(ALLOWED_UPDATES.iter().map(|k| k.to_string()).collect()),
                ..GetUpdates::default()
            };
            let updates = match self.api.call(&request).await {
                Ok(updates) => updates,
                Err(error) => {
                    tracing::warn!(%error, "getUpdates failed; retrying");
                    tokio::time::sleep(error.retry_after().unwrap_or(Duration::from_secs(2))).await;
                    continue;
                }
            };
            let mut renewed = tokio::time::Instant::now();
            for update in updates {
                if renewed.elapsed() >= RENEW_EVERY {
                    if !renew_polling_lease(db, &holder).await {
                        break;
                    }
                    renewed = tokio::time::Instant::now();
                }
                if let Err(error) = self.updates.handle(&update).await {
                    tracing::warn!(%error, "update not handled; asking again");
                    tokio::time::sleep(Duration::from_secs(1)).await;
                    break;
                }
                offset = update.update_id + 1;
            }
        }
    }
}

/// The lease whose holder long-polls Telegram (`crate::storage::leases`).
pub const POLLING_LEASE: &str = "telegram_polling";
/// How long the polling lease holds unrenewed: a dead poller is replaced within this (plus
/// [`STANDBY`]).
const LEASE: Duration = Duration::from_secs(10);
/// How long one getUpdates call waits for updates: the lease is renewed before each call, so
/// this, plus handling what it returns, must fit well within [`LEASE`].
const LONG_POLL_SECS: i64 = 3;
/// How often the poller renews its lease while it handles a batch of updates.
const RENEW_EVERY: Duration = Duration::from_secs(3);
/// How often a replica without the lease asks for it.
const STANDBY: Duration = Duration::from_secs(2);

/// Takes or renews the polling lease for `holder`; false when another replica holds it or the
/// database does not answer (without it no update could be recorded anyway).
async fn renew_polling_lease(db: &Db, holder: &str) -> bool {
    let now = now_ms();
    let until = now + LEASE.as_millis() as i64;
    match db.take_lease(POLLING_LEASE, holder, now, until).await {
        Ok(held) => held,
        Err(error) => {
            tracing::warn!(%error, "could not renew the polling lease");
            false
        }
    }
}

/// A random name for this process among the replicas, for the leases it holds.
fn replica_id() -> String {
    let mut bytes = [0u8; 8];
    getrandom::fill(&mut bytes).expect("the OS has randomness");
    hex::encode(bytes)
}

/// Gives the stock of unpaid orders back once their reservation ran out, and forgets the
/// prepared inline messages Telegram no longer keeps.
async fn expire_orders(db: Db, every: Duration) {
    loop {
        match db.expire_orders(now_ms()).await {
            Ok(0) => {}
            Ok(expired) => tracing::info!(expired, "unpaid orders expired"),
            Err(error) => tracing::warn!(%error, "could not expire orders"),
        }
        match db.forget_expired_prepared_messages(now_ms()).await {
            Ok(0) => {}
            Ok(forgotten) => tracing::debug!(forgotten, "expired prepared messages forgotten"),
            Err(error) => tracing::warn!(%error, "could not forget expired prepared messages"),
        }
        tokio::time::sleep(every).await;
    }
}

/// Queues the salon's reminders as they fall due (each once, see
/// `crate::storage::salon::reminders`), waking the outbox when it queued some. Every replica
/// runs this.
async fn remind(db: Db, bot: Arc<ShopBot>, every: Duration) {
    loop {
        let zone = match db.shop_settings().await {
            Ok(shop) => shop.time_zone,
            Err(error) => {
                tracing::warn!(%error, "could not read the shop's time zone for reminders");
                tokio::time::sleep(every).await;
                continue;
            }
        };
        let render = |language: &str, reminder, appointment: &_| {
            super::updates::salon::reminder(language, reminder, appointment, &zone, &bot.shop_url)
        };
        match db.queue_reminders(now_ms(), render).await {
            Ok(0) => {}
            Ok(queued) => {
                tracing::info!(queued, "appointment reminders queued");
                bot.outbox.notify_one();
            }
            Err(error) => tracing::warn!(%error, "could not queue reminders"),
        }
        tokio::time::sleep(every).await;
    }
}

/// Lapses the subscriptions whose paid period ended (each once, see
/// `crate::storage::subscriptions`): their members are removed from the chat through the
/// outbox, which this wakes. Every replica runs this.
async fn lapse_subscriptions(db: Db, outbox: Arc<Notify>, every: Duration) {
    loop {
        match db
            .lapse_subscriptions(now_ms(), super::updates::subscriptions::lapsed)
            .await
        {
            Ok(0) => {}
            Ok(lapsed) => {
                tracing::info!(lapsed, "subscriptions lapsed");
                outbox.notify_one();
            }
            Err(error) => tracing::warn!(%error, "could not lapse subscriptions"),
        }
        tokio::time::sleep(every).await;
    }
}

/// Forgets the update ids older than [`UPDATE_IDS_KEPT`], at start-up and then hourly: after
/// a week without updates Telegram may start its ids again anywhere, and a kept old id would
/// swallow the new update that reuses it. Every replica may run this; deleting twice is
/// harmless.
async fn prune_update_ids(db: Db) {
    let window = i64::try_from(UPDATE_IDS_KEPT.as_millis()).expect("48 hours fit in i64");
    loop {
        match db.prune_updates(now_ms() - window).await {
            Ok(0) => {}
            Ok(pruned) => tracing::info!(pruned, "old update ids forgotten"),
            Err(error) => tracing::warn!(%error, "could not prune old update ids"),
        }
        tokio::time::sleep(Duration::from_secs(3600)).await;
    }
}
