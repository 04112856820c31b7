//! The door: two scanners at once admit a ticket once; a retried nonce gets the same answer and
//! a reused one is refused (another scanner, ticket or event); refunded tickets, another
//! event's, forged and altered codes are turned away; door staff scan their event and nothing
//! else; strangers cannot scan.

use super::{
    buy, check_in, jazz_night, nonce, paid_tickets, pay, pottery_evening, shop, shop_key, signed_text, Event,
    SECRET,
};
use crate::helpers::events::fixture_staff;
use crate::helpers::merchant::CAMILLE;
use crate::helpers::shopper::{ADA, WEI};
use crate::helpers::{FreshDb, TestServer};
use serde_json::{json, Value};

/// Door staff of the jazz night only.
const LAYLA: i64 = 1004;

crate::on_both_engines!(
    the_door,
    the_door_admits_each_ticket_once_on_sqlite,
    the_door_admits_each_ticket_once_on_postgres
);

crate::on_both_engines!(
    nonce_for_another_event,
    a_nonce_reused_for_another_event_is_refused_on_sqlite,
    a_nonce_reused_for_another_event_is_refused_on_postgres
);

async fn the_door(fresh: &FreshDb) {
    let (server, admin) = shop(fresh).await;
    let jazz = server.fixture_event(fresh, &admin, &jazz_night()).await;
    let pottery = server.fixture_event(fresh, &admin, &pottery_evening()).await;
    fixture_staff(fresh, jazz.id, LAYLA).await;
    let (camille, layla) = (server.launch(CAMILLE).await, server.launch(LAYLA).await);

    let (_, codes) = paid_tickets(&server, fresh, ADA, &[(jazz.types[1], &["Ada", "Ann", "Abe"])]).await;
    let key = shop_key(fresh).await;
    let presented = [
        signed_text(&key, &jazz, &codes[0]),
        codes[1].to_lowercase().replace('-', " "),
        codes[2].clone(),
    ];
    for code in &presented {
        two_scanners_at_once(&server, &camille, &layla, jazz.id, code).await;
    }
    let (_, more) = paid_tickets(&server, fresh, ADA, &[(jazz.types[1], &["Ava"])]).await;
    retried_and_reused_nonces(&server, &camille, &layla, jazz.id, &more[0], &presented).await;

    let (refunded, refunded_codes) = paid_tickets(&server, fresh, ADA, &[(jazz.types[0], &["Ada"])]).await;
    refunded_tickets_are_turned_away(&server, &admin, &camille, jazz.id, refunded, &refunded_codes[0]).await;
    door_counts(&server, &camille, &layla, &jazz, &pottery).await;
    another_events_ticket(&server, fresh, &camille, &layla, &jazz, &pottery).await;
    who_may_scan(&server, &layla, &jazz, &codes[0]).await;
    server.stop().await;
}

/// Two doors scan one ticket at the same moment: one admits it, the other hears it was checked
/// in already, when and by whom.
async fn two_scanners_at_once(server: &TestServer, camille: &str, layla: &str, event: i64, code: &str) {
    let (mine, theirs) = (nonce(), nonce());
    let (one, other) = tokio::join!(
        check_in(server, camille, event, code, &mine),
        check_in(server, layla, event, code, &theirs),
    );
    assert_eq!((one.0, other.0), (200, 200), "{one:?} {other:?}");
    let outcomes = [
        one.1["outcome"].as_str().unwrap(),
        other.1["outcome"].as_str().unwrap(),
    ];
    let (admitted, again) = match outcomes {
        ["admitted", "already_checked_in"] => (&one.1, &other.1),
        ["already_checked_in", "admitted"] => (&other.1, &one.1),
        _ => panic!("one admitted and one already checked in: {one:?} {other:?}"),
    };
    assert_eq!(admitted["ticket_type"], "Seated");
    assert!(
        admitted["attendee"].as_str().is_some_and(|a| a.starts_with('A')),
        "{admitted}"
    );
    assert_eq!(again["checked_in_at"], admitted["checked_in_at"], "{again}");
    assert_eq!(again["checked_in_by"], admitted["checked_in_by"], "{again}");
    let by = admitted["checked_in_by"].as_str().unwrap();
    assert!(by == "Camille" || by == "Layla", "{by}");
    let third = check_in(server, camille, event, code, &nonce()).await;
    assert_eq!(third.1["outcome"], "already_checked_in", "{third:?}");
}

