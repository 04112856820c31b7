//! Booking at checkout, each on SQLite and PostgreSQL: a chosen time is held for the order
//! (and leaves the free times), refused to another client with "Sorry, 10:30 with Anna was
//! just booked", booked when paid with its voucher; 100 clients rushing one time get exactly
//! one appointment; a lapsed hold's time goes to the next client, its pre-checkout is refused
//! then, and a payment arriving after it is flagged — never double-booked.
//!
//! The calendar: Anna (senior stylist) works Tuesday 09:00–12:30 and 13:30–18:00, Malik
//! (junior) 11:00–14:00; the haircut takes 45 minutes and 15 of buffer.

use super::Calendar;
use crate::helpers::FreshDb;
use crate::helpers::{wait_until, PATIENCE};
use futures::future::join_all;
use serde_json::{json, Value};

crate::on_both_engines!(
    booking,
    a_chosen_time_is_held_refused_to_others_and_booked_when_paid_on_sqlite,
    a_chosen_time_is_held_refused_to_others_and_booked_when_paid_on_postgres
);

crate::on_both_engines!(
    rush,
    a_hundred_clients_for_one_time_make_exactly_one_appointment_on_sqlite,
    a_hundred_clients_for_one_time_make_exactly_one_appointment_on_postgres
);

crate::on_both_engines!(
    changes,
    clients_cancel_and_reschedule_within_the_salons_rules_with_the_right_refund_on_sqlite,
    clients_cancel_and_reschedule_within_the_salons_rules_with_the_right_refund_on_postgres
);

crate::on_both_engines!(
    lapsed,
    a_lapsed_hold_gives_its_time_to_the_next_client_and_is_never_double_booked_on_sqlite,
    a_lapsed_hold_gives_its_time_to_the_next_client_and_is_never_double_booked_on_postgres
);

const WEBHOOK_SECRET: &str = "salon-webhook-secret-0123456789abcdef";

/// What the client's own changes need beside the shared [`Calendar`].
impl Calendar {
    /// Books `time` with Anna as `user` (in Stars when `stars`) and pays; the order's id and
    /// its appointment's id.
    async fn booked(&self, user: i64, time: &str, stars: bool) -> (i64, i64) {
        let line = json!({ "variant_id": self.senior, "quantity": 1,
                           "appointment": { "starts_at": self.at(time), "staff": self.anna } });
        let body = json!({ "lines": [line], "pay_in_stars": stars });
        let (status, answer) = self
            .salon
            .server
            .post_json("/api/checkout", &body, Some(&self.salon.buyer(user)))
            .await;
        assert_eq!(status, 200, "{answer}");
        self.salon.pay(user, &answer).await;
        let order = answer["order_id"].as_i64().unwrap();
        let view = self.salon.server.order(&self.salon.buyer(user), order).await;
        (order, view["appointments"][0]["id"].as_i64().unwrap())
    }

    /// `POST /api/appointments/{id}/<action>` as `user`.
    async fn change(&self, user: i64, id: i64, action: &str, body: Value) -> (u16, Value) {
        let path = format!("/api/appointments/{id}/{action}");
        self.salon
            .server
            .post_json(&path, &body, Some(&self.salon.buyer(user)))
            .await
    }
}

fn code(answer: &(u16, Value)) -> (u16, &str) {
    (answer.0, answer.1["error"]["code"].as_str().unwrap_or_default())
}

