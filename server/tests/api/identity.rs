//! Black-box tests of Telegram identity: `Authorization: tma <initData>` on `/api/me`.

use crate::helpers::{FreshDb, TestServer};
use serde_json::Value;
use server::telegram::init_data::{Fields, Freshness, HmacValidator};

const TOKEN: &str = "123456:TEST-TOKEN";

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

/// initData signed with `token`, as a Telegram client would send it.
fn init_data(token: &str, auth_date: i64) -> String {
    let user = r#"{"id":4242,"first_name":"Ada","last_name":"Lovelace","username":"ada","language_code":"fr","is_premium":true}"#;
    let pairs = [
        ("auth_date", auth_date.to_string()),
        ("start_param", "p_3".into()),
        ("user", user.into()),
    ];
    let fields = Fields::from_pairs(pairs.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()).unwrap();
    let hash = HmacValidator::new(token, Freshness::default()).sign(&fields);
    format!("{}&hash={hash}", fields.to_query())
}

async fn me(server: &TestServer, authorization: Option<String>) -> (u16, Value) {
    let mut request = server.client.get(format!("{}/api/me", server.base_url));
    if let Some(value) = authorization {
        request = request.header("authorization", value);
    }
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap())
}

#[tokio::test]
async fn me_returns_the_verified_user_and_start_parameter() {
    let fresh = FreshDb::sqlite();
    let server = TestServer::start_with(&fresh.url, &[("BOT_TOKEN", TOKEN)]).await;
    let (status, body) = me(&server, Some(format!("tma {}", init_data(TOKEN, now())))).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["user"]["id"], 4242);
    assert_eq!(body["user"]["first_name"], "Ada");
    assert_eq!(body["user"]["language_code"], "fr");
    assert_eq!(body["user"]["is_premium"], true);
    assert_eq!(body["start_param"], "p_3");
    assert!(
        body["user"].get("photo_url").is_none(),
        "absent fields are left out"
    );
    server.stop().await;
}

#[tokio::test]
async fn tampered_init_data_gets_401_naming_the_reason() {
    let fresh = FreshDb::sqlite();
    let server = TestServer::start_with(&fresh.url, &[("BOT_TOKEN", TOKEN)]).await;
    let tampered = init_data(TOKEN, now()).replace("4242", "4243");
    let (status, body) = me(&server, Some(format!("tma {tampered}"))).await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (401, Some("init_data_hash_wrong"))
    );
    server.stop().await;
}

#[tokio::test]
async fn init_data_for_another_bot_is_refused() {
    let fresh = FreshDb::sqlite();
    let server = TestServer::start_with(&fresh.url, &[("BOT_TOKEN", TOKEN)]).await;
    let (status, body) = me(&server, Some(format!("tma {}", init_data("999:OTHER", now())))).await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (401, Some("init_data_hash_wrong"))
    );
    server.stop().await;
}

#[tokio::test]
async fn expired_init_data_is_refused_by_the_configured_age() {
    let fresh = FreshDb::sqlite();
    let server = TestServer::start_with(
        &fresh.url,
        &[("BOT_TOKEN", TOKEN), ("INIT_DATA_MAX_AGE_SECS", "60")],
    )
    .await;
    let (status, body) = me(&server, Some(format!("tma {}", init_data(TOKEN, now() - 120)))).await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (401, Some("init_data_expired"))
    );
    server.stop().await;
}

#[tokio::test]
async fn requests_without_tma_authorization_are_refused() {
    let fresh = FreshDb::sqlite();
    let server = TestServer::start_with(&fresh.url, &[("BOT_TOKEN", TOKEN)]).await;
    let (status, body) = me(&server, None).await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (401, Some("init_data_missing"))
    );
    let (status, body) = me(&server, Some(format!("Bearer {}", init_data(TOKEN, now())))).await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (401, Some("authorization_not_tma"))
    );
    let response = server.get("/api/me").await;
    assert_eq!(response.headers()["www-authenticate"], "tma");
    server.stop().await;
}

#[tokio::test]
async fn without_a_bot_token_real_init_data_is_not_accepted() {
    // Sandbox mode signs with a random token of its own; data signed with a guessable token fails.
    let fresh = FreshDb::sqlite();
    let server = TestServer::start(&fresh.url).await;
    let (status, _) = me(&server, Some(format!("tma {}", init_data(TOKEN, now())))).await;
    assert_eq!(status, 401);
    server.stop().await;
}
