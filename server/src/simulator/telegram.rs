//! The simulator's stand-in for Telegram's Bot API servers: it answers the methods the shop
//! calls at `/simulator/telegram/bot<token>/<method>` (refusing requests that break the
//! published Bot API spec, as Telegram would), keeps the invoices it made, and — when the
//! simulated shopper pays — delivers `shipping_query`, `pre_checkout_query` and the
//! `successful_payment` message to the bot's webhook (or to `getUpdates`), waiting for the
//! answers within Telegram's deadlines and redelivering on non-2xx.
//!
//! It also knows a channel and a group besides the private chats (see [`chats`]): the bot's
//! posts there (`sendPhoto`, `sendMessage`) are kept with their photos, as Telegram shows them,
//! and its invoices (`sendInvoice`), which any user may pay and forward ([`invoices`]).
//! It plays Stars subscriptions (renewals on demand, failures, the user cancelling) and a
//! private channel's invite links, join requests and members ([`subscriptions`]), and inline
//! queries and prepared messages ([`inline`]).
//!
//! The simulated client drives it through `/simulator/telegram/invoices/…`, reads the bot's
//! messages at `/simulator/telegram/chats/{chat_id}` (a user's id, or a channel's), lists the
//! channels at `/simulator/telegram/channels` and shows photos from
//! `/simulator/telegram/files/{file_id}`. Black-box tests use it as the project's fake Bot API.

mod chats;
mod delivery;
mod html;
mod inline;
mod invoices;
mod methods;
mod payment;
mod photos;
mod request;
mod subscriptions;

use axum::extract::DefaultBodyLimit;
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::Router;
use serde_json::Value;
use std::collections::HashMap;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, Mutex};
use tokio::sync::{oneshot, Notify};

pub use payment::{PayOutcome, PayRequest, ShippingRequest};

/// Where the stand-in lives under the shop's origin.
pub const MOUNT: &str = "/simulator/telegram";

/// The simulated bot's @username (getMe): its Mini App links are `https://t.me/<this>/<app>`.
pub const BOT_USERNAME: &str = "sandbox_shop_bot";

/// The simulated bot's name.
const BOT_NAME: &str = "Sandbox Shop";

/// The channel where the simulated bot is an administrator, as a `chat_id`.
pub const CHANNEL: &str = "@shop_news";

/// The group where the simulated bot is a member but not an administrator, as a `chat_id`.
pub const GROUP: &str = "@shop_friends";

/// Telegram's limit for a file a bot uploads (photos are further held to 10 MB).
const UPLOAD_LIMIT: usize = 50 * 1024 * 1024;

/// A Bot API refusal: the HTTP status and Telegram's description.
type Refusal = (StatusCode, String);

/// A 400 worded as Telegram words it: `Bad Request: <why>`.
fn bad_request(why: impl std::fmt::Display) -> Refusal {
    (StatusCode::BAD_REQUEST, format!("Bad Request: {why}"))
}

/// A fake Telegram for one bot. Cheap to clone.
#[derive(Clone)]
pub struct FakeTelegram {
    inner: Arc<Inner>,
}

struct Inner {
    token: String,
    bot_id: i64,
    state: Mutex<State>,
    /// Woken when an update is queued for getUpdates.
    queued: Notify,
    next_id: AtomicI64,
    http: reqwest::Client,
}

#[derive(Default)]
struct State {
    webhook: Option<Webhook>,
    invoices: HashMap<String, Value>,
    /// Queries waiting for the bot's answer, by query id.
    pending: HashMap<String, oneshot::Sender<Value>>,
    /// Updates for getUpdates, oldest first.
    queue: Vec<Value>,
    /// The bot's messages, by chat id (a user's, or a channel's or group's).
    chats: HashMap<i64, Vec<Value>>,
    /// The photos the bot sent, by file id.
    files: HashMap<String, photos::StoredPhoto>,
    /// Documents the bot sent (sendDocument), by file id: their file name and bytes.
    documents: HashMap<String, (String, axum::body::Bytes)>,
    /// Star charges that can be refunded: charge id → (user id, invoice).
    star_charges: HashMap<String, (i64, Value)>,
    /// The bot's last shipping options per (invoice, shopper).
    quotes: HashMap<(String, i64), Value>,
    /// Every answer the bot gave to a shipping or pre-checkout query, oldest first.
    answers: Vec<Value>,
    /// The webhook deliveries that did not get a 2xx (status or error text), for tests.
    failed_deliveries: Vec<String>,
    /// The default chat menu button the bot set, as sent.
    menu_button: Option<Value>,
    /// The bot's commands as setMyCommands set them, by `language_code` ("" for the default).
    commands: std::collections::BTreeMap<String, Value>,
    /// The bot's description and short description as setMyDescription and
    /// setMyShortDescription set them: by `language_code` ("" for the default), then
    /// `description` / `short_description`.
    profile: std::collections::BTreeMap<String, serde_json::Map<String, Value>>,
    /// Stars subscriptions toward the bot.
    subscriptions: Vec<subscriptions::SimSubscription>,
    /// The bot's editUserStarSubscription calls, as sent.
    edits: Vec<Value>,
    /// Members, bans, join requests and invite links of the chats.
    rooms: subscriptions::Rooms,
    /// The bot's join answers, bans and unbans, oldest first.
    member_calls: Vec<Value>,
    /// Answered inline queries and prepared messages.
    inline: inline::InlineState,
}

