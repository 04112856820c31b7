//! Publishing an event to a channel: refused without the Mini App's short name, in a chat
//! where the bot is not an administrator (or that Telegram does not know), for a malformed
//! chat; posted as a message with the event's text and a "Get tickets" URL button opening the
//! Mini App at the event, or as the event's uploaded photo (sendPhoto, multipart) with it as
//! the caption.

use super::{Shop, CHANNEL, CHANNEL_ID, NOT_ADMIN, UNKNOWN_CHAT};
use crate::helpers::catalog_merchant::tiny_png;
use crate::helpers::merchant::refused;
use crate::helpers::FreshDb;
use serde_json::{json, Value};

crate::on_both_engines!(
    published,
    an_event_is_announced_in_a_channel_where_the_bot_may_post_on_sqlite,
    an_event_is_announced_in_a_channel_where_the_bot_may_post_on_postgres
);

async fn published(db: &FreshDb) {
    let shop = Shop::start(db).await;
    let category = shop.category().await;
    let standing = ("Standing", 1800, None, None, None);
    let id = shop
        .create_event(category, "Published Night", 40, false, &[standing])
        .await
        .id;
    let path = format!("/api/admin/events/{id}/publish");
    let publish = |chat: &str| shop.admin("POST", &path, json!({ "chat": chat }));

    let answer = publish(CHANNEL).await;
    assert_eq!(
        refused(&answer),
        (409, Some("mini_app_short_name_missing")),
        "{}",
        answer.1
    );
    let settings = json!({ "name": "Harbour", "currency": "EUR", "mini_app_short_name": "harbour" });
    assert_eq!(
        shop.admin("PUT", "/api/admin/settings/shop", settings).await.0,
        200
    );

    let answer = publish(NOT_ADMIN).await;
    assert_eq!(
        refused(&answer),
        (409, Some("bot_not_chat_admin")),
        "{}",
        answer.1
    );
    assert!(answer.1["error"]["message"].as_str().unwrap().contains(NOT_ADMIN));
    let answer = publish(UNKNOWN_CHAT).await;
    assert_eq!(
        refused(&answer),
        (409, Some("bot_not_chat_admin")),
        "{}",
        answer.1
    );
    for bad in ["", "@ab", "channel name", "0"] {
        assert_eq!(refused(&publish(bad).await), (422, Some("bad_chat")), "{bad:?}");
    }
    assert!(
        shop.channels.posts.lock().unwrap().is_empty(),
        "nothing posted yet"
    );

    let (status, posted) = publish(CHANNEL).await;
    assert_eq!(status, 200, "{posted}");
    let bot = shop.telegram_username().await;
    let link = format!("https://t.me/{bot}/harbour?startapp=e_{id}");
    assert_eq!(
        posted,
        json!({ "chat_id": CHANNEL_ID, "message_id": 42, "link": link })
    );
    let (method, params) = shop.channels.posts.lock().unwrap()[0].clone();
    assert_eq!(method, "sendMessage", "the placeholder photo is not posted");
    assert_eq!(params["chat_id"], CHANNEL);
    assert_eq!(params["parse_mode"], "HTML");
    let text = params["text"].as_str().unwrap();
    assert!(text.starts_with("<b>Published Night</b>"), "{text}");
    assert!(
        text.contains("jazz&lt;/b&gt; &amp; friends") || text.contains("&lt;b&gt;jazz"),
        "escaped: {text}"
    );
    assert!(
        text.contains("Old Harbour Hall") && text.contains("18,00 €"),
        "{text}"
    );
    assert_eq!(
        button(&params["reply_markup"]),
        json!({ "text": "Get tickets", "url": link })
    );

    upload_photo(&shop, id).await;
    let (status, posted) = publish(CHANNEL).await;
    assert_eq!(status, 200, "{posted}");
    let (method, params) = shop.channels.posts.lock().unwrap()[1].clone();
    assert_eq!(method, "sendPhoto");
    assert_eq!(params["chat_id"], CHANNEL);
    assert!(params["photo"]["bytes"].as_u64().unwrap() > 0, "{params}");
    assert!(params["caption"]
        .as_str()
        .unwrap()
        .starts_with("<b>Published Night</b>"));
    let markup: Value = serde_json::from_str(params["reply_markup"].as_str().unwrap()).unwrap();
    assert_eq!(button(&markup), json!({ "text": "Get tickets", "url": link }));

    // Posted in the shop's language once the merchant chose one.
    let settings =
        json!({ "name": "Harbour", "currency": "EUR", "mini_app_short_name": "harbour", "language": "fr" });
    assert_eq!(
        shop.admin("PUT", "/api/admin/settings/shop", settings).await.0,
        200
    );
    assert_eq!(publish(CHANNEL).await.0, 200);
    let (_, params) = shop.channels.posts.lock().unwrap()[2].clone();
    let caption = params["caption"].as_str().unwrap();
    assert!(caption.contains("🎟 à partir de 18,00 €"), "{caption}");
    let markup: Value = serde_json::from_str(params["reply_markup"].as_str().unwrap()).unwrap();
    assert_eq!(
        button(&markup),
        json!({ "text": "Prendre des billets", "url": link })
    );
    let answer = shop
        .admin(
            "POST",
            "/api/admin/events/999999/publish",
            json!({ "chat": CHANNEL }),
        )
        .await;
    assert_eq!(refused(&answer), (404, Some("event_not_found")));
    shop.stop().await;
}

fn button(markup: &Value) -> Value {
    markup["inline_keyboard"][0][0].clone()
}

/// Uploads a photo for event `id` through the catalog's endpoint, as the admin page does.
async fn upload_photo(shop: &Shop, id: i64) {
    let png = tiny_png(8, 8);
    let path = format!("/api/admin/products/{id}/photos");
    let fields: &[(&str, &str, &[u8])] = &[("role", "", b"main"), ("photo", "stage.png", &png)];
    let (status, body) =
        crate::helpers::catalog_merchant::upload(&shop.server, &path, &shop.admin, fields).await;
    assert!(status == 200 || status == 201, "{body}");
}

impl Shop {
    /// The bot's username, as the fake Telegram's getMe tells it.
    async fn telegram_username(&self) -> String {
        let me = self.tg().get(&format!("/bot{}/getMe", super::TOKEN)).await;
        me["result"]["username"].as_str().unwrap().to_owned()
    }
}
