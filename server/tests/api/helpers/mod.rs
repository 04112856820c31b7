//! Test harness: fresh databases on both backends, and the real server on a free port.

use leptos::config::LeptosOptions;
use server::config::Config;
use sqlx::{Connection, Executor};
use std::sync::atomic::{AtomicU32, Ordering};
use tokio::sync::oneshot;

pub mod catalog_merchant;
pub mod merchant;
pub mod shopper;

/// PostgreSQL for tests: `TEST_POSTGRES_URL` (scripts/test.sh sets it), else the machine's own
/// server. Never skipped: if neither answers, the tests fail.
pub fn postgres_admin_url() -> String {
    std::env::var("TEST_POSTGRES_URL").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into())
}

/// A database used by one test only.
pub struct FreshDb {
    pub url: String,
    _dir: Option<tempfile::TempDir>,
    postgres_name: Option<String>,
}

impl FreshDb {
    /// A new SQLite file in a temporary directory.
    pub fn sqlite() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let url = format!("sqlite://{}", dir.path().join("shop.db").display());
        FreshDb {
            url,
            _dir: Some(dir),
            postgres_name: None,
        }
    }

    /// A new database on the test PostgreSQL server.
    pub async fn postgres() -> Self {
        static COUNTER: AtomicU32 = AtomicU32::new(0);
        let admin = postgres_admin_url();
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .subsec_nanos();
        let name = format!(
            "shop_test_{}_{}_{nanos}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        );
        let mut conn = sqlx::PgConnection::connect(&admin)
            .await
            .unwrap_or_else(|e| panic!("PostgreSQL for tests is not reachable at TEST_POSTGRES_URL ({e}); scripts/test.sh sets one up"));
        conn.execute(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
            .await
            .expect("create test database");
        FreshDb {
            url: with_database(&admin, &name),
            _dir: None,
            postgres_name: Some(name),
        }
    }

    /// Drops a PostgreSQL test database (SQLite files go with their temp dir).
    pub async fn remove(self) {
        if let Some(name) = &self.postgres_name {
            let mut conn = sqlx::PgConnection::connect(&postgres_admin_url())
                .await
                .expect("admin connection");
            conn.execute(sqlx::AssertSqlSafe(format!(
                "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
            )))
            .await
            .expect("drop test database");
        }
    }
}

/// `postgres://u@h:5432/test?x` with the database name replaced.
fn with_database(url: &str, name: &str) -> String {
    let (base, query) = url
        .split_once('?')
        .map(|(b, q)| (b, Some(q)))
        .unwrap_or((url, None));
    let (server, _) = base.rsplit_once('/').expect("TEST_POSTGRES_URL names a database");
    match query {
        Some(q) => format!("{server}/{name}?{q}"),
        None => format!("{server}/{name}"),
    }
}

/// The shop's server running in this process on 127.0.0.1:<free port>.
pub struct TestServer {
    pub base_url: String,
    pub client: reqwest::Client,
    /// The server's database, e.g. to break it on purpose.
    pub db: server::storage::Db,
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
        let base_url = format!("http://{addr}");
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(server::serve(listener, shop, async move {
            let _ = stopped.await;
        }));
        TestServer {
            base_url,
            client: reqwest::Client::new(),
            db,
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
        for _ in 0..100 {
            let info: serde_json::Value = self
                .get("/simulator/telegram/webhook")
                .await
                .json()
                .await
                .unwrap_or_default();
            if info["url"].as_str().is_some_and(|url| !url.is_empty()) {
                return;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        panic!("the shop never registered its webhook");
    }

    /// Shuts down gracefully and waits until the server has stopped.
    pub async fn stop(mut self) {
        let _ = self.stop.take().unwrap().send(());
        self.task.take().unwrap().await.unwrap().expect("clean shutdown");
    }
}
