//! HTTP: the axum router — Leptos pages and server functions, the JSON API, health — with
//! compression, request tracing and the browser's security headers ([`security`]).
//!
//! Handlers read like recipes: extract (the shop's own extractors, [`AppJson`], [`AppPath`],
//! [`AppQuery`], reject with its JSON errors), call the domain or storage (`?` turns a storage
//! failure into `503 unavailable`), answer one of `app`'s wire types or an [`ApiError`], which
//! is logged once, when answered. Must not: hold shop rules or SQL.

pub mod admin;
mod api;
mod appointments;
pub mod assets;
pub mod auth;
mod cart;
pub mod catalog_cache;
mod checkout;
mod desk;
mod door;
pub mod downloads;
mod error;
mod events;
mod extract;
mod health;
pub mod language;
mod media;
mod orders;
mod privacy;
mod promo;
pub mod rate_limits;
pub mod security;
pub mod serve;
mod services;
mod share;
mod subscriptions;
mod tickets;
pub mod webhook;

pub(crate) use error::chain;
pub use error::ApiError;
pub use extract::{AppJson, AppPath, AppQuery};

use crate::service::ShopBackend;
use crate::simulator::telegram::FakeTelegram;
use crate::storage::Db;
use crate::telegram::bot::ShopBot;
use crate::telegram::init_data::HmacValidator;
use app::api::SharedShop;
use app::identity::UserId;
use axum::extract::FromRef;
use axum::Router;
use leptos::prelude::*;
use leptos_axum::{generate_route_list, LeptosRoutes};
use std::sync::Arc;
use tower_http::compression::CompressionLayer;
use tower_http::trace::TraceLayer;

/// Where digital goods' files are kept and how their download links are signed.
pub struct Deliveries {
    pub dir: std::path::PathBuf,
    pub key: crate::shop::delivery::token::DownloadKey,
    /// Seconds a download link works.
    pub ttl_secs: i64,
}

/// What every handler can reach.
#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub shop: Arc<ShopBackend>,
    pub leptos: LeptosOptions,
    /// Verifies the Mini App's initData with the bot token (or the sandbox token).
    pub init_data: Arc<HmacValidator>,
    /// The bot: Bot API client, update handler, webhook secret, payment settings.
    pub bot: Arc<ShopBot>,
    /// The Telegram users who run the shop (`ADMIN_USER_IDS`).
    pub admins: Arc<[UserId]>,
    /// Whether the shop is served over HTTPS (`PUBLIC_URL`), so its cookies are `Secure`.
    pub secure_cookies: bool,
    /// Where uploaded product photos are kept (`UPLOAD_DIR`), served at `/media`.
    pub uploads: Arc<std::path::Path>,
    /// Digital goods: where their files are kept (`DELIVERY_DIR`), the key that signs their
    /// download links, and how long a link works.
    pub deliveries: Arc<Deliveries>,
    /// The per-buyer limits on checkout and the promo preview (`RATE_LIMIT_*`).
    pub rate_limits: rate_limits::RateLimits,
    /// The shop's Ed25519 key, which signs its vouchers' QR text (kept in `shop_keys`).
    pub voucher_key: Arc<crate::shop::vouchers::ShopKey>,
    /// The catalog's answers kept between requests ([`catalog_cache`]).
    pub catalog_cache: Arc<catalog_cache::CatalogCache>,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos.clone()
    }
}

/// The whole site. In sandbox mode (`sandbox` holds the fake Telegram) `/` is the local
/// Telegram simulator; with a real bot it leads to the storefront at `/shop`.
pub fn router(state: AppState, sandbox: Option<FakeTelegram>) -> Router {
    let mut routes = generate_route_list(app::App);
    // The app's one admin route, `/admin/*page`, matches `/admin` in the browser but not in
    // axum: the server answers `/admin` as that route (a second route in the app would weigh
    // on the storefront's first open).
    routes.push(leptos_axum::AxumRouteListing::new(
        "/admin".into(),
        leptos_router::SsrMode::OutOfOrder,
        [leptos_router::Method::Get],
        Vec::new(),
    ));
    let shop: SharedShop = state.shop.clone();
    let leptos = state.leptos.clone();
    let pkg_dir = std::path::Path::new(&*leptos.site_root).join(&*leptos.site_pkg_dir);
    let pkg_path = format!("/{}", leptos.site_pkg_dir);
    let entry = if let Some(telegram) = sandbox {
        crate::simulator::router().nest(crate::simulator::telegram::MOUNT, telegram.router())
    } else {
        Router::new().route(
            "/",
            axum::routing::get(|| async { axum::response::Redirect::to("/shop") }),
        )
    };
    Router::new()
        .merge(entry)
        .route("/healthz", axum::routing::get(health::healthz))
        .route("/telegram/webhook", axum::routing::post(webhook::receive))
        .route(
            "/admin/login",
            axum::routing::get(admin::sign_in::page).post(admin::sign_in::sign_in),
        )
        .route("/admin/texts/{name}", axum::routing::get(admin::texts::texts))
        .nest("/api", api::router())
        .route("/media/{name}", axum::routing::get(media::photo))
        .route("/privacy", axum::routing::get(privacy::page))
        .leptos_routes_with_context(
            &state,
            routes,
            move || provide_context(shop.clone()),
            move || app::shell(leptos.clone()),
        )
        .nest_service(&pkg_path, assets::pkg_service(&pkg_dir))
        .fallback(leptos_axum::file_and_error_handler::<AppState, _>(app::shell))
        .layer(axum::middleware::from_fn_with_state(state.clone(), catalog_cache::layer))
        .layer(axum::middleware::map_response(security::headers))
        // Brotli's quality 6 instead of the default 4: the storefront's HTML (which carries the
        // catalog) is 0.2 KB smaller for 0.2 ms more per page, within the first-open budget.
        .layer(CompressionLayer::new().quality(tower_http::CompressionLevel::Precise(6)))
        // Spans name the path only: a query can carry a secret (the admin's sign-in link).
        .layer(TraceLayer::new_for_http().make_span_with(|request: &axum::http::Request<_>| {
            tracing::debug_span!("request", method = %request.method(), path = %request.uri().path())
        }))
        .with_state(state)
}
