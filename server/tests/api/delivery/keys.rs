//! Licence keys: the merchant uploads a pool of 100 (duplicates and empty lines skipped) for
//! the wallpaper pack, which becomes its stock; 200 shoppers check out at once, exactly 100
//! get an order and the rest are told it sold out; all 100 pay at once and get one key each,
//! all distinct, none given twice; the merchant is warned once when the pool runs low; a
//! text delivery is set and refused when empty.
//!
//! Each shopper is a different Telegram user: the shop runs with a bot token of the test's
//! own and long-polls the project's fake Telegram on its own port, so the test signs initData
//! for any user it likes (as `concurrency.rs` does).

use super::variant;
use crate::helpers::events::fixture_sql;
use crate::helpers::merchant::{refused, send};
use crate::helpers::shopper::{serve_fake_telegram, signed_init_data, slug, Telegram};
use crate::helpers::{wait_until, FreshDb, TestServer, PATIENCE};
use futures::future::join_all;
use serde_json::{json, Value};
use server::simulator::telegram::FakeTelegram;

const TOKEN: &str = "777002:DELIVERY-KEYS-TEST-TOKEN";
const MERCHANT: i64 = 4242;

crate::on_both_engines!(
    keys_are_never_given_twice,
    keys_are_never_given_twice_on_sqlite,
    keys_are_never_given_twice_on_postgres
);

async fn keys_are_never_given_twice(fresh: &FreshDb) {
    let telegram = FakeTelegram::new(TOKEN);
    let base = serve_fake_telegram(&telegram).await;
    let vars = [
        ("BOT_TOKEN", TOKEN),
        ("TELEGRAM_API_URL", base.as_str()),
        ("ADMIN_USER_IDS", "4242"),
    ];
    let server = TestServer::start_with(&fresh.url, &vars).await;
    let admin = server
        .admin_session_with(&signed_init_data(TOKEN, MERCHANT))
        .await;
    let pack = variant(&server, "wallpaper-pack", 0).await;
    merchant_uploads_a_pool_of_a_hundred(&server, &admin, pack).await;

    let users: Vec<i64> = (6001..=6200).collect();
    let buyers: Vec<String> = users.iter().map(|&user| signed_init_data(TOKEN, user)).collect();
    let results = join_all(buyers.iter().map(|b| server.checkout(b, "wallpaper-pack", 1))).await;
    let won: Vec<_> = results
        .iter()
        .enumerate()
        .filter(|(_, (s, _))| *s == 200)
        .collect();
    let sold_out = results
        .iter()
        .filter(|(s, body)| *s == 409 && body["error"]["code"] == "sold_out")
        .count();
    assert_eq!((won.len(), sold_out), (100, 100), "the pool's size is the stock");

    let tg = Telegram {
        server: &server,
        base,
    };
    let payments = won.iter().map(|(i, (_, checkout))| {
        let (tg, user) = (&tg, users[*i]);
        async move { tg.pay(&slug(checkout), json!({ "user_id": user })).await }
    });
    let sheets = join_all(payments).await;
    assert!(sheets.iter().all(|s| s["status"] == "paid"), "{sheets:?}");
    for (i, (_, checkout)) in &won {
        let id = checkout["order_id"].as_i64().unwrap();
        server.wait_for_status(&buyers[*i], id, "paid").await;
    }
    each_buyer_holds_one_distinct_key(fresh, &server, &buyers, &won).await;
    merchant_is_warned_once(&telegram).await;
    let (_, shown) = send(
        &server,
        "GET",
        &format!("/api/admin/variants/{pack}/delivery"),
        Value::Null,
        &admin,
    )
    .await;
    assert_eq!(shown["free_keys"], 0, "{shown}");
    assert_eq!(shown["given"].as_array().unwrap().len(), 100);
    text_deliveries(&server, &admin).await;
    server.stop().await;
}

