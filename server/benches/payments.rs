//! Payment throughput, measured the way Telegram loads the shop: the real server in sandbox
//! mode on a SQLite file (WAL, synchronous=FULL), its webhook fed with pre_checkout_query and
//! successful_payment updates by 16 concurrent senders, each answer sent to the in-process
//! fake Bot API before the webhook says 200.
//!
//! Reported beside the machine's own baseline from the same run: single-row SQLite
//! transactions per second with the same durability settings — every paid order needs at least
//! two such commits (pre-checkout, payment), plus the checkout that created it.
//!
//! Run: `cargo bench -p server --bench payments` (a report, not a pass/fail test).

use serde_json::{json, Value};
use server::config::Config;
use std::time::{Duration, Instant};

const ORDERS: usize = 400;
const SENDERS: usize = 16;
const SECRET: &str = "bench-webhook-secret-0123456789abcdef";

#[tokio::main]
async fn main() {
    let dir = tempfile::tempdir().unwrap();
    let baseline = sqlite_commits_per_second(&dir.path().join("baseline.db")).await;
    let base = start_shop(&dir.path().join("shop.db")).await;
    let client = reqwest::Client::new();
    let orders = checkout_orders(&client, &base).await;

    let started = Instant::now();
    let mut pre_checkout = Vec::with_capacity(ORDERS);
    let chunks: Vec<Vec<(i64, i64, i64)>> = orders
        .chunks(ORDERS.div_ceil(SENDERS))
        .map(<[_]>::to_vec)
        .collect();
    let senders = chunks.into_iter().enumerate().map(|(sender, chunk)| {
        let (client, base) = (client.clone(), base.clone());
        tokio::spawn(async move { pay_all(&client, &base, sender, chunk).await })
    });
    for latencies in futures::future::join_all(senders).await {
        pre_checkout.extend(latencies.unwrap());
    }
    let elapsed = started.elapsed();
    pre_checkout.sort();
    let at = |q: f64| pre_checkout[((pre_checkout.len() as f64 * q) as usize).min(pre_checkout.len() - 1)];
    println!("payments benchmark ({ORDERS} orders, {SENDERS} concurrent webhook senders, SQLite WAL + synchronous=FULL)");
    println!("  baseline: single-row SQLite transactions   {baseline:>8.0} /s");
    println!(
        "  paid orders through the webhook             {:>8.0} /s",
        ORDERS as f64 / elapsed.as_secs_f64()
    );
    println!(
        "  pre-checkout answer p50                     {:>8.2} ms",
        ms(at(0.50))
    );
    println!(
        "  pre-checkout answer p99                     {:>8.2} ms",
        ms(at(0.99))
    );
    println!(
        "  pre-checkout answer max                     {:>8.2} ms",
        ms(*pre_checkout.last().unwrap())
    );
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// The raw rate of one-row INSERT transactions on a SQLite file set up as the shop's.
async fn sqlite_commits_per_second(path: &std::path::Path) -> f64 {
    use sqlx::{Connection, Executor};
    let url = format!("sqlite://{}?mode=rwc", path.display());
    let mut conn = sqlx::SqliteConnection::connect(&url).await.unwrap();
    conn.execute("PRAGMA journal_mode = WAL").await.unwrap();
    conn.execute("PRAGMA synchronous = FULL").await.unwrap();
    conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v BIGINT NOT NULL)")
        .await
        .unwrap();
    let count = 2000;
    let started = Instant::now();
    for v in 0..count {
        let mut tx = conn.begin().await.unwrap();
        sqlx::query("INSERT INTO t (v) VALUES ($1)")
            .bind(v)
            .execute(&mut *tx)
            .await
            .unwrap();
        tx.commit().await.unwrap();
    }
    f64::from(count) / started.elapsed().as_secs_f64()
}

/// The bot's token: the shop runs as a real bot against the project's fake Telegram on a port
/// of its own, so the bench signs initData for as many buyers as it needs (a buyer holds one
/// awaiting order).
const TOKEN: &str = "777002:PAYMENTS-BENCH-TOKEN";

