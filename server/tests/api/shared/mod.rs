//! Shared invoices, black-box on SQLite and PostgreSQL with the simulator as Telegram: the
//! merchant posts a product's invoice into a group or channel (`POST /api/admin/posts`,
//! `sendInvoice`); several users pay the same multi-chat invoice, each payment its own order
//! (stock taken at pre-checkout, refused in the payer's language when sold out), receipts to
//! each payer, the merchant told where it sold; redelivered updates change nothing twice
//! (`payments`). A single-chat post carries the product's deep link, which forwarded copies
//! show and `/start` answers; the merchant's refusals (`posts`).

mod payments;
mod posts;

use crate::helpers::merchant::send;
use crate::helpers::{FreshDb, TestServer};
use serde_json::{json, Value};

const SECRET: &str = "test-webhook-secret-0123456789abcdef";
const CAMILLE: i64 = 1003;
/// The simulator's group (the bot is a member) and channel (the bot is an administrator).
const GROUP: i64 = -1_001_000_000_002;
const CHANNEL: i64 = -1_001_000_000_001;
const SIM: &str = "/simulator/telegram";

/// The sandbox shop with Camille as its admin, and her session.
async fn sandbox(db: &FreshDb) -> (TestServer, String) {
    let vars = [("WEBHOOK_SECRET", SECRET), ("ADMIN_USER_IDS", "1003")];
    let server = TestServer::start_with(&db.url, &vars).await;
    server.wait_for_webhook().await;
    let admin = server.admin_session(CAMILLE).await;
    (server, admin)
}

/// Camille posts `product` into `chat`; the status and the answer.
async fn post(server: &TestServer, admin: &str, product: i64, chat: Value, multi_chat: bool) -> (u16, Value) {
    let body = json!({ "product_id": product, "chat_id": chat, "multi_chat": multi_chat });
    send(server, "POST", "/api/admin/posts", body, admin).await
}

/// POSTs `body` to the simulator's `path`: the status and the answer.
async fn sim_post(server: &TestServer, path: &str, body: Value) -> (u16, Value) {
    let url = format!("{}{SIM}{path}", server.base_url);
    let response = server.client.post(url).json(&body).send().await.unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}
