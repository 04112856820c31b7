//! The shop's server: an axum application serving the Leptos storefront and its JSON API.
//!
//! Map of the crate:
//! - [`clock`] — the wall clock, read in one place;
//! - [`config`] — settings from environment variables;
//! - [`storage`] — the sqlx pool (SQLite or PostgreSQL), migrations, queries, demo seed;
//! - [`shop`] — the domain, the bottom layer: catalog and product kinds, Telegram's currency
//!   rules, checkout, orders, the invoice as a value; imports no storage, http or telegram;
//! - [`service`] — what a request asks of the shop (checkout, the promo preview, the UI's
//!   service contract), carried out across shop, storage and telegram;
//! - [`telegram`] — Telegram's protocols: initData, the Bot API client, the bot's updates;
//! - [`simulator`] — the local Telegram client for sandbox mode (`SANDBOX=1`, loopback only);
//! - [`metrics`] — `GET /metrics` for the operator, on its own listener (`METRICS_ADDR`);
//! - [`http`] — the router: pages, server functions, `/api`, `/healthz`, the `tma` extractor;
//!   handlers extract, call the service layer (or storage), and answer.
//!
//! `main.rs` only reads the environment and calls [`build`] and [`serve`]; black-box tests do
//! the same on a free port with a fresh database.

pub mod clock;
pub mod config;
pub mod http;
#[cfg(test)]
mod layers;
pub mod metrics;
pub mod service;
pub mod shop;
pub mod simulator;
pub mod storage;
pub mod telegram;

use app::identity::UserId;
use axum::Router;
use config::{BotToken, Config, ConfigError, Mode, PaymentProviders};
use leptos::config::LeptosOptions;
use service::ShopBackend;
use std::future::Future;
use std::sync::{Arc, OnceLock};
use storage::{Db, StorageError};
use telegram::bot::{derived_webhook_secret, Delivery, ShopBot};
use telegram::bot_api::BotApi;
use telegram::init_data::{Freshness, HmacValidator};
use telegram::updates::{BotSettings, UpdateHandler};
use tokio::net::TcpListener;

/// Everything that can stop the shop from starting.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error(transparent)]
    Storage(#[from] StorageError),
    #[error("the Bot API client: {0}")]
    BotApi(String),
    #[error("Leptos configuration: {0}")]
    Leptos(String),
    #[error("could not listen on {addr}: {source}")]
    Listen { addr: String, source: std::io::Error },
    #[error("could not write the demo's files into DELIVERY_DIR {dir}: {source}")]
    DeliveryDir { dir: String, source: std::io::Error },
}

/// A shop ready to serve: its router, its database (closed on shutdown) and the bot's
/// background tasks (stopped on shutdown).
pub struct Shop {
    pub router: Router,
    pub db: Db,
    pub tasks: Vec<tokio::task::JoinHandle<()>>,
    /// The in-process fake Telegram in sandbox mode.
    pub sandbox: Option<simulator::telegram::FakeTelegram>,
    /// What a client may hold of the server.
    pub limits: config::Limits,
    /// Where `GET /metrics` is served (`METRICS_ADDR`, with the port bound if it was 0).
    pub metrics_addr: Option<std::net::SocketAddr>,
}

