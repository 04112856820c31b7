//! Black-box tests of vouchers and the door (issue #17), on SQLite and PostgreSQL: the vouchers a
//! payment issues (`issue`), and the door — exactly-once check-in under two scanners, retried
//! nonces, refunds, forged and altered codes, wrong events, who may scan (`door`).
//!
//! Events are fixture setup (`crate::helpers::events`); checkout, payment (the simulator's
//! payment sheet, or updates straight to the webhook), refunds and the door go through the
//! shop's API.

mod door;
mod issue;

use crate::helpers::events::{fixture_attendees, fixture_sql, Event, EventSpec};
use crate::helpers::merchant::CAMILLE;
use crate::helpers::shopper::slug;
use crate::helpers::{FreshDb, TestServer};
use serde_json::{json, Value};

const SECRET: &str = "vouchers-webhook-secret-0123456789abcdef";

/// The shop in sandbox mode on `fresh`, Camille its admin, and her session.
async fn shop(fresh: &FreshDb) -> (TestServer, String) {
    let vars = [
        ("WEBHOOK_SECRET", SECRET),
        ("ADMIN_USER_IDS", "1003"),
        ("SANDBOX", "1"),
    ];
    let server = TestServer::start_with(&fresh.url, &vars).await;
    server.wait_for_webhook().await;
    let admin = server.admin_session(CAMILLE).await;
    (server, admin)
}

/// The jazz night: named tickets, Standing and Seated.
fn jazz_night() -> EventSpec<'static> {
    EventSpec {
        name: "Jazz on the Quay",
        types: &[("Standing", 1800, 50), ("Seated", 2800, 50)],
        named: true,
    }
}

/// Another event, for the tickets the jazz night's door turns away: named, one ticket type.
fn pottery_evening() -> EventSpec<'static> {
    EventSpec {
        name: "Pottery Evening",
        types: &[("Wheel", 5500, 10)],
        named: true,
    }
}

/// Checks out `lines` of `(variant, attendee names)` (one ticket per name) as `init_data`;
/// the order's id and the checkout's answer. The attendees go with the checkout, as the
/// storefront sends them, and are written by fixture too in case this checkout does not keep
/// them yet.
async fn buy(
    server: &TestServer,
    fresh: &FreshDb,
    init_data: &str,
    lines: &[(i64, &[&str])],
) -> (i64, Value) {
    let body: Vec<Value> = lines
        .iter()
        .map(|(variant, names)| json!({ "variant_id": variant, "quantity": names.len(), "attendees": names }))
        .collect();
    let (status, checkout) = server
        .post_json("/api/checkout", &json!({ "lines": body }), Some(init_data))
        .await;
    assert_eq!(status, 200, "{checkout}");
    let order = checkout["order_id"].as_i64().unwrap();
    for (variant, names) in lines {
        fixture_attendees(fresh, order, *variant, names).await;
    }
    (order, checkout)
}

/// Pays a checkout in the simulator's payment sheet as `user`; Telegram's charge id.
async fn pay(server: &TestServer, checkout: &Value, user: i64) -> String {
    let info = json!({ "name": "Ada Lovelace", "email": "ada@example.com" });
    let sheet = server
        .telegram()
        .pay(&slug(checkout), json!({ "user_id": user, "order_info": info }))
        .await;
    assert_eq!(sheet["status"], "paid", "{sheet}");
    sheet["telegram_payment_charge_id"].as_str().unwrap().to_owned()
}

/// Buys and pays `lines` of `event` as `user`; the order's id and its vouchers' short codes.
async fn paid_tickets(
    server: &TestServer,
    fresh: &FreshDb,
    user: i64,
    lines: &[(i64, &[&str])],
) -> (i64, Vec<String>) {
    let init_data = server.launch(user).await;
    let (order, checkout) = buy(server, fresh, &init_data, lines).await;
    pay(server, &checkout, user).await;
    let view = server.order(&init_data, order).await;
    let codes = view["vouchers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["code"].as_str().unwrap().to_owned())
        .collect();
    (order, codes)
}

/// The shop's signing key, read from its table, to make genuine (and altered) QR texts as the
/// shop signs them.
async fn shop_key(fresh: &FreshDb) -> server::shop::vouchers::ShopKey {
    let mut conn = fixture_sql(fresh).await;
    let (secret,): (Vec<u8>,) = sqlx::query_as("SELECT secret_key FROM shop_keys WHERE id = 1")
        .fetch_one(&mut conn)
        .await
        .unwrap();
    server::shop::vouchers::ShopKey::from_secret(secret.try_into().unwrap())
}

/// The signed QR text of the voucher with short code `code` for `event`.
fn signed_text(key: &server::shop::vouchers::ShopKey, event: &Event, code: &str) -> String {
    let code = server::shop::vouchers::VoucherCode::parse(code).unwrap();
    server::shop::vouchers::qr_text::qr_text(key, app::catalog::ProductId(event.id), &code)
}

/// `POST /api/door/check-in` as `init_data`; the status and the answer.
async fn check_in(server: &TestServer, init_data: &str, event: i64, code: &str, nonce: &str) -> (u16, Value) {
    let body = json!({ "event_id": event, "code": code, "nonce": nonce });
    server
        .post_json("/api/door/check-in", &body, Some(init_data))
        .await
}

/// A fresh nonce, as a scanner picks one per scan.
fn nonce() -> String {
    use rand::Rng;
    let bytes: [u8; 16] = rand::rng().random();
    hex::encode(bytes)
}