/// The shop on a free port; its base URL once it answers.
async fn start_shop(db: &std::path::Path) -> String {
    let telegram = server::simulator::telegram::FakeTelegram::new(TOKEN);
    let fake = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let api = format!("http://{}/tg", fake.local_addr().unwrap());
    let app = axum::Router::new().nest("/tg", telegram.router());
    tokio::spawn(async move { axum::serve(fake, app).await.unwrap() });
    let url = format!("sqlite://{}", db.display());
    let vars = [
        ("DATABASE_URL", url.as_str()),
        ("WEBHOOK_SECRET", SECRET),
        ("BOT_TOKEN", TOKEN),
        ("TELEGRAM_API_URL", api.as_str()),
        // What is measured is payments, not the per-buyer checkout limit.
        ("RATE_LIMIT_CHECKOUT", "1000000/1s"),
    ];
    let config =
        Config::from_lookup(|name| vars.iter().find(|(k, _)| *k == name).map(|(_, v)| v.to_string()))
            .unwrap();
    let listener = server::listen("127.0.0.1:0".parse().unwrap()).await.unwrap();
    let addr = listener.local_addr().unwrap();
    let leptos = leptos::config::LeptosOptions::builder()
        .output_name("shop")
        .site_addr(addr)
        .build();
    let shop = server::build(&config, leptos).await.unwrap();
    tokio::spawn(server::serve(listener, shop, std::future::pending()));
    let base = format!("http://{addr}");
    for _ in 0..200 {
        if reqwest::get(format!("{base}/healthz"))
            .await
            .is_ok_and(|r| r.status().is_success())
        {
            return base;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    panic!("the shop never answered /healthz");
}

/// initData for buyer `user`, signed as Telegram signs it for the bot of [`TOKEN`].
fn init_data(user: i64) -> String {
    use server::telegram::init_data::{Fields, Freshness, HmacValidator};
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let pairs = vec![
        ("auth_date".to_owned(), now.to_string()),
        (
            "user".to_owned(),
            json!({ "id": user, "first_name": "Buyer" }).to_string(),
        ),
    ];
    let mut fields = Fields::from_pairs(pairs).unwrap();
    let hash = HmacValidator::new(TOKEN, Freshness::default()).sign(&fields);
    fields.set("hash", hash).unwrap();
    fields.to_query()
}

/// Creates the orders to pay, one per buyer: (order id, total in Stars, buyer), through the
/// checkout API.
async fn checkout_orders(client: &reqwest::Client, base: &str) -> Vec<(i64, i64, i64)> {
    let catalog: Value = client
        .get(format!("{base}/api/products"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let product = catalog["products"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["slug"] == "sticker-pack")
        .unwrap();
    let (id, price) = (
        product["variants"][0]["id"].as_i64().unwrap(),
        product["variants"][0]["price"]["minor"].as_i64().unwrap(),
    );
    let mut orders = Vec::with_capacity(ORDERS);
    for buyer in 5001..5001 + ORDERS as i64 {
        let answer: Value = client
            .post(format!("{base}/api/checkout"))
            .header("authorization", format!("tma {}", init_data(buyer)))
            .json(&json!({ "lines": [{ "variant_id": id, "quantity": 1 }] }))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        orders.push((
            answer["order_id"].as_i64().expect("checkout succeeds"),
            price,
            buyer,
        ));
    }
    orders
}

/// Pays each order as Telegram would; returns the pre-checkout answer latencies.
async fn pay_all(
    client: &reqwest::Client,
    base: &str,
    sender: usize,
    orders: Vec<(i64, i64, i64)>,
) -> Vec<Duration> {
    let mut latencies = Vec::with_capacity(orders.len());
    for (n, (order, amount, buyer)) in orders.into_iter().enumerate() {
        let from = json!({ "id": buyer, "is_bot": false, "first_name": "Buyer" });
        let update_id = 1_000_000 + (sender * 10_000 + n) as i64 * 2;
        let query = json!({ "update_id": update_id, "pre_checkout_query": { "id": format!("q{update_id}"),
            "from": from, "currency": "XTR", "total_amount": amount, "invoice_payload": format!("order:{order}") } });
        let started = Instant::now();
        deliver(client, base, &query).await;
        latencies.push(started.elapsed());
        let payment = json!({ "update_id": update_id + 1, "message": { "message_id": update_id, "date": 1,
            "from": from, "chat": { "id": buyer, "type": "private" },
            "successful_payment": { "currency": "XTR", "total_amount": amount, "invoice_payload": format!("order:{order}"),
                "telegram_payment_charge_id": format!("stxBENCH{update_id}"), "provider_payment_charge_id": "" } } });
        deliver(client, base, &payment).await;
    }
    latencies
}

async fn deliver(client: &reqwest::Client, base: &str, update: &Value) {
    let response = client
        .post(format!("{base}/telegram/webhook"))
        .header("X-Telegram-Bot-Api-Secret-Token", SECRET)
        .json(update)
        .send()
        .await
        .unwrap();
    assert!(
        response.status().is_success(),
        "the webhook answered {}",
        response.status()
    );
}
