//! The Bot API stand-in's channel and group, as a shop publishing an event meets them:
//! `getChat`, `getChatMember`, `sendPhoto` (uploaded, by URL, by file_id) and `sendMessage`,
//! each answer checked against Telegram's published spec, and refusals worded as Telegram's.

use crate::helpers::catalog_merchant::{tiny_png, with_form};
use crate::helpers::shopper::serve_fake_telegram;
use serde_json::{json, Value};
use server::simulator::telegram::{FakeTelegram, CHANNEL, GROUP};
use server::telegram::bot_api::spec::BotApiSpec;

const TOKEN: &str = "424242:CHANNEL-TEST-TOKEN";
const BOT_ID: i64 = 424242;

/// The fake Telegram on its own port.
struct Telegram {
    base: String,
    client: reqwest::Client,
}

impl Telegram {
    async fn start() -> Self {
        let base = serve_fake_telegram(&FakeTelegram::new(TOKEN)).await;
        Telegram {
            base,
            client: reqwest::Client::new(),
        }
    }

    /// A JSON call: the HTTP status and Telegram's envelope.
    async fn call(&self, method: &str, params: Value) -> (u16, Value) {
        let response = self
            .client
            .post(format!("{}/bot{TOKEN}/{method}", self.base))
            .json(&params)
            .send()
            .await
            .unwrap();
        (response.status().as_u16(), response.json().await.unwrap())
    }

    /// A multipart call: text fields, and files as (name, bytes) named `<name>.png`.
    async fn upload(&self, method: &str, fields: &[(&str, &str)], files: &[(&str, &[u8])]) -> (u16, Value) {
        let file_names: Vec<String> = files.iter().map(|(name, _)| format!("{name}.png")).collect();
        let texts = fields.iter().map(|(name, text)| (*name, "", text.as_bytes()));
        let files = files.iter().zip(&file_names);
        let parts: Vec<(&str, &str, &[u8])> = texts
            .chain(files.map(|((name, bytes), file)| (*name, file.as_str(), *bytes)))
            .collect();
        let request = self.client.post(format!("{}/bot{TOKEN}/{method}", self.base));
        let response = with_form(request, &parts).send().await.unwrap();
        (response.status().as_u16(), response.json().await.unwrap())
    }

    /// The result of a call that must succeed, checked to be a valid `kind`.
    async fn result(&self, method: &str, params: Value, kind: &str) -> Value {
        let (status, answer) = self.call(method, params).await;
        assert_eq!((status, &answer["ok"]), (200, &json!(true)), "{method}: {answer}");
        assert_valid(kind, &answer["result"]);
        answer["result"].clone()
    }

    async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .unwrap()
    }
}

fn assert_valid(kind: &str, value: &Value) {
    assert!(
        BotApiSpec::get().is_valid(kind, value),
        "not a valid {kind} by Telegram's spec: {value}"
    );
}

/// Telegram's refusal, exactly: status, envelope and description.
fn assert_refused(answer: (u16, Value), description: &str) {
    assert_eq!(
        answer,
        (
            400,
            json!({ "ok": false, "error_code": 400, "description": format!("Bad Request: {description}") })
        )
    );
}

fn url_button(url: &str) -> Value {
    json!({ "inline_keyboard": [[{ "text": "Get tickets", "url": url }]] })
}

#[tokio::test]
async fn the_bot_administers_the_channel_and_is_a_member_of_the_group() {
    let telegram = Telegram::start().await;
    let channel = telegram
        .result("getChat", json!({ "chat_id": CHANNEL }), "ChatFullInfo")
        .await;
    assert_eq!(
        (channel["type"].as_str(), channel["username"].as_str()),
        (Some("channel"), Some("shop_news"))
    );
    let id = channel["id"].as_i64().unwrap();
    assert!(id < 0, "channel ids are negative");
    let by_id = telegram
        .result("getChat", json!({ "chat_id": id }), "ChatFullInfo")
        .await;
    assert_eq!(by_id, channel);

    let bot_there = json!({ "chat_id": id, "user_id": BOT_ID });
    let admin = telegram
        .result("getChatMember", bot_there, "ChatMemberAdministrator")
        .await;
    assert_eq!(
        (admin["status"].as_str(), &admin["can_post_messages"]),
        (Some("administrator"), &json!(true))
    );
    assert_eq!(admin["user"]["id"], BOT_ID);
    let bot_in_group = json!({ "chat_id": GROUP, "user_id": BOT_ID });
    let member = telegram
        .result("getChatMember", bot_in_group, "ChatMemberMember")
        .await;
    assert_eq!(member["status"], "member");
    let group = telegram
        .result("getChat", json!({ "chat_id": GROUP }), "ChatFullInfo")
        .await;
    assert_eq!(group["type"], "supergroup");
    let owner = telegram
        .result(
            "getChatMember",
            json!({ "chat_id": CHANNEL, "user_id": 1003 }),
            "ChatMemberOwner",
        )
        .await;
    assert_eq!(owner["status"], "creator");
    let stranger = telegram
        .result(
            "getChatMember",
            json!({ "chat_id": CHANNEL, "user_id": 77 }),
            "ChatMemberLeft",
        )
        .await;
    assert_eq!(stranger["status"], "left");

    assert_refused(
        telegram.call("getChat", json!({ "chat_id": "@elsewhere" })).await,
        "chat not found",
    );
    assert_refused(
        telegram
            .call("getChatMember", json!({ "chat_id": -100_123, "user_id": BOT_ID }))
            .await,
        "chat not found",
    );
    let listed: Value = telegram.get("/channels").await.json().await.unwrap();
    assert_eq!(listed["chats"][0]["bot_is_admin"], true);
    assert_eq!(listed["chats"][1]["bot_is_admin"], false);
}

