//! The catalog scenario's later steps: stock adjustments with their history, and archiving
//! (gone from the storefront, carts and checkout, kept in past orders, then back on sale).

use crate::helpers::catalog_merchant::{code, delete, on_sale, CAMILLE};
use crate::helpers::shopper::ADA;
use crate::helpers::TestServer;
use serde_json::{json, Value};

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

pub async fn archiving(server: &TestServer, admin: &str, id: i64, small: i64, large: i64, tea: &Value) {
    let ada = server.launch(ADA).await;
    let line = json!({ "lines": [{ "variant_id": small, "quantity": 1 }] });
    let (status, order) = server.post_json("/api/checkout", &line, Some(&ada)).await;
    assert_eq!(status, 200, "{order}");
    let ordered = delete(server, &format!("/api/admin/variants/{small}"), admin).await;
    assert_eq!(code(&ordered), (409, Some("variant_ordered")));
    let (status, _) = delete(server, &format!("/api/admin/variants/{large}"), admin).await;
    assert_eq!(status, 200);
    let last = delete(server, &format!("/api/admin/variants/{small}"), admin).await;
    assert!(matches!(
        code(&last),
        (409, Some("variant_ordered" | "last_variant"))
    ));
    let (status, _) = server.put_json("/api/cart", &line, Some(&ada)).await;
    assert_eq!(status, 200);

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
    let refused = server.post_json("/api/checkout", &line, Some(&ada)).await;
    assert_eq!(code(&refused), (422, Some("unknown_variant")));
    let (_, cart) = server.get_json("/api/cart", Some(&ada)).await;
    assert_eq!(cart["lines"], json!([]), "{cart}");
    let past = server.order(&ada, order["order_id"].as_i64().unwrap()).await;
    assert_eq!(past["lines"][0]["name"], "Sencha (50 g)");
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
