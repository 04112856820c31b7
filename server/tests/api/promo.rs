//! Black-box tests of promo codes: the preview the checkout summary shows, every refusal,
//! the invoice's negative line, the discounted payment, and a use counted when paid.

use crate::helpers::shopper::{german_address, slug, ADA, WEI};
use crate::helpers::{FreshDb, TestServer};
use serde_json::{json, Value};
use sqlx::Connection;

fn cart(variant: i64, quantity: i64, code: &str) -> Value {
    json!({ "lines": [{ "variant_id": variant, "quantity": quantity }], "promo_code": code })
}

#[tokio::test]
async fn a_code_is_previewed_and_every_refusal_has_its_reason_on_sqlite() {
    previews_and_refusals(&FreshDb::sqlite()).await;
}

#[tokio::test]
async fn a_code_is_previewed_and_every_refusal_has_its_reason_on_postgres() {
    let fresh = FreshDb::postgres().await;
    previews_and_refusals(&fresh).await;
}

async fn previews_and_refusals(fresh: &FreshDb) {
    let server = TestServer::start(&fresh.url).await;
    let (mug, _) = server.product("blue-mug").await;
    let (pack, _) = server.product("wallpaper-pack").await;
    let ada = server.launch(ADA).await;
    previews_a_percent_and_a_fixed_discount(&server, &ada, mug).await;
    every_refusal_has_its_code_and_message(&server, &ada, mug, pack).await;
    the_order_carries_the_discount(&server, &ada, mug).await;
    server.stop().await;
}

async fn previews_a_percent_and_a_fixed_discount(server: &TestServer, ada: &str, mug: i64) {
    let (status, preview) = server
        .post_json("/api/promo", &cart(mug, 1, " welcome10 "), Some(ada))
        .await;
    assert_eq!(status, 200, "{preview}");
    assert_eq!(
        preview,
        json!({ "code": "WELCOME10", "discount_label": "−2,40 €", "total_label": "21,60 €" })
    );
    let (_, fixed) = server
        .post_json("/api/promo", &cart(mug, 2, "FIVEOFF"), Some(ada))
        .await;
    assert_eq!(fixed["total_label"], "43,00 €", "€5 off €48");
}

/// Each refusal, by the preview and (when the cart is well-formed) by the checkout too, and
/// who may ask.
async fn every_refusal_has_its_code_and_message(server: &TestServer, ada: &str, mug: i64, pack: i64) {
    let refusals = [
        (cart(mug, 1, "NOSUCHCODE"), 422, "promo_unknown"),
        (cart(mug, 1, "x"), 422, "promo_malformed"),
        (cart(pack, 1, "WELCOME10"), 422, "promo_not_for_stars"),
        (cart(mug, 1, "FIVEOFF"), 422, "promo_minimum"),
        (
            json!({ "lines": [{ "variant_id": mug, "quantity": 1 }] }),
            400,
            "promo_missing",
        ),
    ];
    for (body, expected, code) in refusals {
        let (status, answer) = server.post_json("/api/promo", &body, Some(ada)).await;
        assert_eq!(
            (status, answer["error"]["code"].as_str()),
            (expected, Some(code)),
            "{body}: {answer}"
        );
        assert!(answer["error"]["message"].as_str().is_some_and(|m| !m.is_empty()));
        if expected == 422 {
            let (status, answer) = server.post_json("/api/checkout", &body, Some(ada)).await;
            assert_eq!(
                (status, answer["error"]["code"].as_str()),
                (422, Some(code)),
                "checkout: {answer}"
            );
        }
    }
    let (_, minimum) = server
        .post_json("/api/promo", &cart(mug, 1, "FIVEOFF"), Some(ada))
        .await;
    assert_eq!(
        minimum["error"]["message"],
        "this promo code is for items from 30,00 €"
    );
    assert_eq!(
        server
            .post_json("/api/promo", &cart(mug, 1, "WELCOME10"), None)
            .await
            .0,
        401
    );
}

