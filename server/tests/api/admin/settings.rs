//! Black-box tests of the merchant's settings under `/api/admin/`: the shop's name (in
//! `/api/me`, the bot's greeting and its sale messages), the chat told about sales, the sales
//! funnel on the dashboard, and who may change them. Shipping, tips and promo codes:
//! `offers.rs`.

use crate::helpers::merchant::{refused, send, start, CAMILLE, GROUP};
use crate::helpers::shopper::{slug, ADA, WEI};
use crate::helpers::{wait_until, FreshDb, TestServer, PATIENCE};
use serde_json::{json, Value};

crate::on_both_engines!(
    shop_and_notifications,
    the_shop_is_renamed_and_sale_notes_go_to_its_chat_on_sqlite,
    the_shop_is_renamed_and_sale_notes_go_to_its_chat_on_postgres
);

async fn shop_and_notifications(fresh: &FreshDb) {
    let (server, admin) = start(fresh).await;
    the_settings_start_as_seeded(&server, &admin).await;
    let ada = renames_the_shop_shoppers_and_the_dashboard_see(&server, &admin).await;
    the_bot_greets_with_the_new_name(&server).await;
    refuses_bad_shop_settings(&server, &admin).await;
    sale_notes_go_to_the_chosen_chat(&server, &admin, &ada).await;
    without_a_chat_each_admin_is_told(&server, &admin, &ada).await;
    server.stop().await;
}

/// The path the chat told about sales is set at.
const NOTIFICATIONS: &str = "/api/admin/settings/notifications";

async fn the_settings_start_as_seeded(server: &TestServer, admin: &str) {
    let (status, settings) = server.get_json("/api/admin/settings", Some(admin)).await;
    assert_eq!(status, 200, "{settings}");
    assert_eq!(
        settings["shop"],
        json!({ "name": "Shop", "currency": "EUR", "time_zone": "UTC" })
    );
    assert_eq!(settings["notification_chat_id"], Value::Null);
    assert_eq!(
        settings["tips"],
        json!([{ "currency": "EUR", "max_tip_minor": 1000, "suggested": [100, 200, 500] }])
    );
    assert!(settings["shipping"]
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["country_code"] == "DE" && r["id"] == "express"));
    assert_eq!(settings["promo_codes"][0]["code"], "FIVEOFF");
}

/// Ada's initData, launched once the shop is renamed.
async fn renames_the_shop_shoppers_and_the_dashboard_see(server: &TestServer, admin: &str) -> String {
    let rename = json!({ "name": "  Atelier Ada ", "currency": "usd" });
    let (status, shop) = server
        .put_json("/api/admin/settings/shop", &rename, Some(admin))
        .await;
    assert_eq!(
        (status, shop),
        (
            200,
            json!({ "name": "Atelier Ada", "currency": "USD", "time_zone": "UTC" })
        )
    );
    let ada = server.launch(ADA).await;
    let (_, me) = server.get_json("/api/me", Some(&ada)).await;
    assert_eq!(
        (&me["shop_name"], &me["user"]["id"]),
        (&json!("Atelier Ada"), &json!(ADA)),
        "{me}"
    );
    let (_, board) = server.get_json("/api/admin/dashboard", Some(admin)).await;
    assert_eq!(board["currency"], "USD");
    ada
}

async fn the_bot_greets_with_the_new_name(server: &TestServer) {
    let telegram = server.telegram();
    let url = format!("{}/chats/{ADA}/messages", telegram.base);
    server
        .client
        .post(url)
        .json(&json!({ "text": "/start" }))
        .send()
        .await
        .unwrap();
    let welcome = &telegram.wait_for_messages(ADA, 1).await[0];
    assert!(
        welcome["text"]
            .as_str()
            .unwrap()
            .starts_with("Welcome to Atelier Ada!"),
        "{welcome}"
    );
}

async fn refuses_bad_shop_settings(server: &TestServer, admin: &str) {
    for (body, code) in [
        (json!({ "name": " ", "currency": "EUR" }), "bad_name"),
        (json!({ "name": "x".repeat(65), "currency": "EUR" }), "bad_name"),
        (json!({ "name": "Ada", "currency": "XTR" }), "bad_currency"),
        (json!({ "name": "Ada", "currency": "ABC" }), "bad_currency"),
    ] {
        let answer = server
            .put_json("/api/admin/settings/shop", &body, Some(admin))
            .await;
        assert_eq!(refused(&answer), (422, Some(code)), "{body}");
    }
    let answer = server
        .put_json("/api/admin/settings/shop", &json!({ "name": 5 }), Some(admin))
        .await;
    assert_eq!(refused(&answer), (400, Some("body_malformed")));
}

async fn sale_notes_go_to_the_chosen_chat(server: &TestServer, admin: &str, ada: &str) {
    let telegram = server.telegram();
    let answer = server
        .put_json(NOTIFICATIONS, &json!({ "chat_id": 0 }), Some(admin))
        .await;
    assert_eq!(refused(&answer), (422, Some("bad_chat_id")));
    let (status, chat) = server
        .put_json(NOTIFICATIONS, &json!({ "chat_id": GROUP }), Some(admin))
        .await;
    assert_eq!((status, chat), (200, json!({ "chat_id": GROUP })));
    let (_, stars) = server.checkout(ada, "wallpaper-pack", 1).await;
    assert_eq!(
        telegram.pay(&slug(&stars), json!({ "user_id": ADA })).await["status"],
        "paid"
    );
    let note = &telegram.wait_for_messages(GROUP, 1).await[0];
    let order_id = stars["order_id"].as_i64().unwrap();
    // In the language of Camille, the admin, French in Telegram (the settings choose none).
    assert_eq!(
        note["text"],
        format!("Nouvelle vente chez Atelier Ada : commande n° {order_id} payée, ⭐ 50.")
    );
    let receipt = &telegram.wait_for_messages(ADA, 2).await[1];
    assert!(receipt["text"]
        .as_str()
        .unwrap()
        .starts_with("Thank you for shopping at Atelier Ada!"));
    assert!(
        telegram.chat(CAMILLE).await.is_empty(),
        "the group is told instead of each admin"
    );
}

