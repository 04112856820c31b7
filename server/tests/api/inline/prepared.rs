//! "Send to a chat": `POST /api/products/{id}/share` and the simulator's share dialog.

use super::*;
use crate::helpers::shopper::{ADA, WEI};

crate::on_both_engines!(
    kept_until_expiry,
    a_prepared_message_is_used_again_until_it_expires_and_sent_to_a_group_on_sqlite,
    a_prepared_message_is_used_again_until_it_expires_and_sent_to_a_group_on_postgres
);

crate::on_both_engines!(
    refused,
    sharing_an_unknown_product_or_without_init_data_is_refused_on_sqlite,
    sharing_an_unknown_product_or_without_init_data_is_refused_on_postgres
);

crate::on_both_engines!(
    forgotten,
    a_prepared_message_telegram_forgot_is_forgotten_by_the_shop_on_sqlite,
    a_prepared_message_telegram_forgot_is_forgotten_by_the_shop_on_postgres
);

/// `user`'s share of `product`: the status and the answer.
async fn share(
    server: &TestServer,
    init_data: Option<&str>,
    product: impl std::fmt::Display,
) -> (u16, Value) {
    server
        .post_json(&format!("/api/products/{product}/share"), &json!({}), init_data)
        .await
}

async fn kept_until_expiry(db: &FreshDb) {
    let server = sandbox(db).await;
    let (ada, wei) = (server.launch(ADA).await, server.launch(WEI).await);
    let (mug, mug_variant) = server.product_ids("blue-mug").await;
    let now_ms = crate::events::now();

    // Prepared once: an invoice with the source `app`, for Ada only, its expiry Telegram's.
    let (status, first) = share(&server, Some(&ada), mug).await;
    assert_eq!(status, 200, "{first}");
    let id = first["id"].as_str().unwrap().to_owned();
    let (status, kept) = sim_get(&server, &format!("/prepared/{id}?user_id={ADA}")).await;
    assert_eq!(status, 200, "{kept}");
    assert_eq!(
        first["expires_at"],
        kept["expiration_date"].as_i64().unwrap() * 1000
    );
    assert!((first["expires_at"].as_i64().unwrap() - (now_ms + 3_600_000)).abs() < 60_000);
    assert_valid_result(&kept["result"]);
    assert_eq!(
        kept["result"]["input_message_content"]["payload"],
        format!("buy:{mug_variant}:app")
    );
    let chats: Vec<i64> = kept["chats"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_i64().unwrap())
        .collect();
    assert!(chats.contains(&GROUP) && chats.contains(&ADA), "{chats:?}");
    let (status, _) = sim_get(&server, &format!("/prepared/{id}?user_id={WEI}")).await;
    assert_eq!(
        status, 404,
        "another user's prepared message is not Wei's to send"
    );

    // Asked again while it is valid: the same message. Wei gets one of his own.
    let (_, again) = share(&server, Some(&ada), mug).await;
    assert_eq!(again, first);
    let (_, weis) = share(&server, Some(&wei), mug).await;
    assert_ne!(weis["id"], first["id"]);

    // Ada sends it to the group: her message there, via the bot, an invoice anyone can pay.
    let (status, sent) = sim_post(
        &server,
        &format!("/prepared/{id}/send"),
        json!({ "user_id": ADA, "chat_id": GROUP }),
    )
    .await;
    assert_eq!(status, 200, "{sent}");
    assert_eq!(
        (sent["chat"]["id"].as_i64(), sent["from"]["id"].as_i64()),
        (Some(GROUP), Some(ADA))
    );
    let slug = sent["simulator_invoice"].as_str().unwrap();
    assert_eq!(
        server.telegram().invoice(slug).await["payload"],
        format!("buy:{mug_variant}:app")
    );

    // A product that needs a choice is shared as a card that opens it.
    let (ebook, _) = server.product_ids("recipe-ebook").await;
    let (_, card) = share(&server, Some(&ada), ebook).await;
    let (_, kept) = sim_get(
        &server,
        &format!("/prepared/{}?user_id={ADA}", card["id"].as_str().unwrap()),
    )
    .await;
    assert_valid_result(&kept["result"]);
    let url = kept["result"]["reply_markup"]["inline_keyboard"][0][0]["url"]
        .as_str()
        .unwrap();
    assert!(url.ends_with(&format!("startapp=p_{ebook}")), "{url}");

    // Telegram now keeps prepared messages 30 s: within the minute the app needs, so one is
    // never handed out again; after 1 s of life, Telegram refuses to send it.
    let (scarf, _) = server.product_ids("linen-scarf").await;
    let (status, _) = sim_post(&server, "/prepared/lifetime", json!({ "seconds": 30 })).await;
    assert_eq!(status, 200);
    let (_, short) = share(&server, Some(&ada), scarf).await;
    let (_, next) = share(&server, Some(&ada), scarf).await;
    assert_ne!(
        short["id"], next["id"],
        "a message about to expire is prepared anew"
    );
    sim_post(&server, "/prepared/lifetime", json!({ "seconds": 1 })).await;
    let (bowl, _) = server.product_ids("olive-bowl").await;
    let (_, brief) = share(&server, Some(&ada), bowl).await;
    tokio::time::sleep(std::time::Duration::from_millis(2100)).await;
    let path = format!("/prepared/{}/send", brief["id"].as_str().unwrap());
    let (status, refused) = sim_post(&server, &path, json!({ "user_id": ADA, "chat_id": GROUP })).await;
    assert_eq!(
        (status, refused["error"]["code"].as_str()),
        (410, Some("MESSAGE_EXPIRED"))
    );
    let (_, renewed) = share(&server, Some(&ada), bowl).await;
    assert_ne!(
        renewed["id"], brief["id"],
        "an expired message is never handed out"
    );
    server.stop().await;
}

