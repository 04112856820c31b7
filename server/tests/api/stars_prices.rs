//! Black-box tests of Stars prices on fiat products: the merchant gives a EUR product's
//! variant a price in Stars through the admin API, the product is a digital one stored in
//! euros before Telegram's §6.2 rule (digital goods in Stars only) was enforced, a shopper
//! checks out with `pay_in_stars` and pays in the simulator's sheet, and the order is paid in
//! XTR at the Stars total. Without a Stars price, or for a parcel, checkout refuses; without
//! `pay_in_stars` (a card payment) it refuses too: cards never pay for digital goods.

use crate::helpers::catalog_merchant::{code, patch_json, CAMILLE};
use crate::helpers::shopper::{slug, ADA};
use crate::helpers::{FreshDb, TestServer};
use serde_json::{json, Value};

const SECRET: &str = "test-webhook-secret-0123456789abcdef";

#[tokio::test]
async fn a_fiat_product_is_paid_in_stars_on_sqlite() {
    stars_prices(&FreshDb::sqlite()).await;
}

#[tokio::test]
async fn a_fiat_product_is_paid_in_stars_on_postgres() {
    let fresh = FreshDb::postgres().await;
    stars_prices(&fresh).await;
}

async fn stars_prices(fresh: &FreshDb) {
    let vars = [("WEBHOOK_SECRET", SECRET), ("ADMIN_USER_IDS", "1003")];
    let server = TestServer::start_with(&fresh.url, &vars).await;
    server.wait_for_webhook().await;
    let admin = server.admin_session(CAMILLE).await;
    let (template, tagless) = merchant_sets_stars_prices(&server, &admin, fresh).await;
    let ada = server.launch(ADA).await;
    let (checkout, order_id) = checks_out_in_stars_with_one_price_line(&server, &ada, template).await;
    wrong_currency_is_refused(&server, order_id).await;
    pays_the_stars_total(&server, &ada, &checkout, order_id).await;
    refuses_stars_without_a_stars_price_or_for_a_parcel(&server, &ada, tagless).await;
    without_pay_in_stars_cards_are_refused(&server, &ada, template).await;
    server.stop().await;
}

/// A checkout body for two of `variant`, with `pay_in_stars` when given.
fn buy(variant: i64, pay_in_stars: Option<bool>) -> Value {
    let mut body = json!({ "lines": [{ "variant_id": variant, "quantity": 2 }] });
    if let Some(stars) = pay_in_stars {
        body["pay_in_stars"] = json!(stars);
    }
    body
}

/// The checkout's answer and its order id.
async fn checks_out_in_stars_with_one_price_line(
    server: &TestServer,
    ada: &str,
    template: i64,
) -> (Value, i64) {
    let (status, checkout) = server
        .post_json("/api/checkout", &buy(template, Some(true)), Some(ada))
        .await;
    assert_eq!(status, 200, "{checkout}");
    let invoice = server.telegram().invoice(&slug(&checkout)).await;
    assert_eq!(invoice["currency"], "XTR", "{invoice}");
    let order_id = checkout["order_id"].as_i64().unwrap();
    assert_eq!(
        invoice["prices"],
        json!([{ "label": format!("Order #{order_id}"), "amount": 500 }]),
        "one price line"
    );
    assert_eq!(
        invoice["provider_token"].as_str().unwrap_or(""),
        "",
        "no provider token"
    );
    (checkout, order_id)
}

async fn pays_the_stars_total(server: &TestServer, ada: &str, checkout: &Value, order_id: i64) {
    let sheet = server
        .telegram()
        .pay(&slug(checkout), json!({ "user_id": ADA }))
        .await;
    assert_eq!(sheet["status"], "paid", "{sheet}");
    let order = server.order(ada, order_id).await;
    assert_eq!(order["status"], "paid");
    assert_eq!(order["total"], json!({ "minor": 500, "currency": "XTR" }));
}

async fn refuses_stars_without_a_stars_price_or_for_a_parcel(server: &TestServer, ada: &str, tagless: i64) {
    let refused = server
        .post_json("/api/checkout", &buy(tagless, Some(true)), Some(ada))
        .await;
    assert_eq!(code(&refused), (422, Some("no_stars_price")));
    assert!(refused.1["error"]["message"]
        .as_str()
        .unwrap()
        .contains("Planner (Undated)"));
    let (mug, _) = server.product("blue-mug").await;
    let parcel = server
        .post_json("/api/checkout", &buy(mug, Some(true)), Some(ada))
        .await;
    assert_eq!(code(&parcel), (422, Some("stars_need_no_shipping")));
}

async fn without_pay_in_stars_cards_are_refused(server: &TestServer, ada: &str, template: i64) {
    for pay_in_stars in [None, Some(false)] {
        let refused = server
            .post_json("/api/checkout", &buy(template, pay_in_stars), Some(ada))
            .await;
        assert_eq!(
            code(&refused),
            (422, Some("cards_refused_for_digital_goods")),
            "{refused:?}"
        );
        let message = refused.1["error"]["message"].as_str().unwrap();
        assert!(
            message.contains("Planner (Dated") && message.contains("Stars"),
            "{message}"
        );
    }
}

