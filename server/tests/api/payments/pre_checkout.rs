//! The pre-checkout query, Telegram's last question before it charges: refused for an order
//! already paid, for the wrong amount, and for an item sold while the reservation lapsed.

use super::{deliver, payment_update, sandbox};
use crate::helpers::shopper::{german_address, slug, ADA, WEI};
use crate::helpers::FreshDb;
use serde_json::json;

#[tokio::test]
async fn a_pre_checkout_query_arriving_after_the_payment_is_refused() {
    let db = FreshDb::sqlite();
    let server = sandbox(&db, &[]).await;
    let ada = server.launch(ADA).await;
    let (_, checkout) = server.checkout(&ada, "sticker-pack", 1).await;
    let order_id = checkout["order_id"].as_i64().unwrap();
    assert_eq!(
        deliver(&server, &payment_update(900_010, order_id, "stxLATE", 120)).await,
        200
    );
    let late = json!({ "update_id": 900_009, "pre_checkout_query": { "id": "late-query",
        "from": { "id": ADA, "is_bot": false, "first_name": "Ada" }, "currency": "XTR", "total_amount": 120,
        "invoice_payload": format!("order:{order_id}") } });
    assert_eq!(deliver(&server, &late).await, 200);
    let answers = server.telegram().answers().await;
    let answer = answers
        .iter()
        .find(|a| a["pre_checkout_query_id"] == "late-query")
        .unwrap();
    assert_eq!(answer["ok"], false);
    assert_eq!(answer["error_message"], "This order is already paid.");
    server.stop().await;
}

#[tokio::test]
async fn a_pre_checkout_query_for_the_wrong_amount_is_refused() {
    let db = FreshDb::sqlite();
    let server = sandbox(&db, &[]).await;
    let ada = server.launch(ADA).await;
    let (_, checkout) = server.checkout(&ada, "sticker-pack", 1).await;
    let query = json!({ "update_id": 900_020, "pre_checkout_query": { "id": "short-query",
        "from": { "id": ADA, "is_bot": false, "first_name": "Ada" }, "currency": "XTR", "total_amount": 119,
        "invoice_payload": format!("order:{}", checkout["order_id"]) } });
    assert_eq!(deliver(&server, &query).await, 200);
    let answers = server.telegram().answers().await;
    let answer = answers
        .iter()
        .find(|a| a["pre_checkout_query_id"] == "short-query")
        .unwrap();
    assert_eq!(answer["ok"], false);
    assert!(answer["error_message"]
        .as_str()
        .unwrap()
        .contains("check out again"));
    assert_eq!(
        server.order(&ada, checkout["order_id"].as_i64().unwrap()).await["status"],
        "awaiting_payment"
    );
    server.stop().await;
}

#[tokio::test]
async fn an_item_sold_while_the_reservation_lapsed_is_refused_at_pre_checkout() {
    let db = FreshDb::sqlite();
    let server = sandbox(&db, &[("ORDER_RESERVATION_SECS", "1")]).await;
    let (ada, wei) = (server.launch(ADA).await, server.launch(WEI).await);
    let (_, first) = server.checkout(&ada, "olive-bowl", 4).await;
    let first_id = first["order_id"].as_i64().unwrap();
    server.wait_for_status(&ada, first_id, "expired").await;
    let (status, second) = server.checkout(&wei, "olive-bowl", 4).await;
    assert_eq!(status, 200, "the stock came back: {second}");
    let info = json!({ "name": "Ada", "shipping_address": german_address() });
    let tg = server.telegram();
    tg.shipping(&slug(&first), ADA, german_address()).await;
    let body = json!({ "user_id": ADA, "shipping_option_id": "standard", "order_info": info });
    let sheet = tg.pay(&slug(&first), body).await;
    assert_eq!(sheet["status"], "refused");
    assert_eq!(
        sheet["error_message"],
        "Sorry, the last Olive Wood Bowl was just sold."
    );
    assert_eq!(server.order(&ada, first_id).await["status"], "expired");
    server.stop().await;
}