async fn refused(db: &FreshDb) {
    let server = sandbox(db).await;
    let ada = server.launch(ADA).await;
    let (mug, _) = server.product_ids("blue-mug").await;
    let (status, body) = share(&server, Some(&ada), 999_999).await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (404, Some("product_not_found")),
        "{body}"
    );
    let (status, body) = share(&server, None, mug).await;
    assert_eq!(status, 401, "{body}");
    assert!(body["error"]["code"].as_str().is_some());
    let (status, body) = share(&server, Some(&ada), "mug").await;
    assert_eq!(status, 400, "{body}");
    server.stop().await;
}

/// The expiry sweep (every 200 ms with a 2 s reservation) deletes a prepared message once its
/// expiry has passed, and keeps one that is still valid.
async fn forgotten(db: &FreshDb) {
    let vars = [("WEBHOOK_SECRET", SECRET), ("ORDER_RESERVATION_SECS", "2")];
    let server = TestServer::start_with(&db.url, &vars).await;
    server.wait_for_webhook().await;
    let ada = server.launch(ADA).await;
    let (mug, _) = server.product_ids("blue-mug").await;
    let (scarf, _) = server.product_ids("linen-scarf").await;
    let (status, _) = share(&server, Some(&ada), scarf).await;
    assert_eq!(status, 200);
    sim_post(&server, "/prepared/lifetime", json!({ "seconds": 1 })).await;
    let (status, _) = share(&server, Some(&ada), mug).await;
    assert_eq!(status, 200);
    let mut sql = crate::helpers::events::fixture_sql(db).await;
    let kept = crate::helpers::wait_until(
        crate::helpers::PATIENCE,
        "the expired prepared message to go",
        async || {
            let rows: Vec<(i64,)> = sqlx::query_as("SELECT product_id FROM prepared_messages")
                .fetch_all(&mut sql)
                .await
                .unwrap();
            match rows.iter().any(|(id,)| *id == mug) {
                false => Ok(rows),
                true => Err(rows),
            }
        },
    )
    .await;
    assert_eq!(kept, [(scarf,)], "the scarf's message is valid for an hour");
    server.stop().await;
}
