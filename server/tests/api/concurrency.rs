//! 200 shoppers at once for the last 10 units, on SQLite and on PostgreSQL: exactly 10 get
//! an order, all 10 are paid, and the stock never goes below zero.
//!
//! Each shopper is a different Telegram user (one buyer holds one unpaid order, and is
//! rate-limited): the shop runs with a bot token of the test's own and long-polls the project's
//! fake Telegram on its own port, so the test signs initData for any user it likes.

use crate::helpers::shopper::{serve_fake_telegram, signed_init_data, slug, Telegram};
use crate::helpers::{FreshDb, TestServer};
use futures::future::join_all;
use serde_json::json;
use server::simulator::telegram::FakeTelegram;

const TOKEN: &str = "777001:CONCURRENCY-TEST-TOKEN";

async fn two_hundred_buyers_for_ten_units(db: &FreshDb) {
    let telegram = FakeTelegram::new(TOKEN);
    let base = serve_fake_telegram(&telegram).await;
    let vars = [
        ("BOT_TOKEN", TOKEN),
        ("TELEGRAM_API_URL", base.as_str()),
        ("PAYMENT_PROVIDER_TOKEN", "1:TEST:concurrency-provider"),
    ];
    let server = TestServer::start_with(&db.url, &vars).await;
    let users: Vec<i64> = (5001..=5200).collect();
    let buyers: Vec<String> = users.iter().map(|&user| signed_init_data(TOKEN, user)).collect();
    let (_, stock) = server.product("pottery-workshop").await;
    assert_eq!(stock, 10, "the demo seeds ten workshop seats");

    let attempts = buyers
        .iter()
        .map(|buyer| server.checkout(buyer, "pottery-workshop", 1));
    let results = join_all(attempts).await;
    // (buyer index, checkout answer) of the winners.
    let won: Vec<_> = results
        .iter()
        .enumerate()
        .filter(|(_, (status, _))| *status == 200)
        .collect();
    let sold_out = results
        .iter()
        .filter(|(s, body)| *s == 409 && body["error"]["code"] == "sold_out")
        .count();
    assert_eq!(won.len(), 10, "exactly the stock is reserved");
    assert_eq!(sold_out, 190, "everyone else is told it sold out");
    assert_eq!(server.product("pottery-workshop").await.1, 0);

    let tg = Telegram {
        server: &server,
        base,
    };
    let payments = won.iter().map(|(i, (_, checkout))| {
        let tg = &tg;
        let user = users[*i];
        async move {
            let info = json!({ "name": "Buyer", "email": "buyer@example.org" });
            tg.pay(&slug(checkout), json!({ "user_id": user, "order_info": info }))
                .await
        }
    });
    let sheets = join_all(payments).await;
    assert!(sheets.iter().all(|s| s["status"] == "paid"), "{sheets:?}");
    for (i, (_, checkout)) in &won {
        let id = checkout["order_id"].as_i64().unwrap();
        server.wait_for_status(&buyers[*i], id, "paid").await;
    }
    assert_eq!(server.product("pottery-workshop").await.1, 0, "none oversold");
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_hundred_buyers_for_ten_units_on_sqlite() {
    let db = FreshDb::sqlite();
    two_hundred_buyers_for_ten_units(&db).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_hundred_buyers_for_ten_units_on_postgres() {
    let db = FreshDb::postgres().await;
    two_hundred_buyers_for_ten_units(&db).await;
}
