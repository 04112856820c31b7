//! One multi-chat invoice in the group, paid by three users and refused to a fourth when sold
//! out; redelivered payment and pre-checkout updates change nothing twice.

use super::{post, sandbox, CAMILLE, GROUP, SECRET};
use crate::helpers::shopper::{german_address, ADA, WEI};
use crate::helpers::{FreshDb, TestServer};
use crate::on_both_engines;
use serde_json::{json, Value};

const LUCA: i64 = 1004;

/// `user` pays the invoice `slug` in the sheet: a shipping quote for Germany, then Pay.
async fn pay(server: &TestServer, slug: &str, user: i64) -> Value {
    let tg = server.telegram();
    let quote = tg.shipping(slug, user, german_address()).await;
    assert_eq!(quote["ok"], true, "{quote}");
    let info = json!({ "name": "Tester", "shipping_address": german_address() });
    let body = json!({ "user_id": user, "shipping_option_id": "standard", "order_info": info });
    tg.pay(slug, body).await
}

async fn the_same_invoice_is_paid_by_three_users_and_refused_to_a_fourth(db: &FreshDb) {
    let (server, admin) = sandbox(db).await;
    let tg = server.telegram();
    let (mug, variant) = server.product_ids("blue-mug").await;
    let adjust = json!({ "delta": -9, "reason": "three left for the test" });
    let path = format!("/api/admin/variants/{variant}/stock");
    let (status, body) = crate::helpers::merchant::send(&server, "POST", &path, adjust, &admin).await;
    assert_eq!(status, 200, "{body}");

    let (status, posted) = post(&server, &admin, mug, json!(GROUP), true).await;
    assert_eq!(status, 201, "{posted}");
    let post_id = posted["id"].as_i64().unwrap();
    assert_eq!(
        (posted["chat_title"].as_str(), posted["multi_chat"].as_bool()),
        (Some("Shop Friends"), Some(true))
    );
    assert!(posted.get("start_parameter").is_none(), "{posted}");
    let message = tg.chat(GROUP).await.pop().expect("the invoice in the group");
    assert_eq!(message["invoice"]["title"], "Blue Glazed Mug");
    assert_eq!(
        message["invoice"]["start_parameter"], "",
        "multi-chat: no deep link"
    );
    let slug = message["sim_invoice"].as_str().unwrap().to_owned();
    let invoice = tg.invoice(&slug).await;
    assert_eq!(invoice["payload"], format!("buy:{variant}:post{post_id}"));
    assert_eq!(
        (
            invoice["is_flexible"].as_bool(),
            invoice["need_shipping_address"].as_bool()
        ),
        (Some(true), Some(true))
    );

    let mut charges = Vec::new();
    for user in [ADA, WEI, LUCA] {
        let paid = pay(&server, &slug, user).await;
        assert_eq!(paid["status"], "paid", "{user}: {paid}");
        charges.push(paid["telegram_payment_charge_id"].as_str().unwrap().to_owned());
    }
    let refused = pay(&server, &slug, CAMILLE).await;
    assert_eq!(refused["status"], "refused", "{refused}");
    // Camille's Telegram speaks French: the refusal is in her language.
    assert_eq!(refused["error_message"], "Désolé, Blue Glazed Mug est épuisé.");
    assert_eq!(
        server.product("blue-mug").await.1,
        0,
        "three units taken, each once"
    );

    let mut orders = Vec::new();
    for user in [ADA, WEI, LUCA] {
        let receipt = &tg.wait_for_messages(user, 1).await[0];
        // In each payer's language (Wei's is Chinese); the amount and the line read the same.
        let text = receipt["text"].as_str().unwrap();
        assert!(
            text.contains("28,90 €") && text.contains("1 × Blue Glazed Mug"),
            "{receipt}"
        );
        let init_data = server.launch(user).await;
        let (_, list) = server.get_json("/api/orders", Some(&init_data)).await;
        let list = list.as_array().unwrap();
        assert_eq!(list.len(), 1, "{user}: one order each: {list:?}");
        assert_eq!(
            (list[0]["status"].as_str(), list[0]["first_item"].as_str()),
            (Some("paid"), Some("Blue Glazed Mug"))
        );
        let order = server.order(&init_data, list[0]["id"].as_i64().unwrap()).await;
        assert_eq!(
            order["total"]["minor"].as_i64().unwrap(),
            2400 + order["shipping"]["minor"].as_i64().unwrap()
        );
        orders.push(list[0]["id"].as_i64().unwrap());
    }
    orders.sort_unstable();
    orders.dedup();
    assert_eq!(orders.len(), 3, "three orders");
    let camille = server.launch(CAMILLE).await;
    let (_, none) = server.get_json("/api/orders", Some(&camille)).await;
    assert_eq!(
        none.as_array().unwrap().len(),
        0,
        "the refused payer has no order: {none}"
    );

    // Camille, the merchant, reads Telegram in French: her sale notes say where, in French.
    let sales = tg.wait_for_messages(CAMILLE, 3).await;
    for sale in &sales {
        assert!(
            sale["text"]
                .as_str()
                .unwrap()
                .contains("Vendu par la publication dans Shop Friends."),
            "{sale}"
        );
    }
    let (status, detail) = server
        .get_json(&format!("/api/admin/orders/{}", orders[0]), Some(&admin))
        .await;
    assert_eq!(status, 200, "{detail}");
    assert_eq!(detail["sold_where"]["via"], "post", "{detail}");
    assert_eq!(detail["sold_where"]["chat"], "Shop Friends", "{detail}");
    assert!(detail["sold_where"]["post_id"].as_i64().is_some(), "{detail}");
    let (_, list) = server.get_json("/api/admin/posts", Some(&admin)).await;
    let listed: Vec<i64> = list["posts"][0]["orders"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o.as_i64().unwrap())
        .collect();
    assert_eq!(listed, orders);
    assert!(
        list["chats"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["chat_id"] == GROUP),
        "{list}"
    );

    // Telegram redelivers the first payment: nothing changes.
    let update = json!({ "update_id": 900_001, "message": { "message_id": 77, "date": 1,
        "from": { "id": ADA, "is_bot": false, "first_name": "Ada" }, "chat": { "id": ADA, "type": "private" },
        "successful_payment": { "currency": "EUR", "total_amount": 2400 + 490,
            "invoice_payload": invoice["payload"], "telegram_payment_charge_id": charges[0],
            "provider_payment_charge_id": "prov" } } });
    assert_eq!(server.deliver_update(SECRET, &update).await, Some(200));
    assert_eq!(server.deliver_update(SECRET, &update).await, Some(200));
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert_eq!(tg.chat(ADA).await.len(), 1, "one receipt");
    assert_eq!(tg.chat(CAMILLE).await.len(), 3, "three sale notes");
    server.stop().await;
}

