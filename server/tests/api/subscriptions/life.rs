//! A subscription's whole life, as its subscriber and Telegram live it.

use super::*;
use crate::helpers::shopper::{ADA, WEI};

crate::on_both_engines!(
    life,
    a_subscription_is_started_renewed_cancelled_re_enabled_and_lapses_on_sqlite,
    a_subscription_is_started_renewed_cancelled_re_enabled_and_lapses_on_postgres
);

const DAY_SECS: i64 = 86_400;

async fn life(db: &FreshDb) {
    let server = sandbox(db).await;
    let ada = server.launch(ADA).await;
    let id = subscribe_and_pay(&server, &ada, ADA).await;
    let payload = format!("sub:{id}");
    let which = json!({ "user_id": ADA, "invoice_payload": payload });

    // Started: active for 30 days, renewing, and Ada gets a join-request link to the club.
    let started = wait_mine(&server, &ada, id, "the subscription to start", |s| {
        s["status"] == "active"
    })
    .await;
    assert_eq!(started["renews"], true);
    assert_eq!(started["price_stars"], 150);
    let first_end = started["expires_at"].as_i64().unwrap();
    let expected = (crate::events::now() / 1000 + 30 * DAY_SECS) * 1000;
    assert!((first_end - expected).abs() < 60_000, "{first_end} vs {expected}");
    let welcome = &server.telegram().wait_for_messages(ADA, 1).await[0];
    let link = welcome["reply_markup"]["inline_keyboard"][0][0]["url"]
        .as_str()
        .unwrap_or_else(|| panic!("an invite button: {welcome}"))
        .to_owned();

    // Ada opens it: a join request, which the bot approves.
    let (status, opened) = sim_post(&server, "/invite", json!({ "user_id": ADA, "invite_link": link })).await;
    assert_eq!((status, opened["status"].as_str()), (200, Some("requested")));
    wait_member_calls(&server, ADA, &["approveChatJoinRequest"]).await;
    assert!(contains(&members(&server).await["members"], ADA));

    // Two renewals, each delivered twice (Telegram redelivers; the ledger's charge id makes
    // the second a no-op): 30 more days each, one "renewed" message each.
    let mut end = first_end;
    for renewal in 1..=2 {
        let (status, renewed) = sim_post(&server, "/subscriptions/renew", which.clone()).await;
        assert_eq!(status, 200, "{renewed}");
        let new_end = renewed["subscription_expiration_date"].as_i64().unwrap() * 1000;
        assert!(new_end > end);
        let charge = renewed["telegram_payment_charge_id"].as_str().unwrap();
        let again = json!({ "update_id": 900_000 + renewal, "message": { "message_id": 5, "date": 1,
            "from": { "id": ADA, "is_bot": false, "first_name": "Ada" }, "chat": { "id": ADA, "type": "private" },
            "successful_payment": { "currency": "XTR", "total_amount": 150, "invoice_payload": payload,
                "telegram_payment_charge_id": charge, "provider_payment_charge_id": "",
                "subscription_expiration_date": new_end / 1000 + 30 * DAY_SECS, "is_recurring": true } } });
        assert_eq!(server.deliver_update(SECRET, &again).await, Some(200));
        let shown = wait_mine(&server, &ada, id, "the renewal", |s| s["expires_at"] == new_end).await;
        assert_eq!(shown["status"], "active");
        end = new_end;
        let renewals = server
            .telegram()
            .wait_for_messages(ADA, 1 + renewal as usize)
            .await;
        assert_eq!(
            renewals.len(),
            1 + renewal as usize,
            "one message per renewal: {renewals:?}"
        );
        let (charges,): (i64,) =
            sqlx::query_as("SELECT COUNT(*) FROM payments WHERE telegram_charge_id = $1")
                .bind(charge)
                .fetch_one(&pool(db).await)
                .await
                .unwrap();
        assert_eq!(charges, 1);
    }
    let shown = wait_mine(&server, &ada, id, "two renewals", |s| s["expires_at"] == end).await;
    assert_eq!(shown["expires_at"], end, "the redelivered charges moved nothing");
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    assert_eq!(
        server.telegram().chat(ADA).await.len(),
        3,
        "a welcome and two renewals, once each"
    );

    // Ada cancels renewal in the app, then re-enables it: editUserStarSubscription each time,
    // naming the last charge.
    let renewal = format!("/api/subscriptions/{id}/renewal");
    let (status, cancelled) = server
        .post_json(&renewal, &json!({ "renews": false }), Some(&ada))
        .await;
    assert_eq!(
        (status, &cancelled["renews"]),
        (200, &json!(false)),
        "{cancelled}"
    );
    let (status, enabled) = server
        .post_json(&renewal, &json!({ "renews": true }), Some(&ada))
        .await;
    assert_eq!((status, &enabled["renews"]), (200, &json!(true)), "{enabled}");
    let telegram_side = sim_get(&server, &format!("/subscriptions?user_id={ADA}")).await;
    let edits = telegram_side["edits"].as_array().unwrap();
    let last_charge = telegram_side["subscriptions"][0]["charges"][2].clone();
    assert_eq!(
        edits.iter().map(|e| e["is_canceled"].clone()).collect::<Vec<_>>(),
        [json!(true), json!(false)]
    );
    assert!(edits
        .iter()
        .all(|e| e["user_id"] == ADA && e["telegram_payment_charge_id"] == last_charge));
    assert_eq!(telegram_side["subscriptions"][0]["canceled"], false);
    // Wei cannot touch Ada's subscription.
    let wei = server.launch(WEI).await;
    let (status, refused) = server
        .post_json(&renewal, &json!({ "renews": false }), Some(&wei))
        .await;
    assert_eq!(
        (status, refused["error"]["code"].as_str()),
        (404, Some("subscription_not_found"))
    );

    // From Telegram's side: Ada cancels, re-enables; then a renewal fails.
    assert_eq!(
        sim_post(&server, "/subscriptions/cancel", which.clone()).await.0,
        200
    );
    wait_mine(&server, &ada, id, "Telegram's cancel", |s| s["renews"] == false).await;
    assert_eq!(
        sim_post(&server, "/subscriptions/reenable", which.clone())
            .await
            .0,
        200
    );
    wait_mine(&server, &ada, id, "Telegram's re-enable", |s| s["renews"] == true).await;
    assert_eq!(
        sim_post(&server, "/subscriptions/fail", which.clone()).await.0,
        200
    );
    let db_pool = pool(db).await;
    wait_until(PATIENCE, "the failure recorded", async || {
        let (failed,): (Option<i64>,) = sqlx::query_as("SELECT failed_at FROM subscriptions WHERE id = $1")
            .bind(id)
            .fetch_one(&db_pool)
            .await
            .unwrap();
        failed.ok_or("not yet")
    })
    .await;
    assert_eq!(
        wait_mine(&server, &ada, id, "still active", |s| s["status"] == "active").await["expires_at"],
        end
    );

    // The paid period ends unpaid: the sweep lapses it once and removes Ada from the club —
    // banned, then unbanned so she may come back — and tells her.
    sqlx::query("UPDATE subscriptions SET expires_at = $1 WHERE id = $2")
        .bind(crate::events::now() - 1000)
        .bind(id)
        .execute(&db_pool)
        .await
        .unwrap();
    wait_mine(&server, &ada, id, "the lapse", |s| s["status"] == "lapsed").await;
    let removed = ["approveChatJoinRequest", "banChatMember", "unbanChatMember"];
    wait_member_calls(&server, ADA, &removed).await;
    let club = members(&server).await;
    assert!(
        !contains(&club["members"], ADA) && !contains(&club["banned"], ADA),
        "{club}"
    );
    let (status, refused) = server
        .post_json(&renewal, &json!({ "renews": true }), Some(&ada))
        .await;
    assert_eq!(
        (status, refused["error"]["code"].as_str()),
        (409, Some("subscription_not_renewable"))
    );

    // Lapsed Ada asks to join again, and a stranger tries her link: both declined.
    let (status, opened) = sim_post(&server, "/invite", json!({ "user_id": ADA, "invite_link": link })).await;
    assert_eq!((status, opened["status"].as_str()), (200, Some("requested")));
    let declined = [
        "approveChatJoinRequest",
        "banChatMember",
        "unbanChatMember",
        "declineChatJoinRequest",
    ];
    wait_member_calls(&server, ADA, &declined).await;
    sim_post(&server, "/invite", json!({ "user_id": WEI, "invite_link": link })).await;
    wait_member_calls(&server, WEI, &["declineChatJoinRequest"]).await;
    let club = members(&server).await;
    assert!(
        !contains(&club["members"], ADA) && !contains(&club["members"], WEI),
        "{club}"
    );
    assert!(club["join_requests"].as_array().unwrap().is_empty(), "{club}");
    // Still removed once, seconds of sweeps later.
    tokio::time::sleep(std::time::Duration::from_millis(2500)).await;
    assert_eq!(member_calls(&server, ADA).await, declined);
    server.stop().await;
}
