//! The webhook as Telegram delivers to it: the secret, malformed and unknown updates, the
//! same update delivered twice, an update that cannot be recorded (5xx so that Telegram
//! redelivers it), and what the shop tells Telegram at start-up.

use super::{deliver, payment_update, sandbox, MERCHANT, SECRET};
use crate::helpers::shopper::ADA;
use crate::helpers::{wait_until, FreshDb, PATIENCE};
use serde_json::Value;

#[tokio::test]
async fn the_webhook_refuses_wrong_secrets_and_drops_malformed_updates() {
    let db = FreshDb::sqlite();
    let server = sandbox(&db, &[]).await;
    let post = |secret: Option<&'static str>, body: &'static str| {
        let mut request = server
            .client
            .post(format!("{}/telegram/webhook", server.base_url))
            .body(body);
        if let Some(secret) = secret {
            request = request.header("X-Telegram-Bot-Api-Secret-Token", secret);
        }
        request.header("content-type", "application/json").send()
    };
    let update = r#"{"update_id": 1, "message": {"message_id": 1, "date": 1, "chat": {"id": 1, "type": "private"}, "text": "hi"}}"#;
    for secret in [None, Some("wrong"), Some("test-webhook-secre")] {
        let response = post(secret, update).await.unwrap();
        assert_eq!(response.status(), 401, "{secret:?}");
        let body: Value = response.json().await.unwrap();
        assert_eq!(body["error"]["code"], "webhook_secret_wrong");
    }
    // Passing the secret, a body that is no update is dropped with 200: redelivering it
    // would not change it (see the contract tests).
    let response = post(Some(SECRET), "not json").await.unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(post(Some(SECRET), update).await.unwrap().status(), 200);
    let unknown = r#"{"update_id": 2, "poll": {"id": "p", "question": "?"}}"#;
    assert_eq!(
        post(Some(SECRET), unknown).await.unwrap().status(),
        200,
        "unknown kinds are fine"
    );
    server.stop().await;
}

#[tokio::test]
async fn duplicated_deliveries_have_no_second_effect() {
    let db = FreshDb::sqlite();
    let server = sandbox(&db, &[]).await;
    let tg = server.telegram();
    let ada = server.launch(ADA).await;
    let (_, checkout) = server.checkout(&ada, "sticker-pack", 1).await;
    let order_id = checkout["order_id"].as_i64().unwrap();
    let update = payment_update(900_001, order_id, "stxDUPLICATE", 120);
    assert_eq!(deliver(&server, &update).await, 200);
    assert_eq!(deliver(&server, &update).await, 200, "the same update again");
    let same_charge = payment_update(900_002, order_id, "stxDUPLICATE", 120);
    assert_eq!(
        deliver(&server, &same_charge).await,
        200,
        "the same charge in a new update"
    );
    assert_eq!(server.order(&ada, order_id).await["status"], "paid");
    tg.wait_for_messages(ADA, 1).await;
    // The webhook answered 200 only once each effect, its messages included, was recorded:
    // when the outbox has sent all it holds, the chats have all they will ever get.
    wait_until(
        PATIENCE,
        "the outbox to send all it holds",
        async || match unsent_messages(&db).await {
            0 => Ok(()),
            left => Err(left),
        },
    )
    .await;
    // The demo sticker pack also delivers its link, once.
    let chat = tg.chat(ADA).await;
    let links = chat
        .iter()
        .filter(|m| m["text"].as_str().unwrap_or("").contains("addstickers"))
        .count();
    assert_eq!((chat.len() - links, links), (1, 1), "one receipt and one link");
    assert_eq!(tg.chat(MERCHANT).await.len(), 1, "one sale alert");
    server.stop().await;
}

#[tokio::test]
async fn an_update_that_cannot_be_recorded_gets_a_5xx_so_telegram_redelivers_it() {
    let db = FreshDb::sqlite();
    let server = sandbox(&db, &[]).await;
    let ada = server.launch(ADA).await;
    let (_, checkout) = server.checkout(&ada, "sticker-pack", 1).await;
    let update = payment_update(900_030, checkout["order_id"].as_i64().unwrap(), "stxBROKEN", 120);
    server.db.close().await;
    assert_eq!(deliver(&server, &update).await, 503);
    server.stop().await;
}

#[tokio::test]
async fn at_start_up_the_chat_menu_button_opens_the_shop() {
    let db = FreshDb::sqlite();
    let server = sandbox(&db, &[]).await;
    let button = wait_until(PATIENCE, "the shop to set the chat menu button", async || {
        let info: Value = server
            .get("/simulator/telegram/webhook")
            .await
            .json()
            .await
            .unwrap();
        match &info["menu_button"] {
            Value::Null => Err(info),
            button => Ok(button.clone()),
        }
    })
    .await;
    assert_eq!(button["type"], "web_app", "{button}");
    assert_eq!(button["text"], "Shop");
    assert_eq!(
        button["web_app"]["url"],
        format!("{}/shop", server.base_url),
        "the button opens the storefront"
    );
    server.stop().await;
}

/// The messages queued in the outbox and not yet sent to Telegram.
async fn unsent_messages(db: &FreshDb) -> i64 {
    use sqlx::Connection;
    let mut conn = sqlx::SqliteConnection::connect(&db.url).await.unwrap();
    let (left,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL")
        .fetch_one(&mut conn)
        .await
        .unwrap();
    left
}
