//! The shop's server: an axum application serving the Leptos storefront and its JSON API.
//!
//! Map of the crate:
//! - [`config`] — settings from environment variables;
//! - [`storage`] — the sqlx pool (SQLite or PostgreSQL), migrations, queries, demo seed;
//! - [`shop`] — the domain: catalog, Telegram's currency rules, the UI's service contract;
//! - [`telegram`] — Telegram's protocols: initData validation;
//! - [`simulator`] — the local Telegram client for sandbox mode (no `BOT_TOKEN`);
//! - [`http`] — the router: pages, server functions, `/api`, `/healthz`, the `tma` extractor.
//!
//! `main.rs` only reads the environment and calls [`build`] and [`serve`]; black-box tests do
//! the same on a free port with a fresh database.

pub mod config;
pub mod http;
pub mod shop;
pub mod simulator;
pub mod storage;
pub mod telegram;

use axum::Router;
use config::{BotToken, Config, ConfigError};
use leptos::config::LeptosOptions;
use shop::ShopBackend;
use std::future::Future;
use std::sync::Arc;
use storage::{Db, StorageError};
use telegram::init_data::{Freshness, HmacValidator};
use tokio::net::TcpListener;

/// Everything that can stop the shop from starting.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error(transparent)]
    Storage(#[from] StorageError),
    #[error("Leptos configuration: {0}")]
    Leptos(String),
    #[error("could not listen on {addr}: {source}")]
    Listen { addr: String, source: std::io::Error },
    #[error("the server failed: {0}")]
    Serve(#[source] std::io::Error),
}

/// A shop ready to serve: its router and its database (closed on shutdown).
pub struct Shop {
    pub router: Router,
    pub db: Db,
}

/// Connects and migrates the database, seeds the demo catalog into an empty one, and builds
/// the router.
pub async fn build(config: &Config, leptos: LeptosOptions) -> Result<Shop, StartError> {
    let db = Db::connect(config.database_url.expose()).await?;
    if db.seed_demo_catalog().await? {
        tracing::info!("seeded the demo catalog into the new database");
    }
    let bot_token = config.bot_token.clone().unwrap_or_else(BotToken::sandbox);
    let freshness = Freshness {
        max_age: config.init_data_max_age,
        ..Freshness::default()
    };
    let init_data = Arc::new(HmacValidator::new(bot_token.secret().expose(), freshness));
    let shop = Arc::new(ShopBackend::new(db.clone()));
    let state = http::AppState {
        db: db.clone(),
        shop,
        leptos,
        init_data,
    };
    Ok(Shop {
        router: http::router(state, config.bot_token.is_none()),
        db,
    })
}

/// Serves `shop` on `listener` until `shutdown` resolves, then finishes the requests in flight
/// and closes the database.
pub async fn serve(
    listener: TcpListener,
    shop: Shop,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(), StartError> {
    axum::serve(listener, shop.router)
        .with_graceful_shutdown(shutdown)
        .await
        .map_err(StartError::Serve)?;
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
