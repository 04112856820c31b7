//! The catalog scenario's steps, in the order it takes them: categories, a product on sale at
//! once, refused products, edits, variants added and deleted, stock adjustments with their
//! history; archiving is [`super::archiving`]'s.

use crate::helpers::catalog_merchant::{code, delete, on_sale, patch_json, CAMILLE};
use crate::helpers::TestServer;
use serde_json::{json, Value};

pub async fn creates_and_renames_categories(server: &TestServer, admin: &str) -> Value {
    let (status, tea) = server
        .post_json(
            "/api/admin/categories",
            &json!({ "name": "Tea Things" }),
            Some(admin),
        )
        .await;
    assert_eq!(status, 201, "{tea}");
    assert_eq!(
        (&tea["slug"], &tea["products"]),
        (&json!("tea-things"), &json!(0))
    );
    let again = server
        .post_json(
            "/api/admin/categories",
            &json!({ "name": "Tea things!" }),
            Some(admin),
        )
        .await;
    assert_eq!(code(&again), (409, Some("slug_taken")));
    let (_, cups) = server
        .post_json(
            "/api/admin/categories",
            &json!({ "name": "Cups", "slug": "cups", "position": 99 }),
            Some(admin),
        )
        .await;
    let taken = patch_json(
        server,
        &format!("/api/admin/categories/{}", cups["id"]),
        &json!({ "slug": "tea-things" }),
        admin,
    )
    .await;
    assert_eq!(
        code(&taken),
        (409, Some("slug_taken")),
        "a unique violation on update"
    );
    let (status, renamed) = patch_json(
        server,
        &format!("/api/admin/categories/{}", cups["id"]),
        &json!({ "name": "Cups & Mugs" }),
        admin,
    )
    .await;
    assert_eq!(
        (status, &renamed["name"], &renamed["slug"]),
        (200, &json!("Cups & Mugs"), &json!("cups"))
    );

    tea
}

/// The green tea the scenario sells, in the category `tea`: a 50 g variant in stock and a
/// 100 g one sold out.
pub fn green_tea(tea: &Value) -> Value {
    json!({
        "category_id": tea["id"], "name": "Green Tea", "description": "Sencha from Shizuoka", "currency": "EUR",
        "variants": [{ "name": "50 g", "price_minor": 1250, "stock": 5 }, { "name": "100 g", "price_minor": 2200, "stock": 0 }]
    })
}

/// The green tea's product id and its two variants' ids.
pub struct GreenTea {
    pub id: i64,
    pub small: i64,
    pub large: i64,
}

pub async fn creates_a_product_on_sale_at_once(server: &TestServer, admin: &str, tea: &Value) -> GreenTea {
    let new_tea = green_tea(tea);
    let (status, product) = server
        .post_json("/api/admin/products", &new_tea, Some(admin))
        .await;
    assert_eq!(status, 201, "{product}");
    assert_eq!(
        (&product["slug"], &product["archived"]),
        (&json!("green-tea"), &json!(false))
    );
    assert_eq!(
        product["photo"],
        json!({ "url": "/products/placeholder.svg", "width": 600, "height": 600, "alt": "" })
    );
    assert_eq!(product["variants"][0]["price_label"], "12,50 €");
    assert_eq!(product["variants"][1]["name"], "100 g");
    let id = product["id"].as_i64().unwrap();
    let (small, large) = (
        product["variants"][0]["id"].as_i64().unwrap(),
        product["variants"][1]["id"].as_i64().unwrap(),
    );
    let shown = on_sale(server, "green-tea").await.expect("on sale at once");
    assert_eq!(shown["variants"].as_array().unwrap().len(), 2);
    assert_eq!(shown["category"], "tea-things");
    let (_, categories) = server.get_json("/api/admin/categories", Some(admin)).await;
    let listed = categories["categories"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == tea["id"])
        .cloned();
    assert_eq!(listed.unwrap()["products"], 1);
    let duplicate = server
        .post_json("/api/admin/products", &new_tea, Some(admin))
        .await;
    assert_eq!(code(&duplicate), (409, Some("slug_taken")));

    GreenTea { id, small, large }
}

pub async fn refuses_invalid_products(server: &TestServer, admin: &str, tea: &Value) {
    let new_tea = green_tea(tea);
    for (change, expected) in [
        (
            json!({ "variants": [{ "name": "", "price_minor": 0, "stock": 1 }] }),
            "bad_price_minor",
        ),
        (json!({ "currency": "ABC" }), "bad_currency"),
        (json!({ "variants": [] }), "bad_variants"),
        (
            json!({ "variants": [{ "name": "S", "price_minor": 100, "stock": 1 }, { "name": "S", "price_minor": 100, "stock": 1 }] }),
            "bad_variant_name",
        ),
        (
            json!({ "variants": [{ "name": "", "price_minor": 100, "stock": 1_000_001 }] }),
            "bad_stock",
        ),
        (json!({ "name": " " }), "bad_name"),
        (json!({ "category_id": 999_999 }), "bad_category_id"),
    ] {
        let mut body = new_tea.clone();
        body["slug"] = json!("another-tea");
        body.as_object_mut()
            .unwrap()
            .extend(change.as_object().unwrap().clone());
        let answer = server.post_json("/api/admin/products", &body, Some(admin)).await;
        assert_eq!(code(&answer), (422, Some(expected)), "{change}");
    }
}

