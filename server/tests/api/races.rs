//! Races between the paths that move an order, run many times over on SQLite and on
//! PostgreSQL (where transactions run at READ COMMITTED side by side): a merchant's cancel
//! against a payment, a cancel against the expiry job, two pre-checkout queries for a lapsed
//! order, and shoppers and payments competing for a promo code's last uses. Each round checks
//! the invariant the race could break: never paid with the stock given back, stock never given
//! back twice, one re-reservation, a code's uses never past its limit.

use crate::helpers::merchant::{send, CAMILLE};
use crate::helpers::shopper::{slug, ADA, WEI};
use crate::helpers::{FreshDb, TestServer};
use crate::on_both_engines;
use futures::future::join_all;
use serde_json::{json, Value};

const SECRET: &str = "races-webhook-secret-0123456789abcdef";
/// The simulator's fourth user.
const LAYLA: i64 = 1004;
/// Rounds per race: enough for an unguarded race to show on PostgreSQL.
const ROUNDS: usize = 50;
/// An hour from now: every order made in a test is due for expiry by then.
fn an_hour_from_now() -> i64 {
    server::clock::now_ms() + 3_600_000
}

/// The shop with Camille as its admin and its webhook registered; her admin session. Races
/// need many checkouts by a few shoppers: the per-buyer rate limit is out of their way.
async fn shop(fresh: &FreshDb) -> (TestServer, String) {
    let vars = [
        ("WEBHOOK_SECRET", SECRET),
        ("ADMIN_USER_IDS", "1003"),
        ("RATE_LIMIT_CHECKOUT", "1000/1s"),
    ];
    let server = TestServer::start_with(&fresh.url, &vars).await;
    server.wait_for_webhook().await;
    let admin = server.admin_session(CAMILLE).await;
    (server, admin)
}

/// Shoppers taking turns, so no one buyer makes every order: (user id, initData).
async fn shoppers(server: &TestServer) -> Vec<(i64, String)> {
    let mut all = Vec::new();
    for user in [ADA, WEI, LAYLA] {
        all.push((user, server.launch(user).await));
    }
    all
}

/// Posts an update to the webhook as Telegram does; the status.
async fn deliver(server: &TestServer, update: &Value) -> u16 {
    server
        .deliver_update(SECRET, update)
        .await
        .expect("the webhook answers")
}

/// Telegram's `successful_payment` for order `order_id`, paid in Stars by `user`.
fn payment(update_id: i64, user: i64, order_id: i64, amount: i64) -> Value {
    json!({ "update_id": update_id, "message": { "message_id": update_id, "date": 1,
        "from": { "id": user, "is_bot": false, "first_name": "Shopper" },
        "chat": { "id": user, "type": "private" },
        "successful_payment": { "currency": "XTR", "total_amount": amount,
            "invoice_payload": format!("order:{order_id}"),
            "telegram_payment_charge_id": format!("stxRACE{update_id}"), "provider_payment_charge_id": "" } } })
}

/// Telegram's `pre_checkout_query` for order `order_id` in Stars.
fn pre_checkout(update_id: i64, user: i64, order_id: i64, amount: i64) -> Value {
    json!({ "update_id": update_id, "pre_checkout_query": { "id": format!("race-query-{update_id}"),
        "from": { "id": user, "is_bot": false, "first_name": "Shopper" }, "currency": "XTR",
        "total_amount": amount, "invoice_payload": format!("order:{order_id}") } })
}

/// Checks out one sticker pack (120 Stars) for `buyer`; the order's id.
async fn one_sticker_pack(server: &TestServer, buyer: &str) -> i64 {
    let (status, checkout) = server.checkout(buyer, "sticker-pack", 1).await;
    assert_eq!(status, 200, "{checkout}");
    checkout["order_id"].as_i64().unwrap()
}

async fn stickers_left(server: &TestServer) -> i64 {
    server.product("sticker-pack").await.1
}

async fn cancel(server: &TestServer, admin: &str, id: i64) -> u16 {
    let path = format!("/api/admin/orders/{id}/cancel");
    send(server, "POST", &path, json!({}), admin).await.0
}

on_both_engines!(
    a_cancel_racing_a_payment,
    a_cancel_racing_a_payment_never_leaves_a_paid_order_with_its_stock_back_on_sqlite,
    a_cancel_racing_a_payment_never_leaves_a_paid_order_with_its_stock_back_on_postgres
);

