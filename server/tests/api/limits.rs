//! What a slow or greedy client may hold of the server: headers, bodies and handlers have
//! deadlines, requests beyond the cap are refused at once, and the webhook refuses a caller
//! without the secret before reading its body.

use crate::helpers::shopper::{ADA, WEI};
use crate::helpers::{FreshDb, TestServer, PATIENCE};
use server::config::{Config, Limits};
use sqlx::{Connection, Executor};
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// The sandbox on `db` with `limits`.
async fn start(db: &FreshDb, limits: Limits) -> TestServer {
    let mut config = Config::from_lookup(|name| match name {
        "DATABASE_URL" => Some(db.url.clone()),
        "SANDBOX" => Some("1".into()),
        _ => None,
    })
    .unwrap();
    config.limits = limits;
    let server = TestServer::start_config(config).await;
    server.wait_for_webhook().await;
    server
}

/// Connects to the server and writes `bytes`, leaving the connection open.
async fn send_raw(server: &TestServer, bytes: &str) -> TcpStream {
    let addr = server.base_url.trim_start_matches("http://");
    let mut stream = TcpStream::connect(addr).await.unwrap();
    stream.write_all(bytes.as_bytes()).await.unwrap();
    stream
}

/// Everything the server writes until it closes the connection; the test fails if that takes
/// longer than [`PATIENCE`].
async fn read_until_closed(mut stream: TcpStream) -> String {
    let mut answer = Vec::new();
    tokio::time::timeout(PATIENCE, stream.read_to_end(&mut answer))
        .await
        .expect("the server closes the connection")
        .ok();
    String::from_utf8_lossy(&answer).into_owned()
}

#[tokio::test]
async fn a_client_that_never_finishes_its_headers_is_cut_off() {
    let db = FreshDb::sqlite();
    let limits = Limits {
        header_read: Duration::from_millis(500),
        ..Limits::default()
    };
    let server = start(&db, limits).await;
    let stream = send_raw(&server, "GET /shop HTTP/1.1\r\nHost: shop\r\nX-Slow: ").await;
    read_until_closed(stream).await;
    // A second request on a kept-alive connection gets the same deadline for its headers.
    let stream = send_raw(
        &server,
        "GET /healthz HTTP/1.1\r\nHost: shop\r\n\r\nGET /healthz HTTP/1.1\r\n",
    )
    .await;
    let answer = read_until_closed(stream).await;
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert_eq!(answer.matches("HTTP/1.1 ").count(), 1, "{answer}");
    server.stop().await;
}

