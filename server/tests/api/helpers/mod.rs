//! Test harness: fresh databases on both backends, the real server on a free port, and waits
//! on a condition with a deadline.

use leptos::config::LeptosOptions;
use server::config::Config;
use tokio::sync::oneshot;

pub mod catalog_merchant;
mod database;
pub mod merchant;
pub mod shopper;
mod wait;

pub use database::FreshDb;
pub use wait::{wait_until, PATIENCE};

/// The shop's server running in this process on 127.0.0.1:<free port>.
pub struct TestServer {
    pub base_url: String,
    pub client: reqwest::Client,
    /// The server's database, e.g. to break it on purpose.
    pub db: server::storage::Db,
    /// Where `GET /metrics` is served, when `METRICS_ADDR` was given.
    pub metrics_addr: Option<std::net::SocketAddr>,
    stop: Option<oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<Result<(), server::StartError>>>,
}

impl TestServer {
    /// Starts the real server on `database_url` with otherwise default configuration.
    pub async fn start(database_url: &str) -> Self {
        Self::start_with(database_url, &[]).await
    }

    /// Starts the real server on `database_url` with the given environment variables.
    pub async fn start_with(database_url: &str, vars: &[(&str, &str)]) -> Self {
        let lookup = |name: &str| match name {
            "DATABASE_URL" => Some(database_url.to_owned()),
            _ => vars.iter().find(|(k, _)| *k == name).map(|(_, v)| v.to_string()),
        };
        let config = Config::from_lookup(lookup).unwrap();
        let listener = server::listen("127.0.0.1:0".parse().unwrap()).await.unwrap();
        let addr = listener.local_addr().unwrap();
        let leptos = LeptosOptions::builder()
            .output_name("shop")
            .site_root("target/site")
            .site_addr(addr)
            .build();
        let shop = server::build(&config, leptos).await.expect("the shop starts");
        let db = shop.db.clone();
        let metrics_addr = shop.metrics_addr;
        let base_url = format!("http://{addr}");
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(server::serve(listener, shop, async move {
            let _ = stopped.await;
        }));
        TestServer {
            base_url,
            client: reqwest::Client::new(),
            db,
            metrics_addr,
            stop: Some(stop),
            task: Some(task),
        }
    }

    /// `GET base_url + path`.
    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(format!("{}{path}", self.base_url))
            .send()
            .await
            .expect("request reaches the server")
    }

    /// Waits until the shop registered its webhook with the sandbox's fake Telegram.
    pub async fn wait_for_webhook(&self) {
        wait_until(PATIENCE, "the shop to register its webhook", async || {
            let info: serde_json::Value = self
                .get("/simulator/telegram/webhook")
                .await
                .json()
                .await
                .unwrap_or_default();
            match info["url"].as_str() {
                Some(url) if !url.is_empty() => Ok(()),
                _ => Err(info),
            }
        })
        .await
    }

    /// Shuts down gracefully and waits until the server has stopped.
    pub async fn stop(mut self) {
        let _ = self.stop.take().unwrap().send(());
        self.task.take().unwrap().await.unwrap().expect("clean shutdown");
    }
}
