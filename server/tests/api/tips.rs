//! Black-box tests of the tip chosen in the app: the cart offers the merchant's tips, the promo
//! preview counts the chosen one, checkout puts it on the invoice as a fixed line (and the sheet
//! asks for none), the payment records it, and impossible tips are refused.

use crate::helpers::shopper::{slug, ADA};
use crate::helpers::{FreshDb, TestServer};
use serde_json::{json, Value};

fn cart(variant: i64, tip: Option<i64>) -> Value {
    let mut body = json!({ "lines": [{ "variant_id": variant, "quantity": 1 }] });
    if let Some(tip) = tip {
        body["tip_minor"] = json!(tip);
    }
    body
}

#[tokio::test]
async fn a_tip_chosen_in_the_app_is_invoiced_and_paid_on_sqlite() {
    chosen_tip_is_paid(&FreshDb::sqlite()).await;
}

#[tokio::test]
async fn a_tip_chosen_in_the_app_is_invoiced_and_paid_on_postgres() {
    let fresh = FreshDb::postgres().await;
    chosen_tip_is_paid(&fresh).await;
}

async fn chosen_tip_is_paid(fresh: &FreshDb) {
    let server = TestServer::start(&fresh.url).await;
    server.wait_for_webhook().await;
    // The pottery workshop seat: a ticket (no shipping), 55,00 €.
    let (seat, _) = server.product("pottery-workshop").await;
    let ada = server.launch(ADA).await;
    the_cart_offers_the_merchants_tips(&server, &ada, seat).await;
    the_promo_preview_counts_the_tip(&server, &ada, seat).await;
    let checkout = the_invoice_carries_the_tip_as_a_fixed_line(&server, &ada, seat).await;
    the_payment_records_the_tip(&server, &ada, &checkout).await;
    server.stop().await;
}

async fn the_cart_offers_the_merchants_tips(server: &TestServer, ada: &str, seat: i64) {
    let (status, saved) = server.put_json("/api/cart", &cart(seat, None), Some(ada)).await;
    assert_eq!(status, 200, "{saved}");
    let offered: Vec<(i64, String, String)> = saved["tips"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            (
                t["minor"].as_i64().unwrap(),
                t["label"].as_str().unwrap().into(),
                t["total_label"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert_eq!(
        offered[1],
        (200, "2,00 €".to_owned(), "57,00 €".to_owned()),
        "{saved}"
    );
}

async fn the_promo_preview_counts_the_tip(server: &TestServer, ada: &str, seat: i64) {
    let mut with_code = cart(seat, Some(200));
    with_code["promo_code"] = json!("WELCOME10");
    let (_, preview) = server.post_json("/api/promo", &with_code, Some(ada)).await;
    assert_eq!(preview["total_label"], "51,50 €", "55 − 5,50 + 2 tip: {preview}");
}

/// The checkout's answer, with a 2,00 € tip.
async fn the_invoice_carries_the_tip_as_a_fixed_line(server: &TestServer, ada: &str, seat: i64) -> Value {
    let (status, checkout) = server
        .post_json("/api/checkout", &cart(seat, Some(200)), Some(ada))
        .await;
    assert_eq!(status, 200, "{checkout}");
    let invoice = server.telegram().invoice(&slug(&checkout)).await;
    assert_eq!(
        invoice["prices"][1],
        json!({ "label": "Tip", "amount": 200 }),
        "{invoice}"
    );
    assert!(
        invoice.get("max_tip_amount").is_none_or(Value::is_null),
        "the sheet asks for no second tip: {invoice}"
    );
    let order = server.order(ada, checkout["order_id"].as_i64().unwrap()).await;
    assert_eq!(
        (&order["tip_label"], &order["total_label"]),
        (&json!("2,00 €"), &json!("57,00 €"))
    );
    checkout
}

async fn the_payment_records_the_tip(server: &TestServer, ada: &str, checkout: &Value) {
    let telegram = server.telegram();
    let info = json!({ "name": "Ada Lovelace", "email": "ada@example.org" });
    let paid = telegram
        .pay(&slug(checkout), json!({ "user_id": ADA, "order_info": info }))
        .await;
    assert_eq!(paid["status"], "paid", "{paid}");
    let order = server.order(ada, checkout["order_id"].as_i64().unwrap()).await;
    assert_eq!(order["status"], "paid");
    assert_eq!(order["tip"], json!({ "minor": 200, "currency": "EUR" }));
    assert_eq!(order["total_label"], "57,00 €");
}

#[tokio::test]
async fn no_tip_chosen_means_none_in_the_sheet_and_impossible_tips_are_refused() {
    let fresh = FreshDb::sqlite();
    let server = TestServer::start(&fresh.url).await;
    let (seat, _) = server.product("pottery-workshop").await;
    let (pack, _) = server.product("wallpaper-pack").await;
    let ada = server.launch(ADA).await;

    let (status, checkout) = server
        .post_json("/api/checkout", &cart(seat, Some(0)), Some(&ada))
        .await;
    assert_eq!(status, 200, "{checkout}");
    let invoice = server.telegram().invoice(&slug(&checkout)).await;
    assert_eq!(invoice["prices"].as_array().map(Vec::len), Some(1), "{invoice}");
    assert!(
        invoice.get("max_tip_amount").is_none_or(Value::is_null),
        "{invoice}"
    );

    for (body, code) in [
        (cart(seat, Some(1001)), "bad_tip"),
        (cart(seat, Some(-100)), "bad_tip"),
        (cart(pack, Some(100)), "tip_not_for_stars"),
    ] {
        let (status, answer) = server.post_json("/api/checkout", &body, Some(&ada)).await;
        assert_eq!(
            (status, answer["error"]["code"].as_str()),
            (422, Some(code)),
            "{body}: {answer}"
        );
    }
    let (_, saved) = server.put_json("/api/cart", &cart(pack, None), Some(&ada)).await;
    assert_eq!(saved["tips"], json!([]), "Stars carts are offered no tips");
    server.stop().await;
}