async fn booking(db: &FreshDb) {
    let cal = Calendar::start(db, &[]).await;
    let stock = cal.stock(cal.senior).await;

    // What checkout refuses before anything is held (each a client of its own: checkout is
    // rate-limited per client).
    let without_time = cal
        .book_line(2102, json!({ "variant_id": cal.senior, "quantity": 1 }))
        .await;
    assert_eq!(
        code(&without_time),
        (422, "appointment_time_required"),
        "{without_time:?}"
    );
    let two = cal
        .book_line(
            2103,
            json!({ "variant_id": cal.senior, "quantity": 2,
            "appointment": { "starts_at": cal.at("10:30"), "staff": cal.anna } }),
        )
        .await;
    assert_eq!(code(&two), (422, "appointment_time_required"), "{two:?}");
    let (mug, _) = cal.salon.server.product("blue-mug").await;
    let mug = cal.book(2104, mug, "10:30", None).await;
    assert_eq!(code(&mug), (422, "appointment_time_required"), "{mug:?}");
    let off_step = cal.book(2105, cal.senior, "10:35", Some(cal.anna)).await;
    assert_eq!(code(&off_step), (422, "slot_not_offered"), "{off_step:?}");
    let closed = cal.book(2106, cal.senior, "12:00", Some(cal.anna)).await;
    assert_eq!(code(&closed), (422, "slot_not_offered"), "past 12:30: {closed:?}");
    let wrong_price = cal.book(2107, cal.junior, "10:30", Some(cal.anna)).await;
    assert_eq!(code(&wrong_price), (422, "slot_not_offered"), "{wrong_price:?}");
    assert!(cal.appointments().await.is_empty());

    // Ada holds 10:30 with Anna: it leaves the free times with the 45 minutes before it.
    assert!(cal.annas_times().await.contains(&"10:30".to_owned()));
    let (status, ada) = cal.book(2001, cal.senior, "10:30", Some(cal.anna)).await;
    assert_eq!(status, 200, "{ada}");
    let times = cal.annas_times().await;
    for gone in ["09:45", "10:00", "10:30", "11:15"] {
        assert!(!times.contains(&gone.to_owned()), "{gone} in {times:?}");
    }
    for left in ["09:30", "11:30", "13:30"] {
        assert!(times.contains(&left.to_owned()), "{left} in {times:?}");
    }

    // Wei cannot have it, nor an overlapping 10:00, with Anna or with anyone at her price.
    let wei = cal.book(2002, cal.senior, "10:30", Some(cal.anna)).await;
    assert_eq!(code(&wei), (409, "slot_taken"), "{wei:?}");
    assert_eq!(
        wei.1["error"]["message"],
        "Sorry, 10:30 with Anna was just booked — please pick another time"
    );
    let overlapping = cal.book(2002, cal.senior, "10:00", None).await;
    assert_eq!(code(&overlapping), (409, "slot_taken"), "{overlapping:?}");
    // Malik (the junior's price) is free at 11:30 whoever holds Anna.
    let (status, malik) = cal.book(2002, cal.junior, "11:30", None).await;
    assert_eq!(status, 200, "{malik}");

    // Ada checking out again replaces her order: the same time is hers to choose again.
    let (status, again) = cal.book(2001, cal.senior, "10:30", Some(cal.anna)).await;
    assert_eq!(status, 200, "{again}");
    let first = ada["order_id"].as_i64().unwrap();
    let order = cal.salon.server.order(&cal.salon.buyer(2001), first).await;
    assert_eq!(order["status"], "cancelled");
    assert_eq!(order["appointments"][0]["status"], "cancelled", "{order}");

    // Paid: booked, with its voucher, and still not free; the service held no stock.
    cal.salon.pay(2001, &again).await;
    let id = again["order_id"].as_i64().unwrap();
    let order = cal.salon.server.order(&cal.salon.buyer(2001), id).await;
    let appointment = &order["appointments"][0];
    assert_eq!(appointment["status"], "booked", "{order}");
    assert_eq!(appointment["staff"], "Anna");
    assert_eq!(appointment["staff_id"], cal.anna);
    assert_eq!(appointment["starts_at"], cal.at("10:30"));
    assert_eq!(appointment["ends_at"], cal.at("11:15"));
    assert_eq!(appointment["time_zone"], "Europe/Paris");
    let window = cal.at("10:30") - 24 * 3_600_000;
    assert_eq!(appointment["changeable_until"], window);
    let vouchers = order["vouchers"].as_array().unwrap();
    assert_eq!(vouchers.len(), 1, "{order}");
    assert_eq!(vouchers[0]["ticket_type"], "Anna");
    assert_eq!(vouchers[0]["starts_at"], cal.at("10:30"));
    assert!(vouchers[0]["qr_svg"].as_str().unwrap().starts_with("<svg"));
    assert!(!cal.annas_times().await.contains(&"10:30".to_owned()));
    assert_eq!(cal.stock(cal.senior).await, stock);
    let booked: Vec<_> = cal
        .appointments()
        .await
        .into_iter()
        .filter(|(_, _, status)| status == "booked")
        .collect();
    assert_eq!(booked, vec![(cal.anna, cal.at("10:30"), "booked".to_owned())]);
    let _ = cal.malik;
    cal.salon.stop().await;
}

