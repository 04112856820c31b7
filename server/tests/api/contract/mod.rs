//! The wire contract, end to end: for every endpoint of the merchant's API (and the
//! shopper's), what the real server answers is decoded with the `app` type the pages read it
//! with, and that type must encode back to the very same JSON — so it neither drops a field
//! the server sends nor expects one the server does not. Requests go out as `app`'s request
//! types, so the server must accept what the pages send. Refusals decode as `app`'s
//! `ErrorBody`, whose code must be one of `ErrorCode`'s. Runs on SQLite and PostgreSQL.
//!
//! Also here: the webhook drops (200) a body that passes the secret but is no update.
//!
//! This file holds the calling helpers ([`Caller`], [`decoded`]) and the one test, which walks
//! the areas in order, each in its own file: the shopper's endpoints (which make the orders),
//! the merchant's orders, catalog, settings and session, then the webhook.

mod catalog;
mod orders;
mod session;
mod settings;
mod shopper;
mod webhook;

use crate::helpers::merchant::CAMILLE;
use crate::helpers::shopper::ADA;
use crate::helpers::{FreshDb, TestServer};
use app::api::ErrorBody;
use app::error_code::ErrorCode;
use reqwest::Method;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

const SECRET: &str = "contract-webhook-secret-0123456789abcdef";

crate::on_both_engines!(
    contract,
    every_answer_reads_as_the_apps_type_on_sqlite,
    every_answer_reads_as_the_apps_type_on_postgres
);

/// No request body.
const NONE: Option<&()> = None;

/// `sent` read as `T`, which must encode back to exactly `sent`.
fn decoded<T: DeserializeOwned + Serialize>(sent: Value, what: &str) -> T {
    let name = std::any::type_name::<T>();
    let typed: T = serde_json::from_value(sent.clone())
        .unwrap_or_else(|e| panic!("{what}: the app cannot read the answer as {name}: {e}\n{sent:#}"));
    let again = serde_json::to_value(&typed).unwrap();
    assert_eq!(
        again, sent,
        "{what}: {name} does not hold exactly the fields the server sends"
    );
    typed
}

/// A Telegram user calling the API with their initData, or an admin with their session
/// (`Bearer …`).
struct Caller<'a> {
    server: &'a TestServer,
    init_data: String,
}

impl Caller<'_> {
    /// `method path` with `body`; the status and the raw answer.
    async fn send(&self, method: Method, path: &str, body: Option<&impl Serialize>) -> (u16, String) {
        let url = format!("{}{path}", self.server.base_url);
        let mut request = self
            .server
            .client
            .request(method, url)
            .header("authorization", crate::helpers::authorization(&self.init_data));
        if let Some(body) = body {
            request = request.json(body);
        }
        let response = request.send().await.expect("the server answers");
        (response.status().as_u16(), response.text().await.unwrap())
    }

    /// `method path` with `body`, answered with `status` and a `T`.
    async fn call<T: DeserializeOwned + Serialize>(
        &self,
        method: Method,
        path: &str,
        body: Option<&impl Serialize>,
        status: u16,
    ) -> T {
        let what = format!("{method} {path}");
        let (answered, text) = self.send(method, path, body).await;
        assert_eq!(answered, status, "{what}: {text}");
        let sent = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{what}: not JSON ({e}): {text}"));
        decoded(sent, &what)
    }

    async fn get<T: DeserializeOwned + Serialize>(&self, path: &str) -> T {
        self.call(Method::GET, path, NONE, 200).await
    }

    /// `method path` refused with `status` and `code`.
    async fn refused(
        &self,
        method: Method,
        path: &str,
        body: Option<&impl Serialize>,
        status: u16,
        code: ErrorCode,
    ) {
        let refusal: ErrorBody = self.call(method, path, body, status).await;
        assert_eq!(refusal.error.code, code, "{path}: {}", refusal.error.message);
    }

    /// `method path` answered 204 without a body.
    async fn no_content(&self, method: Method, path: &str) {
        let (status, text) = self.send(method, path, NONE).await;
        assert_eq!((status, text.as_str()), (204, ""), "{path}");
    }
}

async fn contract(fresh: &FreshDb) {
    let uploads = tempfile::tempdir().unwrap();
    let dir = uploads.path().to_str().unwrap().to_owned();
    let vars = [
        ("ADMIN_USER_IDS", "1003"),
        ("UPLOAD_DIR", dir.as_str()),
        ("WEBHOOK_SECRET", SECRET),
    ];
    let server = TestServer::start_with(&fresh.url, &vars).await;
    server.wait_for_webhook().await;
    let ada = Caller {
        server: &server,
        init_data: server.launch(ADA).await,
    };
    let admin = Caller {
        server: &server,
        init_data: server.admin_session(CAMILLE).await,
    };
    let orders = shopper::shopper(&server, &ada).await;
    orders::admin_orders(&admin, &orders).await;
    let product = catalog::admin_catalog(&admin).await;
    catalog::admin_photos(&server, &admin, &product).await;
    settings::admin_settings(&admin).await;
    session::admin_session(&admin).await;
    webhook::webhook(&server).await;
    server.stop().await;
}
