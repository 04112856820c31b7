//! `GET /metrics` for the operator: served on `METRICS_ADDR` only, never on the shop's own
//! listener, in Prometheus' text format, with counters that a checkout and payment through the
//! sandbox move and gauges read from this server's database.
//!
//! Counters are process-wide (every in-process server shares the recorder), so they are
//! compared before and after; the gauges belong to this server's database and are exact.

use crate::helpers::shopper::{slug, ADA};
use crate::helpers::{wait_until, FreshDb, TestServer, PATIENCE};
use serde_json::json;

const SECRET: &str = "metrics-webhook-secret-0123456789abcdef";

/// The sum of the samples of `name` whose labels include all of `labels`; 0 if none.
fn sample(text: &str, name: &str, labels: &[(&str, &str)]) -> f64 {
    text.lines()
        .filter(|line| !line.starts_with('#'))
        .filter_map(|line| line.rsplit_once(' '))
        .filter(|(series, _)| {
            let (metric, rest) = series.split_once('{').unwrap_or((series, ""));
            metric == name && labels.iter().all(|(k, v)| rest.contains(&format!("{k}=\"{v}\"")))
        })
        .map(|(_, value)| value.parse::<f64>().unwrap())
        .sum()
}

async fn scrape(server: &TestServer) -> String {
    let addr = server.metrics_addr.expect("METRICS_ADDR was given");
    let response = reqwest::get(format!("http://{addr}/metrics")).await.unwrap();
    assert_eq!(response.status(), 200);
    assert!(response.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/plain"));
    response.text().await.unwrap()
}

async fn deliver(server: &TestServer, body: String) -> u16 {
    let response = server
        .client
        .post(format!("{}/telegram/webhook", server.base_url))
        .header("X-Telegram-Bot-Api-Secret-Token", SECRET)
        .header("content-type", "application/json")
        .body(body)
        .send()
        .await
        .unwrap();
    response.status().as_u16()
}

#[tokio::test]
async fn metrics_count_a_paid_checkout_on_their_own_listener_only() {
    let db = FreshDb::sqlite();
    let vars = [
        ("METRICS_ADDR", "127.0.0.1:0"),
        ("WEBHOOK_SECRET", SECRET),
        ("SANDBOX", "1"),
        ("RATE_LIMIT_PROMO", "1/3600s"),
    ];
    let server = TestServer::start_with(&db.url, &vars).await;
    server.wait_for_webhook().await;
    let main = server.get("/metrics").await;
    assert_eq!(main.status(), 404, "not on the shop's public listener");
    assert!(!main.text().await.unwrap().contains("shop_orders"));

    let before = scrape(&server).await;
    assert_eq!(sample(&before, "shop_orders", &[("status", "paid")]), 0.0);
    assert_eq!(sample(&before, "shop_metrics_storage_up", &[]), 1.0);
    let handled = [("kind", "pre_checkout_query"), ("outcome", "handled")];
    let paid_messages = [("kind", "message"), ("outcome", "handled")];
    let undecodable = [("kind", "unknown"), ("outcome", "undecodable")];
    let refused_answer = [("method", "answerPreCheckoutQuery"), ("reason", "refused")];
    let answer_times = "shop_pre_checkout_answer_seconds_count";

    let ada = server.launch(ADA).await;
    let (status, checkout) = server.checkout(&ada, "wallpaper-pack", 1).await;
    assert_eq!(status, 200, "{checkout}");
    let order_id = checkout["order_id"].as_i64().unwrap();
    let sheet = server
        .telegram()
        .pay(&slug(&checkout), json!({ "user_id": ADA }))
        .await;
    assert_eq!(sheet["status"], "paid", "{sheet}");
    server.wait_for_status(&ada, order_id, "paid").await;
    // A body that is no update, and a pre-checkout query Telegram never sent (so Telegram
    // refuses its answer).
    assert_eq!(deliver(&server, "not json".into()).await, 200);
    let unknown_query = json!({ "update_id": 777_001, "pre_checkout_query": { "id": "never-sent",
        "from": { "id": ADA, "is_bot": false, "first_name": "Ada" }, "currency": "XTR",
        "total_amount": 50, "invoice_payload": format!("order:{order_id}") } });
    deliver(&server, unknown_query.to_string()).await;
    // A second promo-code preview within the hour is over the limit.
    let preview = json!({ "lines": [], "promo_code": "NOPE" });
    server.post_json("/api/promo", &preview, Some(&ada)).await;
    let (status, _) = server.post_json("/api/promo", &preview, Some(&ada)).await;
    assert_eq!(status, 429);
    wait_until(PATIENCE, "the outbox to send the receipt", async || match sample(
        &scrape(&server).await,
        "shop_outbox_backlog",
        &[("state", "pending")],
    ) {
        0.0 => Ok(()),
        left => Err(left),
    })
    .await;

    let after = scrape(&server).await;
    assert_eq!(
        sample(&after, "shop_orders", &[("status", "paid")]),
        1.0,
        "{after}"
    );
    assert_eq!(
        sample(&after, "shop_orders", &[("status", "awaiting_payment")]),
        0.0
    );
    assert_eq!(
        sample(&after, "shop_outbox_backlog", &[("state", "given_up")]),
        0.0
    );
    let moved =
        |name: &str, labels: &[(&str, &str)]| sample(&after, name, labels) - sample(&before, name, labels);
    assert!(moved("shop_webhook_updates_total", &handled) >= 1.0, "{after}");
    assert!(
        moved("shop_webhook_updates_total", &paid_messages) >= 1.0,
        "{after}"
    );
    assert!(
        moved("shop_webhook_updates_total", &undecodable) >= 1.0,
        "{after}"
    );
    assert!(
        moved(answer_times, &[]) >= 2.0,
        "both queries were timed: {after}"
    );
    assert!(
        moved("shop_bot_api_errors_total", &refused_answer) >= 1.0,
        "{after}"
    );
    assert!(
        moved("shop_rate_limited_total", &[("action", "promo")]) >= 1.0,
        "{after}"
    );
    assert!(
        after.contains("# TYPE shop_pre_checkout_answer_seconds histogram"),
        "{after}"
    );
    assert!(
        after.contains("shop_pre_checkout_answer_seconds_bucket{le=\"10\"}"),
        "{after}"
    );
    server.stop().await;
}

#[tokio::test]
async fn without_metrics_addr_no_metrics_are_served() {
    let db = FreshDb::sqlite();
    let server = TestServer::start_with(&db.url, &[("SANDBOX", "1")]).await;
    assert_eq!(server.metrics_addr, None);
    assert_eq!(server.get("/metrics").await.status(), 404);
    server.stop().await;
}

#[tokio::test]
async fn the_gauges_read_postgresql_too() {
    let db = FreshDb::postgres().await;
    let vars = [("METRICS_ADDR", "127.0.0.1:0"), ("SANDBOX", "1")];
    let server = TestServer::start_with(&db.url, &vars).await;
    let text = scrape(&server).await;
    assert_eq!(sample(&text, "shop_metrics_storage_up", &[]), 1.0, "{text}");
    assert_eq!(sample(&text, "shop_orders", &[("status", "paid")]), 0.0, "{text}");
    assert!(
        text.contains("shop_outbox_backlog{state=\"pending\"} 0"),
        "{text}"
    );
    server.stop().await;
}
