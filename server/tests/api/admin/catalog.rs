//! Black-box tests of the merchant's catalog API under `/api/admin/`: categories, products and
//! their variants as the storefront then shows them, archiving (gone from the catalog, carts
//! and checkout, kept in past orders), stock adjustments with their history, and who gets in.

mod steps;

use crate::helpers::catalog_merchant::{code, delete, on_sale, patch_json, shop, tiny_png, upload, CAMILLE};
use crate::helpers::shopper::ADA;
use crate::helpers::FreshDb;
use serde_json::json;
use steps::{archiving, stock_adjustments};

#[tokio::test]
async fn the_merchant_edits_the_catalog_on_sqlite() {
    catalog_editing(&FreshDb::sqlite()).await;
}

#[tokio::test]
async fn the_merchant_edits_the_catalog_on_postgres() {
    let fresh = FreshDb::postgres().await;
    catalog_editing(&fresh).await;
}

async fn catalog_editing(fresh: &FreshDb) {
    let uploads = tempfile::tempdir().unwrap();
    let server = shop(fresh, &uploads).await;
    let admin = server.launch(CAMILLE).await;

    let (status, tea) = server
        .post_json(
            "/api/admin/categories",
            &json!({ "name": "Tea Things" }),
            Some(&admin),
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
            Some(&admin),
        )
        .await;
    assert_eq!(code(&again), (409, Some("slug_taken")));
    let (_, cups) = server
        .post_json(
            "/api/admin/categories",
            &json!({ "name": "Cups", "slug": "cups", "position": 99 }),
            Some(&admin),
        )
        .await;
    let taken = patch_json(
        &server,
        &format!("/api/admin/categories/{}", cups["id"]),
        &json!({ "slug": "tea-things" }),
        &admin,
    )
    .await;
    assert_eq!(
        code(&taken),
        (409, Some("slug_taken")),
        "a unique violation on update"
    );
    let (status, renamed) = patch_json(
        &server,
        &format!("/api/admin/categories/{}", cups["id"]),
        &json!({ "name": "Cups & Mugs" }),
        &admin,
    )
    .await;
    assert_eq!(
        (status, &renamed["name"], &renamed["slug"]),
        (200, &json!("Cups & Mugs"), &json!("cups"))
    );

    let new_tea = json!({
        "category_id": tea["id"], "name": "Green Tea", "description": "Sencha from Shizuoka", "currency": "EUR",
        "variants": [{ "name": "50 g", "price_minor": 1250, "stock": 5 }, { "name": "100 g", "price_minor": 2200, "stock": 0 }]
    });
    let (status, product) = server
        .post_json("/api/admin/products", &new_tea, Some(&admin))
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
    let shown = on_sale(&server, "green-tea").await.expect("on sale at once");
    assert_eq!(shown["variants"].as_array().unwrap().len(), 2);
    assert_eq!(shown["category"], "tea-things");
    let (_, categories) = server.get_json("/api/admin/categories", Some(&admin)).await;
    let listed = categories["categories"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == tea["id"])
        .cloned();
    assert_eq!(listed.unwrap()["products"], 1);
    let duplicate = server
        .post_json("/api/admin/products", &new_tea, Some(&admin))
        .await;
    assert_eq!(code(&duplicate), (409, Some("slug_taken")));

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
        let answer = server.post_json("/api/admin/products", &body, Some(&admin)).await;
        assert_eq!(code(&answer), (422, Some(expected)), "{change}");
    }

    let path = format!("/api/admin/products/{id}");
    let (status, edited) = patch_json(
        &server,
        &path,
        &json!({ "name": "Sencha", "currency": "EUR" }),
        &admin,
    )
    .await;
    assert_eq!(
        (status, &edited["name"], &edited["slug"]),
        (200, &json!("Sencha"), &json!("green-tea")),
        "{edited}"
    );
    assert_eq!(
        code(&patch_json(&server, &path, &json!({ "currency": "USD" }), &admin).await),
        (422, Some("currency_fixed"))
    );
    assert_eq!(
        code(
            &patch_json(
                &server,
                "/api/admin/products/999999",
                &json!({ "name": "X" }),
                &admin
            )
            .await
        ),
        (404, Some("product_not_found"))
    );
    let (status, repriced) = patch_json(
        &server,
        &format!("/api/admin/variants/{small}"),
        &json!({ "price_minor": 1300 }),
        &admin,
    )
    .await;
    assert_eq!(
        (status, &repriced["variants"][0]["price_label"]),
        (200, &json!("13,00 €")),
        "{repriced}"
    );
    let unnamed = patch_json(
        &server,
        &format!("/api/admin/variants/{small}"),
        &json!({ "name": "" }),
        &admin,
    )
    .await;
    assert_eq!(code(&unnamed), (422, Some("bad_variant_name")));

    let variants = format!("/api/admin/products/{id}/variants");
    let (status, three) = server
        .post_json(
            &variants,
            &json!({ "name": "250 g", "price_minor": 5000, "stock": 2 }),
            Some(&admin),
        )
        .await;
    assert_eq!(status, 201, "{three}");
    let added = three["variants"][2]["id"].as_i64().unwrap();
    let (_, history) = server
        .get_json(&format!("/api/admin/variants/{added}/stock"), Some(&admin))
        .await;
    assert_eq!(
        (&history["stock"], &history["movements"][0]["reason"]),
        (&json!(2), &json!("initial stock"))
    );
    let same_name = server
        .post_json(
            &variants,
            &json!({ "name": "250 g", "price_minor": 5000, "stock": 0 }),
            Some(&admin),
        )
        .await;
    assert_eq!(code(&same_name), (409, Some("variant_name_taken")));
    let (status, two) = delete(&server, &format!("/api/admin/variants/{added}"), &admin).await;
    assert_eq!((status, two["variants"].as_array().unwrap().len()), (200, 2));

    stock_adjustments(&server, &admin, small).await;
    archiving(&server, &admin, id, small, large, &tea).await;
    server.stop().await;
}

