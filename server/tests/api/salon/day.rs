//! The salon's day and what it does with booked appointments, each on SQLite and PostgreSQL,
//! with appointments booked through checkout and the fake payment sheet ([`Calendar`]):
//!
//! - `day`: the day of the whole salon and of one staff member, with each client, in order;
//!   other days, refusals, strangers kept out;
//! - `moves`: to a working and free time (its own time no obstacle), to another staff member,
//!   the client told, the claims following; 409 `slot_taken`, 422 `slot_not_offered`, 409
//!   `appointment_not_booked`, 404;
//! - `cancellations`: a card payment left to the merchant (alert, then recorded on the order),
//!   Stars refunded through Telegram, an order holding more left to the merchant for its part;
//!   the time freed, the voucher revoked, the client told, and never twice;
//! - `outcomes`: served (the voucher checked in), no-show, a missed client served after all;
//! - `desk`: the door's scanner at the salon's desk serves today's appointment once (two
//!   scanners, and a scan racing the list's "Served"), refuses another day's, a cancelled
//!   one's, an event's ticket and unknown codes; retried and reused nonces; who may scan.

use super::{Calendar, Salon};
use crate::helpers::merchant::{refused, send};
use crate::helpers::FreshDb;
use jiff::civil::Date;
use serde_json::{json, Value};

crate::on_both_engines!(
    day,
    the_salon_sees_its_day_with_each_client_on_sqlite,
    the_salon_sees_its_day_with_each_client_on_postgres
);

crate::on_both_engines!(
    moves,
    the_salon_moves_an_appointment_to_a_working_free_time_on_sqlite,
    the_salon_moves_an_appointment_to_a_working_free_time_on_postgres
);

crate::on_both_engines!(
    cancellations,
    the_salons_cancellation_is_refunded_on_sqlite,
    the_salons_cancellation_is_refunded_on_postgres
);

crate::on_both_engines!(
    outcomes,
    the_salon_records_served_and_no_show_on_sqlite,
    the_salon_records_served_and_no_show_on_postgres
);

crate::on_both_engines!(
    desk,
    the_desk_serves_todays_appointment_once_on_sqlite,
    the_desk_serves_todays_appointment_once_on_postgres
);

/// Books `time` with `staff` at `variant` as `user` and pays it: the order's id.
async fn booked(cal: &Calendar, user: i64, variant: i64, time: &str, staff: i64) -> i64 {
    let (status, answer) = cal.book(user, variant, time, Some(staff)).await;
    assert_eq!(status, 200, "{answer}");
    cal.salon.pay(user, &answer).await;
    answer["order_id"].as_i64().unwrap()
}

/// The salon's day `date` (`None`: today), of `staff` or everyone.
async fn day_of(salon: &Salon, date: Option<Date>, staff: Option<i64>) -> Value {
    let mut path = "/api/admin/salon/appointments?".to_owned();
    if let Some(date) = date {
        path.push_str(&format!("date={date}&"));
    }
    if let Some(staff) = staff {
        path.push_str(&format!("staff={staff}"));
    }
    let (status, day) = salon.admin("GET", &path, Value::Null).await;
    assert_eq!(status, 200, "{day}");
    day
}

/// The id of `order`'s first appointment, as its client sees it.
async fn appointment_of(salon: &Salon, user: i64, order: i64) -> Value {
    let order = salon.server.order(&salon.buyer(user), order).await;
    order["appointments"][0].clone()
}

/// `POST /api/admin/salon/appointments/{id}/{what}` with `body`.
async fn act(salon: &Salon, id: i64, what: &str, body: Value) -> (u16, Value) {
    let path = format!("/api/admin/salon/appointments/{id}/{what}");
    salon.admin("POST", &path, body).await
}