async fn a_cancel_racing_a_payment(fresh: &FreshDb) {
    let (server, admin) = shop(fresh).await;
    let buyers = shoppers(&server).await;
    let mut expected = stickers_left(&server).await;
    for round in 0..ROUNDS {
        let (user, buyer) = &buyers[round % buyers.len()];
        let id = one_sticker_pack(&server, buyer).await;
        let paid = payment(3_000_000 + round as i64, *user, id, 120);
        let (cancelled, delivered) = tokio::join!(cancel(&server, &admin, id), deliver(&server, &paid));
        assert_eq!(
            delivered, 200,
            "round {round}: the payment is recorded either way"
        );
        let status = server.order(buyer, id).await["status"].clone();
        match (status.as_str(), cancelled) {
            (Some("paid"), 409) => expected -= 1,
            (Some("cancelled"), 200) => {}
            other => panic!("round {round}: the order and the cancel's answer disagree: {other:?}"),
        }
        let left = stickers_left(&server).await;
        assert_eq!(
            left, expected,
            "round {round}: the order is {status} and its stock follows"
        );
    }
    server.stop().await;
}

on_both_engines!(
    a_cancel_racing_the_expiry_job,
    a_cancel_racing_the_expiry_job_gives_the_stock_back_once_on_sqlite,
    a_cancel_racing_the_expiry_job_gives_the_stock_back_once_on_postgres
);

async fn a_cancel_racing_the_expiry_job(fresh: &FreshDb) {
    let (server, admin) = shop(fresh).await;
    let buyers = shoppers(&server).await;
    let stock = stickers_left(&server).await;
    for round in 0..ROUNDS {
        let (_, buyer) = &buyers[round % buyers.len()];
        let id = one_sticker_pack(&server, buyer).await;
        let (cancelled, expired) = tokio::join!(
            cancel(&server, &admin, id),
            server.db.expire_orders(an_hour_from_now())
        );
        let expired = expired.expect("the expiry job runs");
        let status = server.order(buyer, id).await["status"].clone();
        match (status.as_str(), cancelled, expired) {
            (Some("cancelled"), 200, 0) | (Some("expired"), 409, 1) => {}
            other => panic!("round {round}: one of the two moves the order: {other:?}"),
        }
        assert_eq!(
            stickers_left(&server).await,
            stock,
            "round {round}: the unit is back, once"
        );
    }
    server.stop().await;
}

on_both_engines!(
    two_pre_checkouts_of_a_lapsed_order,
    two_pre_checkouts_of_a_lapsed_order_reserve_it_once_on_sqlite,
    two_pre_checkouts_of_a_lapsed_order_reserve_it_once_on_postgres
);

async fn two_pre_checkouts_of_a_lapsed_order(fresh: &FreshDb) {
    let (server, _) = shop(fresh).await;
    let buyers = shoppers(&server).await;
    let stock = stickers_left(&server).await;
    for round in 0..ROUNDS / 2 {
        let (user, buyer) = &buyers[round % buyers.len()];
        let id = one_sticker_pack(&server, buyer).await;
        // Lapses this order, and the one of the round before.
        server.db.expire_orders(an_hour_from_now()).await.unwrap();
        assert_eq!(stickers_left(&server).await, stock, "round {round}: lapsed");
        let first = pre_checkout(4_000_000 + 2 * round as i64, *user, id, 120);
        let second = pre_checkout(4_000_001 + 2 * round as i64, *user, id, 120);
        let (a, b) = tokio::join!(deliver(&server, &first), deliver(&server, &second));
        assert_eq!((a, b), (200, 200), "round {round}");
        assert_eq!(
            stickers_left(&server).await,
            stock - 1,
            "round {round}: the lapsed order takes its unit again, once"
        );
        let order = server.order(buyer, id).await;
        assert_eq!(order["status"], "awaiting_payment", "round {round}");
    }
    let answers = server.telegram().answers().await;
    assert_eq!(answers.len(), ROUNDS / 2 * 2);
    assert!(answers.iter().all(|a| a["ok"] == true), "{answers:?}");
    server.stop().await;
}

on_both_engines!(
    shoppers_racing_for_a_promo_codes_last_uses,
    shoppers_racing_for_a_promo_codes_last_uses_never_count_past_its_limit_on_sqlite,
    shoppers_racing_for_a_promo_codes_last_uses_never_count_past_its_limit_on_postgres
);

