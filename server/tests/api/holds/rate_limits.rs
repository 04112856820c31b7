//! Per-buyer rate limits on checkout and the promo preview: past the burst, 429 with
//! `Retry-After` and a JSON error; another buyer is not held back; and a second replica on the
//! same database counts the same hits. The limits here (a burst, then one an hour) make the
//! refusal deterministic.

use super::shop;
use crate::helpers::shopper::{ADA, WEI};
use crate::helpers::{FreshDb, TestServer};
use serde_json::{json, Value};

const LIMITS: [(&str, &str); 2] = [
    ("RATE_LIMIT_CHECKOUT", "2/3600s"),
    ("RATE_LIMIT_PROMO", "3/3600s"),
];

/// `POST path` as the buyer of `init_data`: the status, `Retry-After`, and the JSON answer.
async fn post(server: &TestServer, path: &str, body: &Value, init_data: &str) -> (u16, Option<u64>, Value) {
    let response = server
        .client
        .post(format!("{}{path}", server.base_url))
        .header("authorization", format!("tma {init_data}"))
        .json(body)
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    let retry_after = response
        .headers()
        .get("retry-after")
        .map(|value| value.to_str().unwrap().parse::<u64>().expect("whole seconds"));
    (status, retry_after, response.json().await.unwrap_or(Value::Null))
}

/// A refusal for going too fast: 429, a wait within the hour, and the JSON error.
fn assert_limited((status, retry_after, body): &(u16, Option<u64>, Value)) {
    assert_eq!(*status, 429, "{body}");
    let secs = retry_after.expect("Retry-After");
    assert!((1..=3600).contains(&secs), "{secs}");
    assert_eq!(body["error"]["code"], "rate_limited", "{body}");
    assert!(
        body["error"]["message"].as_str().unwrap().contains("try again"),
        "{body}"
    );
}

crate::on_both_engines!(
    limited,
    one_buyer_is_held_back_on_every_replica_on_sqlite,
    one_buyer_is_held_back_on_every_replica_on_postgres
);

async fn limited(fresh: &FreshDb) {
    let server = shop(fresh, &LIMITS).await;
    let (ada, wei) = (server.launch(ADA).await, server.launch(WEI).await);
    let (mug, _) = server.product("blue-mug").await;
    let cart = json!({ "lines": [{ "variant_id": mug, "quantity": 1 }] });
    for _ in 0..2 {
        let (status, _, body) = post(&server, "/api/checkout", &cart, &ada).await;
        assert_eq!(status, 200, "{body}");
    }
    assert_limited(&post(&server, "/api/checkout", &cart, &ada).await);
    let (status, _, body) = post(&server, "/api/checkout", &cart, &wei).await;
    assert_eq!(status, 200, "another buyer is not held back: {body}");

    let promo = json!({ "lines": [{ "variant_id": mug, "quantity": 1 }], "promo_code": "FIVEOFF" });
    for _ in 0..3 {
        let (status, _, body) = post(&server, "/api/promo", &promo, &ada).await;
        assert_ne!(status, 429, "{body}");
    }
    assert_limited(&post(&server, "/api/promo", &promo, &ada).await);
    assert_ne!(post(&server, "/api/promo", &promo, &wei).await.0, 429);

    // A second replica on the same database: Ada is held back there too.
    let replica = shop(fresh, &LIMITS).await;
    let ada_there = replica.launch(ADA).await;
    assert_limited(&post(&replica, "/api/checkout", &cart, &ada_there).await);
    assert_limited(&post(&replica, "/api/promo", &promo, &ada_there).await);
    let wei_there = replica.launch(WEI).await;
    let (status, _, body) = post(&replica, "/api/checkout", &cart, &wei_there).await;
    assert_eq!(status, 200, "Wei's second checkout of two: {body}");
    assert_limited(&post(&replica, "/api/checkout", &cart, &wei_there).await);
    replica.stop().await;
    server.stop().await;
}
