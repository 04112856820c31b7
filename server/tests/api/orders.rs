//! Black-box tests of a shopper's orders: the list of their own orders, and each order's
//! timeline and receipt, on SQLite and PostgreSQL, paid through the simulator's fake Telegram.

use crate::helpers::shopper::{german_address, slug, ADA, WEI};
use crate::helpers::{FreshDb, TestServer};
use serde_json::{json, Value};

async fn sandbox(db: &FreshDb, extra: &[(&str, &str)]) -> TestServer {
    let mut vars = vec![("WEBHOOK_SECRET", "test-webhook-secret-0123456789abcdef")];
    vars.extend_from_slice(extra);
    let server = TestServer::start_with(&db.url, &vars).await;
    server.wait_for_webhook().await;
    server
}

fn statuses(order: &Value) -> Vec<&str> {
    order["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|step| step["status"].as_str().unwrap())
        .collect()
}

async fn a_paid_parcel_shows_its_timeline_and_receipt(db: &FreshDb) {
    let server = sandbox(db, &[]).await;
    let ada = server.launch(ADA).await;
    let (status, checkout) = server.checkout(&ada, "blue-mug", 2).await;
    assert_eq!(status, 200, "{checkout}");
    let id = checkout["order_id"].as_i64().unwrap();
    assert_eq!(statuses(&server.order(&ada, id).await), ["awaiting_payment"]);

    let tg = server.telegram();
    tg.shipping(&slug(&checkout), ADA, german_address()).await;
    let info = json!({ "name": "Ada Lovelace", "phone_number": "+49 30 1234", "shipping_address": german_address() });
    let pay =
        json!({ "user_id": ADA, "shipping_option_id": "express", "tip_amount": 200, "order_info": info });
    assert_eq!(tg.pay(&slug(&checkout), pay).await["status"], "paid");

    let order = server.order(&ada, id).await;
    assert_eq!(statuses(&order), ["awaiting_payment", "paid"]);
    let (created, paid) = (
        order["timeline"][0]["at"].as_i64().unwrap(),
        order["timeline"][1]["at"].as_i64().unwrap(),
    );
    assert!(
        created <= paid && Some(paid) == order["paid_at"].as_i64(),
        "{order}"
    );
    let line = &order["lines"][0];
    assert_eq!(
        (line["name"].as_str(), line["quantity"].as_i64()),
        (Some("Blue Glazed Mug"), Some(2))
    );
    assert_eq!(
        (line["unit_price_label"].as_str(), line["total_label"].as_str()),
        (Some("24,00 €"), Some("48,00 €"))
    );
    assert_eq!(order["items_total_label"], "48,00 €");
    assert_eq!(order["shipping_label"], "12,90 €");
    assert_eq!(order["tip_label"], "2,00 €");
    assert_eq!(order["total_label"], "62,90 €");
    assert!(
        !order["charge_id"].as_str().unwrap_or_default().is_empty(),
        "{order}"
    );
    assert_eq!(
        order["delivery"],
        json!([
            "Ada Lovelace",
            "+49 30 1234",
            "Unter den Linden 1",
            "10117 Berlin",
            "DE"
        ])
    );
    server.stop().await;
}

async fn my_orders_lists_the_shopper_s_own_orders_newest_first(db: &FreshDb) {
    let server = sandbox(db, &[]).await;
    let (ada, wei) = (server.launch(ADA).await, server.launch(WEI).await);
    let (_, first) = server.checkout(&ada, "wallpaper-pack", 2).await;
    // Paid before Ada checks out again: a new checkout replaces an unpaid order.
    assert_eq!(
        server
            .telegram()
            .pay(&slug(&first), json!({ "user_id": ADA }))
            .await["status"],
        "paid"
    );
    let (_, second) = server.checkout(&ada, "sticker-pack", 1).await;
    let (_, theirs) = server.checkout(&wei, "blue-mug", 1).await;

    let (status, list) = server.get_json("/api/orders", Some(&ada)).await;
    assert_eq!(status, 200, "{list}");
    let ids: Vec<i64> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["id"].as_i64().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            second["order_id"].as_i64().unwrap(),
            first["order_id"].as_i64().unwrap()
        ]
    );
    assert_eq!(list[0]["status"], "awaiting_payment");
    assert_eq!(list[1]["status"], "paid");
    assert_eq!(list[1]["first_item"], "Wallpaper Pack");
    assert_eq!(list[1]["item_count"], 2);
    assert_eq!(list[1]["total_label"], "⭐ 100");

    let (_, wei_list) = server.get_json("/api/orders", Some(&wei)).await;
    assert_eq!(wei_list.as_array().unwrap().len(), 1);
    assert_eq!(wei_list[0]["id"], theirs["order_id"]);
    let (status, body) = server.get_json("/api/orders", None).await;
    assert_eq!(status, 401, "{body}");
    assert!(body["error"]["code"].is_string(), "{body}");
    server.stop().await;
}

#[tokio::test]
async fn sqlite_a_paid_parcel_shows_its_timeline_and_receipt() {
    a_paid_parcel_shows_its_timeline_and_receipt(&FreshDb::sqlite()).await;
}

#[tokio::test]
async fn postgres_a_paid_parcel_shows_its_timeline_and_receipt() {
    let db = FreshDb::postgres().await;
    a_paid_parcel_shows_its_timeline_and_receipt(&db).await;
}

#[tokio::test]
async fn sqlite_my_orders_lists_the_shopper_s_own_orders_newest_first() {
    my_orders_lists_the_shopper_s_own_orders_newest_first(&FreshDb::sqlite()).await;
}

#[tokio::test]
async fn postgres_my_orders_lists_the_shopper_s_own_orders_newest_first() {
    let db = FreshDb::postgres().await;
    my_orders_lists_the_shopper_s_own_orders_newest_first(&db).await;
}

#[tokio::test]
async fn an_expired_order_s_timeline_ends_expired() {
    let db = FreshDb::sqlite();
    let server = sandbox(&db, &[("ORDER_RESERVATION_SECS", "1")]).await;
    let ada = server.launch(ADA).await;
    let (_, checkout) = server.checkout(&ada, "blue-mug", 1).await;
    let id = checkout["order_id"].as_i64().unwrap();
    let order = server.wait_for_status(&ada, id, "expired").await;
    assert_eq!(statuses(&order), ["awaiting_payment", "expired"]);
    server.stop().await;
}
