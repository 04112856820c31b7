//! Stars subscriptions, black-box on SQLite and PostgreSQL, with the simulator as Telegram:
//! the demo's "Makers' Club" subscribed to and paid, renewed twice (each renewal once, even
//! redelivered), renewal cancelled and re-enabled from the app (`editUserStarSubscription`)
//! and from Telegram (`subscription` updates), a failed renewal, the lapse (the member
//! removed: banned then unbanned, once), and join requests approved for a subscriber and
//! declined for a lapsed one and a stranger (`life`); the merchant's rules for a
//! subscription product, the cart refusing one, and the merchant's list and cancel (`admin`).
//!
//! Time passes by moving the stored subscription's end into the past (the shop's clock is the
//! real one); the shop sweeps for lapsed subscriptions every second (`ORDER_RESERVATION_SECS=10`).

mod admin;
mod life;

use crate::helpers::{wait_until, FreshDb, TestServer, PATIENCE};
use serde_json::{json, Value};

const SECRET: &str = "test-webhook-secret-0123456789abcdef";
/// The simulator's private channel the demo club grants.
const CLUB_CHAT: i64 = -1_001_000_000_003;
const SIM: &str = "/simulator/telegram";

async fn sandbox(db: &FreshDb) -> TestServer {
    let vars = [
        ("WEBHOOK_SECRET", SECRET),
        ("ADMIN_USER_IDS", "1003"),
        ("ORDER_RESERVATION_SECS", "10"),
    ];
    let server = TestServer::start_with(&db.url, &vars).await;
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

async fn sim_get(server: &TestServer, path: &str) -> Value {
    server.get(&format!("{SIM}{path}")).await.json().await.unwrap()
}

/// `user` subscribes to the demo club and pays the invoice in the simulated sheet; the
/// subscription's id.
async fn subscribe_and_pay(server: &TestServer, init_data: &str, user: i64) -> i64 {
    let (variant, _) = server.product("makers-club").await;
    let (status, answer) = server
        .post_json(
            "/api/subscriptions",
            &json!({ "variant_id": variant }),
            Some(init_data),
        )
        .await;
    assert_eq!(status, 200, "{answer}");
    let id = answer["subscription_id"].as_i64().unwrap();
    let slug = crate::helpers::shopper::slug(&answer);
    let invoice = server.telegram().invoice(&slug).await;
    assert_eq!(invoice["subscription_period"], 2_592_000, "{invoice}");
    assert_eq!(invoice["payload"], format!("sub:{id}"));
    let sheet = server.telegram().pay(&slug, json!({ "user_id": user })).await;
    assert_eq!(sheet["status"], "paid", "{sheet}");
    id
}

/// `init_data`'s subscription `id` as `GET /api/subscriptions` shows it, once `check` holds.
async fn wait_mine(
    server: &TestServer,
    init_data: &str,
    id: i64,
    what: &str,
    check: impl Fn(&Value) -> bool,
) -> Value {
    wait_until(PATIENCE, what, async || {
        let (_, list) = server.get_json("/api/subscriptions", Some(init_data)).await;
        let found = list["subscriptions"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|s| s["id"] == id)
            .cloned();
        match found {
            Some(s) if check(&s) => Ok(s),
            other => Err(other),
        }
    })
    .await
}

/// The bot's join answers, bans and unbans in the club for `user`, as method names.
async fn member_calls(server: &TestServer, user: i64) -> Vec<String> {
    let calls = sim_get(server, "/member_calls").await;
    calls
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["chat_id"] == CLUB_CHAT && c["user_id"] == user)
        .map(|c| c["method"].as_str().unwrap().to_owned())
        .collect()
}

async fn wait_member_calls(server: &TestServer, user: i64, expected: &[&str]) {
    let what = format!("the bot's calls for {user} to be {expected:?}");
    wait_until(PATIENCE, &what, async || {
        let calls = member_calls(server, user).await;
        match calls == expected {
            true => Ok(()),
            false => Err(calls),
        }
    })
    .await
}

async fn members(server: &TestServer) -> Value {
    sim_get(server, &format!("/chats/{CLUB_CHAT}/members")).await
}

fn contains(list: &Value, user: i64) -> bool {
    list.as_array().unwrap().iter().any(|id| *id == user)
}

/// A connection to the shop's database, to move time (and look at the ledger).
async fn pool(db: &FreshDb) -> sqlx::AnyPool {
    sqlx::any::install_default_drivers();
    sqlx::any::AnyPoolOptions::new()
        .max_connections(1)
        .connect(&db.url)
        .await
        .unwrap()
}