#[derive(Clone)]
struct Webhook {
    url: String,
    secret: Option<String>,
}

impl FakeTelegram {
    /// A fake Telegram that accepts `token` (`<bot id>:<secret>`).
    pub fn new(token: &str) -> Self {
        let bot_id = token
            .split(':')
            .next()
            .and_then(|id| id.parse().ok())
            .unwrap_or(0);
        FakeTelegram {
            inner: Arc::new(Inner {
                token: token.to_owned(),
                bot_id,
                state: Mutex::default(),
                queued: Notify::new(),
                next_id: AtomicI64::new(1),
                http: reqwest::Client::builder()
                    .timeout(std::time::Duration::from_secs(15))
                    .build()
                    .expect("an HTTP client"),
            }),
        }
    }

    /// The routes, to mount at [`MOUNT`].
    pub fn router<S: Clone + Send + Sync + 'static>(&self) -> Router<S> {
        Router::new()
            .route(
                "/{bot}/{method}",
                post(methods::call)
                    .get(methods::call)
                    .layer(DefaultBodyLimit::max(UPLOAD_LIMIT)),
            )
            .route("/channels", get(chats::list))
            .route("/files/{file_id}", get(photos::file))
            .route("/invoices/{slug}", get(payment::show))
            .route("/invoices/{slug}/shipping", post(payment::shipping))
            .route("/invoices/{slug}/pay", post(payment::pay))
            .route("/chats/{chat_id}", get(payment::chat))
            .route("/chats/{chat_id}/messages", post(payment::write))
            .route("/chats/{chat_id}/forward", post(invoices::forward))
            .route("/answers", get(payment::answers))
            .route("/subscriptions", get(subscriptions::list))
            .route("/subscriptions/renew", post(subscriptions::renew))
            .route("/subscriptions/fail", post(subscriptions::fail))
            .route("/subscriptions/cancel", post(subscriptions::cancel))
            .route("/subscriptions/reenable", post(subscriptions::reenable))
            .route("/invite", post(subscriptions::open_invite))
            .route("/chats/{chat_id}/members", get(subscriptions::members))
            .route("/member_calls", get(subscriptions::member_calls))
            .route("/webhook", get(methods::webhook))
            .route("/inline/queries", post(inline::query))
            .route("/inline/queries/{query_id}/choose", post(inline::choose))
            .route("/prepared/lifetime", post(inline::lifetime))
            .route("/prepared/{id}", get(inline::prepared))
            .route("/prepared/{id}/send", post(inline::send))
            .with_state(self.clone())
    }

    /// A fresh id for updates, messages and charges.
    fn next_id(&self) -> i64 {
        self.inner.next_id.fetch_add(1, Ordering::Relaxed)
    }

    fn with_state<T>(&self, f: impl FnOnce(&mut State) -> T) -> T {
        f(&mut self
            .inner
            .state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner()))
    }

    /// The messages the bot sent to `chat_id`, oldest first.
    pub fn messages(&self, chat_id: i64) -> Vec<Value> {
        self.with_state(|s| s.chats.get(&chat_id).cloned().unwrap_or_default())
    }

    /// The default chat menu button the bot set, if any.
    pub fn menu_button(&self) -> Option<Value> {
        self.with_state(|s| s.menu_button.clone())
    }

    /// The bot's commands for `language_code` ("" for the default list), as set.
    pub fn commands(&self, language_code: &str) -> Option<Value> {
        self.with_state(|s| s.commands.get(language_code).cloned())
    }

    /// Webhook deliveries that were not acknowledged with a 2xx.
    pub fn failed_deliveries(&self) -> Vec<String> {
        self.with_state(|s| s.failed_deliveries.clone())
    }
}