/// The first of the bot's messages to `chat` that contains `needle` (waiting for the outbox).
async fn told(salon: &Salon, chat: i64, needle: &str) -> String {
    for _ in 0..100 {
        let messages = salon.tg().chat(chat).await;
        let found = messages
            .iter()
            .filter_map(|m| m["text"].as_str())
            .find(|text| text.contains(needle));
        if let Some(text) = found {
            return text.to_owned();
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!(
        "chat {chat} never got {needle:?}: {:?}",
        salon.tg().chat(chat).await
    );
}

/// Anna's public free times that day.
async fn annas_times(cal: &Calendar) -> Vec<String> {
    let path = format!(
        "/api/services/{}/slots?date={}&staff={}",
        cal.haircut, cal.day, cal.anna
    );
    let (_, answer) = cal.salon.server.get_json(&path, None).await;
    answer["slots"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["time"].as_str().unwrap().to_owned())
        .collect()
}

/// The voucher statuses of `order`, as its client sees them.
async fn vouchers(salon: &Salon, user: i64, order: i64) -> Vec<String> {
    let order = salon.server.order(&salon.buyer(user), order).await;
    order["vouchers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["status"].as_str().unwrap().to_owned())
        .collect()
}

async fn day(db: &FreshDb) {
    let cal = Calendar::start(db, &[]).await;
    let salon = &cal.salon;
    let ada = booked(&cal, 2001, cal.senior, "10:30", cal.anna).await;
    let wei = booked(&cal, 2002, cal.junior, "11:30", cal.malik).await;
    let (status, held) = cal.book(2003, cal.senior, "14:00", Some(cal.anna)).await;
    assert_eq!(status, 200, "{held}");

    let whole = day_of(salon, Some(cal.day), None).await;
    assert_eq!(whole["date"], cal.day.to_string());
    assert_eq!(whole["time_zone"], "Europe/Paris");
    assert_eq!(whole["previous"], cal.day.yesterday().unwrap().to_string());
    assert_eq!(whole["next"], cal.day.tomorrow().unwrap().to_string());
    assert_eq!(whole["staff_id"], Value::Null);
    let list = whole["appointments"].as_array().unwrap();
    let summary: Vec<(&str, &str, &str, &str)> = list
        .iter()
        .map(|a| {
            (
                a["start_time"].as_str().unwrap(),
                a["end_time"].as_str().unwrap(),
                a["staff"].as_str().unwrap(),
                a["status"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            ("10:30", "11:15", "Anna", "booked"),
            ("11:30", "12:15", "Malik", "booked"),
            ("14:00", "14:45", "Anna", "held"),
        ]
    );
    let first = &list[0];
    assert_eq!(first["order_id"], ada);
    assert_eq!(first["client_id"], 2001);
    assert_eq!(first["client"], "Ada", "the name initData gave at checkout");
    assert_eq!(first["username"], Value::Null);
    assert_eq!(first["service"], "Haircut & Styling (45 min)");
    assert_eq!(first["service_id"], cal.haircut);
    assert_eq!(first["starts_at"], cal.at("10:30"));
    assert_eq!(first["ends_at"], cal.at("11:15"));
    assert_eq!(list[1]["order_id"], wei);

    let annas = day_of(salon, Some(cal.day), Some(cal.anna)).await;
    assert_eq!(annas["staff_id"], cal.anna);
    let starts: Vec<&str> = annas["appointments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["start_time"].as_str().unwrap())
        .collect();
    assert_eq!(starts, ["10:30", "14:00"]);
    let next_day = day_of(salon, Some(cal.day.tomorrow().unwrap()), None).await;
    assert_eq!(next_day["appointments"], json!([]));
    let today = day_of(salon, None, None).await;
    assert_eq!(today["date"], today["today"], "without a date: today");

    let bad_date = salon
        .admin("GET", "/api/admin/salon/appointments?date=30/03", Value::Null)
        .await;
    assert_eq!(refused(&bad_date), (400, Some("bad_date")), "{bad_date:?}");
    let nobody = salon
        .admin("GET", "/api/admin/salon/appointments?staff=999999", Value::Null)
        .await;
    assert_eq!(refused(&nobody), (422, Some("staff_not_found")), "{nobody:?}");
    let id = first["id"].as_i64().unwrap();
    let stranger = salon.buyer(2001);
    for (method, path) in [
        ("GET", "/api/admin/salon/appointments".to_owned()),
        ("POST", format!("/api/admin/salon/appointments/{id}/cancel")),
        ("POST", format!("/api/admin/salon/appointments/{id}/served")),
    ] {
        let answer = send(&salon.server, method, &path, json!({}), &stranger).await;
        assert!(matches!(answer.0, 401 | 403), "{method} {path}: {answer:?}");
    }
    assert_eq!(appointment_of(salon, 2001, ada).await["status"], "booked");
    cal.salon.stop().await;
}

async fn moves(db: &FreshDb) {
    let cal = Calendar::start(db, &[]).await;
    let salon = &cal.salon;
    let ada = booked(&cal, 2001, cal.senior, "10:30", cal.anna).await;
    let _wei = booked(&cal, 2002, cal.senior, "15:00", cal.anna).await;
    let (_, held) = cal.book(2003, cal.senior, "16:00", Some(cal.anna)).await;
    let id = appointment_of(salon, 2001, ada).await["id"].as_i64().unwrap();
    let to = |time: &str, staff: i64| json!({ "starts_at": cal.at(time), "staff_id": staff });

    // Ten minutes later with Anna: over its own time, off the clients' 15-minute step.
    let (status, moved) = act(salon, id, "move", to("10:40", cal.anna)).await;
    assert_eq!(status, 200, "{moved}");
    assert_eq!(
        (&moved["start_time"], &moved["end_time"], &moved["status"]),
        (&json!("10:40"), &json!("11:25"), &json!("booked"))
    );
    let times = annas_times(&cal).await;
    for gone in ["09:45", "10:30", "11:30"] {
        assert!(
            !times.contains(&gone.to_owned()),
            "busy 10:40-11:40: {gone} in {times:?}"
        );
    }
    for left in ["09:30", "11:45"] {
        assert!(times.contains(&left.to_owned()), "{left} in {times:?}");
    }
    let text = told(salon, 2001, "The salon moved your appointment").await;
    assert!(text.contains(", 10:40 with Anna (it was on "), "{text}");
    assert!(text.contains(", 10:30 with Anna)"), "{text}");

    // What the salon cannot do.
    for (time, staff, why) in [
        ("12:00", cal.anna, "past Anna's 12:30"),
        ("13:00", cal.anna, "her lunch"),
        ("10:42", cal.anna, "off the 5-minute grid"),
        ("15:00", cal.malik, "Malik works 11:00-14:00"),
    ] {
        let answer = act(salon, id, "move", to(time, staff)).await;
        assert_eq!(
            refused(&answer),
            (422, Some("slot_not_offered")),
            "{why}: {answer:?}"
        );
    }
    for (time, staff) in [("14:30", cal.anna), ("15:45", cal.anna)] {
        let answer = act(salon, id, "move", to(time, staff)).await;
        assert_eq!(refused(&answer), (409, Some("slot_taken")), "{time}: {answer:?}");
        assert_eq!(
            answer.1["error"]["message"],
            format!("{time} with Anna is taken by another appointment")
        );
    }
    let zoe = salon.staff("Zoé", &[(2, "09:00", "18:00")]).await;
    let answer = act(salon, id, "move", to("10:00", zoe)).await;
    assert_eq!(refused(&answer), (422, Some("slot_not_offered")), "{answer:?}");
    assert_eq!(
        answer.1["error"]["message"],
        "Zoé does not perform Haircut & Styling (45 min)"
    );
    let answer = act(salon, id, "move", to("10:00", 999_999)).await;
    assert_eq!(refused(&answer), (422, Some("staff_not_found")), "{answer:?}");
    let answer = act(salon, 999_999, "move", to("10:00", cal.anna)).await;
    assert_eq!(
        refused(&answer),
        (404, Some("appointment_not_found")),
        "{answer:?}"
    );
    let held_order = held["order_id"].as_i64().unwrap();
    let held_id = appointment_of(salon, 2003, held_order).await["id"]
        .as_i64()
        .unwrap();
    let answer = act(salon, held_id, "move", to("09:00", cal.anna)).await;
    assert_eq!(
        refused(&answer),
        (409, Some("appointment_not_booked")),
        "{answer:?}"
    );

    // To Malik at 11:00: the client's order and voucher follow, Anna's time is free again.
    let (status, moved) = act(salon, id, "move", to("11:00", cal.malik)).await;
    assert_eq!(status, 200, "{moved}");
    assert_eq!(
        (&moved["staff"], &moved["staff_id"]),
        (&json!("Malik"), &json!(cal.malik))
    );
    let order = salon.server.order(&salon.buyer(2001), ada).await;
    assert_eq!(order["appointments"][0]["staff"], "Malik");
    assert_eq!(order["appointments"][0]["starts_at"], cal.at("11:00"));
    assert_eq!(order["vouchers"][0]["ticket_type"], "Malik");
    assert_eq!(order["vouchers"][0]["status"], "valid");
    assert!(annas_times(&cal).await.contains(&"10:30".to_owned()));
    told(salon, 2001, ", 11:00 with Malik (it was on ").await;
    let (claims,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM slot_claims WHERE appointment_id = $1 AND staff_id = $2")
            .bind(id)
            .bind(cal.malik)
            .fetch_one(&salon.pool().await)
            .await
            .unwrap();
    assert_eq!(claims, 12, "45 minutes and 15 of buffer on Malik's calendar");
    // Nobody may book Malik over it now.
    let (status, _) = cal.book(2004, cal.junior, "11:30", Some(cal.malik)).await;
    assert_eq!(status, 409);
    cal.salon.stop().await;
}

async fn cancellations(db: &FreshDb) {
    let cal = Calendar::start(db, &[]).await;
    let salon = &cal.salon;

    // A card payment: the client is told, the merchant refunds with the provider.
    let ada = booked(&cal, 2001, cal.senior, "10:30", cal.anna).await;
    let id = appointment_of(salon, 2001, ada).await["id"].as_i64().unwrap();
    assert!(!annas_times(&cal).await.contains(&"10:30".to_owned()));
    let (status, cancelled) = act(salon, id, "cancel", Value::Null).await;
    assert_eq!(status, 200, "{cancelled}");
    assert_eq!(cancelled["refund"], "card_due");
    assert_eq!(cancelled["refund_label"], "48,00 €");
    assert_eq!(cancelled["appointment"]["status"], "cancelled");
    assert_eq!(appointment_of(salon, 2001, ada).await["status"], "cancelled");
    assert_eq!(vouchers(salon, 2001, ada).await, ["revoked"]);
    assert!(
        annas_times(&cal).await.contains(&"10:30".to_owned()),
        "the time is free again"
    );
    let text = told(salon, 2001, "the salon cancelled your appointment").await;
    assert!(
        text.contains("with Anna. The salon refunds your payment of 48,00 € to your card."),
        "{text}"
    );
    told(
        salon,
        1003,
        &format!("(order #{ada}) is cancelled. Refund 48,00 € with the payment provider"),
    )
    .await;
    let order = salon.server.order(&salon.buyer(2001), ada).await;
    assert_eq!(order["status"], "paid", "until the merchant records the refund");
    let again = act(salon, id, "cancel", Value::Null).await;
    assert_eq!(
        refused(&again),
        (409, Some("appointment_not_booked")),
        "{again:?}"
    );
    let path = format!("/api/admin/orders/{ada}/refund");
    let (status, refunded) = salon.admin("POST", &path, json!({ "reference": "re_123" })).await;
    assert_eq!(status, 200, "{refunded}");
    assert_eq!(refunded["status"], "refunded");

    // Stars: refunded through Telegram, whose refunded_payment then marks the order.
    let path = format!("/api/admin/variants/{}", cal.senior);
    let (status, variant) = salon.admin("PATCH", &path, json!({ "stars_price": 250 })).await;
    assert_eq!(status, 200, "{variant}");
    let line = json!({ "variant_id": cal.senior, "quantity": 1,
        "appointment": { "starts_at": cal.at("15:00"), "staff": cal.anna } });
    let body = json!({ "lines": [line], "pay_in_stars": true });
    let (status, wei) = salon
        .server
        .post_json("/api/checkout", &body, Some(&salon.buyer(2002)))
        .await;
    assert_eq!(status, 200, "{wei}");
    salon.pay(2002, &wei).await;
    let wei = wei["order_id"].as_i64().unwrap();
    let id = appointment_of(salon, 2002, wei).await["id"].as_i64().unwrap();
    let (status, cancelled) = act(salon, id, "cancel", Value::Null).await;
    assert_eq!(status, 200, "{cancelled}");
    assert_eq!(
        (&cancelled["refund"], &cancelled["refund_label"]),
        (&json!("stars_requested"), &json!("⭐ 250"))
    );
    salon
        .server
        .wait_for_status(&salon.buyer(2002), wei, "refunded")
        .await;
    told(
        salon,
        2002,
        "Your payment of ⭐ 250 is refunded through Telegram.",
    )
    .await;
    assert_eq!(vouchers(salon, 2002, wei).await, ["revoked"]);

    // An order holding an event's ticket too: the appointment's part is the merchant's.
    let category = salon.category().await;
    let night = salon
        .create_event(category, "Salon Night", 50, false, &[crate::events::STANDING])
        .await;
    let lines = json!([
        { "variant_id": cal.senior, "quantity": 1, "appointment": { "starts_at": cal.at("16:00"), "staff": cal.anna } },
        { "variant_id": night.types[0], "quantity": 1 },
    ]);
    let (status, chen) = salon
        .server
        .post_json(
            "/api/checkout",
            &json!({ "lines": lines }),
            Some(&salon.buyer(2003)),
        )
        .await;
    assert_eq!(status, 200, "{chen}");
    salon.pay(2003, &chen).await;
    let chen = chen["order_id"].as_i64().unwrap();
    let id = appointment_of(salon, 2003, chen).await["id"].as_i64().unwrap();
    let (status, cancelled) = act(salon, id, "cancel", Value::Null).await;
    assert_eq!(status, 200, "{cancelled}");
    assert_eq!(
        (&cancelled["refund"], &cancelled["refund_label"]),
        (&json!("part_due"), &json!("48,00 €"))
    );
    told(
        salon,
        2003,
        &format!("The salon refunds its part of order #{chen}, 48,00 €."),
    )
    .await;
    told(salon, 1003, "refund its part, 48,00 €, by hand").await;
    let order = salon.server.order(&salon.buyer(2003), chen).await;
    assert_eq!(order["status"], "paid", "the ticket stays sold");
    let mut statuses = vouchers(salon, 2003, chen).await;
    statuses.sort();
    assert_eq!(
        statuses,
        ["revoked", "valid"],
        "the appointment's revoked, the ticket's not"
    );
    cal.salon.stop().await;
}

async fn outcomes(db: &FreshDb) {
    let cal = Calendar::start(db, &[]).await;
    let salon = &cal.salon;
    let ada = booked(&cal, 2001, cal.senior, "10:30", cal.anna).await;
    let wei = booked(&cal, 2002, cal.senior, "14:00", cal.anna).await;
    let (_, held) = cal.book(2003, cal.junior, "11:30", Some(cal.malik)).await;
    let ada_id = appointment_of(salon, 2001, ada).await["id"].as_i64().unwrap();
    let wei_id = appointment_of(salon, 2002, wei).await["id"].as_i64().unwrap();

    let (status, served) = act(salon, ada_id, "served", Value::Null).await;
    assert_eq!((status, &served["status"]), (200, &json!("served")), "{served}");
    assert_eq!(vouchers(salon, 2001, ada).await, ["checked_in"]);
    let again = act(salon, ada_id, "served", Value::Null).await;
    assert_eq!(
        refused(&again),
        (409, Some("appointment_not_booked")),
        "{again:?}"
    );
    let answer = act(salon, ada_id, "no-show", Value::Null).await;
    assert_eq!(
        refused(&answer),
        (409, Some("appointment_not_booked")),
        "{answer:?}"
    );
    assert_eq!(
        answer.1["error"]["message"],
        format!("appointment {ada_id} is served, not booked")
    );

    // Missed, then the client came late after all.
    let (status, missed) = act(salon, wei_id, "no-show", Value::Null).await;
    assert_eq!((status, &missed["status"]), (200, &json!("no_show")), "{missed}");
    assert_eq!(vouchers(salon, 2002, wei).await, ["valid"]);
    assert!(
        !annas_times(&cal).await.contains(&"14:00".to_owned()),
        "a missed appointment keeps its time"
    );
    let (status, served) = act(salon, wei_id, "served", Value::Null).await;
    assert_eq!((status, &served["status"]), (200, &json!("served")), "{served}");
    assert_eq!(vouchers(salon, 2002, wei).await, ["checked_in"]);

    let held_id = appointment_of(salon, 2003, held["order_id"].as_i64().unwrap()).await["id"]
        .as_i64()
        .unwrap();
    let answer = act(salon, held_id, "served", Value::Null).await;
    assert_eq!(
        refused(&answer),
        (409, Some("appointment_not_booked")),
        "{answer:?}"
    );
    let answer = act(salon, 999_999, "no-show", Value::Null).await;
    assert_eq!(
        refused(&answer),
        (404, Some("appointment_not_found")),
        "{answer:?}"
    );
    let day = day_of(salon, Some(cal.day), None).await;
    let statuses: Vec<&str> = day["appointments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, ["served", "held", "served"]);
    cal.salon.stop().await;
}

/// A zone where it is now between noon and one o'clock, so that today's 16:00 is bookable
/// (past the two hours' notice) and still today, whenever the test runs.
fn noon_zone() -> (String, jiff::tz::TimeZone) {
    let hour = i64::from(jiff::Timestamp::now().to_zoned(jiff::tz::TimeZone::UTC).hour());
    let name = match 12 - hour {
        0 => "UTC".to_owned(),
        ahead if ahead > 0 => format!("Etc/GMT-{ahead}"),
        behind => format!("Etc/GMT+{}", -behind),
    };
    let zone = jiff::tz::TimeZone::get(&name).unwrap();
    (name, zone)
}

/// `date` at `time` in `zone`, unix ms.
fn local(zone: &jiff::tz::TimeZone, date: Date, time: &str) -> i64 {
    let time: jiff::civil::Time = time.parse().unwrap();
    zone.to_timestamp(date.to_datetime(time))
        .unwrap()
        .as_millisecond()
}

/// `POST /api/door/desk/check-in` as `init_data`.
async fn scan(salon: &Salon, init_data: &str, code: &str, nonce: &str) -> (u16, Value) {
    let body = json!({ "code": code, "nonce": nonce });
    salon
        .server
        .post_json("/api/door/desk/check-in", &body, Some(init_data))
        .await
}

fn nonce() -> String {
    use rand::Rng;
    let bytes: [u8; 16] = rand::rng().random();
    hex::encode(bytes)
}

/// The first voucher's short code of `user`'s order `order`.
async fn code_of(salon: &Salon, user: i64, order: i64) -> String {
    let order = salon.server.order(&salon.buyer(user), order).await;
    order["vouchers"][0]["code"].as_str().unwrap().to_owned()
}

async fn desk(db: &FreshDb) {
    const NADIA_ACCOUNT: i64 = 5005;
    let cal = Calendar::start(db, &[]).await;
    let salon = &cal.salon;
    let (zone_name, zone) = noon_zone();
    let shop = json!({ "name": "Salon Camille", "currency": "EUR", "time_zone": zone_name });
    let (status, answer) = salon.admin("PUT", "/api/admin/settings/shop", shop).await;
    assert_eq!(status, 200, "{answer}");
    let every_day: Vec<(u8, &str, &str)> = (1..=7).map(|day| (day, "00:00", "23:55")).collect();
    let nadia = salon.staff("Nadia", &every_day).await;
    let path = format!("/api/admin/salon/staff/{nadia}");
    let (status, _) = salon
        .admin("PATCH", &path, json!({ "telegram_user_id": NADIA_ACCOUNT }))
        .await;
    assert_eq!(status, 200);
    let (manicure, variants) = salon.product("manicure").await;
    let (status, saved) = salon.service(manicure, 60, 0, &[(nadia, variants[0].1)]).await;
    assert_eq!(status, 200, "{saved}");
    let today = jiff::Timestamp::now().to_zoned(zone.clone()).date();
    let book = |user: i64, at: i64| {
        let line = json!({ "variant_id": variants[0].1, "quantity": 1,
            "appointment": { "starts_at": at, "staff": nadia } });
        async move {
            let (status, answer) = salon
                .server
                .post_json(
                    "/api/checkout",
                    &json!({ "lines": [line] }),
                    Some(&salon.buyer(user)),
                )
                .await;
            assert_eq!(status, 200, "{answer}");
            salon.pay(user, &answer).await;
            answer["order_id"].as_i64().unwrap()
        }
    };
    let ada = book(2001, local(&zone, today, "16:00")).await;
    let tomorrow = today.tomorrow().unwrap();
    let wei = book(2002, local(&zone, tomorrow, "16:00")).await;
    let (camille, nadia_scans) = (salon.buyer(1003), salon.buyer(NADIA_ACCOUNT));

    // Who may use the desk, and today's count.
    let (status, desk_day) = salon.server.get_json("/api/door/desk", Some(&camille)).await;
    assert_eq!(status, 200, "{desk_day}");
    assert_eq!(
        desk_day,
        json!({ "date": today.to_string(), "time_zone": zone_name, "appointments": 1, "served": 0 })
    );
    let (status, _) = salon.server.get_json("/api/door/desk", Some(&nadia_scans)).await;
    assert_eq!(status, 200, "the salon's staff member, by her account");
    let stranger = salon
        .server
        .get_json("/api/door/desk", Some(&salon.buyer(2001)))
        .await;
    assert_eq!(refused(&stranger), (403, Some("not_door_staff")), "{stranger:?}");
    let stranger = scan(salon, &salon.buyer(2001), "ABCD", &nonce()).await;
    assert_eq!(refused(&stranger), (403, Some("not_door_staff")), "{stranger:?}");

    // Tomorrow's voucher, signed as its QR code says it: not today, left valid.
    let key = shop_key(salon).await;
    let signed = signed_text(&key, manicure, &code_of(salon, 2002, wei).await);
    let (status, answer) = scan(salon, &camille, &signed, &nonce()).await;
    assert_eq!(status, 200, "{answer}");
    assert_eq!(answer["outcome"], "not_today");
    assert_eq!(answer["starts_at"], local(&zone, tomorrow, "16:00"));
    assert_eq!(vouchers(salon, 2002, wei).await, ["valid"]);

    // Today's, its short code typed by Nadia: served, once; a retry hears the same.
    let code = code_of(salon, 2001, ada).await;
    let first = nonce();
    let (status, served) = scan(salon, &nadia_scans, &code.to_lowercase(), &first).await;
    assert_eq!(status, 200, "{served}");
    assert_eq!(served["outcome"], "admitted");
    assert_eq!(served["event_name"], "Gel Manicure (60 min)");
    assert_eq!(served["ticket_type"], "Nadia");
    assert_eq!(served["attendee"], "Ada", "the client");
    assert_eq!(served["starts_at"], local(&zone, today, "16:00"));
    assert_eq!(served["checked_in_by"], "Ada", "the scanner's first name");
    assert_eq!(appointment_of(salon, 2001, ada).await["status"], "served");
    assert_eq!(vouchers(salon, 2001, ada).await, ["checked_in"]);
    assert_eq!(
        scan(salon, &nadia_scans, &code, &first).await,
        (200, served.clone())
    );
    let reused = scan(salon, &camille, &code, &first).await;
    assert_eq!(refused(&reused), (409, Some("nonce_reused")), "{reused:?}");
    let (_, again) = scan(salon, &camille, &code, &nonce()).await;
    assert_eq!(again["outcome"], "already_checked_in");
    assert_eq!(again["checked_in_at"], served["checked_in_at"]);
    assert_eq!(again["checked_in_by"], "Ada");
    let (_, desk_day) = salon.server.get_json("/api/door/desk", Some(&camille)).await;
    assert_eq!(
        (&desk_day["appointments"], &desk_day["served"]),
        (&json!(1), &json!(1))
    );

    // Two scanners at once, and a scan racing the list's "Served": one serves it.
    let chen = book(2003, local(&zone, today, "17:30")).await;
    let code = code_of(salon, 2003, chen).await;
    let (mine, theirs) = (nonce(), nonce());
    let (one, other) = tokio::join!(
        scan(salon, &camille, &code, &mine),
        scan(salon, &nadia_scans, &code, &theirs)
    );
    let mut outcomes = [one.1["outcome"].clone(), other.1["outcome"].clone()];
    outcomes.sort_by_key(|o| o.to_string());
    assert_eq!(
        outcomes,
        [json!("admitted"), json!("already_checked_in")],
        "{one:?} {other:?}"
    );
    let dan = book(2004, local(&zone, today, "19:00")).await;
    let id = appointment_of(salon, 2004, dan).await["id"].as_i64().unwrap();
    let code = code_of(salon, 2004, dan).await;
    let racing = nonce();
    let (scanned, listed) = tokio::join!(
        scan(salon, &camille, &code, &racing),
        act(salon, id, "served", Value::Null)
    );
    match (scanned.1["outcome"].as_str(), listed.0) {
        (Some("admitted"), 409) | (Some("already_checked_in"), 200) => {}
        _ => panic!("one serves it: {scanned:?} {listed:?}"),
    }
    assert_eq!(vouchers(salon, 2004, dan).await, ["checked_in"]);

    // A cancelled appointment's voucher, an event's ticket, codes that are no voucher.
    let id = appointment_of(salon, 2002, wei).await["id"].as_i64().unwrap();
    let (status, _) = act(salon, id, "cancel", Value::Null).await;
    assert_eq!(status, 200);
    let (_, answer) = scan(salon, &camille, &signed, &nonce()).await;
    assert_eq!(answer["outcome"], "revoked", "{answer}");
    let category = salon.category().await;
    let night = salon
        .create_event(category, "Desk Night", 50, false, &[crate::events::STANDING])
        .await;
    let (_, ticket) = salon.checkout(2005, &[(night.types[0], 1, &[])], false).await;
    salon.pay(2005, &ticket).await;
    let ticket = code_of(salon, 2005, ticket["order_id"].as_i64().unwrap()).await;
    let (_, answer) = scan(salon, &camille, &ticket, &nonce()).await;
    assert_eq!(
        (&answer["outcome"], &answer["event_name"]),
        (&json!("wrong_event"), &json!("Desk Night")),
        "{answer}"
    );
    let forged = signed_text(&server::shop::vouchers::ShopKey::generate(), manicure, &code);
    for nothing in ["NOPE-NOPE", forged.as_str()] {
        let (_, answer) = scan(salon, &camille, nothing, &nonce()).await;
        assert_eq!(answer["outcome"], "unknown", "{nothing}: {answer}");
    }
    let bad = scan(salon, &camille, &code, "short").await;
    assert_eq!(refused(&bad), (400, Some("bad_nonce")), "{bad:?}");
    cal.salon.stop().await;
}

/// The shop's signing key, as stored.
async fn shop_key(salon: &Salon) -> server::shop::vouchers::ShopKey {
    let (secret,): (Vec<u8>,) = sqlx::query_as("SELECT secret_key FROM shop_keys WHERE id = 1")
        .fetch_one(&salon.pool().await)
        .await
        .unwrap();
    server::shop::vouchers::ShopKey::from_secret(secret.try_into().unwrap())
}

/// The signed QR text of the voucher with short code `code` for `product`.
fn signed_text(key: &server::shop::vouchers::ShopKey, product: i64, code: &str) -> String {
    let code = server::shop::vouchers::VoucherCode::parse(code).unwrap();
    server::shop::vouchers::qr_text::qr_text(key, app::catalog::ProductId(product), &code)
}