async fn rush(db: &FreshDb) {
    let cal = Calendar::start(db, &[]).await;
    let clients = (0..100).map(|i| {
        let cal = &cal;
        async move {
            let staff = if i % 2 == 0 { Some(cal.anna) } else { None };
            cal.book(3000 + i, cal.senior, "14:00", staff).await
        }
    });
    let answers = join_all(clients).await;
    let winners: Vec<usize> = (0..answers.len()).filter(|&i| answers[i].0 == 200).collect();
    assert_eq!(winners.len(), 1, "exactly one holds 14:00");
    for (i, answer) in answers.iter().enumerate().filter(|(i, _)| *i != winners[0]) {
        assert_eq!(code(answer), (409, "slot_taken"), "client {i}: {answer:?}");
    }
    let winner = winners[0] as i64;
    cal.salon.pay(3000 + winner, &answers[winners[0]].1).await;
    let stored = cal.appointments().await;
    assert_eq!(stored, vec![(cal.anna, cal.at("14:00"), "booked".to_owned())]);
    let (claims,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM slot_claims")
        .fetch_one(&cal.salon.pool().await)
        .await
        .unwrap();
    assert_eq!(claims, 12, "45 minutes and 15 of buffer: twelve 5-minute cells");
    cal.salon.stop().await;
}

async fn changes(db: &FreshDb) {
    let cal = Calendar::start(db, &[]).await;
    let path = format!("/api/admin/variants/{}", cal.senior);
    let (status, priced) = cal
        .salon
        .admin("PATCH", &path, json!({ "stars_price": 300 }))
        .await;
    assert_eq!(status, 200, "{priced}");

    // Ada moves her 10:30 to 14:00, then by a quarter of an hour onto her own time.
    let (ada_order, ada) = cal.booked(6001, "10:30", false).await;
    let to = |time: &str| json!({ "starts_at": cal.at(time), "staff": cal.anna });
    let (status, moved) = cal.change(6001, ada, "reschedule", to("14:00")).await;
    assert_eq!(status, 200, "{moved}");
    assert_eq!(moved["starts_at"], cal.at("14:00"));
    let times = cal.annas_times().await;
    assert!(
        times.contains(&"10:30".to_owned()) && !times.contains(&"14:00".to_owned()),
        "{times:?}"
    );
    let (status, moved) = cal.change(6001, ada, "reschedule", to("14:15")).await;
    assert_eq!(status, 200, "{moved}");
    let documents = |chat: Vec<Value>| chat.iter().filter(|m| m.get("document").is_some()).count();
    assert_eq!(
        documents(cal.salon.tg().wait_for_messages(6001, 4).await),
        3,
        "a new calendar file each time"
    );

    // Not onto Wei's 16:00, nor at a time the salon does not offer; Wei cannot touch hers.
    let (_, wei) = cal.booked(6002, "16:00", false).await;
    let taken = cal.change(6001, ada, "reschedule", to("15:45")).await;
    assert_eq!(code(&taken), (409, "slot_taken"), "{taken:?}");
    let closed = cal.change(6001, ada, "reschedule", to("12:15")).await;
    assert_eq!(code(&closed), (422, "slot_not_offered"), "{closed:?}");
    let stranger = cal.change(6002, ada, "cancel", Value::Null).await;
    assert_eq!(code(&stranger), (404, "appointment_not_found"), "{stranger:?}");

    // Ada cancels her card-paid appointment: refunded by the salon, who is told; the time is
    // free again and the voucher revoked.
    let (status, cancelled) = cal.change(6001, ada, "cancel", Value::Null).await;
    assert_eq!(status, 200, "{cancelled}");
    assert_eq!(
        (&cancelled["refund"], &cancelled["appointment"]["status"]),
        (&json!("card"), &json!("cancelled"))
    );
    assert!(cal.annas_times().await.contains(&"14:15".to_owned()));
    let order = cal.salon.server.order(&cal.salon.buyer(6001), ada_order).await;
    assert_eq!(order["vouchers"][0]["status"], "revoked", "{order}");
    // The merchant's chat already holds the sales: wait for the alert itself, which the
    // outbox sends once the cancel commits.
    wait_until(PATIENCE, "the salon told to refund", async || {
        let merchant = cal.salon.tg().chat(1003).await;
        let told = merchant.iter().any(|m| {
            m["text"]
                .as_str()
                .unwrap_or_default()
                .contains("refund their payment")
        });
        if told {
            Ok(())
        } else {
            Err(merchant)
        }
    })
    .await;
    let again = cal.change(6001, ada, "cancel", Value::Null).await;
    assert_eq!(code(&again), (409, "appointment_not_changeable"), "{again:?}");

    // Chen paid in Stars: cancelling gives them back, and the order becomes refunded.
    let (chen_order, chen) = cal.booked(6003, "09:00", true).await;
    let (status, cancelled) = cal.change(6003, chen, "cancel", Value::Null).await;
    assert_eq!(
        (status, &cancelled["refund"]),
        (200, &json!("stars")),
        "{cancelled}"
    );
    cal.salon
        .server
        .wait_for_status(&cal.salon.buyer(6003), chen_order, "refunded")
        .await;

    // Inside the last 24 hours the client can change nothing.
    let (_, dan) = cal.booked(6004, "17:00", false).await;
    sqlx::query("UPDATE appointments SET starts_at = $1 WHERE id = $2")
        .bind(crate::events::now() + 3 * 3_600_000)
        .bind(dan)
        .execute(&cal.salon.pool().await)
        .await
        .unwrap();
    let late = cal.change(6004, dan, "cancel", Value::Null).await;
    assert_eq!(code(&late), (409, "appointment_not_changeable"), "{late:?}");
    let late = cal.change(6004, dan, "reschedule", to("13:30")).await;
    assert_eq!(code(&late), (409, "appointment_not_changeable"), "{late:?}");

    // A salon that keeps the money of cancellations refunds nothing.
    let rules = json!({ "refund_cancellations": false });
    assert_eq!(
        cal.salon.admin("PUT", "/api/admin/salon/rules", rules).await.0,
        200
    );
    let (status, cancelled) = cal.change(6002, wei, "cancel", Value::Null).await;
    assert_eq!(
        (status, &cancelled["refund"]),
        (200, &json!("none")),
        "{cancelled}"
    );
    cal.salon.stop().await;
}

async fn lapsed(db: &FreshDb) {
    let extra = [
        ("ORDER_RESERVATION_SECS", "1"),
        ("WEBHOOK_SECRET", WEBHOOK_SECRET),
    ];
    let cal = Calendar::start(db, &extra).await;
    let (server, salon) = (&cal.salon.server, &cal.salon);

    // Ada's hold of 15:00 lapses; Wei books it; Ada's payment sheet is then refused.
    let (_, ada) = cal.book(4001, cal.senior, "15:00", Some(cal.anna)).await;
    let ada_order = ada["order_id"].as_i64().unwrap();
    server
        .wait_for_status(&salon.buyer(4001), ada_order, "expired")
        .await;
    let (status, wei) = cal.book(4002, cal.senior, "15:00", Some(cal.anna)).await;
    assert_eq!(status, 200, "the lapsed hold's time is free: {wei}");
    salon.pay(4002, &wei).await;
    let sheet = salon.sheet(4001, &ada).await;
    assert_eq!(sheet["status"], "refused", "{sheet}");
    assert_eq!(
        sheet["error_message"],
        "Sorry, 15:00 with Anna was just booked — please pick another time"
    );

    // Chen's hold of 16:00 lapses and nobody takes it: paying takes it again.
    let (_, chen) = cal.book(4003, cal.senior, "16:00", Some(cal.anna)).await;
    let chen_order = chen["order_id"].as_i64().unwrap();
    server
        .wait_for_status(&salon.buyer(4003), chen_order, "expired")
        .await;
    salon.pay(4003, &chen).await;
    let order = server.order(&salon.buyer(4003), chen_order).await;
    assert_eq!(order["appointments"][0]["status"], "booked", "{order}");

    // Dan's card payment arrives after his hold of 17:00 lapsed and Eve booked it: the money
    // is recorded, his appointment is not booked, the order is flagged for the salon.
    let (_, dan) = cal.book(4004, cal.senior, "17:00", Some(cal.anna)).await;
    let dan_order = dan["order_id"].as_i64().unwrap();
    server
        .wait_for_status(&salon.buyer(4004), dan_order, "expired")
        .await;
    let (_, eve) = cal.book(4005, cal.senior, "17:00", None).await;
    salon.pay(4005, &eve).await;
    let late = json!({ "update_id": 990_001, "message": { "message_id": 990_001, "date": 1,
        "from": { "id": 4004, "is_bot": false, "first_name": "Dan" }, "chat": { "id": 4004, "type": "private" },
        "successful_payment": { "currency": "EUR", "total_amount": 4800,
            "invoice_payload": format!("order:{dan_order}"),
            "telegram_payment_charge_id": "late-charge-4004", "provider_payment_charge_id": "prov-4004" } } });
    assert_eq!(server.deliver_update(WEBHOOK_SECRET, &late).await, Some(200));
    let order = server.order(&salon.buyer(4004), dan_order).await;
    assert_eq!(order["status"], "paid", "the money is a fact: {order}");
    assert_eq!(order["appointments"][0]["status"], "cancelled", "{order}");
    assert!(order["vouchers"].as_array().unwrap().is_empty(), "{order}");
    let told = salon.tg().wait_for_messages(4004, 2).await;
    assert!(
        told.iter().any(|m| m["text"]
            .as_str()
            .unwrap_or_default()
            .contains("17:00 with Anna was booked by another client")),
        "{told:?}"
    );
    let booked: Vec<(i64, i64, String)> = cal
        .appointments()
        .await
        .into_iter()
        .filter(|(_, _, status)| status == "booked")
        .collect();
    let expected: Vec<(i64, i64, String)> = ["15:00", "16:00", "17:00"]
        .iter()
        .map(|t| (cal.anna, cal.at(t), "booked".to_owned()))
        .collect();
    assert_eq!(booked, expected, "one appointment a time, never two");
    cal.salon.stop().await;
}
