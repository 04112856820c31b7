//! Paying in the payment sheet, end to end: the invoice, the shipping query answered by
//! address, the payment recorded, the receipt and the merchant's sale message.

use super::{sandbox, MERCHANT};
use crate::helpers::shopper::{german_address, slug, ADA};
use crate::helpers::FreshDb;
use serde_json::json;

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
