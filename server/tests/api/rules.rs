//! Black-box tests of Telegram's rules for selling in a Mini App (issue #19): digital goods
//! are priced in Telegram Stars only (developer terms §6.2) — the admin API refuses a fiat
//! price on them, and a digital product stored in euros before the rule sells in Stars only —
//! and the bot answers `/paysupport` and `/privacy` (in the buyer's language, from what the
//! merchant set in the admin settings), registers its commands at start-up, and serves the
//! privacy policy at `/privacy`. Both engines.

use crate::helpers::catalog_merchant::{code, patch_json, CAMILLE};
use crate::helpers::events::fixture_sql;
use crate::helpers::shopper::{ADA, WEI};
use crate::helpers::{wait_until, FreshDb, TestServer, PATIENCE};
use serde_json::{json, Value};

const SECRET: &str = "test-webhook-secret-0123456789abcdef";
const POLICIES: &str = "/api/admin/settings/policies";

#[tokio::test]
async fn telegrams_rules_hold_on_sqlite() {
    telegrams_rules(&FreshDb::sqlite()).await;
}

#[tokio::test]
async fn telegrams_rules_hold_on_postgres() {
    telegrams_rules(&FreshDb::postgres().await).await;
}

async fn telegrams_rules(fresh: &FreshDb) {
    let vars = [("WEBHOOK_SECRET", SECRET), ("ADMIN_USER_IDS", "1003")];
    let server = TestServer::start_with(&fresh.url, &vars).await;
    server.wait_for_webhook().await;
    let admin = server.admin_session(CAMILLE).await;
    the_bot_registers_its_commands_in_every_language(&server).await;
    let category = fiat_prices_are_refused_on_digital_goods(&server, &admin).await;
    a_digital_product_stored_in_euros_sells_in_stars_only(&server, &admin, fresh, category).await;
    the_policies_are_validated(&server, &admin).await;
    the_privacy_policy_is_the_default_until_the_merchant_writes_one(&server, &admin).await;
    paysupport_gives_the_buyers_own_orders_in_their_language(&server, &admin).await;
    server.stop().await;
}

/// FIXTURE: product `id` made a digital product as one stored before the §6.2 rule would be
/// (a fiat price on a digital product, which the admin API refuses today).
pub async fn make_digital_as_before_the_rule(fresh: &FreshDb, id: i64) {
    sqlx::query("UPDATE products SET fulfilment = 'digital' WHERE id = $1")
        .bind(id)
        .execute(&mut fixture_sql(fresh).await)
        .await
        .unwrap();
}

/// A product body in `currency` of kind `fulfilment`, one variant.
fn product(category: &Value, name: &str, currency: &str, fulfilment: &str, price: i64) -> Value {
    json!({ "category_id": category["id"], "name": name, "currency": currency, "fulfilment": fulfilment,
        "variants": [{ "name": "", "price_minor": price, "stock": 10 }] })
}

async fn the_bot_registers_its_commands_in_every_language(server: &TestServer) {
    let commands = wait_until(PATIENCE, "the bot to set its commands", async || {
        let info: Value = server
            .get("/simulator/telegram/webhook")
            .await
            .json()
            .await
            .unwrap();
        match info["commands"].as_object() {
            Some(set) if set.len() == 4 => Ok(info["commands"].clone()),
            _ => Err(info),
        }
    })
    .await;
    let names = |language: &str| -> Vec<String> {
        let list = commands[language].as_array().unwrap();
        list.iter()
            .map(|c| c["command"].as_str().unwrap().to_owned())
            .collect()
    };
    for language in ["", "fr", "zh", "ar"] {
        assert_eq!(
            names(language),
            ["start", "paysupport", "privacy"],
            "{language:?}"
        );
    }
    assert_eq!(commands[""][1]["description"], "Help with a payment");
    assert_eq!(commands["fr"][2]["description"], "Politique de confidentialité");
}