on_both_engines!(
    the_same_invoice_is_paid_by_three_users_and_refused_to_a_fourth,
    three_users_pay_one_invoice_on_sqlite,
    three_users_pay_one_invoice_on_postgres
);

async fn a_redelivered_pre_checkout_makes_one_order(db: &FreshDb) {
    let (server, admin) = sandbox(db).await;
    let (book, variant) = server.product_ids("sticker-pack").await;
    let (status, posted) = post(&server, &admin, book, json!(GROUP), true).await;
    assert_eq!(status, 201, "{posted}");
    let (_, stock) = server.product("sticker-pack").await;
    let payload = format!("buy:{variant}:post{}", posted["id"]);
    let invoice = server
        .telegram()
        .invoice(
            server.telegram().chat(GROUP).await.pop().unwrap()["sim_invoice"]
                .as_str()
                .unwrap(),
        )
        .await;
    let price = invoice["prices"][0]["amount"].as_i64().unwrap();
    let query = json!({ "update_id": 900_100, "pre_checkout_query": { "id": "q1",
        "from": { "id": WEI, "is_bot": false, "first_name": "Wei", "language_code": "zh" },
        "currency": invoice["currency"], "total_amount": price, "invoice_payload": payload } });
    assert_eq!(server.deliver_update(SECRET, &query).await, Some(200));
    assert_eq!(server.deliver_update(SECRET, &query).await, Some(200));
    assert_eq!(
        server.product("sticker-pack").await.1,
        stock - 1,
        "one unit held, once"
    );
    let wei = server.launch(WEI).await;
    let (_, list) = server.get_json("/api/orders", Some(&wei)).await;
    assert_eq!(list.as_array().unwrap().len(), 1, "{list}");
    assert_eq!(list[0]["status"], "awaiting_payment");

    // A price that is not the product's is refused in the payer's language, taking nothing.
    let wrong = json!({ "update_id": 900_101, "pre_checkout_query": { "id": "q2",
        "from": { "id": WEI, "is_bot": false, "first_name": "Wei", "language_code": "zh" },
        "currency": invoice["currency"], "total_amount": price + 1, "invoice_payload": payload } });
    assert_eq!(server.deliver_update(SECRET, &wrong).await, Some(200));
    let answers = server.telegram().answers().await;
    let last = answers.last().unwrap();
    assert_eq!(last["ok"], false, "{last}");
    assert!(last["error_message"].as_str().unwrap().contains("价格"), "{last}");
    assert_eq!(server.product("sticker-pack").await.1, stock - 1);
    server.stop().await;
}

on_both_engines!(
    a_redelivered_pre_checkout_makes_one_order,
    a_redelivered_pre_checkout_makes_one_order_on_sqlite,
    a_redelivered_pre_checkout_makes_one_order_on_postgres
);
