//! Black-box tests of the merchant's order API under `/api/admin/`: who gets in, the order
//! list with its filters and paging, and the moves (shipped with a note, delivered, cancelled
//! before payment), each told to the buyer in the simulator's chat.

use crate::helpers::merchant::CAMILLE;
use crate::helpers::shopper::{slug, ADA};
use crate::helpers::{FreshDb, TestServer};
use serde_json::{json, Value};

#[tokio::test]
async fn the_admin_api_is_closed_to_everyone_but_the_shops_admins() {
    let fresh = FreshDb::sqlite();
    let server = TestServer::start_with(&fresh.url, &[("ADMIN_USER_IDS", "1003")]).await;
    let (status, body) = server.get_json("/api/admin/orders", None).await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (401, Some("admin_session_required"))
    );
    let ada = server.launch(ADA).await;
    let (status, body) = server
        .post_json("/api/admin/session", &json!({}), Some(&ada))
        .await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (403, Some("not_an_admin")),
        "a shopper opens no admin session"
    );
    let (status, body) = server.get_json("/api/admin/orders", Some("Bearer forged")).await;
    assert_eq!(status, 401, "{body}");
    server.stop().await;
}

#[tokio::test]
async fn the_merchant_lists_ships_and_delivers_orders_on_sqlite() {
    merchant_moves(&FreshDb::sqlite()).await;
}

#[tokio::test]
async fn the_merchant_lists_ships_and_delivers_orders_on_postgres() {
    let fresh = FreshDb::postgres().await;
    merchant_moves(&fresh).await;
}

async fn merchant_moves(fresh: &FreshDb) {
    let server = TestServer::start_with(&fresh.url, &[("ADMIN_USER_IDS", "1003")]).await;
    server.wait_for_webhook().await;
    let (ada, admin) = (server.launch(ADA).await, server.admin_session(CAMILLE).await);
    let orders = ada_pays_one_order_and_leaves_one_unpaid(&server, &ada).await;
    lists_filters_and_pages_the_orders(&server, &admin, &orders).await;
    the_dashboard_counts_the_sale_of_today(&server, &admin).await;
    ships_with_a_note_told_to_the_buyer(&server, &admin, orders.paid).await;
    shows_the_order_to_admins_only_and_the_webhook(&server, &ada, &admin, orders.paid).await;
    exports_the_shipped_order_as_csv(&server, &admin, orders.paid).await;
    delivers_and_the_timeline_has_every_step(&server, &ada, &admin, orders.paid).await;
    cancels_the_unpaid_order_and_frees_its_seats(&server, &admin, &orders).await;
    refuses_to_cancel_a_delivered_or_ship_an_unknown_order(&server, &admin, orders.paid).await;
    server.stop().await;
}

/// Ada's two orders: one paid in Stars, one left awaiting payment (two workshop seats).
struct Orders {
    paid: i64,
    unpaid: i64,
    /// The workshop's seats left while the unpaid order holds two.
    seats_left: i64,
}

async fn ada_pays_one_order_and_leaves_one_unpaid(server: &TestServer, ada: &str) -> Orders {
    let (_, paid) = server.checkout(ada, "wallpaper-pack", 1).await;
    assert_eq!(
        server
            .telegram()
            .pay(&slug(&paid), json!({ "user_id": ADA }))
            .await["status"],
        "paid"
    );
    let paid_id = paid["order_id"].as_i64().unwrap();
    let (_, unpaid) = server.checkout(ada, "pottery-workshop", 2).await;
    let unpaid_id = unpaid["order_id"].as_i64().unwrap();
    let (_, seats_left) = server.product("pottery-workshop").await;
    Orders {
        paid: paid_id,
        unpaid: unpaid_id,
        seats_left,
    }
}