/// Creating a digital product in euros, switching a euro parcel to digital, and a new euro
/// price on a digital product are refused, saying why; in Stars they are taken. Returns the
/// category used.
async fn fiat_prices_are_refused_on_digital_goods(server: &TestServer, admin: &str) -> Value {
    let (_, category) = server
        .post_json(
            "/api/admin/categories",
            &json!({ "name": "Courses" }),
            Some(admin),
        )
        .await;
    let euros = product(&category, "Course", "EUR", "digital", 1900);
    let refused = server.post_json("/api/admin/products", &euros, Some(admin)).await;
    assert_eq!(
        code(&refused),
        (422, Some("digital_goods_need_stars")),
        "{refused:?}"
    );
    let message = refused.1["error"]["message"].as_str().unwrap();
    assert!(message.contains("§6.2") && message.contains("Stars"), "{message}");
    let stars = product(&category, "Course in Stars", "XTR", "digital", 250);
    let (status, course) = server.post_json("/api/admin/products", &stars, Some(admin)).await;
    assert_eq!(
        (status, &course["cards_refused"]),
        (201, &Value::Null),
        "{course}"
    );
    let parcel = product(&category, "Course book", "EUR", "parcel", 1900);
    let (status, book) = server
        .post_json("/api/admin/products", &parcel, Some(admin))
        .await;
    assert_eq!(status, 201, "{book}");
    let path = format!("/api/admin/products/{}", book["id"]);
    let switched = patch_json(server, &path, &json!({ "fulfilment": "digital" }), admin).await;
    assert_eq!(
        code(&switched),
        (422, Some("digital_goods_need_stars")),
        "{switched:?}"
    );
    let (_, still) = server.get_json(&path, Some(admin)).await;
    assert_eq!(still["fulfilment"], "parcel", "nothing changed");
    let same = patch_json(server, &path, &json!({ "fulfilment": "parcel" }), admin).await;
    assert_eq!(same.0, 200, "{same:?}");
    // A parcel in Stars may become digital: it is priced in Stars.
    let stars_parcel = product(&category, "Sticker sheet", "XTR", "parcel", 40);
    let (_, sheet) = server
        .post_json("/api/admin/products", &stars_parcel, Some(admin))
        .await;
    let sheet_path = format!("/api/admin/products/{}", sheet["id"]);
    let (status, digital) = patch_json(server, &sheet_path, &json!({ "fulfilment": "digital" }), admin).await;
    assert_eq!(
        (status, &digital["fulfilment"]),
        (200, &json!("digital")),
        "{digital}"
    );
    let ticket = patch_json(server, &sheet_path, &json!({ "fulfilment": "ticket" }), admin).await;
    assert_eq!(code(&ticket), (422, Some("bad_fulfilment")), "{ticket:?}");
    category
}

