//! Black-box tests of paying: the real server in sandbox mode, its webhook fed by the
//! simulator's fake Telegram, shoppers signed in through the simulator's launch endpoint.

mod common;

use common::shopper::{german_address, slug, ADA, WEI};
use common::{FreshDb, TestServer};
use serde_json::{json, Value};

const SECRET: &str = "test-webhook-secret";
const MERCHANT: i64 = 9999;

async fn sandbox(db: &FreshDb, extra: &[(&str, &str)]) -> TestServer {
    let mut vars = vec![("WEBHOOK_SECRET", SECRET), ("ADMIN_USER_IDS", "9999")];
    vars.extend_from_slice(extra);
    let server = TestServer::start_with(&db.url, &vars).await;
    server.wait_for_webhook().await;
    server
}

#[tokio::test]
async fn a_stars_purchase_is_paid_once_and_receipted() {
    let db = FreshDb::sqlite();
    let server = sandbox(&db, &[]).await;
    let tg = server.telegram();
    let ada = server.launch(ADA).await;
    let (_, stock_before) = server.product("wallpaper-pack").await;

    let (status, checkout) = server.checkout(&ada, "wallpaper-pack", 2).await;
    assert_eq!(status, 200, "{checkout}");
    let order_id = checkout["order_id"].as_i64().unwrap();
    assert_eq!(server.order(&ada, order_id).await["status"], "awaiting_payment");
    assert_eq!(
        server.product("wallpaper-pack").await.1,
        stock_before - 2,
        "reserved"
    );

    let sheet = tg.pay(&slug(&checkout), json!({ "user_id": ADA })).await;
    assert_eq!(sheet["status"], "paid", "{sheet}");
    let order = server.order(&ada, order_id).await;
    assert_eq!(order["status"], "paid");
    assert_eq!(order["total"], json!({ "minor": 100, "currency": "XTR" }));

    let receipt = &tg.wait_for_messages(ADA, 1).await[0];
    assert!(receipt["text"]
        .as_str()
        .unwrap()
        .contains(&format!("Order #{order_id} is paid")));
    let button = &receipt["reply_markup"]["inline_keyboard"][0][0];
    assert!(button["web_app"]["url"]
        .as_str()
        .unwrap()
        .ends_with(&format!("/shop/orders/{order_id}")));
    let sale = &tg.wait_for_messages(MERCHANT, 1).await[0];
    assert!(sale["text"].as_str().unwrap().contains("New sale"));
    assert_eq!(
        server.product("wallpaper-pack").await.1,
        stock_before - 2,
        "sold, not given back"
    );
    server.stop().await;
}

#[tokio::test]
async fn a_parcel_is_paid_with_shipping_chosen_by_address_and_a_tip() {
    let db = FreshDb::sqlite();
    let server = sandbox(&db, &[]).await;
    let tg = server.telegram();
    let ada = server.launch(ADA).await;
    let (status, checkout) = server.checkout(&ada, "blue-mug", 2).await;
    assert_eq!(status, 200, "{checkout}");
    let slug = slug(&checkout);

    let quote = tg.shipping(&slug, ADA, german_address()).await;
    assert_eq!(quote["ok"], true, "{quote}");
    let ids: Vec<&str> = quote["shipping_options"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["standard", "express"]);

    let info = json!({ "name": "Ada Lovelace", "shipping_address": german_address() });
    let body =
        json!({ "user_id": ADA, "shipping_option_id": "express", "tip_amount": 200, "order_info": info });
    assert_eq!(tg.pay(&slug, body).await["status"], "paid");
    let order = server.order(&ada, checkout["order_id"].as_i64().unwrap()).await;
    assert_eq!(order["status"], "paid");
    assert_eq!(order["items_total"]["minor"], 4800);
    assert_eq!(order["shipping"]["minor"], 1290);
    assert_eq!(order["tip"]["minor"], 200);
    assert_eq!(order["total"]["minor"], 4800 + 1290 + 200);
    server.stop().await;
}

#[tokio::test]
async fn addresses_the_shop_does_not_ship_to_are_refused_with_a_reason() {
    let db = FreshDb::sqlite();
    let server = sandbox(&db, &[]).await;
    let ada = server.launch(ADA).await;
    let (_, checkout) = server.checkout(&ada, "linen-scarf", 1).await;
    let mut address = german_address();
    address["country_code"] = json!("AU");
    let quote = server.telegram().shipping(&slug(&checkout), ADA, address).await;
    assert_eq!(quote["ok"], false);
    assert!(
        quote["error_message"]
            .as_str()
            .unwrap()
            .contains("do not ship to AU"),
        "{quote}"
    );
    server.stop().await;
}