pub async fn edits_the_product_and_its_variants(server: &TestServer, admin: &str, id: i64, small: i64) {
    let path = format!("/api/admin/products/{id}");
    let (status, edited) = patch_json(
        server,
        &path,
        &json!({ "name": "Sencha", "currency": "EUR" }),
        admin,
    )
    .await;
    assert_eq!(
        (status, &edited["name"], &edited["slug"]),
        (200, &json!("Sencha"), &json!("green-tea")),
        "{edited}"
    );
    assert_eq!(
        code(&patch_json(server, &path, &json!({ "currency": "USD" }), admin).await),
        (422, Some("currency_fixed"))
    );
    assert_eq!(
        code(
            &patch_json(
                server,
                "/api/admin/products/999999",
                &json!({ "name": "X" }),
                admin
            )
            .await
        ),
        (404, Some("product_not_found"))
    );
    let (status, repriced) = patch_json(
        server,
        &format!("/api/admin/variants/{small}"),
        &json!({ "price_minor": 1300 }),
        admin,
    )
    .await;
    assert_eq!(
        (status, &repriced["variants"][0]["price_label"]),
        (200, &json!("13,00 €")),
        "{repriced}"
    );
    let unnamed = patch_json(
        server,
        &format!("/api/admin/variants/{small}"),
        &json!({ "name": "" }),
        admin,
    )
    .await;
    assert_eq!(code(&unnamed), (422, Some("bad_variant_name")));
}

pub async fn adds_and_deletes_a_variant(server: &TestServer, admin: &str, id: i64) {
    let variants = format!("/api/admin/products/{id}/variants");
    let (status, three) = server
        .post_json(
            &variants,
            &json!({ "name": "250 g", "price_minor": 5000, "stock": 2 }),
            Some(admin),
        )
        .await;
    assert_eq!(status, 201, "{three}");
    let added = three["variants"][2]["id"].as_i64().unwrap();
    let (_, history) = server
        .get_json(&format!("/api/admin/variants/{added}/stock"), Some(admin))
        .await;
    assert_eq!(
        (&history["stock"], &history["movements"][0]["reason"]),
        (&json!(2), &json!("initial stock"))
    );
    let same_name = server
        .post_json(
            &variants,
            &json!({ "name": "250 g", "price_minor": 5000, "stock": 0 }),
            Some(admin),
        )
        .await;
    assert_eq!(code(&same_name), (409, Some("variant_name_taken")));
    let (status, two) = delete(server, &format!("/api/admin/variants/{added}"), admin).await;
    assert_eq!((status, two["variants"].as_array().unwrap().len()), (200, 2));
}

pub async fn stock_adjustments(server: &TestServer, admin: &str, variant: i64) {
    let path = format!("/api/admin/variants/{variant}/stock");
    let (status, taken) = server
        .post_json(
            &path,
            &json!({ "delta": -2, "reason": "broken in transit" }),
            Some(admin),
        )
        .await;
    assert_eq!((status, &taken["stock"]), (200, &json!(3)), "{taken}");
    assert_eq!(taken["movement"]["stock_after"], 3);
    let below = server
        .post_json(&path, &json!({ "delta": -4, "reason": "recount" }), Some(admin))
        .await;
    assert_eq!(code(&below), (409, Some("stock_negative")));
    let zero = server
        .post_json(&path, &json!({ "delta": 0, "reason": "recount" }), Some(admin))
        .await;
    assert_eq!(code(&zero), (422, Some("bad_delta")));
    let no_reason = server
        .post_json(&path, &json!({ "delta": 1, "reason": "" }), Some(admin))
        .await;
    assert_eq!(code(&no_reason), (422, Some("bad_reason")));
    let (status, history) = server.get_json(&path, Some(admin)).await;
    assert_eq!((status, &history["stock"]), (200, &json!(3)), "{history}");
    let movements: Vec<(i64, i64, &str)> = history["movements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["delta"].as_i64().unwrap(),
                m["stock_after"].as_i64().unwrap(),
                m["reason"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        movements,
        [(-2, 3, "broken in transit"), (5, 5, "initial stock")],
        "newest first"
    );
    assert_eq!(history["movements"][0]["admin_id"], CAMILLE);
    let unknown = server
        .get_json("/api/admin/variants/999999/stock", Some(admin))
        .await;
    assert_eq!(code(&unknown), (404, Some("variant_not_found")));
}