/// A euro product made digital behind the API's back: the admin page shows it needs a Stars
/// price and why; a new euro price or variant is refused but a Stars price is taken; the cart
/// refuses cards; checkout refuses a card payment and sells it in Stars.
async fn a_digital_product_stored_in_euros_sells_in_stars_only(
    server: &TestServer,
    admin: &str,
    fresh: &FreshDb,
    category: Value,
) {
    let body = product(&category, "Old course", "EUR", "parcel", 1900);
    let (_, old) = server.post_json("/api/admin/products", &body, Some(admin)).await;
    let id = old["id"].as_i64().unwrap();
    make_digital_as_before_the_rule(fresh, id).await;
    let (_, shown) = server
        .get_json(&format!("/api/admin/products/{id}"), Some(admin))
        .await;
    let why = shown["cards_refused"]
        .as_str()
        .expect("the admin page is told why");
    assert!(why.contains("§6.2"), "{why}");
    assert_eq!(shown["variants"][0]["needs_stars_price"], true, "{shown}");
    let variant = shown["variants"][0]["id"].as_i64().unwrap();
    let variant_path = format!("/api/admin/variants/{variant}");
    let repriced = patch_json(server, &variant_path, &json!({ "price_minor": 2900 }), admin).await;
    assert_eq!(code(&repriced), (422, Some("digital_goods_need_stars")));
    let added = server
        .post_json(
            &format!("/api/admin/products/{id}/variants"),
            &json!({ "name": "Plus", "price_minor": 2900, "stock": 1, "stars_price": 500 }),
            Some(admin),
        )
        .await;
    assert_eq!(code(&added), (422, Some("digital_goods_need_stars")));
    let ada = server.launch(ADA).await;
    let buy =
        |stars: bool| json!({ "lines": [{ "variant_id": variant, "quantity": 1 }], "pay_in_stars": stars });
    let unpriced = server.post_json("/api/checkout", &buy(true), Some(&ada)).await;
    assert_eq!(
        code(&unpriced),
        (422, Some("no_stars_price")),
        "unsellable until priced in Stars"
    );
    let (status, fixed) = patch_json(server, &variant_path, &json!({ "stars_price": 150 }), admin).await;
    assert_eq!(
        (status, &fixed["variants"][0]["needs_stars_price"]),
        (200, &json!(false)),
        "{fixed}"
    );
    let (_, cart) = server
        .put_json(
            "/api/cart",
            &json!({ "lines": [{ "variant_id": variant, "quantity": 1 }] }),
            Some(&ada),
        )
        .await;
    assert_eq!(
        (&cart["cards_refused"], &cart["stars_total_label"]),
        (&json!(true), &json!("⭐ 150")),
        "{cart}"
    );
    assert_eq!(cart["asks"], json!([]), "{cart}");
    let by_card = server.post_json("/api/checkout", &buy(false), Some(&ada)).await;
    assert_eq!(
        code(&by_card),
        (422, Some("cards_refused_for_digital_goods")),
        "{by_card:?}"
    );
    let (status, in_stars) = server.post_json("/api/checkout", &buy(true), Some(&ada)).await;
    assert_eq!(status, 200, "{in_stars}");
    let invoice = server
        .telegram()
        .invoice(&crate::helpers::shopper::slug(&in_stars))
        .await;
    assert_eq!(
        (&invoice["currency"], &invoice["prices"][0]["amount"]),
        (&json!("XTR"), &json!(150))
    );
}

async fn the_policies_are_validated(server: &TestServer, admin: &str) {
    for (body, expected) in [
        (json!({ "support_contact": "a\nb" }), "bad_support_contact"),
        (
            json!({ "support_contact": "x".repeat(201) }),
            "bad_support_contact",
        ),
        (
            json!({ "privacy_policy": "x".repeat(3501) }),
            "bad_privacy_policy",
        ),
        (json!({ "privacy_policy": "bell\u{7}" }), "bad_privacy_policy"),
    ] {
        let answer = server.put_json(POLICIES, &body, Some(admin)).await;
        assert_eq!(code(&answer), (422, Some(expected)), "{body}");
        assert!(answer.1["error"]["message"]
            .as_str()
            .unwrap()
            .contains("characters"));
    }
    let malformed = server
        .put_json(POLICIES, &json!({ "support_contact": 5 }), Some(admin))
        .await;
    assert_eq!(code(&malformed), (400, Some("body_malformed")));
    let ada = server.launch(ADA).await;
    let (status, _) = server.get_json(POLICIES, Some(&ada)).await;
    assert_eq!(status, 401, "admins only");
}

