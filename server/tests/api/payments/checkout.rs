//! Checkout before Telegram: what a cart reserves and for how long, what it refuses with
//! which error, prices the client cannot set, and an order seen by its buyer only.

use super::sandbox;
use crate::helpers::shopper::{ADA, WEI};
use crate::helpers::FreshDb;
use serde_json::json;

#[tokio::test]
async fn an_unpaid_order_expires_and_gives_its_stock_back() {
    let db = FreshDb::sqlite();
    let server = sandbox(&db, &[("ORDER_RESERVATION_SECS", "1")]).await;
    let ada = server.launch(ADA).await;
    let (_, before) = server.product("blue-mug").await;
    let (_, checkout) = server.checkout(&ada, "blue-mug", 3).await;
    assert_eq!(server.product("blue-mug").await.1, before - 3);
    server
        .wait_for_status(&ada, checkout["order_id"].as_i64().unwrap(), "expired")
        .await;
    assert_eq!(server.product("blue-mug").await.1, before);
    server.stop().await;
}

#[tokio::test]
async fn orders_are_shown_to_their_buyer_only() {
    let db = FreshDb::sqlite();
    let server = sandbox(&db, &[]).await;
    let (ada, wei) = (server.launch(ADA).await, server.launch(WEI).await);
    let (_, checkout) = server.checkout(&ada, "sticker-pack", 1).await;
    let path = format!("/api/orders/{}", checkout["order_id"]);
    let (status, body) = server.get_json(&path, Some(&wei)).await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (404, Some("order_not_found"))
    );
    assert_eq!(server.get_json(&path, None).await.0, 401);
    assert_eq!(server.get_json("/api/orders/abc", Some(&ada)).await.0, 400);
    server.stop().await;
}

#[tokio::test]
async fn bad_carts_get_clear_errors_and_reserve_nothing() {
    let db = FreshDb::sqlite();
    let server = sandbox(&db, &[]).await;
    let ada = server.launch(ADA).await;
    let (mug, stock) = server.product("blue-mug").await;
    let (stars, _) = server.product("wallpaper-pack").await;
    let cases = [
        (json!({ "lines": [] }), 422, "empty_cart"),
        (
            json!({ "lines": [{ "variant_id": mug, "quantity": 0 }] }),
            422,
            "bad_quantity",
        ),
        (
            json!({ "lines": [{ "variant_id": 424242, "quantity": 1 }] }),
            422,
            "unknown_variant",
        ),
        (
            json!({ "lines": [{ "variant_id": mug, "quantity": 1 }, { "variant_id": stars, "quantity": 1 }] }),
            422,
            "mixed_currencies",
        ),
        (
            json!({ "lines": [{ "variant_id": mug, "quantity": 13 }] }),
            409,
            "sold_out",
        ),
        (json!({ "cart": [] }), 400, "body_malformed"),
    ];
    for (body, status, code) in cases {
        let (got, answer) = server.post_json("/api/checkout", &body, Some(&ada)).await;
        assert_eq!(
            (got, answer["error"]["code"].as_str()),
            (status, Some(code)),
            "{body}"
        );
    }
    assert_eq!(
        server
            .post_json("/api/checkout", &json!({ "lines": [] }), None)
            .await
            .0,
        401
    );
    assert_eq!(server.product("blue-mug").await.1, stock);
    server.stop().await;
}

#[tokio::test]
async fn client_prices_are_ignored() {
    let db = FreshDb::sqlite();
    let server = sandbox(&db, &[]).await;
    let ada = server.launch(ADA).await;
    let (mug, _) = server.product("blue-mug").await;
    let body = json!({ "lines": [{ "variant_id": mug, "quantity": 1, "price": { "minor": 1, "currency": "EUR" } }] });
    let (status, checkout) = server.post_json("/api/checkout", &body, Some(&ada)).await;
    assert_eq!(status, 200, "{checkout}");
    let order = server.order(&ada, checkout["order_id"].as_i64().unwrap()).await;
    assert_eq!(order["items_total"]["minor"], 2400);
    server.stop().await;
}
