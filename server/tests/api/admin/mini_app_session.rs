//! The admin Mini App's session: its initData opens one (`POST /api/admin/session`) only
//! while a few minutes old, only for an admin; the session's token (`Authorization: Bearer`)
//! is what every later admin request carries, with no CSRF token; initData itself is no
//! longer a key to the admin API; signing out ends the session. Runs on both engines.

use crate::helpers::{FreshDb, TestServer};
use serde_json::{json, Value};
use server::telegram::init_data::{Fields, Freshness, HmacValidator};

const TOKEN: &str = "123456:TEST-TOKEN";
const ADMIN: i64 = 4242;

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

/// initData for `user`, signed with the bot's token and issued at `auth_date`.
fn init_data(user: i64, auth_date: i64) -> String {
    let user = format!(r#"{{"id":{user},"first_name":"Camille"}}"#);
    let pairs = vec![
        ("auth_date".to_owned(), auth_date.to_string()),
        ("user".to_owned(), user),
    ];
    let fields = Fields::from_pairs(pairs).unwrap();
    let hash = HmacValidator::new(TOKEN, Freshness::default()).sign(&fields);
    format!("{}&hash={hash}", fields.to_query())
}

async fn call(server: &TestServer, method: &str, path: &str, authorization: &str) -> (u16, Value) {
    let method = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
    let response = server
        .client
        .request(method, format!("{}{path}", server.base_url))
        .header("authorization", authorization)
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

fn code(answer: &(u16, Value)) -> (u16, Option<&str>) {
    (answer.0, answer.1["error"]["code"].as_str())
}

crate::on_both_engines!(
    mini_app_session,
    the_mini_app_trades_fresh_init_data_for_a_session_on_sqlite,
    the_mini_app_trades_fresh_init_data_for_a_session_on_postgres
);

async fn mini_app_session(fresh: &FreshDb) {
    let admin_ids = ADMIN.to_string();
    let server = TestServer::start_with(
        &fresh.url,
        &[("BOT_TOKEN", TOKEN), ("ADMIN_USER_IDS", admin_ids.as_str())],
    )
    .await;
    let fresh_data = format!("tma {}", init_data(ADMIN, now()));

    // initData is no key to the admin API any more…
    let direct = call(&server, "GET", "/api/admin/orders", &fresh_data).await;
    assert_eq!(code(&direct), (401, Some("admin_session_required")), "{direct:?}");
    // …and opens a session only while a few minutes old.
    let stale = format!("tma {}", init_data(ADMIN, now() - 6 * 60));
    let refused = call(&server, "POST", "/api/admin/session", &stale).await;
    assert_eq!(code(&refused), (401, Some("init_data_expired")), "{refused:?}");
    let stranger = format!("tma {}", init_data(ADMIN + 1, now()));
    let refused = call(&server, "POST", "/api/admin/session", &stranger).await;
    assert_eq!(code(&refused), (403, Some("not_an_admin")));

    let (status, opened) = call(&server, "POST", "/api/admin/session", &fresh_data).await;
    assert_eq!(status, 200, "{opened}");
    assert_eq!(
        (&opened["user_id"], &opened["via"]),
        (&json!(ADMIN), &json!("telegram"))
    );
    assert!(opened["csrf_token"].is_null());
    let bearer = format!("Bearer {}", opened["token"].as_str().expect("a token"));

    let (status, list) = call(&server, "GET", "/api/admin/orders", &bearer).await;
    assert_eq!((status, &list["total"]), (200, &json!(0)), "{list}");
    let (status, session) = call(&server, "GET", "/api/admin/session", &bearer).await;
    assert_eq!((status, &session["via"]), (200, &json!("telegram")), "{session}");
    assert!(
        session.get("token").is_none(),
        "the token is handed out once: {session}"
    );
    // A change needs no CSRF token with a Bearer session: this one reaches the handler.
    let ship = call(&server, "POST", "/api/admin/orders/999999/ship", &bearer).await;
    assert_eq!(code(&ship), (404, Some("order_not_found")));
    let forged = call(&server, "GET", "/api/admin/orders", "Bearer not-a-token").await;
    assert_eq!(code(&forged), (401, Some("session_ended")));

    let (status, _) = call(&server, "POST", "/api/admin/logout", &bearer).await;
    assert_eq!(status, 204);
    let ended = call(&server, "GET", "/api/admin/orders", &bearer).await;
    assert_eq!(code(&ended), (401, Some("session_ended")));

    // Sessions live in the database (any replica knows them), and an admin taken off
    // ADMIN_USER_IDS is refused with the session they still hold.
    let fresh_data = format!("tma {}", init_data(ADMIN, now()));
    let (_, opened) = call(&server, "POST", "/api/admin/session", &fresh_data).await;
    let bearer = format!("Bearer {}", opened["token"].as_str().unwrap());
    server.stop().await;
    let replica = TestServer::start_with(
        &fresh.url,
        &[("BOT_TOKEN", TOKEN), ("ADMIN_USER_IDS", admin_ids.as_str())],
    )
    .await;
    let (status, _) = call(&replica, "GET", "/api/admin/orders", &bearer).await;
    assert_eq!(status, 200, "another server process knows the session");
    replica.stop().await;
    let demoted = TestServer::start_with(&fresh.url, &[("BOT_TOKEN", TOKEN), ("ADMIN_USER_IDS", "1")]).await;
    let refused = call(&demoted, "GET", "/api/admin/orders", &bearer).await;
    assert_eq!(code(&refused), (403, Some("not_an_admin")));
    demoted.stop().await;
}