async fn the_order_carries_the_discount(server: &TestServer, ada: &str, mug: i64) {
    let (status, checkout) = server
        .post_json("/api/checkout", &cart(mug, 1, "welcome10"), Some(ada))
        .await;
    assert_eq!(status, 200, "{checkout}");
    let order = server.order(ada, checkout["order_id"].as_i64().unwrap()).await;
    assert_eq!(order["discount"], json!(["WELCOME10", "−2,40 €"]));
    assert_eq!(order["total_label"], "21,60 €");
}

#[tokio::test]
async fn a_discounted_order_is_paid_for_less_and_a_used_up_code_is_refused_afterwards() {
    let fresh = FreshDb::sqlite();
    let server = TestServer::start(&fresh.url).await;
    server.wait_for_webhook().await;
    let mut db = sqlx::SqliteConnection::connect(&fresh.url).await.unwrap();
    sqlx::query("INSERT INTO promo_codes (code, amount_off_minor, currency, max_uses, created_at) VALUES ('ONCE', 1000, 'EUR', 1, 0)")
        .execute(&mut db)
        .await
        .unwrap();
    let (mug, _) = server.product("blue-mug").await;
    let (ada, wei) = (server.launch(ADA).await, server.launch(WEI).await);

    let first = the_first_checkout_holds_the_one_use(&server, &ada, &wei, mug).await;
    the_first_to_pay_pays_less_and_uses_the_code_up(&server, &ada, &first, &mut db).await;
    the_used_up_code_is_refused_at_checkout(&server, &wei, mug).await;
    server.stop().await;
}

/// Ada's checkout with the code; it holds the code's one use while unpaid (given back if it
/// lapses, see `races`), so Wei's is refused.
async fn the_first_checkout_holds_the_one_use(server: &TestServer, ada: &str, wei: &str, mug: i64) -> Value {
    let telegram = server.telegram();
    let (status, first) = server
        .post_json("/api/checkout", &cart(mug, 2, "once"), Some(ada))
        .await;
    assert_eq!(status, 200, "{first}");
    let (status, second) = server
        .post_json("/api/checkout", &cart(mug, 1, "ONCE"), Some(wei))
        .await;
    assert_eq!(
        (status, second["error"]["code"].as_str()),
        (422, Some("promo_used_up"))
    );
    let invoice = telegram.invoice(&slug(&first)).await;
    let prices: Vec<(String, i64)> = invoice["prices"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["label"].as_str().unwrap().to_owned(),
                p["amount"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        prices,
        [
            ("2 × Blue Glazed Mug".to_owned(), 4800),
            ("Promo code ONCE".to_owned(), -1000)
        ]
    );
    first
}

async fn the_first_to_pay_pays_less_and_uses_the_code_up(
    server: &TestServer,
    ada: &str,
    first: &Value,
    db: &mut sqlx::SqliteConnection,
) {
    let telegram = server.telegram();
    let info = json!({ "name": "Ada Lovelace", "shipping_address": german_address() });
    telegram.shipping(&slug(first), ADA, german_address()).await;
    let body = json!({ "user_id": ADA, "shipping_option_id": "standard", "order_info": info });
    assert_eq!(telegram.pay(&slug(first), body).await["status"], "paid");
    let order = server.order(ada, first["order_id"].as_i64().unwrap()).await;
    assert_eq!(order["status"], "paid");
    assert_eq!(order["total_label"], "42,90 €", "48 − 10 + 4,90 shipping");
    assert_eq!(order["discount"], json!(["ONCE", "−10,00 €"]));
    let (uses,): (i64,) = sqlx::query_as("SELECT uses FROM promo_codes WHERE code = 'ONCE'")
        .fetch_one(db)
        .await
        .unwrap();
    assert_eq!(uses, 1);
}

async fn the_used_up_code_is_refused_at_checkout(server: &TestServer, wei: &str, mug: i64) {
    let (status, again) = server
        .post_json("/api/checkout", &cart(mug, 1, "ONCE"), Some(wei))
        .await;
    assert_eq!(
        (status, again["error"]["code"].as_str()),
        (422, Some("promo_used_up"))
    );
}
