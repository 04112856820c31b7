//! Black-box tests of the shipping rates the merchant sets under `/api/admin/shipping`: offered
//! in the payment sheet's shipping step, changed, listed by country, refused when bad, deleted.

use crate::helpers::merchant::{refused, send, start};
use crate::helpers::shopper::{german_address, slug, ADA};
use crate::helpers::{FreshDb, TestServer};
use serde_json::{json, Value};

crate::on_both_engines!(
    shipping_rates,
    a_new_shipping_rate_is_offered_in_the_payment_sheet_on_sqlite,
    a_new_shipping_rate_is_offered_in_the_payment_sheet_on_postgres
);

async fn shipping_rates(fresh: &FreshDb) {
    let (server, admin) = start(fresh).await;
    let ada = server.launch(ADA).await;
    let (_, checkout) = server.checkout(&ada, "linen-scarf", 1).await;
    let mut australia = german_address();
    australia["country_code"] = json!("AU");
    let sheet = slug(&checkout);
    the_sheet_has_no_rate_to_australia_yet(&server, &sheet, &australia).await;
    adds_a_rate_the_sheet_offers(&server, &admin, &sheet, &australia).await;
    changes_the_rates_price(&server, &admin, &sheet, &australia).await;
    lists_the_rates_by_country(&server, &admin).await;
    refuses_bad_and_unknown_rates(&server, &admin).await;
    deletes_the_rate_and_the_sheet_drops_it(&server, &admin, &sheet, &australia).await;
    server.stop().await;
}

/// Koala Post's rate to Australia as the merchant adds it.
fn koala_post() -> Value {
    json!({ "country_code": "au", "id": "koala-post", "title": "Koala Post",
            "price_minor": 2500, "currency": "EUR", "position": 1 })
}

/// Koala Post's new terms, dearer.
fn koala_post_terms() -> Value {
    json!({ "title": "Koala Post", "price_minor": 2700, "currency": "EUR", "position": 1 })
}

async fn the_sheet_has_no_rate_to_australia_yet(server: &TestServer, sheet: &str, australia: &Value) {
    let quote = server.telegram().shipping(sheet, ADA, australia.clone()).await;
    assert_eq!(quote["ok"], false, "{quote}");
}

async fn adds_a_rate_the_sheet_offers(server: &TestServer, admin: &str, sheet: &str, australia: &Value) {
    let rate = koala_post();
    let (status, added) = server.post_json("/api/admin/shipping", &rate, Some(admin)).await;
    assert_eq!(status, 201, "{added}");
    assert_eq!(
        (&added["country_code"], &added["price_minor"]),
        (&json!("AU"), &json!(2500))
    );
    let again = server.post_json("/api/admin/shipping", &rate, Some(admin)).await;
    assert_eq!(refused(&again), (409, Some("shipping_rate_exists")));
    let quote = server.telegram().shipping(sheet, ADA, australia.clone()).await;
    assert_eq!(quote["ok"], true, "{quote}");
    let option = &quote["shipping_options"][0];
    assert_eq!(
        (&option["id"], &option["title"]),
        (&json!("koala-post"), &json!("Koala Post"))
    );
    assert_eq!(option["prices"][0]["amount"], 2500);
}

async fn changes_the_rates_price(server: &TestServer, admin: &str, sheet: &str, australia: &Value) {
    let terms = koala_post_terms();
    let (status, changed) = send(
        server,
        "PUT",
        "/api/admin/shipping/AU/koala-post",
        terms.clone(),
        admin,
    )
    .await;
    assert_eq!(
        (status, &changed["price_minor"]),
        (200, &json!(2700)),
        "{changed}"
    );
    let quote = server.telegram().shipping(sheet, ADA, australia.clone()).await;
    assert_eq!(quote["shipping_options"][0]["prices"][0]["amount"], 2700);
}

async fn lists_the_rates_by_country(server: &TestServer, admin: &str) {
    let (_, list) = server.get_json("/api/admin/shipping", Some(admin)).await;
    assert_eq!(list["shipping"][0]["country_code"], "AT", "by country: {list}");
    assert!(list["shipping"]
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["id"] == "koala-post"));
}

async fn refuses_bad_and_unknown_rates(server: &TestServer, admin: &str) {
    let (rate, terms) = (koala_post(), koala_post_terms());
    for (field, value, code) in [
        ("country_code", json!("UK"), "bad_country_code"),
        ("id", json!("Koala Post"), "bad_id"),
        ("title", json!(""), "bad_title"),
        ("price_minor", json!(-1), "bad_price_minor"),
        ("currency", json!("XTR"), "bad_currency"),
    ] {
        let mut bad = rate.clone();
        bad[field] = value;
        let answer = server.post_json("/api/admin/shipping", &bad, Some(admin)).await;
        assert_eq!(refused(&answer), (422, Some(code)), "{bad}");
    }
    let unknown = send(server, "PUT", "/api/admin/shipping/AU/wombat", terms, admin).await;
    assert_eq!(refused(&unknown), (404, Some("shipping_rate_not_found")));
}

async fn deletes_the_rate_and_the_sheet_drops_it(
    server: &TestServer,
    admin: &str,
    sheet: &str,
    australia: &Value,
) {
    let (status, _) = send(
        server,
        "DELETE",
        "/api/admin/shipping/AU/koala-post",
        Value::Null,
        admin,
    )
    .await;
    assert_eq!(status, 204);
    let gone = send(
        server,
        "DELETE",
        "/api/admin/shipping/AU/koala-post",
        Value::Null,
        admin,
    )
    .await;
    assert_eq!(refused(&gone), (404, Some("shipping_rate_not_found")));
    let quote = server.telegram().shipping(sheet, ADA, australia.clone()).await;
    assert_eq!(quote["ok"], false, "no rate to AU any more: {quote}");
}