/// Empties the pack's stock, then uploads keys: duplicates and empty lines skipped, the new
/// ones added to the stock; 100 in all, the warning level at 5.
async fn merchant_uploads_a_pool_of_a_hundred(server: &TestServer, admin: &str, pack: i64) {
    let stock = json!({ "delta": -1000, "reason": "sold as licence keys from now on" });
    let emptied = send(
        server,
        "POST",
        &format!("/api/admin/variants/{pack}/stock"),
        stock,
        admin,
    )
    .await;
    assert_eq!(emptied.0, 200, "{}", emptied.1);
    let path = format!("/api/admin/variants/{pack}/delivery/keys");
    let none = send(server, "POST", &path, json!({ "keys": "\n  \n" }), admin).await;
    assert_eq!(refused(&none), (422, Some("bad_keys")));
    let first = send(
        server,
        "POST",
        &path,
        json!({ "keys": "KEY-000\n\nKEY-001\nKEY-000\n" }),
        admin,
    )
    .await;
    assert_eq!(first.0, 201, "{}", first.1);
    assert_eq!(
        (first.1["added"].as_i64(), first.1["duplicates"].as_i64()),
        (Some(2), Some(1))
    );
    let rest: Vec<String> = (0..100).map(|n| format!("KEY-{n:03}")).collect();
    let second = send(server, "POST", &path, json!({ "keys": rest.join("\r\n") }), admin).await;
    assert_eq!(
        (second.1["added"].as_i64(), second.1["duplicates"].as_i64()),
        (Some(98), Some(2))
    );
    assert_eq!(second.1["delivery"]["kind"], "keys");
    assert_eq!(second.1["delivery"]["free_keys"], 100);
    assert_eq!(
        server.product("wallpaper-pack").await.1,
        100,
        "the pool is the stock"
    );
}

async fn each_buyer_holds_one_distinct_key(
    fresh: &FreshDb,
    server: &TestServer,
    buyers: &[String],
    won: &[(usize, &(u16, Value))],
) {
    let mut conn = fixture_sql(fresh).await;
    let (given, distinct, orders): (i64, i64, i64) = sqlx::query_as(
        "SELECT COUNT(*), COUNT(DISTINCT code), COUNT(DISTINCT order_id) FROM licence_keys WHERE order_id IS NOT NULL",
    )
    .fetch_one(&mut conn)
    .await
    .unwrap();
    assert_eq!((given, distinct, orders), (100, 100, 100));
    let (i, (_, checkout)) = won[0];
    let order = server
        .order(&buyers[i], checkout["order_id"].as_i64().unwrap())
        .await;
    let keys = &order["deliveries"][0]["item"];
    assert_eq!(keys["kind"], "keys", "{order}");
    assert!(keys["keys"][0].as_str().unwrap().starts_with("KEY-"));
}

/// The merchant's chat holds exactly one low-pool warning.
async fn merchant_is_warned_once(telegram: &FakeTelegram) {
    let warnings = wait_until(PATIENCE, "the merchant's warning", async || {
        let warnings: Vec<Value> = telegram
            .messages(MERCHANT)
            .into_iter()
            .filter(|m| m["text"].as_str().unwrap_or("").contains("licence keys are left"))
            .collect();
        match warnings.is_empty() {
            false => Ok(warnings),
            true => Err(telegram.messages(MERCHANT).len()),
        }
    })
    .await;
    assert_eq!(warnings.len(), 1, "{warnings:?}");
}

/// The sticker pack reveals a text: an empty one is refused, a link is kept.
async fn text_deliveries(server: &TestServer, admin: &str) {
    let stickers = variant(server, "sticker-pack", 0).await;
    let path = format!("/api/admin/variants/{stickers}/delivery");
    let empty = send(server, "PUT", &path, json!({ "text": "   " }), admin).await;
    assert_eq!(refused(&empty), (422, Some("bad_delivery_text")));
    let link = json!({ "text": "https://t.me/addstickers/Test" });
    let (status, set) = send(server, "PUT", &path, link, admin).await;
    assert_eq!(status, 200, "{set}");
    assert_eq!(
        (set["kind"].as_str(), set["text"].as_str()),
        (Some("text"), Some("https://t.me/addstickers/Test"))
    );
}
