//! The bot speaks its reader's language, on SQLite and PostgreSQL: a Chinese buyer's `/start`
//! and receipt in Chinese, a French buyer's pre-checkout refusal in French, an Arabic buyer's
//! shipping update in Arabic; the merchant's sale note in the admin's Telegram language while
//! the settings choose none, then in the language the settings choose (an unknown one is 422).

use crate::helpers::merchant::{send, CAMILLE};
use crate::helpers::shopper::{slug, WEI};
use crate::helpers::{FreshDb, TestServer};
use serde_json::{json, Value};

crate::on_both_engines!(
    speaks,
    the_bot_writes_to_buyers_and_the_merchant_in_their_languages_on_sqlite,
    the_bot_writes_to_buyers_and_the_merchant_in_their_languages_on_postgres
);

const SECRET: &str = "test-webhook-secret-0123456789abcdef";
/// Layla, the simulator's Arabic-speaking user.
const LAYLA: i64 = 1004;

/// The texts of the bot's messages in `chat`, once one contains `part`.
async fn told(server: &TestServer, chat: i64, part: &str) -> String {
    let what = format!("chat {chat} to be told {part:?}");
    crate::helpers::wait_until(crate::helpers::PATIENCE, &what, async || {
        let texts: Vec<String> = server
            .telegram()
            .chat(chat)
            .await
            .iter()
            .filter_map(|m| m["text"].as_str().map(str::to_owned))
            .collect();
        texts.iter().find(|t| t.contains(part)).cloned().ok_or(texts)
    })
    .await
}

/// `user` buys the wallpaper pack (Stars) through the simulator's payment sheet; its order id.
async fn buys(server: &TestServer, user: i64) -> i64 {
    let init_data = server.launch(user).await;
    let (status, checkout) = server.checkout(&init_data, "wallpaper-pack", 1).await;
    assert_eq!(status, 200, "{checkout}");
    let sheet = server
        .telegram()
        .pay(&slug(&checkout), json!({ "user_id": user }))
        .await;
    assert_eq!(sheet["status"], "paid", "{sheet}");
    checkout["order_id"].as_i64().unwrap()
}

async fn speaks(db: &FreshDb) {
    let vars = [("WEBHOOK_SECRET", SECRET), ("ADMIN_USER_IDS", "1003")];
    let server = TestServer::start_with(&db.url, &vars).await;
    server.wait_for_webhook().await;
    // Camille (French in Telegram) opens the admin Mini App: the shop learns her language.
    let admin = server.admin_session(CAMILLE).await;

    // Wei, Chinese in Telegram: /start and a receipt in Chinese, amounts as the shop writes them.
    server.telegram().write(WEI, "/start").await;
    told(&server, WEI, "欢迎光临").await;
    let first = buys(&server, WEI).await;
    let receipt = told(&server, WEI, "感谢您在").await;
    assert!(
        receipt.contains(&format!("订单 #{first} 已付款：⭐ 50。")),
        "{receipt}"
    );

    // The merchant chose no language: Camille reads the sale in French.
    let sale = told(&server, CAMILLE, &format!("commande n° {first} payée")).await;
    assert!(sale.starts_with("Nouvelle vente chez "), "{sale}");

    // A French buyer's pre-checkout refusal is in French (the order is Wei's).
    let query = json!({ "update_id": 910_001, "pre_checkout_query": { "id": "fr-query",
        "from": { "id": 5005, "is_bot": false, "first_name": "Zoé", "language_code": "fr" },
        "currency": "XTR", "total_amount": 50, "invoice_payload": format!("order:{first}") } });
    assert_eq!(server.deliver_update(SECRET, &query).await, Some(200));
    let answers = server.telegram().answers().await;
    let answer = answers
        .iter()
        .find(|a| a["pre_checkout_query_id"] == "fr-query")
        .unwrap();
    assert_eq!(answer["ok"], false);
    assert_eq!(
        answer["error_message"],
        "Cette commande appartient à un autre compte Telegram."
    );

    // Layla, Arabic in Telegram, is told in Arabic that her order is on its way.
    let hers = buys(&server, LAYLA).await;
    let ship = format!("/api/admin/orders/{hers}/ship");
    let (status, shipped) = send(&server, "POST", &ship, json!({ "note": "DHL 0042" }), &admin).await;
    assert_eq!(status, 200, "{shipped}");
    let news = told(&server, LAYLA, "خبر سار").await;
    assert!(
        news.contains(&format!("الطلب رقم {hers} في طريقه إليك.")) && news.contains("DHL 0042"),
        "{news}"
    );

    // The merchant chooses Chinese: the next sale note is in Chinese; an unknown language is 422.
    let shop = |language: Value| json!({ "name": "Shop", "currency": "EUR", "language": language });
    let (status, saved) = send(
        &server,
        "PUT",
        "/api/admin/settings/shop",
        shop(json!("zh")),
        &admin,
    )
    .await;
    assert_eq!((status, &saved["language"]), (200, &json!("zh")), "{saved}");
    let (status, refused) = send(
        &server,
        "PUT",
        "/api/admin/settings/shop",
        shop(json!("de")),
        &admin,
    )
    .await;
    assert_eq!(
        (status, refused["error"]["code"].as_str()),
        (422, Some("bad_language")),
        "{refused}"
    );
    assert!(
        refused["error"]["message"].as_str().unwrap().contains("\"de\""),
        "{refused}"
    );
    let (_, settings) = send(&server, "GET", "/api/admin/settings", Value::Null, &admin).await;
    assert_eq!(settings["shop"]["language"], "zh", "{settings}");
    let second = buys(&server, WEI).await;
    let sale = told(&server, CAMILLE, &format!("订单 #{second} 已付款")).await;
    assert!(sale.contains("有新订单"), "{sale}");

    // Null follows Telegram again.
    let (status, saved) = send(
        &server,
        "PUT",
        "/api/admin/settings/shop",
        shop(Value::Null),
        &admin,
    )
    .await;
    assert_eq!((status, &saved["language"]), (200, &Value::Null), "{saved}");
    server.stop().await;
}
