//! Black-box tests of the tips and promo codes the merchant sets under `/api/admin/`: tips
//! offered in the cart, promo codes applied by `POST /api/promo` and refused once deactivated,
//! and each refusal's code.

use crate::helpers::merchant::{refused, send, start};
use crate::helpers::shopper::ADA;
use crate::helpers::{FreshDb, TestServer};
use serde_json::{json, Value};

crate::on_both_engines!(
    tips_and_promo_codes,
    tips_and_promo_codes_reach_the_cart_on_sqlite,
    tips_and_promo_codes_reach_the_cart_on_postgres
);

fn tip_minors(cart: &Value) -> Vec<i64> {
    let tips = cart["tips"].as_array().cloned().unwrap_or_default();
    tips.iter().map(|t| t["minor"].as_i64().unwrap()).collect()
}

async fn tips_and_promo_codes(fresh: &FreshDb) {
    let (server, admin) = start(fresh).await;
    let ada = server.launch(ADA).await;
    let mug = ada_puts_a_mug_in_her_cart(&server, &ada).await;
    let preset = saves_a_tip_preset_the_cart_offers(&server, &admin, &ada).await;
    refuses_bad_tip_presets(&server, &admin, &preset).await;
    deletes_the_preset_and_the_cart_offers_no_tips(&server, &admin, &ada).await;
    let with_code = creates_a_promo_code_the_cart_applies(&server, &admin, &ada, mug).await;
    a_deactivated_code_no_longer_applies(&server, &admin, &ada, &with_code).await;
    refuses_bad_and_unknown_promo_codes(&server, &admin).await;
    server.stop().await;
}

async fn ada_puts_a_mug_in_her_cart(server: &TestServer, ada: &str) -> i64 {
    let (mug, _) = server.product("blue-mug").await;
    let cart = json!({ "lines": [{ "variant_id": mug, "quantity": 1 }] });
    server.put_json("/api/cart", &cart, Some(ada)).await;
    mug
}

async fn saves_a_tip_preset_the_cart_offers(server: &TestServer, admin: &str, ada: &str) -> Value {
    let preset = json!({ "max_tip_minor": 2000, "suggested": [300, 700] });
    let (status, saved) = server.put_json("/api/admin/tips/eur", &preset, Some(admin)).await;
    assert_eq!(
        (status, saved),
        (
            200,
            json!({ "currency": "EUR", "max_tip_minor": 2000, "suggested": [300, 700] })
        )
    );
    assert_eq!(
        tip_minors(&server.get_json("/api/cart", Some(ada)).await.1),
        [300, 700]
    );
    preset
}

async fn refuses_bad_tip_presets(server: &TestServer, admin: &str, preset: &Value) {
    for (body, code) in [
        (
            json!({ "max_tip_minor": 0, "suggested": [] }),
            "bad_max_tip_minor",
        ),
        (
            json!({ "max_tip_minor": 1000, "suggested": [500, 100] }),
            "bad_suggested",
        ),
        (
            json!({ "max_tip_minor": 1000, "suggested": [100, 2000] }),
            "bad_suggested",
        ),
    ] {
        let answer = server.put_json("/api/admin/tips/EUR", &body, Some(admin)).await;
        assert_eq!(refused(&answer), (422, Some(code)), "{body}");
    }
    let stars = server.put_json("/api/admin/tips/XTR", preset, Some(admin)).await;
    assert_eq!(refused(&stars), (422, Some("bad_currency")));
}

async fn deletes_the_preset_and_the_cart_offers_no_tips(server: &TestServer, admin: &str, ada: &str) {
    let (status, _) = send(server, "DELETE", "/api/admin/tips/EUR", Value::Null, admin).await;
    assert_eq!(status, 204);
    assert!(tip_minors(&server.get_json("/api/cart", Some(ada)).await.1).is_empty());
    let gone = send(server, "DELETE", "/api/admin/tips/EUR", Value::Null, admin).await;
    assert_eq!(refused(&gone), (404, Some("tip_preset_not_found")));
}

/// The merchant's spring code, which takes a quarter off Ada's mug; returns the mug's line with
/// the code, for later steps.
async fn creates_a_promo_code_the_cart_applies(
    server: &TestServer,
    admin: &str,
    ada: &str,
    mug: i64,
) -> Value {
    let code = json!({ "code": "spring-25", "percent_off": 25, "currency": "EUR" });
    let (status, created) = server
        .post_json("/api/admin/promo-codes", &code, Some(admin))
        .await;
    assert_eq!(status, 201, "{created}");
    assert_eq!(
        (&created["code"], &created["uses"], &created["active"]),
        (&json!("SPRING-25"), &json!(0), &json!(true))
    );
    let again = server
        .post_json("/api/admin/promo-codes", &code, Some(admin))
        .await;
    assert_eq!(refused(&again), (409, Some("promo_exists")));
    let with_code = json!({ "lines": [{ "variant_id": mug, "quantity": 1 }], "promo_code": "Spring-25" });
    let (status, preview) = server.post_json("/api/promo", &with_code, Some(ada)).await;
    assert_eq!(
        (status, &preview["total_label"]),
        (200, &json!("18,00 €")),
        "{preview}"
    );
    with_code
}

async fn a_deactivated_code_no_longer_applies(
    server: &TestServer,
    admin: &str,
    ada: &str,
    with_code: &Value,
) {
    let patch = send(
        server,
        "PATCH",
        "/api/admin/promo-codes/spring-25",
        json!({ "active": false }),
        admin,
    )
    .await;
    assert_eq!(
        (patch.0, &patch.1["active"], &patch.1["percent_off"]),
        (200, &json!(false), &json!(25))
    );
    let after = server.post_json("/api/promo", with_code, Some(ada)).await;
    assert_eq!(
        refused(&after),
        (422, Some("promo_not_yet")),
        "a deactivated code"
    );
    let (_, list) = server.get_json("/api/admin/promo-codes", Some(admin)).await;
    let listed: Vec<&Value> = list["promo_codes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["code"] == "SPRING-25")
        .collect();
    assert_eq!(listed[0]["active"], false);
}

async fn refuses_bad_and_unknown_promo_codes(server: &TestServer, admin: &str) {
    for (body, code) in [
        (json!({ "code": "x", "percent_off": 10 }), "bad_code"),
        (
            json!({ "code": "BOTH", "percent_off": 10, "amount_off_minor": 100, "currency": "EUR" }),
            "bad_discount",
        ),
        (json!({ "code": "FLAT", "amount_off_minor": 100 }), "bad_currency"),
        (json!({ "code": "HALF", "percent_off": 150 }), "bad_percent_off"),
        (
            json!({ "code": "ONCE", "percent_off": 10, "max_uses": 0 }),
            "bad_max_uses",
        ),
    ] {
        let answer = server
            .post_json("/api/admin/promo-codes", &body, Some(admin))
            .await;
        assert_eq!(refused(&answer), (422, Some(code)), "{body}");
    }
    let zero = send(
        server,
        "PATCH",
        "/api/admin/promo-codes/SPRING-25",
        json!({ "max_uses": 0 }),
        admin,
    )
    .await;
    assert_eq!(refused(&zero), (422, Some("bad_max_uses")));
    let unknown = send(
        server,
        "PATCH",
        "/api/admin/promo-codes/NOPE",
        json!({ "active": true }),
        admin,
    )
    .await;
    assert_eq!(refused(&unknown), (404, Some("promo_not_found")));
}
