//! The catalog scenario's last steps: archiving a product takes it out of the storefront, carts
//! and checkout while past orders keep it; archived products are listed apart, only empty
//! categories are deleted, and unarchiving puts it back on sale.

use crate::helpers::catalog_merchant::{code, delete, on_sale};
use crate::helpers::shopper::ADA;
use crate::helpers::TestServer;
use serde_json::{json, Value};

pub async fn archiving(server: &TestServer, admin: &str, id: i64, small: i64, large: i64, tea: &Value) {
    let ada = server.launch(ADA).await;
    let line = json!({ "lines": [{ "variant_id": small, "quantity": 1 }] });
    let (status, order) = server.post_json("/api/checkout", &line, Some(&ada)).await;
    assert_eq!(status, 200, "{order}");
    let order_id = order["order_id"].as_i64().unwrap();
    keeps_ordered_and_last_variants(server, admin, &ada, &line, small, large).await;
    archives_out_of_the_storefront_carts_and_checkout(server, admin, &ada, &line, id, order_id).await;
    lists_archived_products_apart(server, admin, id).await;
    deletes_only_empty_categories(server, admin, tea).await;
    unarchives_back_on_sale(server, admin, id).await;
}

/// A variant in an order, or a product's last, stays; Ada's cart then holds the ordered one.
async fn keeps_ordered_and_last_variants(
    server: &TestServer,
    admin: &str,
    ada: &str,
    line: &Value,
    small: i64,
    large: i64,
) {
    let ordered = delete(server, &format!("/api/admin/variants/{small}"), admin).await;
    assert_eq!(code(&ordered), (409, Some("variant_ordered")));
    let (status, _) = delete(server, &format!("/api/admin/variants/{large}"), admin).await;
    assert_eq!(status, 200);
    let last = delete(server, &format!("/api/admin/variants/{small}"), admin).await;
    assert!(matches!(
        code(&last),
        (409, Some("variant_ordered" | "last_variant"))
    ));
    let (status, _) = server.put_json("/api/cart", line, Some(ada)).await;
    assert_eq!(status, 200);
}

async fn archives_out_of_the_storefront_carts_and_checkout(
    server: &TestServer,
    admin: &str,
    ada: &str,
    line: &Value,
    id: i64,
    order_id: i64,
) {
    let (status, archived) = server
        .post_json(
            &format!("/api/admin/products/{id}/archive"),
            &json!({}),
            Some(admin),
        )
        .await;
    assert_eq!((status, &archived["archived"]), (200, &json!(true)), "{archived}");
    assert!(
        on_sale(server, "green-tea").await.is_none(),
        "gone from the storefront"
    );
    let html = server.get("/shop").await.text().await.unwrap();
    assert!(
        !html.contains("Sencha from Shizuoka"),
        "gone from the rendered catalog"
    );
    let refused = server.post_json("/api/checkout", line, Some(ada)).await;
    assert_eq!(code(&refused), (422, Some("unknown_variant")));
    let (_, cart) = server.get_json("/api/cart", Some(ada)).await;
    assert_eq!(cart["lines"], json!([]), "{cart}");
    let past = server.order(ada, order_id).await;
    assert_eq!(past["lines"][0]["name"], "Sencha (50 g)");
}

async fn lists_archived_products_apart(server: &TestServer, admin: &str, id: i64) {
    let listed = |query: &'static str| async move {
        let (_, list) = server
            .get_json(&format!("/api/admin/products{query}"), Some(admin))
            .await;
        list["products"].as_array().unwrap().iter().any(|p| p["id"] == id)
    };
    assert_eq!(
        (
            listed("").await,
            listed("?archived=true").await,
            listed("?archived=all").await
        ),
        (false, true, true)
    );
    let bad = server
        .get_json("/api/admin/products?archived=maybe", Some(admin))
        .await;
    assert_eq!(code(&bad), (422, Some("bad_archived")));
}

async fn deletes_only_empty_categories(server: &TestServer, admin: &str, tea: &Value) {
    let category = format!("/api/admin/categories/{}", tea["id"]);
    assert_eq!(
        code(&delete(server, &category, admin).await),
        (409, Some("category_not_empty"))
    );
    let (_, empty) = server
        .post_json("/api/admin/categories", &json!({ "name": "Empty" }), Some(admin))
        .await;
    let empty = format!("/api/admin/categories/{}", empty["id"]);
    assert_eq!(delete(server, &empty, admin).await.0, 204);
    assert_eq!(
        code(&delete(server, &empty, admin).await),
        (404, Some("category_not_found"))
    );
}

async fn unarchives_back_on_sale(server: &TestServer, admin: &str, id: i64) {
    let (status, back) = server
        .post_json(
            &format!("/api/admin/products/{id}/unarchive"),
            &json!({}),
            Some(admin),
        )
        .await;
    assert_eq!((status, &back["archived"]), (200, &json!(false)));
    assert!(on_sale(server, "green-tea").await.is_some(), "back on sale");
}