#[tokio::test]
async fn the_catalog_api_is_closed_to_everyone_but_the_shops_admins() {
    let fresh = FreshDb::sqlite();
    let uploads = tempfile::tempdir().unwrap();
    let server = shop(&fresh, &uploads).await;
    let ada = server.launch(ADA).await;
    let (status, _) = server.get_json("/api/admin/categories", None).await;
    assert_eq!(status, 401);
    for (get, path) in [
        (true, "/api/admin/categories"),
        (true, "/api/admin/products"),
        (true, "/api/admin/products/1"),
        (true, "/api/admin/variants/1/stock"),
        (false, "/api/admin/categories"),
        (false, "/api/admin/products"),
        (false, "/api/admin/products/1/archive"),
        (false, "/api/admin/products/1/variants"),
        (false, "/api/admin/variants/1/stock"),
    ] {
        let answer = match get {
            true => server.get_json(path, Some(&ada)).await,
            false => server.post_json(path, &json!({}), Some(&ada)).await,
        };
        assert_eq!(code(&answer), (403, Some("not_an_admin")), "{path}");
    }
    assert_eq!(
        code(&patch_json(&server, "/api/admin/variants/1", &json!({}), &ada).await).0,
        403
    );
    assert_eq!(
        code(&delete(&server, "/api/admin/categories/1", &ada).await).0,
        403
    );
    let photo = upload(
        &server,
        "/api/admin/products/1/photos",
        &ada,
        &[("photo", "p.png", &tiny_png(1, 1))],
    )
    .await;
    assert_eq!(code(&photo), (403, Some("not_an_admin")));
    assert_eq!(
        std::fs::read_dir(uploads.path()).map_or(0, |d| d.count()),
        0,
        "nothing stored"
    );
    server.stop().await;
}