#[tokio::test]
async fn the_webhook_refuses_wrong_secrets_and_drops_malformed_updates() {
    let db = FreshDb::sqlite();
    let server = sandbox(&db, &[]).await;
    let post = |secret: Option<&'static str>, body: &'static str| {
        let mut request = server
            .client
            .post(format!("{}/telegram/webhook", server.base_url))
            .body(body);
        if let Some(secret) = secret {
            request = request.header("X-Telegram-Bot-Api-Secret-Token", secret);
        }
        request.header("content-type", "application/json").send()
    };
    let update = r#"{"update_id": 1, "message": {"message_id": 1, "date": 1, "chat": {"id": 1, "type": "private"}, "text": "hi"}}"#;
    for secret in [None, Some("wrong"), Some("test-webhook-secre")] {
        let response = post(secret, update).await.unwrap();
        assert_eq!(response.status(), 401, "{secret:?}");
        let body: Value = response.json().await.unwrap();
        assert_eq!(body["error"]["code"], "webhook_secret_wrong");
    }
    // Passing the secret, a body that is no update is dropped with 200: redelivering it
    // would not change it (see the contract tests).
    let response = post(Some(SECRET), "not json").await.unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(post(Some(SECRET), update).await.unwrap().status(), 200);
    let unknown = r#"{"update_id": 2, "poll": {"id": "p", "question": "?"}}"#;
    assert_eq!(
        post(Some(SECRET), unknown).await.unwrap().status(),
        200,
        "unknown kinds are fine"
    );
    server.stop().await;
}

/// Posts an update straight to the webhook, as Telegram (re)delivers it.
async fn deliver(server: &TestServer, update: &Value) -> u16 {
    let response = server
        .client
        .post(format!("{}/telegram/webhook", server.base_url))
        .header("X-Telegram-Bot-Api-Secret-Token", SECRET)
        .json(update)
        .send()
        .await
        .unwrap();
    response.status().as_u16()
}

fn payment_update(update_id: i64, order_id: i64, charge: &str, amount: i64) -> Value {
    json!({ "update_id": update_id, "message": { "message_id": update_id, "date": 1,
        "from": { "id": ADA, "is_bot": false, "first_name": "Ada" }, "chat": { "id": ADA, "type": "private" },
        "successful_payment": { "currency": "XTR", "total_amount": amount, "invoice_payload": format!("order:{order_id}"),
            "telegram_payment_charge_id": charge, "provider_payment_charge_id": "" } } })
}

#[tokio::test]
async fn duplicated_deliveries_have_no_second_effect() {
    let db = FreshDb::sqlite();
    let server = sandbox(&db, &[]).await;
    let tg = server.telegram();
    let ada = server.launch(ADA).await;
    let (_, checkout) = server.checkout(&ada, "sticker-pack", 1).await;
    let order_id = checkout["order_id"].as_i64().unwrap();
    let update = payment_update(900_001, order_id, "stxDUPLICATE", 120);
    assert_eq!(deliver(&server, &update).await, 200);
    assert_eq!(deliver(&server, &update).await, 200, "the same update again");
    let same_charge = payment_update(900_002, order_id, "stxDUPLICATE", 120);
    assert_eq!(
        deliver(&server, &same_charge).await,
        200,
        "the same charge in a new update"
    );
    assert_eq!(server.order(&ada, order_id).await["status"], "paid");
    tg.wait_for_messages(ADA, 1).await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert_eq!(tg.chat(ADA).await.len(), 1, "one receipt");
    assert_eq!(tg.chat(MERCHANT).await.len(), 1, "one sale alert");
    server.stop().await;
}

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
    wait_for_status(&server, &ada, first_id, "expired").await;
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

async fn wait_for_status(server: &TestServer, init_data: &str, order_id: i64, status: &str) {
    for _ in 0..100 {
        if server.order(init_data, order_id).await["status"] == status {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("order {order_id} never became {status}");
}

#[tokio::test]
async fn an_unpaid_order_expires_and_gives_its_stock_back() {
    let db = FreshDb::sqlite();
    let server = sandbox(&db, &[("ORDER_RESERVATION_SECS", "1")]).await;
    let ada = server.launch(ADA).await;
    let (_, before) = server.product("blue-mug").await;
    let (_, checkout) = server.checkout(&ada, "blue-mug", 3).await;
    assert_eq!(server.product("blue-mug").await.1, before - 3);
    wait_for_status(&server, &ada, checkout["order_id"].as_i64().unwrap(), "expired").await;
    assert_eq!(server.product("blue-mug").await.1, before);
    server.stop().await;
}

#[tokio::test]
async fn orders_are_shown_to_their_buyer_only() {
    let db = FreshDb::sqlite();
    let server = sandbox(&db, &[]).await;
    let (ada, wei) = (server.launch(ADA).await, server.launch(WEI).await);
    let (_, checkout) = server.checkout(&ada, "haircut", 1).await;
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

#[tokio::test]
async fn an_update_that_cannot_be_recorded_gets_a_5xx_so_telegram_redelivers_it() {
    let db = FreshDb::sqlite();
    let server = sandbox(&db, &[]).await;
    let ada = server.launch(ADA).await;
    let (_, checkout) = server.checkout(&ada, "sticker-pack", 1).await;
    let update = payment_update(900_030, checkout["order_id"].as_i64().unwrap(), "stxBROKEN", 120);
    server.db.close().await;
    assert_eq!(deliver(&server, &update).await, 503);
    server.stop().await;
}

#[tokio::test]
async fn at_start_up_the_chat_menu_button_opens_the_shop() {
    let db = FreshDb::sqlite();
    let server = sandbox(&db, &[]).await;
    let mut button = Value::Null;
    for _ in 0..100 {
        let info: Value = server
            .get("/simulator/telegram/webhook")
            .await
            .json()
            .await
            .unwrap();
        button = info["menu_button"].clone();
        if !button.is_null() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(button["type"], "web_app", "{button}");
    assert_eq!(button["text"], "Shop");
    assert_eq!(
        button["web_app"]["url"],
        format!("{}/shop", server.base_url),
        "the button opens the storefront"
    );
    server.stop().await;
}
