//! How far a payment is trusted. A `successful_payment` is compared with its order: another
//! currency, another total or another buyer leaves the order unpaid and flagged for the
//! merchant, who is told — the money is in the ledger all the same. And payments are applied
//! once per charge id, whatever their update id: an id Telegram reuses (after a week without
//! updates it restarts them anywhere) cannot swallow a payment, and update ids are forgotten
//! after 48 hours so it cannot swallow any other update either. Runs on both engines.

use super::{deliver, SECRET};
use crate::helpers::merchant::CAMILLE;
use crate::helpers::shopper::{ADA, WEI};
use crate::helpers::{wait_until, FreshDb, TestServer, PATIENCE};
use serde_json::{json, Value};
use sqlx::Connection;

/// The shop with Camille as its admin (told about sales and mismatches), its webhook ready.
async fn shop(fresh: &FreshDb) -> TestServer {
    let vars = [("WEBHOOK_SECRET", SECRET), ("ADMIN_USER_IDS", "1003")];
    let server = TestServer::start_with(&fresh.url, &vars).await;
    server.wait_for_webhook().await;
    server
}

/// A `successful_payment` from `payer` for order `order_id`.
fn payment(update_id: i64, payer: i64, order_id: i64, charge: &str, currency: &str, amount: i64) -> Value {
    json!({ "update_id": update_id, "message": { "message_id": update_id, "date": 1,
        "from": { "id": payer, "is_bot": false, "first_name": "Payer" }, "chat": { "id": payer, "type": "private" },
        "successful_payment": { "currency": currency, "total_amount": amount,
            "invoice_payload": format!("order:{order_id}"),
            "telegram_payment_charge_id": charge, "provider_payment_charge_id": "" } } })
}

/// `/start` from Ada.
fn start(update_id: i64) -> Value {
    json!({ "update_id": update_id, "message": { "message_id": update_id, "date": 1,
        "from": { "id": ADA, "is_bot": false, "first_name": "Ada" }, "chat": { "id": ADA, "type": "private" },
        "text": "/start" } })
}

/// Ada's new order for one Animated Sticker Pack (120 Stars).
async fn sticker_order(server: &TestServer, ada: &str) -> i64 {
    let (status, checkout) = server.checkout(ada, "sticker-pack", 1).await;
    assert_eq!(status, 200, "{checkout}");
    checkout["order_id"].as_i64().unwrap()
}

/// Runs `sql` on the test's database (either engine); the rows it changed.
async fn execute(fresh: &FreshDb, sql: &str) -> u64 {
    let sql = sqlx::AssertSqlSafe(sql.to_owned());
    if fresh.postgres_name().is_some() {
        let mut conn = sqlx::PgConnection::connect(&fresh.url).await.unwrap();
        sqlx::query(sql).execute(&mut conn).await.unwrap().rows_affected()
    } else {
        let mut conn = sqlx::SqliteConnection::connect(&fresh.url).await.unwrap();
        sqlx::query(sql).execute(&mut conn).await.unwrap().rows_affected()
    }
}

/// `SELECT COUNT(*) …` on the test's database.
async fn count(fresh: &FreshDb, sql: &str) -> i64 {
    let sql = sqlx::AssertSqlSafe(sql.to_owned());
    if fresh.postgres_name().is_some() {
        let mut conn = sqlx::PgConnection::connect(&fresh.url).await.unwrap();
        sqlx::query_scalar(sql).fetch_one(&mut conn).await.unwrap()
    } else {
        let mut conn = sqlx::SqliteConnection::connect(&fresh.url).await.unwrap();
        sqlx::query_scalar(sql).fetch_one(&mut conn).await.unwrap()
    }
}

fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64
}

crate::on_both_engines!(
    mismatches,
    a_payment_that_does_not_match_its_order_is_flagged_not_paid_on_sqlite,
    a_payment_that_does_not_match_its_order_is_flagged_not_paid_on_postgres
);

async fn mismatches(fresh: &FreshDb) {
    let server = shop(fresh).await;
    let tg = server.telegram();
    let ada = server.launch(ADA).await;
    let admin = server.admin_session(CAMILLE).await;
    let wrong = [
        (
            "currency",
            ADA,
            "EUR",
            120,
            "paid in EUR, but the order is in XTR",
        ),
        (
            "total",
            ADA,
            "XTR",
            119,
            "paid 119 (minor units), but the order comes to 120",
        ),
        (
            "buyer",
            WEI,
            "XTR",
            120,
            "paid by Telegram user 1002, but the order is user 1001's",
        ),
    ];
    for (at, (what, payer, currency, amount, why)) in wrong.into_iter().enumerate() {
        let order_id = sticker_order(&server, &ada).await;
        let charge = format!("stxWRONG{what}");
        let update = payment(910_000 + at as i64, payer, order_id, &charge, currency, amount);
        assert_eq!(deliver(&server, &update).await, 200, "{what}");

        let order = server.order(&ada, order_id).await;
        assert_eq!(order["status"], "awaiting_payment", "{what}: not paid");
        let (status, detail) = server
            .get_json(&format!("/api/admin/orders/{order_id}"), Some(&admin))
            .await;
        assert_eq!(status, 200, "{detail}");
        assert_eq!(detail["payment_mismatch"], why, "{what}: flagged");
        assert_eq!(detail["charge_id"], charge, "{what}: the ledger has the money");
        let alerts = tg.wait_for_messages(CAMILLE, at + 1).await;
        let alert = alerts[at]["text"].as_str().unwrap();
        // In Camille's language: she is French in Telegram.
        assert!(
            alert.contains(&format!(
                "Un paiement pour la commande n° {order_id} ne lui correspond pas"
            )),
            "{what}: the merchant is told: {alert}"
        );
        // Redelivered, the same charge changes nothing more.
        assert_eq!(deliver(&server, &update).await, 200);
    }
    let (_, list) = server.get_json("/api/admin/orders", Some(&admin)).await;
    let flagged = list["orders"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|row| row["payment_mismatch"].is_string())
        .count();
    assert_eq!(flagged, 3, "the list shows the flag: {list}");
    assert!(
        tg.chat(ADA).await.is_empty(),
        "no receipt for money that is not the order's"
    );

    // The right payment still pays a flagged order.
    let order_id = list["orders"][0]["id"].as_i64().unwrap();
    let right = payment(910_100, ADA, order_id, "stxRIGHT", "XTR", 120);
    assert_eq!(deliver(&server, &right).await, 200);
    assert_eq!(server.order(&ada, order_id).await["status"], "paid");
    assert_eq!(
        count(fresh, "SELECT COUNT(*) FROM payments WHERE kind = 'charge'").await,
        4,
        "every charge once in the ledger"
    );
    server.stop().await;
}