/// Creates a EUR product with a Stars price on one of two variants, checks the admin API's
/// rules for it, makes it a digital product as one stored before the §6.2 rule would be (the
/// admin API refuses that: `crate::rules`), and returns the two variants' ids (with, without
/// a Stars price).
async fn merchant_sets_stars_prices(server: &TestServer, admin: &str, fresh: &FreshDb) -> (i64, i64) {
    let (product, dated, undated) = creates_a_planner_with_one_stars_price(server, admin).await;
    edits_the_stars_price(server, admin, dated).await;
    refuses_stars_prices_on_a_stars_product_and_of_zero(server, admin, &product).await;
    crate::rules::make_digital_as_before_the_rule(fresh, product["id"].as_i64().unwrap()).await;
    (dated, undated)
}

/// The planner as created, and its variants' ids (with, without a Stars price).
async fn creates_a_planner_with_one_stars_price(server: &TestServer, admin: &str) -> (Value, i64, i64) {
    let (_, category) = server
        .post_json(
            "/api/admin/categories",
            &json!({ "name": "Templates" }),
            Some(admin),
        )
        .await;
    let planner = json!({ "category_id": category["id"], "name": "Planner", "currency": "EUR",
        "fulfilment": "parcel", "variants": [
            { "name": "Dated", "price_minor": 900, "stock": 50, "stars_price": 300 },
            { "name": "Undated", "price_minor": 900, "stock": 50 }] });
    let (status, product) = server
        .post_json("/api/admin/products", &planner, Some(admin))
        .await;
    assert_eq!(status, 201, "{product}");
    let variants = &product["variants"];
    assert_eq!(
        (&variants[0]["stars_price"], &variants[0]["stars_label"]),
        (&json!(300), &json!("⭐ 300"))
    );
    assert_eq!(
        (&variants[1]["stars_price"], &variants[1]["stars_label"]),
        (&Value::Null, &Value::Null)
    );
    let (dated, undated) = (
        variants[0]["id"].as_i64().unwrap(),
        variants[1]["id"].as_i64().unwrap(),
    );
    (product, dated, undated)
}

async fn edits_the_stars_price(server: &TestServer, admin: &str, dated: i64) {
    let edit = |body: Value| async move {
        patch_json(server, &format!("/api/admin/variants/{dated}"), &body, admin).await
    };
    for bad in [0, 10_001] {
        assert_eq!(
            code(&edit(json!({ "stars_price": bad })).await),
            (422, Some("bad_stars_price"))
        );
    }
    let (status, renamed) = edit(json!({ "name": "Dated 2027" })).await;
    assert_eq!(
        (status, &renamed["variants"][0]["stars_price"]),
        (200, &json!(300)),
        "absent keeps it"
    );
    let (_, removed) = edit(json!({ "stars_price": null })).await;
    assert_eq!(
        removed["variants"][0]["stars_price"],
        Value::Null,
        "null removes it"
    );
    let (_, set) = edit(json!({ "stars_price": 250 })).await;
    assert_eq!(set["variants"][0]["stars_label"], "⭐ 250");
}

async fn refuses_stars_prices_on_a_stars_product_and_of_zero(
    server: &TestServer,
    admin: &str,
    product: &Value,
) {
    let (wallpaper, _) = server.product("wallpaper-pack").await;
    let on_stars = patch_json(
        server,
        &format!("/api/admin/variants/{wallpaper}"),
        &json!({ "stars_price": 10 }),
        admin,
    )
    .await;
    assert_eq!(code(&on_stars), (422, Some("stars_price_on_stars_product")));
    let added = server
        .post_json(
            &format!("/api/admin/products/{}/variants", product["id"]),
            &json!({ "name": "Weekly", "price_minor": 900, "stock": 1, "stars_price": 0 }),
            Some(admin),
        )
        .await;
    assert_eq!(code(&added), (422, Some("bad_stars_price")));
}

/// A pre-checkout query for the Stars order in its fiat currency and amount is refused: the
/// bot checks the order's own currency and total.
async fn wrong_currency_is_refused(server: &TestServer, order_id: i64) {
    let query = json!({ "update_id": 910_001, "pre_checkout_query": { "id": "fiat-query",
        "from": { "id": ADA, "is_bot": false, "first_name": "Ada" }, "currency": "EUR", "total_amount": 1800,
        "invoice_payload": format!("order:{order_id}") } });
    let response = server
        .client
        .post(format!("{}/telegram/webhook", server.base_url))
        .header("X-Telegram-Bot-Api-Secret-Token", SECRET)
        .json(&query)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 200);
    let answers = server.telegram().answers().await;
    let answer = answers
        .iter()
        .find(|a| a["pre_checkout_query_id"] == "fiat-query")
        .unwrap();
    assert_eq!(answer["ok"], false, "{answer}");
}