async fn shoppers_racing_for_a_promo_codes_last_uses(fresh: &FreshDb) {
    let (server, admin) = shop(fresh).await;
    let code = json!({ "code": "RACE2", "percent_off": 10, "max_uses": 2 });
    let added = server
        .post_json("/api/admin/promo-codes", &code, Some(&admin))
        .await;
    assert_eq!(added.0, 201, "{added:?}");
    let mut buyers = shoppers(&server).await;
    buyers.push((CAMILLE, server.launch(CAMILLE).await));
    let (seat, _) = server.product("pottery-workshop").await;
    let cart = json!({ "lines": [{ "variant_id": seat, "quantity": 1 }], "promo_code": "RACE2" });

    let checkouts = join_all(
        buyers
            .iter()
            .map(|(_, buyer)| server.post_json("/api/checkout", &cart, Some(buyer))),
    )
    .await;
    let won: Vec<(i64, &Value)> = buyers
        .iter()
        .zip(&checkouts)
        .filter(|(_, (status, _))| *status == 200)
        .map(|((user, _), (_, checkout))| (*user, checkout))
        .collect();
    let used_up = checkouts
        .iter()
        .filter(|(status, body)| *status == 422 && body["error"]["code"] == "promo_used_up")
        .count();
    assert_eq!((won.len(), used_up), (2, 2), "{checkouts:?}");

    let tg = server.telegram();
    let sheets = join_all(won.iter().map(|(user, checkout)| {
        let info = json!({ "name": "Shopper", "email": "shopper@example.org" });
        let pay = json!({ "user_id": user, "order_info": info });
        let tg = &tg;
        async move { tg.pay(&slug(checkout), pay).await }
    }))
    .await;
    assert!(sheets.iter().all(|s| s["status"] == "paid"), "{sheets:?}");
    assert_eq!(uses(&server, &admin, "RACE2").await, 2, "never past max_uses");
    server.stop().await;
}

on_both_engines!(
    a_lapsed_order_gives_its_promo_use_back,
    a_lapsed_order_gives_its_promo_use_back_and_must_take_it_again_on_sqlite,
    a_lapsed_order_gives_its_promo_use_back_and_must_take_it_again_on_postgres
);

async fn a_lapsed_order_gives_its_promo_use_back(fresh: &FreshDb) {
    let (server, admin) = shop(fresh).await;
    let code = json!({ "code": "LAPSE1", "percent_off": 10, "max_uses": 1 });
    let added = server
        .post_json("/api/admin/promo-codes", &code, Some(&admin))
        .await;
    assert_eq!(added.0, 201, "{added:?}");
    let (ada, wei) = (server.launch(ADA).await, server.launch(WEI).await);
    let (seat, _) = server.product("pottery-workshop").await;
    let cart = json!({ "lines": [{ "variant_id": seat, "quantity": 1 }], "promo_code": "LAPSE1" });
    let (status, first) = server.post_json("/api/checkout", &cart, Some(&ada)).await;
    assert_eq!(status, 200, "{first}");
    let held = server.post_json("/api/checkout", &cart, Some(&wei)).await;
    assert_eq!(
        (held.0, held.1["error"]["code"].as_str()),
        (422, Some("promo_used_up")),
        "Ada's unpaid order holds the one use"
    );
    assert_eq!(uses(&server, &admin, "LAPSE1").await, 1);

    server.db.expire_orders(an_hour_from_now()).await.unwrap();
    assert_eq!(
        uses(&server, &admin, "LAPSE1").await,
        0,
        "given back with the seat"
    );
    let (status, second) = server.post_json("/api/checkout", &cart, Some(&wei)).await;
    assert_eq!(status, 200, "{second}");

    let info = json!({ "name": "Ada", "email": "ada@example.org" });
    let sheet = server
        .telegram()
        .pay(&slug(&first), json!({ "user_id": ADA, "order_info": info }))
        .await;
    assert_eq!(sheet["status"], "refused", "{sheet}");
    assert!(
        sheet["error_message"]
            .as_str()
            .unwrap_or_default()
            .contains("LAPSE1"),
        "{sheet}"
    );
    assert_eq!(uses(&server, &admin, "LAPSE1").await, 1, "Wei's order holds it");
    server.stop().await;
}

/// How many uses the admin's list shows for `code`.
async fn uses(server: &TestServer, admin: &str, code: &str) -> i64 {
    let (_, list) = server.get_json("/api/admin/promo-codes", Some(admin)).await;
    let found = list["promo_codes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["code"] == code)
        .unwrap_or_else(|| panic!("no {code} in {list}"));
    found["uses"].as_i64().unwrap()
}