#[tokio::test]
async fn an_uploaded_photo_is_posted_with_its_formatted_caption_and_button() {
    let telegram = Telegram::start().await;
    let png = tiny_png(1600, 900);
    let markup = url_button("https://t.me/sandbox_shop_bot/shop?startapp=e_7").to_string();
    let fields = [
        ("chat_id", CHANNEL),
        ("photo", "attach://poster"),
        (
            "caption",
            "<b>Jazz 🎷 night</b>\nRock &amp; roll at <i>Blue Note</i>",
        ),
        ("parse_mode", "HTML"),
        ("reply_markup", markup.as_str()),
    ];
    let (status, answer) = telegram.upload("sendPhoto", &fields, &[("poster", &png)]).await;
    assert_eq!(status, 200, "{answer}");
    let post = &answer["result"];
    assert_valid("Message", post);
    assert_eq!(post["chat"]["type"], "channel");
    assert_eq!(post["sender_chat"]["username"], "shop_news");
    assert_eq!(post["caption"], "Jazz 🎷 night\nRock & roll at Blue Note");
    assert_eq!(
        post["caption_entities"],
        json!([{ "type": "bold", "offset": 0, "length": 13 }, { "type": "italic", "offset": 29, "length": 9 }])
    );
    assert_eq!(
        post["reply_markup"],
        url_button("https://t.me/sandbox_shop_bot/shop?startapp=e_7")
    );
    let sizes = post["photo"].as_array().unwrap();
    let largest = sizes.last().unwrap();
    assert_eq!(
        (largest["width"].as_i64(), largest["height"].as_i64()),
        (Some(1280), Some(720))
    );
    assert_eq!(sizes[0]["width"], 90, "thumbnails first, as Telegram lists them");

    let channel_id = post["chat"]["id"].as_i64().unwrap();
    let posts: Value = telegram
        .get(&format!("/chats/{channel_id}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(posts, json!([post]), "the simulated client shows the post");
    let file = telegram
        .get(&format!("/files/{}", largest["file_id"].as_str().unwrap()))
        .await;
    assert_eq!(file.headers()["content-type"], "image/png");
    assert_eq!(file.bytes().await.unwrap().as_ref(), png.as_slice());

    // The same photo again by its file_id, as a bot re-posts it (JSON this time).
    let again = json!({ "chat_id": channel_id, "photo": largest["file_id"], "caption": "Again" });
    let repost = telegram.result("sendPhoto", again, "Message").await;
    assert_eq!(repost["photo"].as_array().unwrap().last().unwrap()["width"], 1280);
}

#[tokio::test]
async fn a_photo_by_url_is_fetched_as_telegram_fetches_it() {
    let telegram = Telegram::start().await;
    let png = tiny_png(300, 200);
    let served = png.clone();
    let site = axum::Router::new()
        .route(
            "/poster.png",
            axum::routing::get(move || async move { ([("content-type", "image/png")], served) }),
        )
        .route(
            "/page",
            axum::routing::get(|| async { axum::response::Html("<p>hi</p>") }),
        );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let origin = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, site).await.unwrap() });

    let post = telegram
        .result(
            "sendPhoto",
            json!({ "chat_id": CHANNEL, "photo": format!("{origin}/poster.png") }),
            "Message",
        )
        .await;
    let sizes: Vec<(i64, i64)> = post["photo"]
        .as_array()
        .unwrap()
        .iter()
        .map(|size| (size["width"].as_i64().unwrap(), size["height"].as_i64().unwrap()))
        .collect();
    assert_eq!(sizes, [(90, 60), (300, 200)], "a thumbnail, then the photo");
    assert!(post.get("caption").is_none());
    let missing = json!({ "chat_id": CHANNEL, "photo": format!("{origin}/gone.png") });
    assert_refused(
        telegram.call("sendPhoto", missing).await,
        "failed to get HTTP URL content",
    );
    let page = json!({ "chat_id": CHANNEL, "photo": format!("{origin}/page") });
    assert_refused(
        telegram.call("sendPhoto", page).await,
        "wrong type of the web page content",
    );
}

