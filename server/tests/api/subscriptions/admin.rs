//! The merchant's side: what a subscription product must be (Stars only, at most 10,000 a
//! month, one price, the chat it grants), a cart that holds one refused, and the subscribers'
//! list with one cancelled.

use super::*;
use crate::helpers::shopper::ADA;

crate::on_both_engines!(
    admin,
    the_merchant_makes_plans_telegram_takes_lists_subscribers_and_cancels_one_on_sqlite,
    the_merchant_makes_plans_telegram_takes_lists_subscribers_and_cancels_one_on_postgres
);

/// A subscription product's body with `currency`, `prices` and the chat it grants.
fn plan(category: &Value, currency: &str, prices: &[i64], chat: Option<i64>) -> Value {
    let variants: Vec<Value> = prices
        .iter()
        .enumerate()
        .map(|(i, price)| json!({ "name": format!("Tier {i}"), "price_minor": price, "stock": 100 }))
        .collect();
    let mut body = json!({ "category_id": category, "name": "Insiders", "currency": currency,
                           "fulfilment": "subscription", "variants": variants });
    if let Some(chat) = chat {
        body["grants_chat_id"] = json!(chat);
    }
    body
}

async fn admin(db: &FreshDb) {
    let server = sandbox(db).await;
    let camille = server.admin_session(1003).await;
    let (_, categories) = server.get_json("/api/admin/categories", Some(&camille)).await;
    let category = categories["categories"][0]["id"].clone();
    let create = async |body: Value| {
        server
            .post_json("/api/admin/products", &body, Some(&camille))
            .await
    };
    let refusals = [
        (
            plan(&category, "EUR", &[500], Some(CLUB_CHAT)),
            "subscription_needs_stars",
        ),
        (
            plan(&category, "XTR", &[10_001], Some(CLUB_CHAT)),
            "subscription_price_too_high",
        ),
        (
            plan(&category, "XTR", &[100, 200], Some(CLUB_CHAT)),
            "subscription_one_variant",
        ),
        (plan(&category, "XTR", &[100], None), "bad_granted_chat"),
        (plan(&category, "XTR", &[100], Some(1001)), "bad_granted_chat"),
    ];
    for (body, code) in refusals {
        let (status, answer) = create(body.clone()).await;
        assert_eq!(
            (status, answer["error"]["code"].as_str()),
            (422, Some(code)),
            "{body}"
        );
    }
    let mut parcel = plan(&category, "EUR", &[500], Some(CLUB_CHAT));
    parcel["fulfilment"] = json!("parcel");
    let (status, answer) = create(parcel).await;
    assert_eq!(
        (status, answer["error"]["code"].as_str()),
        (422, Some("bad_granted_chat"))
    );
    let (status, created) = create(plan(&category, "XTR", &[10_000], Some(CLUB_CHAT))).await;
    assert_eq!(
        (status, &created["fulfilment"]),
        (201, &json!("subscription")),
        "{created}"
    );
    // Its one price stays within Telegram's maximum, and it takes no second one.
    let variant = created["variants"][0]["id"].as_i64().unwrap();
    let path = format!("/api/admin/variants/{variant}");
    let raised = crate::helpers::catalog_merchant::patch_json(
        &server,
        &path,
        &json!({ "price_minor": 10_001 }),
        &camille,
    )
    .await;
    assert_eq!(
        crate::helpers::catalog_merchant::code(&raised),
        (422, Some("subscription_price_too_high"))
    );
    let added = format!("/api/admin/products/{}/variants", created["id"]);
    let second = json!({ "name": "Gold", "price_minor": 300, "stock": 1 });
    let (status, answer) = server.post_json(&added, &second, Some(&camille)).await;
    assert_eq!(
        (status, answer["error"]["code"].as_str()),
        (422, Some("subscription_one_variant"))
    );

    // The storefront sends the shopper to the club's own page, where it is subscribed to
    // (the card offers no Add), and a mug to its usual page.
    let (_, catalog) = server.get_json("/api/products", None).await;
    let page_of = |slug: &str| {
        let products = catalog["products"].as_array().unwrap();
        let product = products.iter().find(|p| p["slug"] == slug).unwrap();
        product["page"].as_str().unwrap_or("product").to_owned()
    };
    assert_eq!(page_of("makers-club"), "subscription");
    assert_eq!(page_of("blue-mug"), "product");

    // A shopper cannot put the club in a cart's checkout, nor subscribe to a mug.
    let ada = server.launch(ADA).await;
    let (club, _) = server.product("makers-club").await;
    let line = json!({ "lines": [{ "variant_id": club, "quantity": 1 }], "pay_in_stars": true });
    let (status, answer) = server.post_json("/api/checkout", &line, Some(&ada)).await;
    assert_eq!(
        (status, answer["error"]["code"].as_str()),
        (422, Some("subscription_alone")),
        "{answer}"
    );
    let (mug, _) = server.product("blue-mug").await;
    let (status, answer) = server
        .post_json("/api/subscriptions", &json!({ "variant_id": mug }), Some(&ada))
        .await;
    assert_eq!(
        (status, answer["error"]["code"].as_str()),
        (422, Some("not_a_subscription"))
    );

    // Ada subscribes; Camille lists her and cancels her renewal through Telegram.
    let id = subscribe_and_pay(&server, &ada, ADA).await;
    wait_mine(&server, &ada, id, "the subscription to start", |s| {
        s["status"] == "active"
    })
    .await;
    let (status, list) = server.get_json("/api/admin/subscriptions", Some(&camille)).await;
    assert_eq!(status, 200, "{list}");
    let listed = &list["subscriptions"][0];
    assert_eq!(
        (listed["id"].as_i64(), listed["user_id"].as_i64()),
        (Some(id), Some(ADA))
    );
    assert_eq!(listed["name"], "Makers' Club");
    let cancel = format!("/api/admin/subscriptions/{id}/cancel");
    assert_eq!(server.post_json(&cancel, &json!({}), Some(&ada)).await.0, 401);
    let (status, cancelled) = server.post_json(&cancel, &json!({}), Some(&camille)).await;
    assert_eq!(
        (status, &cancelled["renews"]),
        (200, &json!(false)),
        "{cancelled}"
    );
    let telegram_side = sim_get(&server, &format!("/subscriptions?user_id={ADA}")).await;
    assert_eq!(telegram_side["edits"][0]["is_canceled"], true);
    assert_eq!(telegram_side["subscriptions"][0]["canceled"], true);
    wait_mine(&server, &ada, id, "renewal cancelled", |s| s["renews"] == false).await;
    // Telegram will not renew it now.
    let which = json!({ "user_id": ADA, "invoice_payload": format!("sub:{id}") });
    assert_eq!(sim_post(&server, "/subscriptions/renew", which).await.0, 409);
    server.stop().await;
}