async fn lists_filters_and_pages_the_orders(server: &TestServer, admin: &str, orders: &Orders) {
    let (paid_id, unpaid_id) = (orders.paid, orders.unpaid);
    let list = |query: &str| {
        let path = format!("/api/admin/orders{query}");
        async move { server.get_json(&path, Some(admin)).await }
    };
    let (status, all) = list("").await;
    assert_eq!(status, 200, "{all}");
    assert_eq!(all["total"], 2);
    assert_eq!(ids(&all), [unpaid_id, paid_id], "newest first");
    assert_eq!(all["orders"][1]["buyer_id"], ADA);
    assert_eq!(all["orders"][1]["total_label"], "⭐ 50");
    assert_eq!(ids(&list("?status=paid").await.1), [paid_id]);
    assert_eq!(ids(&list(&format!("?q=%23{paid_id}")).await.1), [paid_id]);
    assert_eq!(ids(&list(&format!("?q={ADA}")).await.1).len(), 2, "by buyer");
    // By the buyer's name or @username as Telegram gave them at checkout, in any case.
    for query in ["?q=lovelace", "?q=ADA%20LOVE", "?q=%40ada_test"] {
        assert_eq!(ids(&list(query).await.1).len(), 2, "{query}");
    }
    assert_eq!(list("?q=nobody").await.1["total"], 0);
    assert_eq!(list("?q=ada%25").await.1["total"], 0, "% is taken literally");
    assert_eq!(all["orders"][1]["buyer_name"], "Ada Lovelace");
    assert_eq!(
        list("?from=4102444800000").await.1["total"],
        0,
        "created after 2100"
    );
    let (_, page) = list("?per_page=1&page=2").await;
    assert_eq!((ids(&page), &page["total"]), (vec![paid_id], &json!(2)));
    for (query, code) in [
        ("?status=lost", "bad_status"),
        (&*format!("?q={}", "x".repeat(65)), "bad_search"),
        ("?page=0", "bad_page"),
        ("?per_page=500", "bad_page"),
        // (page - 1) × per_page past i64: refused, never a panic or a wrapped offset.
        ("?page=9223372036854775807&per_page=100", "bad_page"),
        ("?page=92233720368547760&per_page=100", "bad_page"),
    ] {
        let (status, body) = list(query).await;
        assert_eq!(
            (status, body["error"]["code"].as_str()),
            (422, Some(code)),
            "{query}"
        );
    }
}

async fn the_dashboard_counts_the_sale_of_today(server: &TestServer, admin: &str) {
    let (status, board) = server.get_json("/api/admin/dashboard?days=7", Some(admin)).await;
    assert_eq!(status, 200, "{board}");
    assert_eq!(
        board["orders_by_status"],
        json!({ "awaiting_payment": 1, "paid": 1 })
    );
    let stars = &board["revenue"][0];
    assert_eq!(
        (&stars["currency"], &stars["total_label"]),
        (&json!("XTR"), &json!("⭐ 50")),
        "{board}"
    );
    assert_eq!(stars["days"].as_array().unwrap().len(), 7);
    assert_eq!(stars["days"][6]["minor"], 50, "paid today");
    assert_eq!(board["top_products"][0]["name"], "Wallpaper Pack");
    assert_eq!(board["top_products"][0]["units"], 1);
    let (status, _) = server.get_json("/api/admin/dashboard?days=0", Some(admin)).await;
    assert_eq!(status, 422);
}

async fn ships_with_a_note_told_to_the_buyer(server: &TestServer, admin: &str, paid_id: i64) {
    let ship = format!("/api/admin/orders/{paid_id}/ship");
    let (status, shipped) = server
        .post_json(&ship, &json!({ "note": "Tracking: DHL 0042" }), Some(admin))
        .await;
    assert_eq!(
        (status, &shipped["status"]),
        (200, &json!("shipped")),
        "{shipped}"
    );
    let messages = server.telegram().wait_for_messages(ADA, 2).await;
    let told = messages.last().unwrap()["text"].as_str().unwrap().to_owned();
    assert!(
        told.contains(&format!("order #{paid_id} is on its way")) && told.contains("DHL 0042"),
        "{told}"
    );
    let (status, again) = server.post_json(&ship, &json!({}), Some(admin)).await;
    assert_eq!(
        (status, again["error"]["code"].as_str()),
        (409, Some("illegal_transition"))
    );
}

