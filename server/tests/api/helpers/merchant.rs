//! The merchant, as the admin API's black-box tests play them: a shop with Camille as its
//! admin, her session (opened as the admin Mini App does, with fresh initData), any HTTP
//! method with it, and refusals read as (status, code).

use super::{FreshDb, TestServer};
use serde_json::Value;

/// Camille runs the shop in these tests (`ADMIN_USER_IDS=1003`).
pub const CAMILLE: i64 = 1003;
/// The merchant's group chat: the simulator's `@shop_friends`, where the bot is a member (Telegram,
/// and the simulator, refuse a message to a chat the bot is not in).
pub const GROUP: i64 = -1_001_000_000_002;

/// The shop on `fresh`, its webhook registered, and Camille's session.
pub async fn start(fresh: &FreshDb) -> (TestServer, String) {
    let server = TestServer::start_with(&fresh.url, &[("ADMIN_USER_IDS", "1003")]).await;
    server.wait_for_webhook().await;
    let admin = server.admin_session(CAMILLE).await;
    (server, admin)
}

impl TestServer {
    /// Opens an admin session as the admin Mini App does (`POST /api/admin/session` with
    /// fresh initData): `Bearer <token>`, which the helpers send as it is.
    pub async fn admin_session(&self, user: i64) -> String {
        let init_data = self.launch(user).await;
        self.admin_session_with(&init_data).await
    }

    /// As [`Self::admin_session`], with initData the test signed itself (a shop with a bot
    /// token of the test's own).
    pub async fn admin_session_with(&self, init_data: &str) -> String {
        let (status, body) = self
            .post_json("/api/admin/session", &serde_json::json!({}), Some(init_data))
            .await;
        assert_eq!(status, 200, "{body}");
        format!("Bearer {}", body["token"].as_str().expect("a session token"))
    }
}

/// Any method on `path`; the status and the JSON answer (`null` for none).
pub async fn send(
    server: &TestServer,
    method: &str,
    path: &str,
    body: Value,
    init_data: &str,
) -> (u16, Value) {
    let method = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
    let response = server
        .client
        .request(method, format!("{}{path}", server.base_url))
        .header("authorization", super::authorization(init_data))
        .json(&body)
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

pub fn refused(answer: &(u16, Value)) -> (u16, Option<&str>) {
    (answer.0, answer.1["error"]["code"].as_str())
}

/// Runs `$scenario` as two tests, on a fresh SQLite and a fresh PostgreSQL database.
#[macro_export]
macro_rules! on_both_engines {
    ($scenario:ident, $sqlite:ident, $postgres:ident) => {
        #[tokio::test]
        async fn $sqlite() {
            $scenario(&$crate::helpers::FreshDb::sqlite()).await;
        }

        #[tokio::test]
        async fn $postgres() {
            let fresh = $crate::helpers::FreshDb::postgres().await;
            $scenario(&fresh).await;
        }
    };
}