#[tokio::test]
async fn a_body_that_stalls_is_refused_with_a_json_error() {
    let db = FreshDb::sqlite();
    let limits = Limits {
        body_idle: Duration::from_millis(500),
        ..Limits::default()
    };
    let server = start(&db, limits).await;
    let init_data = server.launch(ADA).await;
    let head = format!(
        "POST /api/checkout HTTP/1.1\r\nHost: shop\r\nConnection: close\r\nAuthorization: tma {init_data}\r\n\
         Content-Type: application/json\r\nContent-Length: 200\r\n\r\n{{\"lines\":["
    );
    let answer = read_until_closed(send_raw(&server, &head).await).await;
    assert!(answer.starts_with("HTTP/1.1 400"), "{answer}");
    assert!(answer.contains(r#""code":"body_malformed""#), "{answer}");
    server.stop().await;
}

#[tokio::test]
async fn the_webhook_refuses_a_caller_without_the_secret_before_reading_the_body() {
    let db = FreshDb::sqlite();
    // The body deadline is the default (10 s, beyond PATIENCE's share here): only a check made
    // before the body is read answers this caller, who announces a megabyte and sends nothing.
    let server = start(&db, Limits::default()).await;
    let head = "POST /telegram/webhook HTTP/1.1\r\nHost: shop\r\nConnection: close\r\n\
                X-Telegram-Bot-Api-Secret-Token: guessed\r\nContent-Type: application/json\r\n\
                Content-Length: 1000000\r\n\r\n";
    let mut stream = send_raw(&server, head).await;
    let mut answer = vec![0; 1024];
    let read = tokio::time::timeout(Duration::from_secs(5), stream.read(&mut answer))
        .await
        .expect("answered without the body")
        .unwrap();
    let answer = String::from_utf8_lossy(&answer[..read]);
    assert!(answer.starts_with("HTTP/1.1 401"), "{answer}");
    assert!(answer.contains("webhook_secret_wrong"), "{answer}");
    server.stop().await;
}

/// A second connection to the test's PostgreSQL database that holds `variants` locked, so every
/// checkout waits for it until it is dropped.
async fn lock_variants(db: &FreshDb) -> sqlx::PgConnection {
    let mut conn = sqlx::PgConnection::connect(&db.url).await.unwrap();
    conn.execute("BEGIN").await.unwrap();
    conn.execute("LOCK TABLE variants IN ACCESS EXCLUSIVE MODE")
        .await
        .unwrap();
    conn
}

#[tokio::test]
async fn a_handler_that_cannot_finish_is_answered_503_timed_out() {
    let db = FreshDb::postgres().await;
    let limits = Limits {
        request: Duration::from_millis(700),
        ..Limits::default()
    };
    let server = start(&db, limits).await;
    let init_data = server.launch(ADA).await;
    let order = one_seat(&server).await;
    let lock = lock_variants(&db).await;
    let (status, body) = server.post_json("/api/checkout", &order, Some(&init_data)).await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (503, Some("timed_out")),
        "{body}"
    );
    drop(lock);
    // Nothing was left half done: once the lock is gone the same checkout goes through.
    let (status, body) = server.post_json("/api/checkout", &order, Some(&init_data)).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        server.product("pottery-workshop").await.1,
        9,
        "one seat taken, once"
    );
    server.stop().await;
}

#[tokio::test]
async fn requests_beyond_the_cap_are_refused_at_once_with_retry_after() {
    let db = FreshDb::postgres().await;
    let limits = Limits {
        max_in_flight: 2,
        ..Limits::default()
    };
    let server = start(&db, limits).await;
    let (ada, wei) = (server.launch(ADA).await, server.launch(WEI).await);
    let order = one_seat(&server).await;
    let lock = lock_variants(&db).await;
    let stuck = futures::future::join(
        server.post_json("/api/checkout", &order, Some(&ada)),
        server.post_json("/api/checkout", &order, Some(&wei)),
    );
    let meanwhile = async {
        // Both checkouts are in flight once PostgreSQL shows them waiting on the lock.
        let mut probe = sqlx::PgConnection::connect(&db.url).await.unwrap();
        crate::helpers::wait_until(PATIENCE, "two checkouts waiting on the lock", async || {
            let (waiting,): (i64,) = sqlx::query_as(
                "SELECT count(*) FROM pg_stat_activity
                 WHERE datname = current_database() AND wait_event_type = 'Lock'",
            )
            .fetch_one(&mut probe)
            .await
            .unwrap();
            if waiting >= 2 {
                Ok(())
            } else {
                Err(waiting)
            }
        })
        .await;
        let response = server.get("/healthz").await;
        let retry_after = response.headers().get("retry-after").cloned();
        let (status, body) = (
            response.status(),
            response.json::<serde_json::Value>().await.unwrap(),
        );
        drop(lock);
        (status, retry_after, body)
    };
    let (((ada_status, _), (wei_status, _)), (status, retry_after, body)) = tokio::join!(stuck, meanwhile);
    assert_eq!(status, 503, "{body}");
    assert_eq!(retry_after.unwrap(), "1");
    assert_eq!(body["error"]["code"], "busy", "{body}");
    assert_eq!(
        (ada_status, wei_status),
        (200, 200),
        "the two in flight went through"
    );
    assert_eq!(
        server.get("/healthz").await.status(),
        200,
        "served again once they finished"
    );
    server.stop().await;
}

/// A checkout's body for one seat of the demo's pottery workshop.
async fn one_seat(server: &TestServer) -> serde_json::Value {
    let (variant, _) = server.product("pottery-workshop").await;
    serde_json::json!({ "lines": [{ "variant_id": variant, "quantity": 1 }] })
}
