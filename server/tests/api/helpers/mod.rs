//! Test harness: fresh databases on both backends, the real server on a free port, and waits
//! on a condition with a deadline.

use leptos::config::LeptosOptions;
use server::config::Config;
use tokio::sync::oneshot;

pub mod catalog_merchant;
mod database;
pub mod events;
pub mod merchant;
pub mod shopper;
mod wait;

pub use database::{postgres_admin_url, FreshDb};
pub use wait::{wait_until, PATIENCE};

/// The `Authorization` header for a credential: a session as `Bearer <token>` stays as it is
/// (see `merchant`), anything else is initData (`tma <initData>`).
pub fn authorization(credential: &str) -> String {
    if credential.starts_with("Bearer ") {
        credential.to_owned()
    } else {
        format!("tma {credential}")
    }
}

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

    /// Starts the real server on `database_url` with the given environment variables; in
    /// sandbox mode (`SANDBOX=1`) unless they name a `BOT_TOKEN` or `SANDBOX` themselves.
    pub async fn start_with(database_url: &str, vars: &[(&str, &str)]) -> Self {
        let given = |name: &str| vars.iter().find(|(k, _)| *k == name).map(|(_, v)| v.to_string());
        let lookup = |name: &str| match name {
            "DATABASE_URL" => Some(database_url.to_owned()),
            "SANDBOX" if given("BOT_TOKEN").is_none() => given("SANDBOX").or(Some("1".into())),
            _ => given(name),
        };
        Self::start_config(Config::from_lookup(lookup).unwrap()).await
    }

    /// Starts the real server with `config`, e.g. one whose limits a test shortened.
    pub async fn start_config(config: Config) -> Self {
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

    /// A server running elsewhere (the `server` executable in a process of its own) at
    /// `base_url` on `database_url`, for the same requests; [`TestServer::stop`] leaves it be.
    pub async fn attach(base_url: String, database_url: &str) -> Self {
        let db = server::storage::Db::connect(database_url)
            .await
            .expect("the server's database opens");
        TestServer {
            base_url,
            client: reqwest::Client::new(),
            db,
            metrics_addr: None,
            stop: None,
            task: None,
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

    /// POSTs `update` to the webhook with `secret`, as Telegram (re)delivers it: the status,
    /// or `None` when no answer came (the server is gone).
    pub async fn deliver_update(&self, secret: &str, update: &serde_json::Value) -> Option<u16> {
        let response = self
            .client
            .post(format!("{}/telegram/webhook", self.base_url))
            .header("X-Telegram-Bot-Api-Secret-Token", secret)
            .json(update)
            .send()
            .await
            .ok()?;
        Some(response.status().as_u16())
    }

    /// Shuts down gracefully and waits until the server has stopped (one this test started).
    pub async fn stop(mut self) {
        let (Some(stop), Some(task)) = (self.stop.take(), self.task.take()) else {
            return self.db.close().await;
        };
        let _ = stop.send(());
        task.await.unwrap().expect("clean shutdown");
    }
}
