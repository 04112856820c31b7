//! The units one buyer may reserve of a variant: 10 unless the merchant sets another (1 to
//! 1000) on the settings page; a checkout over it is refused naming the item and the cap.

use super::shop;
use crate::helpers::merchant::{refused, send, CAMILLE};
use crate::helpers::shopper::ADA;
use crate::helpers::{FreshDb, TestServer};
use serde_json::json;

const RESERVATIONS: &str = "/api/admin/settings/reservations";

crate::on_both_engines!(
    capped,
    a_buyer_reserves_at_most_the_merchants_cap_on_sqlite,
    a_buyer_reserves_at_most_the_merchants_cap_on_postgres
);

async fn capped(fresh: &FreshDb) {
    let server = shop(fresh, &[]).await;
    let (admin, ada) = (server.admin_session(CAMILLE).await, server.launch(ADA).await);
    let (_, settings) = server.get_json("/api/admin/settings", Some(&admin)).await;
    assert_eq!(settings["reservations"], json!({ "max_units_per_variant": 10 }));
    over_ten_is_refused_by_default(&server, &ada).await;
    the_merchant_lowers_the_cap(&server, &admin, &ada).await;
    bad_caps_and_strangers_are_refused(&server, &admin, &ada).await;
    server.stop().await;
}

async fn over_ten_is_refused_by_default(server: &TestServer, ada: &str) {
    let (_, stock) = server.product("jazz-night").await;
    let (status, body) = server.checkout(ada, "jazz-night", 11).await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (422, Some("over_buyer_limit")),
        "{body}"
    );
    assert_eq!(
        body["error"]["message"],
        "one buyer may reserve at most 10 of Jazz Night Ticket (Standing)"
    );
    assert_eq!(server.product("jazz-night").await.1, stock, "nothing is reserved");
    assert_eq!(named_checkout(server, ada, 10).await.0, 200);
}

/// Checks out `quantity` standing places of the demo's jazz night, which name their attendees.
async fn named_checkout(server: &TestServer, ada: &str, quantity: i64) -> (u16, serde_json::Value) {
    let (id, _) = server.product("jazz-night").await;
    let names: Vec<String> = (1..=quantity).map(|n| format!("Guest {n}")).collect();
    let body = json!({ "lines": [{ "variant_id": id, "quantity": quantity, "attendees": names }] });
    server.post_json("/api/checkout", &body, Some(ada)).await
}

async fn the_merchant_lowers_the_cap(server: &TestServer, admin: &str, ada: &str) {
    let saved = server
        .put_json(RESERVATIONS, &json!({ "max_units_per_variant": 3 }), Some(admin))
        .await;
    assert_eq!(saved, (200, json!({ "max_units_per_variant": 3 })));
    let (_, settings) = server.get_json("/api/admin/settings", Some(admin)).await;
    assert_eq!(settings["reservations"]["max_units_per_variant"], 3);
    let (status, body) = server.checkout(ada, "jazz-night", 4).await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (422, Some("over_buyer_limit"))
    );
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("at most 3 of"),
        "{body}"
    );
    assert_eq!(named_checkout(server, ada, 3).await.0, 200);
}

async fn bad_caps_and_strangers_are_refused(server: &TestServer, admin: &str, ada: &str) {
    for bad in [0, -1, 1001] {
        let answer = send(
            server,
            "PUT",
            RESERVATIONS,
            json!({ "max_units_per_variant": bad }),
            admin,
        )
        .await;
        assert_eq!(
            refused(&answer),
            (422, Some("bad_max_units_per_variant")),
            "{bad}"
        );
    }
    let answer = send(
        server,
        "PUT",
        RESERVATIONS,
        json!({ "max_units_per_variant": 50 }),
        ada,
    )
    .await;
    // A shopper's initData opens no admin session and is no credential of the admin API.
    assert_eq!(
        refused(&answer),
        (401, Some("admin_session_required")),
        "{answer:?}"
    );
    let (status, _) = server
        .post_json("/api/admin/session", &json!({}), Some(ada))
        .await;
    assert_eq!(status, 403, "a shopper is not an admin");
    let (_, settings) = server.get_json("/api/admin/settings", Some(admin)).await;
    assert_eq!(settings["reservations"]["max_units_per_variant"], 3, "unchanged");
}