crate::on_both_engines!(
    reused_ids,
    payments_are_applied_once_per_charge_whatever_their_update_id_on_sqlite,
    payments_are_applied_once_per_charge_whatever_their_update_id_on_postgres
);

async fn reused_ids(fresh: &FreshDb) {
    let server = shop(fresh).await;
    let tg = server.telegram();
    let ada = server.launch(ADA).await;

    // An update id already taken by another update does not swallow a payment…
    assert_eq!(deliver(&server, &start(920_000)).await, 200);
    tg.wait_for_messages(ADA, 1).await;
    let first = sticker_order(&server, &ada).await;
    assert_eq!(
        deliver(&server, &payment(920_000, ADA, first, "stxREUSED", "XTR", 120)).await,
        200
    );
    assert_eq!(server.order(&ada, first).await["status"], "paid");
    // …nor does a three-day-old one.
    let stale = now_ms() - 3 * 24 * 3600 * 1000;
    execute(
        fresh,
        &format!(
            "INSERT INTO telegram_updates (update_id, kind, received_at) VALUES (920001, 'message', {stale})"
        ),
    )
    .await;
    let second = sticker_order(&server, &ada).await;
    assert_eq!(
        deliver(&server, &payment(920_001, ADA, second, "stxOLDID", "XTR", 120)).await,
        200
    );
    assert_eq!(server.order(&ada, second).await["status"], "paid");
    // The same charge again, under its own id or a new one, is applied once.
    for update_id in [920_001, 920_002] {
        let again = payment(update_id, ADA, second, "stxOLDID", "XTR", 120);
        assert_eq!(deliver(&server, &again).await, 200);
    }
    assert_eq!(
        count(
            fresh,
            "SELECT COUNT(*) FROM payments WHERE telegram_charge_id = 'stxOLDID'"
        )
        .await,
        1
    );
    wait_until(PATIENCE, "the outbox to send all it holds", async || match count(
        fresh,
        "SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL",
    )
    .await
    {
        0 => Ok(()),
        left => Err(left),
    })
    .await;
    // The demo sticker pack also delivers its link once per paid order.
    let chat = tg.chat(ADA).await;
    let links = chat
        .iter()
        .filter(|m| m["text"].as_str().unwrap_or("").contains("addstickers"))
        .count();
    assert_eq!(
        (chat.len() - links, links),
        (3, 2),
        "a welcome and two receipts, two links"
    );
    assert_eq!(tg.chat(CAMILLE).await.len(), 2, "two sale alerts");
    server.stop().await;
}

crate::on_both_engines!(
    pruning,
    update_ids_are_forgotten_after_48_hours_on_sqlite,
    update_ids_are_forgotten_after_48_hours_on_postgres
);

async fn pruning(fresh: &FreshDb) {
    let server = shop(fresh).await;
    let hours = |h: i64| now_ms() - h * 3600 * 1000;
    let rows = format!(
        "INSERT INTO telegram_updates (update_id, kind, received_at) VALUES
         (930000, 'message', {}), (930001, 'message', {})",
        hours(72),
        hours(47)
    );
    assert_eq!(execute(fresh, &rows).await, 2);
    // The pruning runs when the shop starts, then hourly.
    server.stop().await;
    let server = shop(fresh).await;
    wait_until(
        PATIENCE,
        "the three-day-old update id to be forgotten",
        async || match count(
            fresh,
            "SELECT COUNT(*) FROM telegram_updates WHERE update_id = 930000",
        )
        .await
        {
            0 => Ok(()),
            left => Err(left),
        },
    )
    .await;
    assert_eq!(
        count(
            fresh,
            "SELECT COUNT(*) FROM telegram_updates WHERE update_id = 930001"
        )
        .await,
        1,
        "ids younger than 48 hours are kept, for redeliveries"
    );
    // A new update that reuses the forgotten id is handled.
    assert_eq!(deliver(&server, &start(930_000)).await, 200);
    let welcome = &server.telegram().wait_for_messages(ADA, 1).await[0];
    assert!(
        welcome["text"].as_str().unwrap().starts_with("Welcome"),
        "{welcome}"
    );
    server.stop().await;
}