/// A retried scan (same nonce, scanner and ticket) gets the first answer again, even when the
/// first said "admitted"; a nonce sent for another scan is refused.
async fn retried_and_reused_nonces(
    server: &TestServer,
    camille: &str,
    layla: &str,
    event: i64,
    ticket: &str,
    codes: &[String],
) {
    let used = nonce();
    let first = check_in(
        server,
        camille,
        event,
        "2222-2222-2222-2222-2222-2222-2222",
        &used,
    )
    .await;
    assert_eq!(first.1["outcome"], "unknown", "{first:?}");
    assert_eq!(
        check_in(
            server,
            camille,
            event,
            "2222-2222-2222-2222-2222-2222-2222",
            &used
        )
        .await,
        first
    );

    let scan = nonce();
    let admitted = check_in(server, camille, event, ticket, &scan).await;
    assert_eq!(admitted.1["outcome"], "admitted", "{admitted:?}");
    let (one, other) = tokio::join!(
        check_in(server, camille, event, ticket, &scan),
        check_in(server, camille, event, ticket, &scan),
    );
    assert_eq!(
        (&one, &other),
        (&admitted, &admitted),
        "a retry hears the same answer"
    );
    let reused = [
        check_in(server, layla, event, ticket, &scan).await,
        check_in(server, camille, event, &codes[0], &scan).await,
    ];
    for answer in reused {
        assert_eq!(
            (answer.0, answer.1["error"]["code"].as_str()),
            (409, Some("nonce_reused")),
            "{answer:?}"
        );
    }
    for bad in [
        "short",
        "has spaces in it, sixteen+",
        &"n".repeat(65),
        "ünïcødé-nonce-0123",
    ] {
        let answer = check_in(server, camille, event, ticket, bad).await;
        assert_eq!(
            (answer.0, answer.1["error"]["code"].as_str()),
            (400, Some("bad_nonce")),
            "{bad}"
        );
    }
}

/// A door that admitted a ticket and sends the same nonce, scanner and ticket for another event
/// (an admin scans every event) is refused: the first answer ("admitted", for its own event)
/// is not this scan's, which is "wrong event" — and the ticket stays admitted once.
async fn nonce_for_another_event(fresh: &FreshDb) {
    let (server, admin) = shop(fresh).await;
    let jazz = server.fixture_event(fresh, &admin, &jazz_night()).await;
    let pottery = server.fixture_event(fresh, &admin, &pottery_evening()).await;
    let camille = server.launch(CAMILLE).await;
    let (_, codes) = paid_tickets(&server, fresh, ADA, &[(jazz.types[0], &["Ada"])]).await;
    let scan = nonce();
    let admitted = check_in(&server, &camille, jazz.id, &codes[0], &scan).await;
    assert_eq!(admitted.1["outcome"], "admitted", "{admitted:?}");
    let elsewhere = check_in(&server, &camille, pottery.id, &codes[0], &scan).await;
    assert_eq!(
        (elsewhere.0, elsewhere.1["error"]["code"].as_str()),
        (409, Some("nonce_reused")),
        "{elsewhere:?}"
    );
    let wrong = check_in(&server, &camille, pottery.id, &codes[0], &nonce()).await;
    assert_eq!(wrong.1["outcome"], "wrong_event", "{wrong:?}");
    let retried = check_in(&server, &camille, jazz.id, &codes[0], &scan).await;
    assert_eq!(
        retried, admitted,
        "the first scan's own retry still hears its answer"
    );
    server.stop().await;
}