/// Connects and migrates the database, seeds the demo catalog into an empty one, starts the
/// bot, and builds the router. `leptos.site_addr` must be the address the shop will listen on:
/// in sandbox mode the bot talks to the simulator there, and it must be a loopback address.
pub async fn build(config: &Config, leptos: LeptosOptions) -> Result<Shop, StartError> {
    let sandbox = config.mode.is_sandbox();
    check_sandbox_is_local(&config.mode, leptos.site_addr)?;
    drop_stale_precompressed(&leptos);
    let db = Db::connect(config.database_url.expose()).await?;
    if db.seed_demo_catalog().await? {
        tracing::info!("seeded the demo catalog into the new database");
        seed_demo_deliveries(&db, &config.delivery_dir).await?;
    }
    let admins = admins(config, sandbox);
    let bot_token = match &config.mode {
        Mode::Telegram(token) => token.clone(),
        Mode::Sandbox => BotToken::sandbox(),
    };
    let token = bot_token.secret().expose();
    let freshness = Freshness {
        max_age: config.init_data_max_age,
        ..Freshness::default()
    };
    let init_data = Arc::new(HmacValidator::new(token, freshness));
    let local = format!("http://{}", leptos.site_addr);
    let public_url = config.public_url.clone().unwrap_or_else(|| local.clone());
    let fake = sandbox.then(|| simulator::telegram::FakeTelegram::new(token));
    let api_url = match sandbox {
        true => format!("{local}{}", simulator::telegram::MOUNT),
        false => config.telegram_api_url.clone(),
    };
    let api = BotApi::new(&api_url, token).map_err(|e| StartError::BotApi(e.to_string()))?;
    let bot = Arc::new(shop_bot(config, &db, api, token, &public_url, admins.clone()));
    let delivery = match (sandbox, &config.public_url) {
        (true, _) => Delivery::Webhook(format!("{local}/telegram/webhook")),
        (false, Some(public)) => Delivery::Webhook(format!("{public}/telegram/webhook")),
        (false, None) => Delivery::Polling,
    };
    let mut tasks = bot.spawn(&db, delivery);
    let metrics_addr = start_metrics(config, &db, &mut tasks).await?;
    let shop = Arc::new(ShopBackend::new(db.clone(), bot.username.clone()));
    let offered = shop::vouchers::ShopKey::generate();
    let voucher_key = Arc::new(db.shop_key(&offered, clock::now_ms()).await?);
    let state = http::AppState {
        db: db.clone(),
        shop,
        leptos,
        init_data,
        bot,
        admins: admins.into(),
        secure_cookies: public_url.starts_with("https://"),
        uploads: config.upload_dir.as_path().into(),
        deliveries: Arc::new(http::Deliveries {
            dir: config.delivery_dir.clone(),
            key: shop::delivery::token::DownloadKey::derive(
                config
                    .download_secret
                    .as_ref()
                    .map_or(token, |secret| secret.expose()),
            ),
            ttl_secs: config.download_link_ttl.as_secs() as i64,
        }),
        rate_limits: rate_limits(config),
        voucher_key,
        catalog_cache: Arc::default(),
    };
    let mut tasks = tasks;
    tasks.push(tokio::spawn(http::rate_limits::forget_old(db.clone())));
    Ok(Shop {
        router: http::serve::with_limits(http::router(state, fake.clone()), &config.limits),
        db,
        tasks,
        sandbox: fake,
        limits: config.limits.clone(),
        metrics_addr,
    })
}

/// Gives the freshly seeded demo catalog's digital goods their deliveries: the e-book's file
/// (written under `DELIVERY_DIR`) and the sticker pack's link.
async fn seed_demo_deliveries(db: &Db, dir: &std::path::Path) -> Result<(), StartError> {
    use shop::delivery::{file::CheckedFile, Delivery, StoredFile};
    let (slug, name, content) = shop::demo::EBOOK_FILE;
    let file = CheckedFile::check(content.as_bytes(), name).expect("the demo file passes the rules");
    http::admin::store_delivery_file(dir, &file.hash, content.as_bytes())
        .await
        .map_err(|source| StartError::DeliveryDir {
            dir: dir.display().to_string(),
            source,
        })?;
    let stored = StoredFile {
        hash: file.hash,
        file_name: file.file_name,
        size: file.size,
    };
    let now = clock::now_ms();
    db.set_product_delivery(slug, &Delivery::File(stored), now)
        .await?;
    let (slug, text) = shop::demo::STICKER_LINK;
    db.set_product_delivery(slug, &Delivery::Text(text.into()), now)
        .await?;
    Ok(())
}

/// The simulator lets whoever reaches it become the merchant, so sandbox mode serves this
/// machine only: an address such as `0.0.0.0` or a LAN address stops the shop.
fn check_sandbox_is_local(mode: &Mode, addr: std::net::SocketAddr) -> Result<(), ConfigError> {
    if mode.is_sandbox() && !addr.ip().is_loopback() {
        return Err(ConfigError::conflict(
            "LEPTOS_SITE_ADDR",
            format!(
                "SANDBOX=1 but LEPTOS_SITE_ADDR is {addr}, reachable from other machines: \
                 the simulator serves loopback only (127.0.0.1 or [::1]); set BOT_TOKEN and unset SANDBOX to deploy"
            ),
        ));
    }
    Ok(())
}