async fn privacy_page(server: &TestServer, query: &str) -> String {
    let page = server.get(&format!("/privacy{query}")).await;
    assert_eq!(page.status().as_u16(), 200);
    assert!(page.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    page.text().await.unwrap()
}

async fn the_privacy_policy_is_the_default_until_the_merchant_writes_one(server: &TestServer, admin: &str) {
    let (status, shown) = server.get_json(POLICIES, Some(admin)).await;
    assert_eq!((status, &shown["privacy_policy"]), (200, &Value::Null), "{shown}");
    let default = shown["shown_policy"].as_str().unwrap().to_owned();
    assert!(default.starts_with("Privacy policy of Shop"), "{default}");
    let page = privacy_page(server, "").await;
    assert!(
        page.contains("Privacy policy of Shop") && page.contains("Telegram id"),
        "{page}"
    );
    let page = privacy_page(server, "?lang=fr").await;
    assert!(
        page.contains("Politique de confidentialité de Shop") && page.contains("identifiant Telegram"),
        "the default policy in the reader's language: {page}"
    );
    let telegram = server.telegram();
    telegram.write(WEI, "/privacy").await;
    let said = &telegram.wait_for_messages(WEI, 1).await[0];
    assert!(
        said["text"].as_str().unwrap().starts_with("Shop 的隐私政策"),
        "in Wei's Chinese: {said}"
    );
    let button = &said["reply_markup"]["inline_keyboard"][0][0];
    assert_eq!(button["text"], "隐私政策", "Wei's Telegram speaks Chinese");
    assert_eq!(button["web_app"]["url"], format!("{}/privacy", server.base_url));
    let policy = "Atelier <Ada> keeps your orders for ten years.\n\nWrite to help@ada.example.";
    let body = json!({ "privacy_policy": policy, "support_contact": " @ada_support " });
    let (status, saved) = server.put_json(POLICIES, &body, Some(admin)).await;
    assert_eq!(
        (status, &saved["support_contact"]),
        (200, &json!("@ada_support")),
        "{saved}"
    );
    assert_eq!(saved["shown_policy"], policy);
    let page = privacy_page(server, "?lang=fr").await;
    assert!(
        page.contains("Atelier &lt;Ada&gt; keeps your orders"),
        "escaped: {page}"
    );
    assert!(page.contains("<p>Write to help@ada.example.</p>"), "{page}");
    assert!(page.contains("Politique de confidentialité"), "{page}");
    telegram.write(WEI, "/privacy").await;
    let said = &telegram.wait_for_messages(WEI, 2).await[1];
    assert_eq!(said["text"], policy);
}

async fn paysupport_gives_the_buyers_own_orders_in_their_language(server: &TestServer, admin: &str) {
    let (ada, wei) = (server.launch(ADA).await, server.launch(WEI).await);
    let (_, mine) = server.checkout(&ada, "sticker-pack", 2).await;
    let (_, theirs) = server.checkout(&wei, "wallpaper-pack", 1).await;
    let (mine, theirs) = (
        mine["order_id"].as_i64().unwrap(),
        theirs["order_id"].as_i64().unwrap(),
    );
    let telegram = server.telegram();
    let before = telegram.chat(ADA).await.len();
    telegram.write(ADA, "/paysupport").await;
    let answer = telegram.wait_for_messages(ADA, before + 1).await[before].clone();
    let text = answer["text"].as_str().unwrap();
    assert!(
        text.starts_with("For help with a payment, contact Shop: @ada_support."),
        "{text}"
    );
    assert!(
        text.contains(&format!("№ {mine} · ")) && text.contains(" · ⭐ 240 · Awaiting payment"),
        "{text}"
    );
    assert!(
        !text.contains(&format!("№ {theirs} ")),
        "another buyer's order: {text}"
    );
    let button = &answer["reply_markup"]["inline_keyboard"][0][0];
    assert_eq!(button["text"], "My orders");
    assert_eq!(
        button["web_app"]["url"],
        format!("{}/shop/orders", server.base_url)
    );
    // Without a contact, the merchants are told, and the buyer reads so in their language.
    let cleared = json!({ "support_contact": "", "privacy_policy": null });
    let (status, _) = server.put_json(POLICIES, &cleared, Some(admin)).await;
    assert_eq!(status, 200);
    let before = telegram.chat(WEI).await.len();
    telegram.write(WEI, "/paysupport@shop_bot").await;
    let answer = telegram.wait_for_messages(WEI, before + 1).await[before].clone();
    let text = answer["text"].as_str().unwrap();
    assert!(text.starts_with("已通知 Shop"), "{text}");
    assert!(
        text.contains(&format!("№ {theirs} · ")) && text.contains("待付款"),
        "{text}"
    );
    assert!(!text.contains(&format!("№ {mine} ")), "{text}");
    let note = wait_until(PATIENCE, "the merchant to be told", async || {
        let chat = telegram.chat(CAMILLE).await;
        let note = chat
            .iter()
            .find(|m| m["text"].as_str().is_some_and(|t| t.contains("/paysupport")));
        note.cloned().ok_or(chat)
    })
    .await;
    let note = note["text"].as_str().unwrap();
    assert!(
        note.contains("@liwei_test") && note.contains(&format!("№ {theirs}")),
        "{note}"
    );
}
