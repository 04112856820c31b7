//! One order awaiting payment per buyer: a new checkout cancels the buyer's unpaid order and
//! gives its stock back in the same transaction, its timeline says so, Telegram is told to
//! refuse paying it, and a payment Telegram takes for it anyway still counts.

use super::{deliver, shop};
use crate::helpers::shopper::{slug, ADA, WEI};
use crate::helpers::{FreshDb, TestServer};
use futures::future::join_all;
use serde_json::{json, Value};

/// Room for the loops below; the limits have their own tests.
const NO_LIMIT: (&str, &str) = ("RATE_LIMIT_CHECKOUT", "1000/1s");

fn statuses(order: &Value) -> Vec<&str> {
    order["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|step| step["status"].as_str().unwrap())
        .collect()
}

/// The ids of the buyer's orders with `status`.
async fn orders_with(server: &TestServer, init_data: &str, status: &str) -> Vec<i64> {
    let (code, orders) = server.get_json("/api/orders", Some(init_data)).await;
    assert_eq!(code, 200, "{orders}");
    orders
        .as_array()
        .unwrap()
        .iter()
        .filter(|o| o["status"] == status)
        .map(|o| o["id"].as_i64().unwrap())
        .collect()
}

crate::on_both_engines!(
    checking_out_again,
    a_loop_of_checkouts_holds_one_orders_stock_on_sqlite,
    a_loop_of_checkouts_holds_one_orders_stock_on_postgres
);

async fn checking_out_again(fresh: &FreshDb) {
    let server = shop(fresh, &[NO_LIMIT]).await;
    let (ada, wei) = (server.launch(ADA).await, server.launch(WEI).await);
    let (_, stock) = server.product("blue-mug").await;
    let (status, weis) = server.checkout(&wei, "blue-mug", 2).await;
    assert_eq!(status, 200, "{weis}");
    let mut ids = Vec::new();
    for _ in 0..8 {
        let (status, checkout) = server.checkout(&ada, "blue-mug", 3).await;
        assert_eq!(status, 200, "{checkout}");
        ids.push(checkout["order_id"].as_i64().unwrap());
    }
    assert_eq!(
        server.product("blue-mug").await.1,
        stock - 2 - 3,
        "Ada holds one order's units, not eight"
    );
    let (last, replaced) = ids.split_last().unwrap();
    for id in replaced {
        let order = server.order(&ada, *id).await;
        assert_eq!(order["status"], "cancelled", "{order}");
        assert_eq!(statuses(&order), ["awaiting_payment", "cancelled"]);
    }
    assert_eq!(orders_with(&server, &ada, "awaiting_payment").await, [*last]);
    let weis = server.order(&wei, weis["order_id"].as_i64().unwrap()).await;
    assert_eq!(weis["status"], "awaiting_payment", "another buyer's order stays");

    // Ada's three units come back before her new order takes its own: all that Wei left.
    let (status, all) = server.checkout(&ada, "blue-mug", stock - 2).await;
    assert_eq!(status, 200, "{all}");
    assert_eq!(server.product("blue-mug").await.1, 0);
    assert_eq!(server.order(&ada, *last).await["status"], "cancelled");
    server.stop().await;
}

crate::on_both_engines!(
    checking_out_at_once,
    checkouts_of_one_buyer_at_once_leave_one_order_awaiting_on_sqlite,
    checkouts_of_one_buyer_at_once_leave_one_order_awaiting_on_postgres
);

async fn checking_out_at_once(fresh: &FreshDb) {
    let server = shop(fresh, &[NO_LIMIT]).await;
    let ada = server.launch(ADA).await;
    let (_, stock) = server.product("blue-mug").await;
    let answers = join_all((0..16).map(|_| server.checkout(&ada, "blue-mug", 2))).await;
    assert!(answers.iter().all(|(status, _)| *status == 200), "{answers:?}");
    assert_eq!(orders_with(&server, &ada, "awaiting_payment").await.len(), 1);
    assert_eq!(server.product("blue-mug").await.1, stock - 2);
    server.stop().await;
}

#[tokio::test]
async fn a_replaced_order_is_refused_at_pre_checkout_and_paid_if_charged_anyway() {
    let db = FreshDb::sqlite();
    let server = shop(&db, &[]).await;
    let ada = server.launch(ADA).await;
    let (_, stock) = server.product("sticker-pack").await;
    let (_, first) = server.checkout(&ada, "sticker-pack", 2).await;
    let (_, second) = server.checkout(&ada, "sticker-pack", 1).await;
    let tg = server.telegram();

    let sheet = tg.pay(&slug(&first), json!({ "user_id": ADA })).await;
    assert_eq!(sheet["status"], "refused", "{sheet}");
    assert_eq!(
        sheet["error_message"],
        "You checked out again after this invoice was made, so this order was replaced. Please pay the newer invoice."
    );
    let sheet = tg.pay(&slug(&second), json!({ "user_id": ADA })).await;
    assert_eq!(
        sheet["status"], "paid",
        "the newer invoice is the one to pay: {sheet}"
    );

    // Telegram charged the replaced order anyway: money taken is a fact.
    let first_id = first["order_id"].as_i64().unwrap();
    let late = json!({ "update_id": 700_001, "message": { "message_id": 1, "date": 1,
        "from": { "id": ADA, "is_bot": false, "first_name": "Ada" }, "chat": { "id": ADA, "type": "private" },
        "successful_payment": { "currency": "XTR", "total_amount": 240, "invoice_payload": format!("order:{first_id}"),
            "telegram_payment_charge_id": "stxREPLACED", "provider_payment_charge_id": "" } } });
    assert_eq!(deliver(&server, &late).await, 200);
    let order = server.order(&ada, first_id).await;
    assert_eq!(order["status"], "paid", "{order}");
    assert_eq!(statuses(&order), ["awaiting_payment", "cancelled", "paid"]);
    assert_eq!(
        server.product("sticker-pack").await.1,
        stock - 1 - 2,
        "both paid orders took their units"
    );
    server.stop().await;
}
