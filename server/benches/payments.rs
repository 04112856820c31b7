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
    let chunks: Vec<Vec<(i64, i64)>> = orders
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

/// The shop in sandbox mode on a free port; its base URL once the webhook is registered.
async fn start_shop(db: &std::path::Path) -> String {
    let url = format!("sqlite://{}", db.display());
    let vars = [
        ("DATABASE_URL", url.as_str()),
        ("WEBHOOK_SECRET", SECRET),
        ("SANDBOX", "1"),
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
        let info: Value = reqwest::get(format!("{base}/simulator/telegram/webhook"))
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        if info["url"].as_str().is_some_and(|u| !u.is_empty()) {
            return base;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    panic!("the shop never registered its webhook");
}

/// Creates the orders to pay: (order id, total in Stars), through the checkout API.
async fn checkout_orders(client: &reqwest::Client, base: &str) -> Vec<(i64, i64)> {
    let launch: Value = client
        .get(format!("{base}/simulator/launch?user=1001"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let fragment = launch["url"]
        .as_str()
        .unwrap()
        .split_once('#')
        .unwrap()
        .1
        .to_owned();
    let init_data = form_urlencoded::parse(fragment.as_bytes())
        .find(|(k, _)| k == "tgWebAppData")
        .unwrap()
        .1
        .into_owned();
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
    for _ in 0..ORDERS {
        let answer: Value = client
            .post(format!("{base}/api/checkout"))
            .header("authorization", format!("tma {init_data}"))
            .json(&json!({ "lines": [{ "variant_id": id, "quantity": 1 }] }))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        orders.push((answer["order_id"].as_i64().expect("checkout succeeds"), price));
    }
    orders
}

/// Pays each order as Telegram would; returns the pre-checkout answer latencies.
async fn pay_all(
    client: &reqwest::Client,
    base: &str,
    sender: usize,
    orders: Vec<(i64, i64)>,
) -> Vec<Duration> {
    let from = json!({ "id": 1001, "is_bot": false, "first_name": "Ada" });
    let mut latencies = Vec::with_capacity(orders.len());
    for (n, (order, amount)) in orders.into_iter().enumerate() {
        let update_id = 1_000_000 + (sender * 10_000 + n) as i64 * 2;
        let query = json!({ "update_id": update_id, "pre_checkout_query": { "id": format!("q{update_id}"),
            "from": from, "currency": "XTR", "total_amount": amount, "invoice_payload": format!("order:{order}") } });
        let started = Instant::now();
        deliver(client, base, &query).await;
        latencies.push(started.elapsed());
        let payment = json!({ "update_id": update_id + 1, "message": { "message_id": update_id, "date": 1,
            "from": from, "chat": { "id": 1001, "type": "private" },
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
