//! 200 shoppers at once for the last 10 units, on SQLite and on PostgreSQL: exactly 10 get
//! an order, all 10 are paid, and the stock never goes below zero.

use crate::helpers::shopper::{slug, Telegram};
use crate::helpers::{FreshDb, TestServer};
use futures::future::join_all;
use serde_json::json;

async fn two_hundred_buyers_for_ten_units(db: &FreshDb) {
    let server = TestServer::start_with(
        &db.url,
        &[("WEBHOOK_SECRET", "concurrency-secret-0123456789abcdef")],
    )
    .await;
    server.wait_for_webhook().await;
    let buyers: Vec<String> = join_all((1001..=1004).map(|user| server.launch(user))).await;
    let (_, stock) = server.product("pottery-workshop").await;
    assert_eq!(stock, 10, "the demo seeds ten workshop seats");

    let attempts = (0..200).map(|i| server.checkout(&buyers[i % buyers.len()], "pottery-workshop", 1));
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
        base: format!("{}/simulator/telegram", server.base_url),
    };
    let payments = won.iter().map(|(i, (_, checkout))| {
        let tg = &tg;
        let user = 1001 + (*i % buyers.len()) as i64;
        async move {
            let info = json!({ "name": "Buyer", "email": "buyer@example.org" });
            tg.pay(&slug(checkout), json!({ "user_id": user, "order_info": info }))
                .await
        }
    });
    let sheets = join_all(payments).await;
    assert!(sheets.iter().all(|s| s["status"] == "paid"), "{sheets:?}");
    for (i, (_, checkout)) in &won {
        let order = server
            .order(&buyers[*i % buyers.len()], checkout["order_id"].as_i64().unwrap())
            .await;
        assert_eq!(order["status"], "paid");
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