/// A refunded order's tickets are revoked: the door turns them away, the order shows them
/// revoked and the Tickets view no longer lists them.
async fn refunded_tickets_are_turned_away(
    server: &TestServer,
    admin: &str,
    camille: &str,
    event: i64,
    order: i64,
    code: &str,
) {
    let path = format!("/api/admin/orders/{order}/refund");
    let (status, body) = server
        .post_json(&path, &json!({ "reference": "re_4242" }), Some(admin))
        .await;
    assert_eq!(status, 200, "{body}");
    let answer = check_in(server, camille, event, code, &nonce()).await;
    assert_eq!(answer.1["outcome"], "revoked", "{answer:?}");
    assert_eq!(answer.1["ticket_type"], "Standing");
    let ada = server.launch(ADA).await;
    let view = server.order(&ada, order).await;
    assert_eq!(view["vouchers"][0]["status"], "revoked", "{view}");
    let (_, tickets) = server.get_json("/api/tickets", Some(&ada)).await;
    assert!(
        tickets.as_array().unwrap().iter().all(|t| t["code"] != code),
        "{tickets}"
    );
}

/// The events each scanner sees, with their tickets (not revoked) and check-ins.
async fn door_counts(server: &TestServer, camille: &str, layla: &str, jazz: &Event, pottery: &Event) {
    let (status, events) = server.get_json("/api/door/events", Some(camille)).await;
    assert_eq!(status, 200, "{events}");
    let counts: Vec<(i64, i64, i64)> = events
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["id"].as_i64().unwrap(),
                e["tickets"].as_i64().unwrap(),
                e["checked_in"].as_i64().unwrap(),
            )
        })
        .filter(|(id, _, _)| [jazz.id, pottery.id].contains(id))
        .collect();
    // The demo catalog may hold events of its own, later than these.
    assert_eq!(
        counts,
        [(jazz.id, 4, 4), (pottery.id, 0, 0)],
        "an admin sees every event: {events}"
    );
    assert_eq!(events[0]["name"], "Jazz on the Quay");
    let (status, events) = server.get_json("/api/door/events", Some(layla)).await;
    assert_eq!(status, 200, "{events}");
    let ids: Vec<i64> = events
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids, [jazz.id], "staff see the events naming them");
}

/// Another event's ticket is genuine but not for this door; forged and altered codes are
/// unknown and leave the genuine ticket valid; refunded through Telegram, it is revoked.
async fn another_events_ticket(
    server: &TestServer,
    fresh: &FreshDb,
    camille: &str,
    layla: &str,
    jazz: &Event,
    pottery: &Event,
) {
    let wei = server.launch(WEI).await;
    let (order, checkout) = buy(server, fresh, &wei, &[(pottery.types[0], &["Wei"])]).await;
    let charge = pay(server, &checkout, WEI).await;
    let code = server.order(&wei, order).await["vouchers"][0]["code"]
        .as_str()
        .unwrap()
        .to_owned();
    let key = shop_key(fresh).await;
    let genuine = signed_text(&key, pottery, &code);

    let wrong = check_in(server, camille, jazz.id, &genuine, &nonce()).await;
    assert_eq!(wrong.1["outcome"], "wrong_event", "{wrong:?}");
    assert_eq!(wrong.1["event_name"], pottery.name.as_str());
    for forged in forgeries(&genuine, jazz, pottery, &code) {
        let answer = check_in(server, camille, pottery.id, &forged, &nonce()).await;
        assert_eq!(answer.0, 200, "{answer:?}");
        assert_eq!(
            answer.1,
            json!({ "outcome": "unknown", "ticket_type": null, "attendee": null, "event_name": null,
                                     "checked_in_at": null, "checked_in_by": null }),
            "{forged}"
        );
    }
    let admitted = check_in(server, camille, pottery.id, &genuine, &nonce()).await;
    assert_eq!(
        admitted.1["outcome"], "admitted",
        "the forgeries left it valid: {admitted:?}"
    );
    assert_eq!(admitted.1["attendee"], "Wei");
    let refused = check_in(server, layla, pottery.id, &genuine, &nonce()).await;
    assert_eq!(
        (refused.0, refused.1["error"]["code"].as_str()),
        (403, Some("not_door_staff"))
    );

    refund_through_telegram(server, order, &charge).await;
    let answer = check_in(server, camille, pottery.id, &genuine, &nonce()).await;
    assert_eq!(answer.1["outcome"], "revoked", "{answer:?}");
}

