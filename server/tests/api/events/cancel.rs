//! Cancelling an event: its state, every voucher revoked, each paid order refunded (Stars
//! through refundStarPayment, after which Telegram's `refunded_payment` turns the order
//! refunded; card payments recorded for the payment provider), the orders awaiting payment
//! cancelled, each buyer told by the bot; and nothing of the event changes after.

use super::{Shop, CHANNEL};
use crate::helpers::merchant::refused;
use crate::helpers::FreshDb;
use serde_json::json;

crate::on_both_engines!(
    cancelled,
    a_cancelled_event_refunds_its_buyers_and_revokes_its_vouchers_on_sqlite,
    a_cancelled_event_refunds_its_buyers_and_revokes_its_vouchers_on_postgres
);

async fn voucher_statuses(shop: &Shop, event: i64) -> Vec<String> {
    let rows: Vec<(String,)> =
        sqlx::query_as("SELECT status FROM vouchers WHERE product_id = $1 ORDER BY id")
            .bind(event)
            .fetch_all(&shop.pool().await)
            .await
            .unwrap();
    rows.into_iter().map(|(status,)| status).collect()
}

async fn cancelled(db: &FreshDb) {
    let shop = Shop::start(db).await;
    let category = shop.category().await;
    let types = &[("Standing", 1800, Some(100), None, None)];
    let doomed = shop
        .create_event(category, "Doomed Night", 50, false, types)
        .await;
    let other = shop.create_event(category, "Other Night", 50, false, types).await;
    let (id, standing) = (doomed.id, doomed.types[0]);
    let (other_id, other_standing) = (other.id, other.types[0]);

    let (_, stars) = shop.checkout(3001, &[(standing, 2, &[])], true).await;
    shop.pay(3001, &stars).await;
    let (_, card) = shop.checkout(3002, &[(standing, 1, &[])], false).await;
    shop.pay(3002, &card).await;
    let (_, unpaid) = shop.checkout(3003, &[(standing, 1, &[])], false).await;
    let (_, elsewhere) = shop.checkout(3004, &[(other_standing, 1, &[])], false).await;
    shop.pay(3004, &elsewhere).await;
    let order = |answer: &serde_json::Value| answer["order_id"].as_i64().unwrap();
    assert_eq!(
        voucher_statuses(&shop, id).await,
        ["valid"; 3],
        "payment issued a voucher per ticket"
    );

    let path = format!("/api/admin/events/{id}/cancel");
    let (status, answer) = shop.admin("POST", &path, json!(null)).await;
    assert_eq!(
        (status, answer["state"].as_str()),
        (200, Some("cancelled")),
        "{answer}"
    );
    assert_eq!(voucher_statuses(&shop, id).await, ["revoked"; 3]);
    assert_eq!(
        voucher_statuses(&shop, other_id).await,
        ["valid"],
        "another event's stay"
    );

    let (stars_buyer, card_buyer) = (shop.buyer(3001), shop.buyer(3002));
    shop.server
        .wait_for_status(&stars_buyer, order(&stars), "refunded")
        .await;
    let card_order = shop.server.order(&card_buyer, order(&card)).await;
    assert_eq!(card_order["status"], "refunded", "recorded for the provider");
    let unpaid_order = shop.server.order(&shop.buyer(3003), order(&unpaid)).await;
    assert_eq!(unpaid_order["status"], "cancelled");
    let elsewhere_order = shop.server.order(&shop.buyer(3004), order(&elsewhere)).await;
    assert_eq!(
        elsewhere_order["status"], "paid",
        "another event's buyers keep theirs"
    );
    for buyer in [3001, 3002] {
        let told = shop.tg().wait_for_messages(buyer, 2).await;
        assert!(
            told.iter()
                .any(|m| m["text"].as_str().unwrap().contains("Doomed Night is cancelled")),
            "{buyer}: {told:?}"
        );
    }

    let (status, again) = shop.admin("POST", &path, json!(null)).await;
    assert_eq!(
        (status, again["state"].as_str()),
        (200, Some("cancelled")),
        "{again}"
    );
    let answer = shop.checkout(3005, &[(standing, 1, &[])], false).await;
    assert_eq!(refused(&answer), (409, Some("sales_closed")));
    let answer = shop
        .admin(
            "PATCH",
            &format!("/api/admin/events/{id}"),
            json!({ "capacity": 60 }),
        )
        .await;
    assert_eq!(refused(&answer), (409, Some("event_cancelled")));
    let answer = shop
        .admin(
            "POST",
            &format!("/api/admin/events/{id}/close-sales"),
            json!(null),
        )
        .await;
    assert_eq!(refused(&answer), (409, Some("event_cancelled")));
    let answer = shop
        .admin(
            "POST",
            &format!("/api/admin/events/{id}/publish"),
            json!({ "chat": CHANNEL }),
        )
        .await;
    assert_eq!(refused(&answer), (409, Some("event_cancelled")));
    let (_, page) = shop.server.get_json(&format!("/api/events/{id}"), None).await;
    assert_eq!(
        page["summary"]["availability"], "cancelled",
        "its page, from an earlier link, says so"
    );
    let (_, list) = shop.server.get_json("/api/events", None).await;
    assert!(
        list.as_array().unwrap().iter().all(|e| e["id"] != id),
        "a cancelled event leaves the list: {list}"
    );
    let (_, catalog) = shop.server.get_json("/api/products", None).await;
    assert!(
        catalog["products"]
            .as_array()
            .unwrap()
            .iter()
            .all(|p| p["id"] != id),
        "and the catalog"
    );
    let answer = shop
        .admin("POST", "/api/admin/events/999999/cancel", json!(null))
        .await;
    assert_eq!(refused(&answer), (404, Some("event_not_found")));
    shop.stop().await;
}
