//! A flash sale over two replicas of the shop on one database: 2,000 buyers for 100 units,
//! checkouts and Telegram's webhook deliveries spread over both processes, every update
//! delivered one to three times in shuffled order. Exactly 100 are paid, none oversold, and
//! every buyer's receipt is sent exactly once.
//!
//! On PostgreSQL, and on SQLite with both processes on one file (WAL lets them share it).

use super::{
    checkout, deliver, not_exactly_one, pre_checkout, purchase, successful_payment, Books, Purchase,
    ServerProcess, MERCHANT, PRODUCT, TOKEN,
};
use crate::helpers::shopper::{serve_fake_telegram, signed_init_data, Telegram};
use crate::helpers::{FreshDb, TestServer};
use futures::stream::{self, StreamExt};
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use serde_json::{json, Value};
use server::simulator::telegram::FakeTelegram;
use std::sync::atomic::{AtomicI64, AtomicU32, Ordering};
use std::sync::Mutex;

const BUYERS: i64 = 2_000;
const UNITS: i64 = 100;
/// Requests in flight at once, over both processes.
const IN_FLIGHT: usize = 50;
/// The first buyer's Telegram user id; the others follow.
const FIRST_BUYER: i64 = 600_001;

async fn flash_sale(db: &FreshDb, seed: u64) {
    let started = std::time::Instant::now();
    let telegram = FakeTelegram::new(TOKEN);
    let bot_api = serve_fake_telegram(&telegram).await;
    // One after the other: the first creates the schema and seeds the catalog.
    let first = ServerProcess::start(&db.url, &bot_api).await;
    let second = ServerProcess::start(&db.url, &bot_api).await;
    let replicas = [&first.http, &second.http];
    let books = Books::open(&db.url).await;
    let variant = hundred_units_left(&first.http).await;
    assert_eq!(books.stock(variant).await, UNITS);

    let purchases = checkouts(&replicas, &bot_api, variant).await;
    assert_eq!(books.stock(variant).await, 0, "all reserved, none oversold");

    let rng = Mutex::new(StdRng::seed_from_u64(seed));
    let update_ids = AtomicI64::new(1_000_000);
    // First the pre-checkout queries, each delivered one to three times: Telegram charges a
    // buyer only once the bot accepted.
    let queries = copies(&rng, &purchases, |p| {
        pre_checkout(update_ids.fetch_add(1, Ordering::Relaxed), p)
    });
    let refused = deliver_all(&replicas, &rng, queries.clone()).await;
    let answers = answers_by_query(&bot_api, &first.http).await;
    for purchase in &purchases {
        let id = format!("pcq{}", purchase.order_id);
        let given = answers
            .iter()
            .filter(|(query, _)| *query == id)
            .map(|(_, ok)| *ok);
        let given: Vec<bool> = given.collect();
        assert!(!given.is_empty() && given.iter().all(|ok| *ok), "{id}: {given:?}");
    }
    // Then the payments, each one to three times, shuffled among late redeliveries of the
    // queries.
    let mut payments = copies(&rng, &purchases, |p| {
        successful_payment(update_ids.fetch_add(1, Ordering::Relaxed), p)
    });
    payments.extend(queries.into_iter().step_by(3));
    let refused = refused + deliver_all(&replicas, &rng, payments).await;

    books.wait_for_the_outbox().await;
    books.assert_paid_once(&purchases).await;
    assert_eq!(books.stock(variant).await, 0, "none oversold");
    assert_eq!(
        not_exactly_one(&telegram, &purchases),
        vec![],
        "one receipt per buyer"
    );
    for purchase in &purchases {
        let receipt = &telegram.messages(purchase.buyer)[0];
        let paid = format!("Order #{} is paid", purchase.order_id);
        assert!(receipt["text"].as_str().unwrap().contains(&paid), "{receipt}");
    }
    assert_eq!(
        telegram.messages(MERCHANT).len() as i64,
        UNITS,
        "one sale notice each"
    );
    eprintln!(
        "flash sale on {}: {} paid of {BUYERS} buyers, {refused} webhook deliveries not answered 200 and \
         redelivered, {:.1} s",
        db.postgres_name().map_or("SQLite", |_| "PostgreSQL"),
        purchases.len(),
        started.elapsed().as_secs_f64()
    );
    first.stop().await;
    second.stop().await;
}

