//! Black-box tests of the cart the server keeps per Telegram user (`GET`/`PUT /api/cart`).

use crate::helpers::shopper::{slug, ADA, WEI};
use crate::helpers::{FreshDb, TestServer};
use serde_json::{json, Value};

fn lines(cart: &Value) -> Vec<(i64, i64)> {
    cart["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| (l["variant_id"].as_i64().unwrap(), l["quantity"].as_i64().unwrap()))
        .collect()
}

#[tokio::test]
async fn a_saved_cart_is_there_when_the_shopper_opens_the_app_again() {
    let fresh = FreshDb::sqlite();
    let server = TestServer::start(&fresh.url).await;
    let (mug, _) = server.product("blue-mug").await;
    let (pack, _) = server.product("wallpaper-pack").await;
    let ada = server.launch(ADA).await;
    let body = json!({"lines": [{"variant_id": mug, "quantity": 2}, {"variant_id": pack, "quantity": 1}]});
    let (status, saved) = server.put_json("/api/cart", &body, Some(&ada)).await;
    assert_eq!(status, 200, "{saved}");
    assert_eq!(saved["lines"][0]["line_label"], "48,00 €");
    let totals: Vec<_> = saved["totals"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["label"].clone())
        .collect();
    assert_eq!(totals, [json!("48,00 €"), json!("⭐ 50")]);
    assert_eq!(saved["shipping_from"], "4,90 €", "the mug ships as a parcel");

    // Closing and reopening the Mini App: a new launch, new initData, same user.
    let reopened = server.launch(ADA).await;
    let (status, cart) = server.get_json("/api/cart", Some(&reopened)).await;
    assert_eq!(status, 200);
    assert_eq!(cart, saved);
    assert_eq!(lines(&cart), [(mug, 2), (pack, 1)]);

    let wei = server.launch(WEI).await;
    let (_, theirs) = server.get_json("/api/cart", Some(&wei)).await;
    assert!(lines(&theirs).is_empty(), "each user has their own cart");

    let (status, emptied) = server
        .put_json("/api/cart", &json!({"lines": []}), Some(&ada))
        .await;
    assert_eq!((status, lines(&emptied)), (200, vec![]));
    assert_eq!(lines(&server.get_json("/api/cart", Some(&ada)).await.1), []);
    server.stop().await;
}

#[tokio::test]
async fn a_cart_that_cannot_be_saved_is_refused_and_the_saved_one_stays() {
    let fresh = FreshDb::sqlite();
    let server = TestServer::start(&fresh.url).await;
    let (mug, stock) = server.product("blue-mug").await;
    let ada = server.launch(ADA).await;
    let good = json!({"lines": [{"variant_id": mug, "quantity": 1}]});
    assert_eq!(server.put_json("/api/cart", &good, Some(&ada)).await.0, 200);

    let refusals = [
        (
            json!({"lines": [{"variant_id": mug, "quantity": 0}]}),
            422,
            "bad_quantity",
        ),
        (
            json!({"lines": [{"variant_id": mug, "quantity": 100}]}),
            422,
            "bad_quantity",
        ),
        (
            json!({"lines": [{"variant_id": 999_999, "quantity": 1}]}),
            422,
            "unknown_variant",
        ),
        (
            json!({"lines": [{"variant_id": mug, "quantity": stock + 1}]}),
            409,
            "sold_out",
        ),
        (json!({"lines": "many"}), 400, "body_malformed"),
    ];
    for (body, expected_status, code) in refusals {
        let (status, answer) = server.put_json("/api/cart", &body, Some(&ada)).await;
        assert_eq!(
            (status, answer["error"]["code"].as_str()),
            (expected_status, Some(code)),
            "{body}: {answer}"
        );
        assert!(answer["error"]["message"].as_str().is_some_and(|m| !m.is_empty()));
    }
    let (_, cart) = server.get_json("/api/cart", Some(&ada)).await;
    assert_eq!(lines(&cart), [(mug, 1)], "refused saves changed nothing");

    for path_status in [
        server.get_json("/api/cart", None).await.0,
        server.put_json("/api/cart", &good, None).await.0,
    ] {
        assert_eq!(path_status, 401);
    }
    server.stop().await;
}

/// The variants of the product with `slug`: `(id, name, stock)`.
async fn variants(server: &TestServer, slug: &str) -> Vec<(i64, String, i64)> {
    let (_, catalog) = server.get_json("/api/products", None).await;
    let product = catalog["products"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["slug"] == slug)
        .unwrap()
        .clone();
    product["variants"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| {
            let name = v["name"].as_str().unwrap().to_owned();
            (v["id"].as_i64().unwrap(), name, v["stock"].as_i64().unwrap())
        })
        .collect()
}

#[tokio::test]
async fn each_variant_is_priced_and_stocked_on_its_own_and_a_sold_out_one_is_refused() {
    let fresh = FreshDb::sqlite();
    let server = TestServer::start(&fresh.url).await;
    let tiers = variants(&server, "jazz-night").await;
    let names: Vec<_> = tiers.iter().map(|(_, name, _)| name.as_str()).collect();
    assert_eq!(names, ["Standing", "Seated", "VIP table"]);
    let (seated, vip) = (tiers[1].0, tiers[2].0);
    assert_eq!(tiers[2].2, 0, "the VIP tables are sold out");

    let ada = server.launch(ADA).await;
    let body = json!({"lines": [{"variant_id": seated, "quantity": 2}]});
    let (status, cart) = server.put_json("/api/cart", &body, Some(&ada)).await;
    assert_eq!(status, 200, "{cart}");
    assert_eq!(cart["lines"][0]["name"], "Jazz Night Ticket (Seated)");
    assert_eq!(cart["lines"][0]["unit_label"], "28,00 €");
    assert_eq!(cart["lines"][0]["line_label"], "56,00 €");

    let sold_out = json!({"lines": [{"variant_id": vip, "quantity": 1}]});
    let (status, answer) = server.put_json("/api/cart", &sold_out, Some(&ada)).await;
    assert_eq!(
        (status, answer["error"]["code"].as_str()),
        (409, Some("sold_out")),
        "{answer}"
    );
    assert!(
        answer["error"]["message"].as_str().unwrap().contains("VIP table"),
        "{answer}"
    );
    let (status, answer) = server.post_json("/api/checkout", &sold_out, Some(&ada)).await;
    assert_eq!(
        (status, answer["error"]["code"].as_str()),
        (409, Some("sold_out")),
        "{answer}"
    );
    assert_eq!(
        lines(&server.get_json("/api/cart", Some(&ada)).await.1),
        [(seated, 2)]
    );
    server.stop().await;
}

#[tokio::test]
async fn what_was_paid_for_leaves_the_saved_cart_and_the_rest_stays() {
    let fresh = FreshDb::sqlite();
    let server = TestServer::start(&fresh.url).await;
    server.wait_for_webhook().await;
    let (pack, _) = server.product("wallpaper-pack").await;
    let (stickers, _) = server.product("sticker-pack").await;
    let ada = server.launch(ADA).await;
    let saved =
        json!({"lines": [{"variant_id": pack, "quantity": 3}, {"variant_id": stickers, "quantity": 1}]});
    assert_eq!(server.put_json("/api/cart", &saved, Some(&ada)).await.0, 200);

    // Ada pays for two of the three packs, then closes the Mini App before it hears back.
    let (status, checkout) = server.checkout(&ada, "wallpaper-pack", 2).await;
    assert_eq!(status, 200, "{checkout}");
    let (_, before) = server.get_json("/api/cart", Some(&ada)).await;
    assert_eq!(
        lines(&before),
        [(pack, 3), (stickers, 1)],
        "checking out alone changes nothing"
    );
    let telegram = server.telegram();
    let sheet = telegram.pay(&slug(&checkout), json!({ "user_id": ADA })).await;
    assert_eq!(sheet["status"], "paid", "{sheet}");

    let (_, after) = server
        .get_json("/api/cart", Some(&server.launch(ADA).await))
        .await;
    assert_eq!(lines(&after), [(pack, 1), (stickers, 1)]);
    server.stop().await;
}
