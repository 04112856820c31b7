//! After payment, on SQLite and PostgreSQL: the bot confirms a booked appointment in the
//! client's language with its calendar file, and reminds them a day and 2 hours before — each
//! reminder once, across a restart, and none lost while the shop was down.
//!
//! Time passes by moving the stored appointment's start towards now (the shop's clock is the
//! real one); the shop sweeps for due reminders every second (`ORDER_RESERVATION_SECS=10`).

use super::{paris, tuesday_ahead, Salon};
use crate::events::TOKEN;
use crate::helpers::shopper::{signed_init_data_in, slug};
use crate::helpers::{wait_until, FreshDb, PATIENCE};
use serde_json::{json, Value};

crate::on_both_engines!(
    reminders,
    the_bot_confirms_with_a_calendar_file_and_reminds_once_across_a_restart_on_sqlite,
    the_bot_confirms_with_a_calendar_file_and_reminds_once_across_a_restart_on_postgres
);

const CLIENT: i64 = 5001;
const HOUR: i64 = 3_600_000;
const EXTRA: [(&str, &str); 1] = [("ORDER_RESERVATION_SECS", "10")];

fn now() -> i64 {
    crate::events::now()
}

/// The outbox's messages to the client whose text (or caption) starts with `prefix`.
async fn queued(salon: &Salon, prefix: &str) -> usize {
    let rows: Vec<(String,)> = sqlx::query_as("SELECT request FROM outbox WHERE chat_id = $1")
        .bind(CLIENT)
        .fetch_all(&salon.pool().await)
        .await
        .unwrap();
    rows.iter()
        .filter_map(|(request,)| serde_json::from_str::<Value>(request).ok())
        .filter(|r| {
            let text = r["text"].as_str().or(r["caption"].as_str()).unwrap_or_default();
            text.starts_with(prefix)
        })
        .count()
}

async fn wait_queued(salon: &Salon, prefix: &str, count: usize) {
    let what = format!("{count} message(s) starting {prefix:?}");
    wait_until(PATIENCE, &what, async || match queued(salon, prefix).await {
        n if n >= count => Ok(()),
        n => Err(n),
    })
    .await;
}

/// Moves the stored appointment to start at `start`, as if time had passed.
async fn starts_at(salon: &Salon, start: i64) {
    sqlx::query("UPDATE appointments SET starts_at = $1, ends_at = $1 + 2700000, busy_until = $1 + 3600000")
        .bind(start)
        .execute(&salon.pool().await)
        .await
        .unwrap();
}

async fn reminders(db: &FreshDb) {
    let salon = Salon::start_with(db, &EXTRA).await;
    let anna = salon
        .staff("Anna", &[(2, "09:00", "12:30"), (2, "13:30", "18:00")])
        .await;
    let (haircut, variants) = salon.product("haircut").await;
    let senior = variants.iter().find(|(n, _)| n == "Senior stylist").unwrap().1;
    assert_eq!(salon.service(haircut, 45, 15, &[(anna, senior)]).await.0, 200);
    let french = json!({ "product": [{ "lang": "fr", "name": "Coupe et coiffage", "description": "" }] });
    let path = format!("/api/admin/products/{haircut}/texts");
    assert_eq!(salon.admin("PUT", &path, french).await.0, 200);

    // A French client books Tuesday 10:30 with Anna and pays.
    let day = tuesday_ahead();
    let init_data = signed_init_data_in(TOKEN, CLIENT, Some("fr"));
    let line = json!({ "variant_id": senior, "quantity": 1,
                       "appointment": { "starts_at": paris(day, "10:30"), "staff": anna } });
    let (status, checkout) = salon
        .server
        .post_json("/api/checkout", &json!({ "lines": [line] }), Some(&init_data))
        .await;
    assert_eq!(status, 200, "{checkout}");
    let sheet = salon
        .tg()
        .pay(
            &slug(&checkout),
            json!({ "user_id": CLIENT, "order_info": { "name": "Ada" } }),
        )
        .await;
    assert_eq!(sheet["status"], "paid", "{sheet}");

    // The confirmation: the calendar file, with a French caption.
    let chat = salon.tg().wait_for_messages(CLIENT, 2).await;
    let confirmation = chat
        .iter()
        .find(|m| m.get("document").is_some())
        .unwrap_or_else(|| panic!("no document in {chat:?}"));
    assert_eq!(
        confirmation["document"]["file_name"]
            .as_str()
            .unwrap()
            .rsplit('.')
            .next(),
        Some("ics")
    );
    assert_eq!(confirmation["document"]["mime_type"], "text/calendar");
    let caption = confirmation["caption"].as_str().unwrap();
    assert!(
        caption.starts_with("Votre rendez-vous est réservé : "),
        "{caption}"
    );
    assert!(caption.contains("avec Anna, mardi "), "{caption}");
    assert!(
        caption.contains("Coupe et coiffage"),
        "the service as the client reads it: {caption}"
    );
    let order = format!("/api/orders/{}", checkout["order_id"]);
    let (_, order) = salon.server.get_json(&order, Some(&init_data)).await;
    assert_eq!(
        order["appointments"][0]["service"], "Coupe et coiffage",
        "{order}"
    );
    assert!(caption.contains(" à 10:30 (Europe/Paris)"), "{caption}");
    let file_id = confirmation["document"]["file_id"].as_str().unwrap();
    let file = salon
        .server
        .client
        .get(format!("{}/files/{file_id}", salon.base))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(file.contains("BEGIN:VEVENT"), "{file}");
    let utc = jiff::Timestamp::from_millisecond(paris(day, "10:30")).unwrap();
    assert!(
        file.contains(&format!("DTSTART:{}", utc.strftime("%Y%m%dT%H%M%SZ"))),
        "{file}"
    );
    assert_eq!(queued(&salon, "Rappel").await, 0, "no reminder eight days ahead");

    // A day before: one reminder, and only one however many sweeps pass.
    starts_at(&salon, now() + 23 * HOUR).await;
    wait_queued(&salon, "Rappel : ", 1).await;
    tokio::time::sleep(std::time::Duration::from_secs(3)).await;
    assert_eq!(queued(&salon, "Rappel : ").await, 1);

    // The shop stops; meanwhile the 2 hours' reminder falls due; it starts again: that one is
    // queued once, and the day's is not repeated.
    salon.stop().await;
    let salon = Salon::start_with(db, &EXTRA).await;
    starts_at(&salon, now() + HOUR).await;
    wait_queued(&salon, "À tout à l'heure : ", 1).await;
    tokio::time::sleep(std::time::Duration::from_secs(3)).await;
    assert_eq!(queued(&salon, "À tout à l'heure : ").await, 1);
    assert_eq!(queued(&salon, "Rappel : ").await, 1);
    salon.stop().await;
}