/// The merchant brings the Stars wallpapers down to 100 units; returns their variant.
async fn hundred_units_left(server: &TestServer) -> i64 {
    let (variant, stock) = server.product(PRODUCT).await;
    let adjustment = json!({ "delta": UNITS - stock, "reason": "flash sale" });
    let merchant = server
        .admin_session_with(&signed_init_data(TOKEN, MERCHANT))
        .await;
    let path = format!("/api/admin/variants/{variant}/stock");
    let (status, body) = server.post_json(&path, &adjustment, Some(&merchant)).await;
    assert_eq!((status, &body["stock"]), (200, &json!(UNITS)), "{body}");
    variant
}

/// Every buyer checks out one unit, at the replicas in turn: exactly 100 get an order, and
/// everyone else is told it sold out.
async fn checkouts(replicas: &[&TestServer], bot_api: &str, variant: i64) -> Vec<Purchase> {
    let answers: Vec<(i64, u16, Value)> = stream::iter(FIRST_BUYER..FIRST_BUYER + BUYERS)
        .map(|buyer| async move {
            let (status, body) = checkout(replicas[buyer as usize % replicas.len()], buyer, variant).await;
            (buyer, status, body)
        })
        .buffer_unordered(IN_FLIGHT)
        .collect()
        .await;
    let other: Vec<_> = answers
        .iter()
        .filter(|(_, status, body)| {
            *status != 200 && !(*status == 409 && body["error"]["code"] == "sold_out")
        })
        .collect();
    assert_eq!(
        other,
        Vec::<&(i64, u16, Value)>::new(),
        "only orders and sold_out"
    );
    let won: Vec<_> = answers.iter().filter(|(_, status, _)| *status == 200).collect();
    assert_eq!(won.len() as i64, UNITS, "exactly the stock is sold");
    let mut purchases = Vec::new();
    for (buyer, _, body) in won {
        purchases.push(purchase(replicas[0], bot_api, *buyer, body).await);
    }
    purchases
}

/// Each purchase's update made one to three times (each copy is the same update, as a
/// redelivery is).
fn copies(
    rng: &Mutex<StdRng>,
    purchases: &[Purchase],
    mut update: impl FnMut(&Purchase) -> Value,
) -> Vec<Value> {
    let mut all = Vec::new();
    for purchase in purchases {
        let update = update(purchase);
        let times = rng.lock().unwrap().random_range(1..=3);
        all.extend(std::iter::repeat_n(update, times));
    }
    all
}

/// Delivers `updates` in shuffled order, each to a replica picked at random, redelivering
/// until answered 200; returns how many deliveries were not.
async fn deliver_all(replicas: &[&TestServer], rng: &Mutex<StdRng>, mut updates: Vec<Value>) -> u32 {
    updates.shuffle(&mut *rng.lock().unwrap());
    let refused = AtomicU32::new(0);
    stream::iter(updates)
        .for_each_concurrent(IN_FLIGHT, |update| {
            let refused = &refused;
            async move {
                let pick = || rng.lock().unwrap().random_range(0..replicas.len());
                refused.fetch_add(deliver(replicas, pick, &update).await, Ordering::Relaxed);
            }
        })
        .await;
    refused.into_inner()
}

/// The bot's answers to pre-checkout queries at the fake Telegram: (query id, ok).
async fn answers_by_query(bot_api: &str, server: &TestServer) -> Vec<(String, bool)> {
    let telegram = Telegram {
        server,
        base: bot_api.to_owned(),
    };
    telegram
        .answers()
        .await
        .iter()
        .map(|a| {
            let id = a["pre_checkout_query_id"].as_str().unwrap_or_default().to_owned();
            (id, a["ok"] == true)
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_flash_sale_over_two_processes_on_postgres() {
    let db = FreshDb::postgres().await;
    flash_sale(&db, 16).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_flash_sale_over_two_processes_on_one_sqlite_file() {
    let db = FreshDb::sqlite();
    flash_sale(&db, 61).await;
}