#[tokio::test]
async fn posts_telegram_would_refuse_are_refused_in_its_words() {
    let telegram = Telegram::start().await;
    let png = tiny_png(40, 40);
    let web_app = json!({ "inline_keyboard": [[{ "text": "Open", "web_app": { "url": "https://shop.example/shop" } }]] });
    let in_channel = json!({ "chat_id": CHANNEL, "text": "Open the shop", "reply_markup": web_app });
    assert_refused(
        telegram.call("sendMessage", in_channel).await,
        "BUTTON_TYPE_INVALID",
    );
    let bad_url =
        json!({ "chat_id": CHANNEL, "text": "Hi", "reply_markup": url_button("javascript:alert(1)") });
    assert_refused(telegram.call("sendMessage", bad_url).await, "BUTTON_URL_INVALID");
    let unescaped = json!({ "chat_id": CHANNEL, "text": "Rock <n> roll", "parse_mode": "HTML" });
    assert_refused(
        telegram.call("sendMessage", unescaped).await,
        "can't parse entities: Unsupported start tag \"n\" at byte offset 5",
    );
    let unknown_file = json!({ "chat_id": CHANNEL, "photo": "AgACAgNOPE" });
    assert_refused(
        telegram.call("sendPhoto", unknown_file).await,
        "wrong file identifier/HTTP URL specified",
    );
    let long = "x".repeat(1025);
    let fields = [
        ("chat_id", CHANNEL),
        ("photo", "attach://p"),
        ("caption", long.as_str()),
    ];
    assert_refused(
        telegram.upload("sendPhoto", &fields, &[("p", &png)]).await,
        "message caption is too long",
    );
    let not_an_image = [("chat_id", CHANNEL), ("photo", "attach://p")];
    assert_refused(
        telegram
            .upload("sendPhoto", &not_an_image, &[("p", b"GIF? no, text")])
            .await,
        "IMAGE_PROCESS_FAILED",
    );
    let no_part = [("chat_id", CHANNEL), ("photo", "attach://p")];
    assert_refused(
        telegram.upload("sendPhoto", &no_part, &[]).await,
        "there is no photo in the request",
    );
    let strip = tiny_png(2100, 100);
    let too_narrow = [("chat_id", CHANNEL), ("photo", "attach://p")];
    assert_refused(
        telegram.upload("sendPhoto", &too_narrow, &[("p", &strip)]).await,
        "PHOTO_INVALID_DIMENSIONS",
    );
    assert_refused(
        telegram
            .call("sendMessage", json!({ "chat_id": "@elsewhere", "text": "Hi" }))
            .await,
        "chat not found",
    );
    let nothing: Value = telegram.get("/chats/-1001000000001").await.json().await.unwrap();
    assert_eq!(nothing, json!([]), "nothing refused was posted");
}

#[tokio::test]
async fn the_bot_writes_in_the_group_as_itself_and_to_users_in_private() {
    let telegram = Telegram::start().await;
    let markup = url_button("https://t.me/sandbox_shop_bot/shop?startapp=e_1");
    let said = telegram
        .result(
            "sendMessage",
            json!({ "chat_id": GROUP, "text": "Tickets are on sale", "reply_markup": markup }),
            "Message",
        )
        .await;
    assert_eq!(
        (said["chat"]["type"].as_str(), &said["from"]["id"]),
        (Some("supergroup"), &json!(BOT_ID))
    );
    assert!(said.get("sender_chat").is_none());
    let private = telegram
        .result(
            "sendMessage",
            json!({ "chat_id": 1001, "text": "Hi Ada" }),
            "Message",
        )
        .await;
    assert_eq!(
        private["chat"],
        json!({ "id": 1001, "type": "private", "first_name": "Ada", "last_name": "Lovelace", "username": "ada_test" })
    );
    // A form-encoded call, as some clients send them: the chat id is read as a number.
    let response = telegram
        .client
        .post(format!("{}/bot{TOKEN}/sendMessage", telegram.base))
        .header("content-type", "application/x-www-form-urlencoded")
        .body("chat_id=-1001000000002&text=Doors%20open%20at%207")
        .send()
        .await
        .unwrap();
    let answer: Value = response.json().await.unwrap();
    assert_eq!(answer["result"]["text"], "Doors open at 7", "{answer}");
    let me = telegram.result("getMe", json!({}), "User").await;
    assert_eq!(me["username"], "sandbox_shop_bot");
}