async fn without_a_chat_each_admin_is_told(server: &TestServer, admin: &str, ada: &str) {
    let telegram = server.telegram();
    let (status, _) = server
        .put_json(NOTIFICATIONS, &json!({ "chat_id": null }), Some(admin))
        .await;
    assert_eq!(status, 200);
    let (_, again) = server.checkout(ada, "wallpaper-pack", 1).await;
    telegram.pay(&slug(&again), json!({ "user_id": ADA })).await;
    assert!(telegram.wait_for_messages(CAMILLE, 1).await[0]["text"]
        .as_str()
        .unwrap()
        .starts_with("Nouvelle vente"));
    assert_eq!(telegram.chat(GROUP).await.len(), 1);
}

crate::on_both_engines!(
    funnel,
    the_dashboard_counts_buyers_at_each_step_of_the_funnel_on_sqlite,
    the_dashboard_counts_buyers_at_each_step_of_the_funnel_on_postgres
);

async fn funnel(fresh: &FreshDb) {
    let (server, admin) = start(fresh).await;
    let (ada, wei) = (server.launch(ADA).await, server.launch(WEI).await);
    for shopper in [&ada, &ada, &wei] {
        assert_eq!(server.get_json("/api/me", Some(shopper)).await.0, 200);
    }
    let (pack, _) = server.product("wallpaper-pack").await;
    let cart = json!({ "lines": [{ "variant_id": pack, "quantity": 1 }] });
    for shopper in [&ada, &ada, &wei] {
        assert_eq!(server.put_json("/api/cart", &cart, Some(shopper)).await.0, 200);
    }
    let empty = json!({ "lines": [] });
    assert_eq!(server.put_json("/api/cart", &empty, Some(&wei)).await.0, 200);
    let (_, checkout) = server.checkout(&ada, "wallpaper-pack", 1).await;
    assert_eq!(
        server
            .telegram()
            .pay(&slug(&checkout), json!({ "user_id": ADA }))
            .await["status"],
        "paid"
    );

    let expected = json!({ "opened": 2, "added_to_cart": 2, "invoice_created": 1, "paid": 1 });
    let what = format!("the dashboard's funnel to be {expected}");
    wait_until(PATIENCE, &what, async || {
        let (_, board) = server.get_json("/api/admin/dashboard?days=1", Some(&admin)).await;
        if board["funnel"] == expected {
            Ok(())
        } else {
            Err(board)
        }
    })
    .await;
    server.stop().await;
}

#[tokio::test]
async fn a_shopper_never_sees_the_funnel_fail() {
    use sqlx::Connection;
    let fresh = FreshDb::sqlite();
    let (server, _) = start(&fresh).await;
    let mut db = sqlx::SqliteConnection::connect(&fresh.url).await.unwrap();
    sqlx::query("DROP TABLE funnel_events")
        .execute(&mut db)
        .await
        .unwrap();
    let ada = server.launch(ADA).await;
    let (status, me) = server.get_json("/api/me", Some(&ada)).await;
    assert_eq!((status, &me["shop_name"]), (200, &json!("Shop")), "{me}");
    let (pack, _) = server.product("wallpaper-pack").await;
    let cart = json!({ "lines": [{ "variant_id": pack, "quantity": 1 }] });
    let (status, saved) = server.put_json("/api/cart", &cart, Some(&ada)).await;
    assert_eq!(
        (status, &saved["lines"][0]["quantity"]),
        (200, &json!(1)),
        "{saved}"
    );
    server.stop().await;
}

crate::on_both_engines!(
    only_admins,
    the_settings_are_closed_to_everyone_but_the_shops_admins_on_sqlite,
    the_settings_are_closed_to_everyone_but_the_shops_admins_on_postgres
);

async fn only_admins(fresh: &FreshDb) {
    let (server, _) = start(fresh).await;
    let ada = server.launch(ADA).await;
    let routes = [
        ("GET", "/api/admin/settings"),
        ("PUT", "/api/admin/settings/shop"),
        ("PUT", "/api/admin/settings/notifications"),
        ("GET", "/api/admin/shipping"),
        ("POST", "/api/admin/shipping"),
        ("PUT", "/api/admin/shipping/DE/standard"),
        ("DELETE", "/api/admin/shipping/DE/standard"),
        ("PUT", "/api/admin/tips/EUR"),
        ("DELETE", "/api/admin/tips/EUR"),
        ("GET", "/api/admin/promo-codes"),
        ("POST", "/api/admin/promo-codes"),
        ("PATCH", "/api/admin/promo-codes/WELCOME10"),
    ];
    for (method, path) in routes {
        let answer = send(&server, method, path, json!({}), &ada).await;
        // A shopper's initData is no key to the admin API, and opens no session either.
        assert_eq!(
            refused(&answer),
            (401, Some("admin_session_required")),
            "{method} {path}"
        );
        let answer = send(&server, method, path, json!({}), "forged").await;
        assert_eq!(answer.0, 401, "{method} {path}");
    }
    let (_, settings) = server
        .get_json("/api/admin/settings", Some(&server.admin_session(CAMILLE).await))
        .await;
    assert_eq!(settings["shop"]["name"], "Shop", "nothing changed");
    server.stop().await;
}
