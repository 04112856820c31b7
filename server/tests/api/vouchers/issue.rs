//! The vouchers a payment issues: one per ticket, with the attendee named for its seat, shown
//! on the order page and among the buyer's tickets with a QR code; none before payment, none
//! for goods; the receipt's button opens them.

use super::{buy, jazz_night, paid_tickets, pay, shop, shop_key, signed_text};
use crate::helpers::shopper::{ADA, WEI};
use crate::helpers::FreshDb;
use serde_json::{json, Value};
use std::collections::HashSet;

crate::on_both_engines!(
    issued_per_ticket,
    a_voucher_is_issued_per_paid_ticket_on_sqlite,
    a_voucher_is_issued_per_paid_ticket_on_postgres
);

async fn issued_per_ticket(fresh: &FreshDb) {
    let (server, admin) = shop(fresh).await;
    let event = server.fixture_event(fresh, &admin, &jazz_night()).await;
    let (standing, seated) = (event.types[0], event.types[1]);
    let ada = server.launch(ADA).await;

    let (unpaid, _) = buy(&server, fresh, &ada, &[(seated, &["Grace Hopper"])]).await;
    assert_eq!(
        server.order(&ada, unpaid).await["vouchers"],
        json!([]),
        "none before payment"
    );

    let lines: &[(i64, &[&str])] = &[
        (seated, &["Ada Lovelace", "Charles Babbage"]),
        (standing, &["Mary Somerville"]),
    ];
    let (order, checkout) = buy(&server, fresh, &ada, lines).await;
    assert_eq!(server.order(&ada, order).await["vouchers"], json!([]));
    pay(&server, &checkout, ADA).await;
    let view = server.wait_for_status(&ada, order, "paid").await;
    let vouchers = view["vouchers"].as_array().unwrap();
    let seen: Vec<(&str, &str, &str)> = vouchers
        .iter()
        .map(|v| {
            (
                v["ticket_type"].as_str().unwrap(),
                v["attendee"].as_str().unwrap(),
                v["status"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        seen,
        [
            ("Standing", "Mary Somerville", "valid"),
            ("Seated", "Ada Lovelace", "valid"),
            ("Seated", "Charles Babbage", "valid"),
        ],
        "one per ticket, by type and seat: {view}"
    );
    for voucher in vouchers {
        looks_like_a_ticket(voucher, event.id, order);
    }
    let codes: HashSet<&str> = vouchers.iter().map(|v| v["code"].as_str().unwrap()).collect();
    assert_eq!(codes.len(), 3, "every code differs");

    let (_, tickets) = server.get_json("/api/tickets", Some(&ada)).await;
    let listed: HashSet<&str> = tickets
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["code"].as_str().unwrap())
        .collect();
    assert_eq!(listed, codes, "the Tickets view lists them: {tickets}");
    let wei = server.launch(WEI).await;
    assert_eq!(
        server.get_json("/api/tickets", Some(&wei)).await,
        (200, json!([]))
    );
    assert_eq!(server.get_json("/api/tickets", None).await.0, 401);

    the_receipt_opens_the_tickets(&server, order).await;
    the_qr_text_is_signed_with_the_published_key(
        &server,
        fresh,
        &event,
        vouchers[0]["code"].as_str().unwrap(),
    )
    .await;
    server.stop().await;
}

/// A voucher as the buyer sees it: a grouped short code, a QR code in the theme's colour, the
/// event's details.
fn looks_like_a_ticket(voucher: &Value, event: i64, order: i64) {
    let code = voucher["code"].as_str().unwrap();
    assert_eq!(code.len(), 34, "{code}");
    assert_eq!(code.split('-').count(), 7, "{code}");
    assert!(
        code.chars()
            .all(|c| c == '-' || "23456789ABCDEFGHJKMNPQRSTVWXYZ".contains(c)),
        "{code}"
    );
    let svg = voucher["qr_svg"].as_str().unwrap();
    assert!(svg.starts_with("<svg ") && svg.ends_with("</svg>"), "{svg}");
    assert!(svg.contains("currentColor") && svg.contains("viewBox"), "{svg}");
    assert_eq!(
        (voucher["event_id"].as_i64(), voucher["order_id"].as_i64()),
        (Some(event), Some(order))
    );
    assert_eq!(voucher["event_name"], "Jazz on the Quay");
    assert_eq!(voucher["venue"]["name"], "Old Harbour");
    assert!(voucher["starts_at"].as_i64().unwrap() > 0);
    assert_eq!(voucher["checked_in_at"], Value::Null);
}

async fn the_receipt_opens_the_tickets(server: &crate::helpers::TestServer, order: i64) {
    let receipt = &server.telegram().wait_for_messages(ADA, 1).await[0];
    assert!(
        receipt["text"]
            .as_str()
            .unwrap()
            .contains("show the QR code at the door"),
        "{receipt}"
    );
    let button = &receipt["reply_markup"]["inline_keyboard"][0][0];
    assert_eq!(button["text"], "Show my tickets", "{receipt}");
    let url = button["web_app"]["url"].as_str().unwrap();
    assert!(url.ends_with(&format!("/shop/orders/{order}")), "{url}");
}

/// The key `GET /api/door/key` publishes checks the shop's QR texts offline, and nothing else.
async fn the_qr_text_is_signed_with_the_published_key(
    server: &crate::helpers::TestServer,
    fresh: &FreshDb,
    event: &super::Event,
    code: &str,
) {
    use base64::Engine;
    use server::shop::vouchers::qr_text::{read, Presented};
    let (status, published) = server.get_json("/api/door/key", None).await;
    assert_eq!(status, 200, "{published}");
    assert_eq!(
        (published["algorithm"].as_str(), published["format"].as_str()),
        (Some("Ed25519"), Some("T1"))
    );
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(published["public_key"].as_str().unwrap())
        .unwrap();
    let key = shop_key(fresh).await;
    assert_eq!(bytes, key.public().bytes(), "the published key is the shop's");
    let text = signed_text(&key, event, code);
    let Some(Presented::Signed {
        event: signed_for, ..
    }) = read(&text, &key.public())
    else {
        panic!("{text} does not read back");
    };
    assert_eq!(signed_for.0, event.id);
}

crate::on_both_engines!(
    none_for_goods,
    goods_and_unpaid_orders_get_no_vouchers_on_sqlite,
    goods_and_unpaid_orders_get_no_vouchers_on_postgres
);

async fn none_for_goods(fresh: &FreshDb) {
    let (server, admin) = shop(fresh).await;
    server.fixture_event(fresh, &admin, &jazz_night()).await;
    let ada = server.launch(ADA).await;
    let (status, checkout) = server.checkout(&ada, "sticker-pack", 2).await;
    assert_eq!(status, 200, "{checkout}");
    let order = checkout["order_id"].as_i64().unwrap();
    pay(&server, &checkout, ADA).await;
    let view = server.wait_for_status(&ada, order, "paid").await;
    assert_eq!(view["vouchers"], json!([]), "{view}");
    assert_eq!(
        server.get_json("/api/tickets", Some(&ada)).await,
        (200, json!([]))
    );
    let receipt = &server.telegram().wait_for_messages(ADA, 1).await[0];
    assert_eq!(
        receipt["reply_markup"]["inline_keyboard"][0][0]["text"],
        "View order"
    );
    assert_eq!(count_vouchers(fresh).await, 0);
    server.stop().await;
}

/// Every voucher in the database.
async fn count_vouchers(fresh: &FreshDb) -> i64 {
    let mut conn = crate::helpers::events::fixture_sql(fresh).await;
    let (count,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM vouchers")
        .fetch_one(&mut conn)
        .await
        .unwrap();
    count
}

/// Two of one ticket type bought by two buyers: each gets theirs, under their own order.
#[tokio::test]
async fn each_buyer_sees_only_their_own_tickets() {
    let fresh = FreshDb::sqlite();
    let (server, admin) = shop(&fresh).await;
    let event = server.fixture_event(&fresh, &admin, &jazz_night()).await;
    let (_, ada_codes) = paid_tickets(&server, &fresh, ADA, &[(event.types[1], &["Ada", "Ann"])]).await;
    let (wei_order, wei_codes) = paid_tickets(&server, &fresh, WEI, &[(event.types[0], &["Wei"])]).await;
    assert_eq!((ada_codes.len(), wei_codes.len()), (2, 1));
    let ada = server.launch(ADA).await;
    let (_, tickets) = server.get_json("/api/tickets", Some(&ada)).await;
    assert_eq!(tickets.as_array().unwrap().len(), 2, "{tickets}");
    let (status, _) = server
        .get_json(&format!("/api/orders/{wei_order}"), Some(&ada))
        .await;
    assert_eq!(
        status, 404,
        "another buyer's order (and its vouchers) does not exist"
    );
    server.stop().await;
}

crate::on_both_engines!(
    one_key,
    the_shop_keeps_one_signing_key_across_replicas_on_sqlite,
    the_shop_keeps_one_signing_key_across_replicas_on_postgres
);

/// The key is made on the first start and kept: a second replica on the same database, and the
/// shop after a restart, publish the same one.
async fn one_key(fresh: &FreshDb) {
    let (first, _) = shop(fresh).await;
    let (second, _) = shop(fresh).await;
    let key = published_key(&first).await;
    assert_eq!(key.len(), 43, "{key}");
    assert_eq!(published_key(&second).await, key);
    first.stop().await;
    second.stop().await;
    let (restarted, _) = shop(fresh).await;
    assert_eq!(published_key(&restarted).await, key);
    restarted.stop().await;
}

/// The public key `GET /api/door/key` publishes.
async fn published_key(server: &crate::helpers::TestServer) -> String {
    let (status, body) = server.get_json("/api/door/key", None).await;
    assert_eq!(status, 200, "{body}");
    body["public_key"].as_str().unwrap().to_owned()
}