async fn shows_the_order_to_admins_only_and_the_webhook(
    server: &TestServer,
    ada: &str,
    admin: &str,
    paid_id: i64,
) {
    let (status, detail) = server
        .get_json(&format!("/api/admin/orders/{paid_id}"), Some(admin))
        .await;
    assert_eq!(status, 200, "{detail}");
    assert_eq!(
        (&detail["buyer_id"], &detail["status"]),
        (&json!(ADA), &json!("shipped"))
    );
    assert_eq!(
        (&detail["buyer_name"], &detail["buyer_username"]),
        (&json!("Ada Lovelace"), &json!("ada_test"))
    );
    assert!(
        detail["charge_id"].as_str().is_some_and(|c| !c.is_empty()),
        "{detail}"
    );
    assert_eq!(
        detail["provider_charge_id"],
        Value::Null,
        "Stars have no provider"
    );
    let (status, _) = server
        .get_json(&format!("/api/admin/orders/{paid_id}"), Some(ada))
        .await;
    assert_eq!(status, 401, "the buyer's initData opens no admin API");
    let (status, _) = server.get_json("/api/admin/orders/999999", Some(admin)).await;
    assert_eq!(status, 404);
    let (status, hook) = server.get_json("/api/admin/webhook", Some(admin)).await;
    assert_eq!(status, 200, "{hook}");
    assert!(
        hook["url"].as_str().unwrap().ends_with("/telegram/webhook"),
        "{hook}"
    );
    assert_eq!(hook["pending_update_count"], 0);
}

async fn exports_the_shipped_order_as_csv(server: &TestServer, admin: &str, paid_id: i64) {
    let export = server
        .client
        .get(format!("{}/api/admin/orders.csv?status=shipped", server.base_url))
        .header("authorization", crate::helpers::authorization(admin))
        .send()
        .await
        .unwrap();
    assert_eq!(export.status(), 200);
    assert_eq!(export.headers()["content-type"], "text/csv; charset=utf-8");
    let csv = export.text().await.unwrap();
    let rows: Vec<&str> = csv.lines().collect();
    assert_eq!(
        rows[0],
        "order_id,created_at,status,buyer_id,buyer_name,first_item,item_count,total_minor,currency,total,payment_provider,provider_mode"
    );
    assert_eq!(rows.len(), 2, "{csv}");
    assert!(
        rows[1].starts_with(&format!("{paid_id},20"))
            && rows[1].ends_with(",shipped,1001,Ada Lovelace,Wallpaper Pack,1,50,XTR,⭐ 50,,"),
        "{csv}"
    );
}

async fn delivers_and_the_timeline_has_every_step(server: &TestServer, ada: &str, admin: &str, paid_id: i64) {
    let deliver = format!("/api/admin/orders/{paid_id}/deliver");
    let (status, delivered) = server.post_json(&deliver, &json!({}), Some(admin)).await;
    assert_eq!(
        (status, &delivered["status"]),
        (200, &json!("delivered")),
        "{delivered}"
    );
    assert!(server.telegram().wait_for_messages(ADA, 3).await[2]["text"]
        .as_str()
        .unwrap()
        .contains("was delivered"));
    let timeline = server.order(ada, paid_id).await["timeline"].clone();
    let steps: Vec<&str> = timeline
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["status"].as_str().unwrap())
        .collect();
    assert_eq!(steps, ["awaiting_payment", "paid", "shipped", "delivered"]);
}

async fn cancels_the_unpaid_order_and_frees_its_seats(server: &TestServer, admin: &str, orders: &Orders) {
    let cancel = format!("/api/admin/orders/{}/cancel", orders.unpaid);
    let (status, cancelled) = server.post_json(&cancel, &json!({}), Some(admin)).await;
    assert_eq!(
        (status, &cancelled["status"]),
        (200, &json!("cancelled")),
        "{cancelled}"
    );
    assert_eq!(
        server.product("pottery-workshop").await.1,
        orders.seats_left + 2,
        "the seats are back"
    );
}

async fn refuses_to_cancel_a_delivered_or_ship_an_unknown_order(
    server: &TestServer,
    admin: &str,
    paid_id: i64,
) {
    let (status, body) = server
        .post_json(
            &format!("/api/admin/orders/{paid_id}/cancel"),
            &json!({}),
            Some(admin),
        )
        .await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (409, Some("illegal_transition")),
        "a delivered order"
    );
    let (status, body) = server
        .post_json("/api/admin/orders/999999/ship", &json!({}), Some(admin))
        .await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (404, Some("order_not_found"))
    );
}

fn ids(list: &Value) -> Vec<i64> {
    list["orders"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["id"].as_i64().unwrap())
        .collect()
}