/// The per-buyer rate limits `RATE_LIMIT_CHECKOUT` and `RATE_LIMIT_PROMO` set.
fn rate_limits(config: &Config) -> http::rate_limits::RateLimits {
    let quota =
        |limit: config::RateLimit| shop::rate_limit::Quota::new(limit.burst, limit.every.as_millis() as i64);
    http::rate_limits::RateLimits {
        checkout: quota(config.checkout_rate_limit),
        promo_preview: quota(config.promo_rate_limit),
    }
}

/// Serves `/metrics` on `METRICS_ADDR`, if set; the address it listens on.
async fn start_metrics(
    config: &Config,
    db: &Db,
    tasks: &mut Vec<tokio::task::JoinHandle<()>>,
) -> Result<Option<std::net::SocketAddr>, StartError> {
    let Some(addr) = config.metrics_addr else {
        return Ok(None);
    };
    let listener = listen(addr).await?;
    let bound = listener.local_addr().unwrap_or(addr);
    tasks.push(metrics::spawn(listener, db.clone()));
    tracing::info!("metrics on http://{bound}/metrics");
    Ok(Some(bound))
}

/// Drops precompressed site files older than the build they sit beside, so a stale `.br` is
/// never served for a new wasm.
fn drop_stale_precompressed(leptos: &LeptosOptions) {
    let pkg_dir = std::path::Path::new(&*leptos.site_root).join(&*leptos.site_pkg_dir);
    match http::assets::drop_stale_precompressed(&pkg_dir) {
        Ok(0) => {}
        Ok(dropped) => tracing::warn!(dropped, "dropped precompressed files older than the build"),
        Err(error) => tracing::warn!(%error, "could not check the precompressed files"),
    }
}

/// Who runs the shop: `ADMIN_USER_IDS`, or in sandbox mode without them the simulator's
/// Camille, so `/admin` can be tried locally.
fn admins(config: &Config, sandbox: bool) -> Vec<UserId> {
    if sandbox && config.admin_user_ids.is_empty() {
        tracing::info!(
            user_id = %simulator::SANDBOX_ADMIN,
            "sandbox: the simulator's Camille runs the shop"
        );
        return vec![simulator::SANDBOX_ADMIN];
    }
    config.admin_user_ids.clone()
}

/// The bot: its update handler, Bot API client, webhook secret and payment settings. In sandbox
/// mode (`SANDBOX=1`) the simulator's provider token stands in for a payment provider's.
fn shop_bot(
    config: &Config,
    db: &Db,
    api: BotApi,
    token: &str,
    public_url: &str,
    admins: Vec<UserId>,
) -> ShopBot {
    let sandbox = config.mode.is_sandbox();
    let outbox = Arc::new(tokio::sync::Notify::new());
    let shop_url = format!("{public_url}/shop");
    let username: Arc<OnceLock<String>> = Arc::default();
    let payment_providers = match sandbox && config.payment_providers.is_empty() {
        true => PaymentProviders::sandbox(),
        false => config.payment_providers.clone(),
    };
    let settings = BotSettings {
        shop_url: shop_url.clone(),
        admin_url: format!("{public_url}/admin"),
        privacy_url: format!("{public_url}/privacy"),
        admins,
        username: username.clone(),
        payment_providers: payment_providers.clone(),
    };
    ShopBot {
        updates: UpdateHandler::new(
            db.clone(),
            api.clone(),
            settings,
            outbox.clone(),
            Arc::new(ShopBackend::new(db.clone(), username.clone())),
        ),
        api,
        webhook_secret: config
            .webhook_secret
            .clone()
            .unwrap_or_else(|| derived_webhook_secret(token)),
        payment_providers,
        reservation: config.order_reservation,
        shop_url,
        outbox,
        deliveries: config.delivery_dir.as_path().into(),
        username,
    }
}

/// Serves `shop` on `listener` until `shutdown` resolves, then finishes the requests in flight
/// and closes the database.
pub async fn serve(
    listener: TcpListener,
    shop: Shop,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(), StartError> {
    http::serve::serve(listener, shop.router, &shop.limits, shutdown).await;
    for task in &shop.tasks {
        task.abort();
    }
    shop.db.close().await;
    Ok(())
}

/// Binds the configured address.
pub async fn listen(addr: std::net::SocketAddr) -> Result<TcpListener, StartError> {
    TcpListener::bind(addr)
        .await
        .map_err(|source| StartError::Listen {
            addr: addr.to_string(),
            source,
        })
}
