//! Black-box tests of the merchant's refunds under `/api/admin/`: Stars given back through
//! Telegram (the order turns refunded when `refunded_payment` arrives), card refunds recorded
//! with the provider's reference, each charge refunded once.

use crate::helpers::merchant::CAMILLE;
use crate::helpers::shopper::{slug, ADA};
use crate::helpers::{FreshDb, TestServer};
use serde_json::{json, Value};

#[tokio::test]
async fn the_merchant_refunds_stars_through_telegram_and_records_card_refunds_on_sqlite() {
    refunds(&FreshDb::sqlite()).await;
}

#[tokio::test]
async fn the_merchant_refunds_stars_through_telegram_and_records_card_refunds_on_postgres() {
    let fresh = FreshDb::postgres().await;
    refunds(&fresh).await;
}

async fn refunds(fresh: &FreshDb) {
    let server = TestServer::start_with(&fresh.url, &[("ADMIN_USER_IDS", "1003")]).await;
    server.wait_for_webhook().await;
    let (ada, admin) = (server.launch(ADA).await, server.admin_session(CAMILLE).await);
    stars_are_refunded_once_paid_through_telegram(&server, &ada, &admin).await;
    let card_id = ada_pays_by_card(&server, &ada, &admin).await;
    a_card_refund_is_recorded_with_its_reference(&server, &admin, card_id).await;
    server.stop().await;
}

/// `POST /api/admin/orders/{id}/refund` with `body`, as the merchant.
async fn refund(server: &TestServer, admin: &str, id: i64, body: Value) -> (u16, Value) {
    server
        .post_json(&format!("/api/admin/orders/{id}/refund"), &body, Some(admin))
        .await
}

async fn stars_are_refunded_once_paid_through_telegram(server: &TestServer, ada: &str, admin: &str) {
    let telegram = server.telegram();
    let (_, stars) = server.checkout(ada, "wallpaper-pack", 1).await;
    let stars_id = stars["order_id"].as_i64().unwrap();
    let (status, body) = refund(server, admin, stars_id, json!({})).await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (409, Some("illegal_transition")),
        "unpaid: {body}"
    );
    assert_eq!(
        telegram.pay(&slug(&stars), json!({ "user_id": ADA })).await["status"],
        "paid"
    );
    let (status, body) = refund(server, admin, stars_id, json!({})).await;
    assert_eq!(
        (status, &body["status"]),
        (202, &json!("refund_requested")),
        "{body}"
    );
    // Telegram's refunded_payment update makes it so.
    server.wait_for_status(ada, stars_id, "refunded").await;
    let (status, _) = refund(server, admin, stars_id, json!({})).await;
    assert_eq!(status, 409, "refunded once");
}

/// The card order, paid, with the provider's charge id the merchant sees.
async fn ada_pays_by_card(server: &TestServer, ada: &str, admin: &str) -> i64 {
    let telegram = server.telegram();
    let (_, card) = server.checkout(ada, "pottery-workshop", 1).await;
    let card_id = card["order_id"].as_i64().unwrap();
    let info = json!({ "name": "Ada Lovelace", "email": "ada@example.org" });
    assert_eq!(
        telegram
            .pay(&slug(&card), json!({ "user_id": ADA, "order_info": info }))
            .await["status"],
        "paid"
    );
    let (_, detail) = server
        .get_json(&format!("/api/admin/orders/{card_id}"), Some(admin))
        .await;
    assert!(
        detail["provider_charge_id"]
            .as_str()
            .is_some_and(|c| !c.is_empty()),
        "{detail}"
    );
    card_id
}

async fn a_card_refund_is_recorded_with_its_reference(server: &TestServer, admin: &str, card_id: i64) {
    let telegram = server.telegram();
    let (status, body) = refund(server, admin, card_id, json!({})).await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (422, Some("reference_missing")),
        "{body}"
    );
    let (status, body) = refund(server, admin, card_id, json!({ "reference": "re_3PzQ" })).await;
    assert_eq!((status, &body["status"]), (200, &json!("refunded")), "{body}");
    let told = telegram.wait_for_messages(ADA, 4).await;
    assert!(
        told.iter().any(|m| m["text"]
            .as_str()
            .unwrap()
            .contains(&format!("order #{card_id} was refunded"))),
        "{told:?}"
    );
    let (status, _) = refund(server, admin, card_id, json!({ "reference": "re_3PzQ" })).await;
    assert_eq!(status, 409, "a charge is refunded once");
}