/// Texts that are not the genuine one: its parts altered, signed with another key, a made-up
/// code, JSON.
fn forgeries(genuine: &str, jazz: &Event, pottery: &Event, code: &str) -> Vec<String> {
    let parts: Vec<&str> = genuine.split('.').collect();
    let signature = parts[3];
    let mut flipped = signature.as_bytes().to_vec();
    flipped[20] = if flipped[20] == b'Q' { b'R' } else { b'Q' };
    let flipped = String::from_utf8(flipped).unwrap();
    let other_key = server::shop::vouchers::ShopKey::generate();
    let made_up = server::shop::vouchers::VoucherCode::generate();
    vec![
        format!("T1.{}.{}.{signature}", jazz.id, parts[2]),
        format!("T1.{}.{}.{flipped}", pottery.id, parts[2]),
        format!("T1.{}.{}.{signature}", pottery.id, made_up.as_str()),
        format!("T1.{}.{}", pottery.id, parts[2]) + "." + &signature[..100],
        signed_text(&other_key, pottery, code),
        made_up.grouped(),
        format!("{{\"code\":\"{code}\"}}"),
        String::new(),
    ]
}

/// Telegram reports the payment refunded (`refunded_payment`), as after a refund by the provider.
async fn refund_through_telegram(server: &TestServer, order: i64, charge: &str) {
    let update = json!({ "update_id": 700_001, "message": { "message_id": 70, "date": 1,
        "from": { "id": WEI, "is_bot": false, "first_name": "Wei" }, "chat": { "id": WEI, "type": "private" },
        "refunded_payment": { "currency": "EUR", "total_amount": 5500, "invoice_payload": format!("order:{order}"),
                              "telegram_payment_charge_id": charge } } });
    assert_eq!(server.deliver_update(SECRET, &update).await, Some(200));
    let wei = server.launch(WEI).await;
    let view: Value = server.wait_for_status(&wei, order, "refunded").await;
    assert_eq!(view["vouchers"][0]["status"], "revoked", "{view}");
}

/// Door staff may scan their event and nothing else: the admin API stays closed to them; a
/// shopper may not scan at all.
async fn who_may_scan(server: &TestServer, layla: &str, jazz: &Event, code: &str) {
    let (status, body) = server
        .post_json("/api/admin/session", &json!({}), Some(layla))
        .await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (403, Some("not_an_admin")),
        "{body}"
    );
    let (status, _) = server.get_json("/api/admin/orders", Some(layla)).await;
    assert!(status == 401 || status == 403, "{status}");
    let ada = server.launch(ADA).await;
    let answer = check_in(server, &ada, jazz.id, code, &nonce()).await;
    assert_eq!(
        (answer.0, answer.1["error"]["code"].as_str()),
        (403, Some("not_door_staff"))
    );
    let (status, body) = server.get_json("/api/door/events", Some(&ada)).await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (403, Some("not_door_staff"))
    );
    let body = json!({ "event_id": jazz.id, "code": code, "nonce": nonce() });
    assert_eq!(server.post_json("/api/door/check-in", &body, None).await.0, 401);
    let camille = server.launch(CAMILLE).await;
    let missing = check_in(server, &camille, 999_999, code, &nonce()).await;
    assert_eq!(
        (missing.0, missing.1["error"]["code"].as_str()),
        (404, Some("door_event_not_found"))
    );
}
