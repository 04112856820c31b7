//! Selling in chats, black-box on SQLite and PostgreSQL with the simulator as Telegram:
//! inline queries answered with the products they ask for — spec-valid results, invoices for
//! what can be bought as it is and cards for the rest, in the user's language, a page at a
//! time, `cache_time` and `is_personal` — and a chosen result posted in a group (`query`);
//! "Send to a chat": a message prepared with `savePreparedInlineMessage`, used again until
//! it expires and never after, sent to a group, refused for an unknown product or without
//! initData (`prepared`).

mod prepared;
mod query;

use crate::helpers::{FreshDb, TestServer};
use serde_json::{json, Value};

use server::telegram::bot_api::spec::BotApiSpec;

const SECRET: &str = "test-webhook-secret-0123456789abcdef";
const SIM: &str = "/simulator/telegram";
/// The simulator's group, where every test user is a member.
const GROUP: i64 = -1_001_000_000_002;

async fn sandbox(db: &FreshDb) -> TestServer {
    let server = TestServer::start_with(&db.url, &[("WEBHOOK_SECRET", SECRET)]).await;
    server.wait_for_webhook().await;
    server
}

/// POSTs `body` to the simulator's `path`: the status and the answer.
async fn sim_post(server: &TestServer, path: &str, body: Value) -> (u16, Value) {
    let url = format!("{}{SIM}{path}", server.base_url);
    let response = server.client.post(url).json(&body).send().await.unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

async fn sim_get(server: &TestServer, path: &str) -> (u16, Value) {
    let response = server.get(&format!("{SIM}{path}")).await;
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

/// Checks an inline result against the spec's type for its `type` (the spec's union accepts
/// any of its members; Telegram reads `type`), and its message content against the content
/// type it is.
fn assert_valid_result(result: &Value) {
    let spec = BotApiSpec::get();
    assert_eq!(result["type"], "article", "{result}");
    assert!(spec.is_valid("InlineQueryResultArticle", result), "{result}");
    let content = &result["input_message_content"];
    let kind = match content.get("payload") {
        Some(_) => "InputInvoiceMessageContent",
        None => "InputTextMessageContent",
    };
    assert!(spec.is_valid(kind, content), "{kind}: {content}");
}

/// The results' ids, in order.
fn ids(results: &Value) -> Vec<String> {
    results
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_owned())
        .collect()
}
