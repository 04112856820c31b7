//! Payment throughput, measured the way Telegram loads the shop: the `server` binary as its
//! own process (bot mode against the project's fake Bot API, served by this bench), its
//! webhook fed with pre_checkout_query and successful_payment updates by 16 concurrent
//! senders, each answer sent to the fake Bot API before the webhook says 200. On SQLite (a
//! file in WAL mode, synchronous=FULL) and on PostgreSQL (synchronous_commit=on, the
//! default; `BENCH_POSTGRES_URL` or `TEST_POSTGRES_URL`, else the machine's local server; a
//! database of its own, dropped after).
//!
//! Reported beside each engine's own baseline from the same run: single-row INSERT
//! transactions per second, one after another, with the same durability — and the ratio.
//! Also the server's peak memory (VmHWM) over the whole run: the catalog load, 400
//! checkouts and the 800 updates.
//!
//! Lines starting `FIGURE|` are for `scripts/bench.sh`'s table:
//! `FIGURE|what|figure|baseline or peer|ratio|target`.
//!
//! Run: `cargo bench -p server --bench payments` (a report, not a pass/fail test).

use serde_json::{json, Value};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const ORDERS: usize = 400;
const SENDERS: usize = 16;
const SECRET: &str = "bench-webhook-secret-0123456789abcdef";

#[tokio::main]
async fn main() {
    let dir = tempfile::tempdir().unwrap();
    let sqlite_baseline = sqlite_commits_per_second(&dir.path().join("baseline.db")).await;
    let sqlite = format!("sqlite://{}", dir.path().join("shop.db").display());
    let run = measure("SQLite WAL + synchronous=FULL", &sqlite).await;
    run.report("SQLite", sqlite_baseline);

    let admin = std::env::var("BENCH_POSTGRES_URL")
        .or_else(|_| std::env::var("TEST_POSTGRES_URL"))
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into());
    let name = format!("payments_bench_{}", std::process::id());
    let Some(postgres) = fresh_postgres(&admin, &name).await else {
        println!("  PostgreSQL at {admin} is not reachable: its figures are skipped");
        return;
    };
    let postgres_baseline = postgres_commits_per_second(&postgres).await;
    let run = measure("PostgreSQL synchronous_commit=on", &postgres).await;
    run.report("PostgreSQL", postgres_baseline);
    drop_postgres(&admin, &name).await;
}

/// What one engine's run measured.
struct Run {
    orders_per_second: f64,
    /// Pre-checkout answer times, sorted.
    pre_checkout: Vec<Duration>,
    /// The server's peak resident memory, KiB.
    peak_rss_kib: u64,
}

impl Run {
    fn report(&self, engine: &str, baseline: f64) {
        let at = |q: f64| {
            let all = &self.pre_checkout;
            ms(all[((all.len() as f64 * q) as usize).min(all.len() - 1)])
        };
        let (p50, p99, max) = (at(0.50), at(0.99), ms(*self.pre_checkout.last().unwrap()));
        let ratio = self.orders_per_second / baseline;
        println!("  baseline: single-row transactions, one at a time {baseline:>8.0} /s");
        println!(
            "  paid orders through the webhook                  {:>8.0} /s",
            self.orders_per_second
        );
        println!("  ratio                                            {ratio:>8.2} ×");
        println!("  pre-checkout answer p50 / p99 / max              {p50:.1} / {p99:.1} / {max:.1} ms");
        println!(
            "  server peak memory (VmHWM)                       {:>8.1} MB",
            self.peak_rss_kib as f64 / 1024.0
        );
        println!(
            "FIGURE|paid orders/s, {engine} ({SENDERS} senders)|{:.0} /s|{baseline:.0} single-row commits/s|{ratio:.2}×|≥ 1.0×",
            self.orders_per_second
        );
        println!("FIGURE|pre-checkout p99 / max, {engine}|{p99:.1} / {max:.1} ms|p50 {p50:.1} ms|–|p99 ≤ 50 ms, max ≤ 200 ms");
        println!(
            "FIGURE|server peak RSS, {engine} run|{:.1} MB|–|–|≤ 64 MB",
            self.peak_rss_kib as f64 / 1024.0
        );
    }
}

/// Starts the shop on `database_url`, checks out [`ORDERS`] orders and pays them all through
/// the webhook.
async fn measure(title: &str, database_url: &str) -> Run {
    println!("payments benchmark ({ORDERS} orders, {SENDERS} concurrent webhook senders, {title})");
    let (mut shop, base) = start_shop(database_url).await;
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
    let peak_rss_kib = peak_rss_kib(shop.id());
    shop.kill().unwrap();
    let _ = shop.wait();
    Run {
        orders_per_second: ORDERS as f64 / elapsed.as_secs_f64(),
        pre_checkout,
        peak_rss_kib,
    }
}

/// The process's peak resident set (`VmHWM` in /proc), KiB.
fn peak_rss_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|kib| kib.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// A new, empty database `name` on the PostgreSQL server of `admin`; its URL.
async fn fresh_postgres(admin: &str, name: &str) -> Option<String> {
    use sqlx::{Connection, Executor};
    let mut conn = sqlx::PgConnection::connect(admin).await.ok()?;
    conn.execute(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .await
        .ok()?;
    let (root, _) = admin.rsplit_once('/')?;
    Some(format!("{root}/{name}"))
}

async fn drop_postgres(admin: &str, name: &str) {
    use sqlx::{Connection, Executor};
    if let Ok(mut conn) = sqlx::PgConnection::connect(admin).await {
        let _ = conn
            .execute(sqlx::AssertSqlSafe(format!(
                "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
            )))
            .await;
    }
}

/// The raw rate of one-row INSERT transactions, one after another, on PostgreSQL.
async fn postgres_commits_per_second(url: &str) -> f64 {
    commits_per_second(
        url,
        &["CREATE TABLE bench_baseline (id BIGSERIAL PRIMARY KEY, v BIGINT NOT NULL)"],
    )
    .await
}

/// The raw rate of one-row INSERT transactions on a SQLite file set up as the shop's.
async fn sqlite_commits_per_second(path: &std::path::Path) -> f64 {
    let url = format!("sqlite://{}?mode=rwc", path.display());
    let setup = [
        "PRAGMA journal_mode = WAL",
        "PRAGMA synchronous = FULL",
        "CREATE TABLE bench_baseline (id INTEGER PRIMARY KEY, v BIGINT NOT NULL)",
    ];
    commits_per_second(&url, &setup).await
}

/// The rate of one-row INSERT transactions into `bench_baseline`, one after another, on the
/// database at `url` once `setup` ran there; the table is dropped after.
async fn commits_per_second(url: &str, setup: &[&'static str]) -> f64 {
    use sqlx::{Connection, Executor};
    sqlx::any::install_default_drivers();
    let mut conn = sqlx::AnyConnection::connect(url).await.unwrap();
    for statement in setup {
        conn.execute(*statement).await.unwrap();
    }
    let count = 2000;
    let started = Instant::now();
    for v in 0..count {
        let mut tx = conn.begin().await.unwrap();
        sqlx::query("INSERT INTO bench_baseline (v) VALUES ($1)")
            .bind(i64::from(v))
            .execute(&mut *tx)
            .await
            .unwrap();
        tx.commit().await.unwrap();
    }
    let rate = f64::from(count) / started.elapsed().as_secs_f64();
    conn.execute("DROP TABLE bench_baseline").await.unwrap();
    rate
}

/// The bot's token: the shop runs as a real bot against the project's fake Telegram on a port
/// of its own, so the bench signs initData for as many buyers as it needs (a buyer holds one
/// awaiting order).
const TOKEN: &str = "777002:PAYMENTS-BENCH-TOKEN";

/// The `server` binary on a free port with `database_url`, its Bot API the fake one this
/// bench serves; the process and its base URL once it answers.
async fn start_shop(database_url: &str) -> (Child, String) {
    let telegram = server::simulator::telegram::FakeTelegram::new(TOKEN);
    let fake = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let api = format!("http://{}/tg", fake.local_addr().unwrap());
    let app = axum::Router::new().nest("/tg", telegram.router());
    tokio::spawn(async move { axum::serve(fake, app).await.unwrap() });
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut shop = Command::new(env!("CARGO_BIN_EXE_server"))
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("RUST_LOG", "warn")
        .env("LEPTOS_OUTPUT_NAME", "shop")
        .env("DATABASE_URL", database_url)
        .env("WEBHOOK_SECRET", SECRET)
        .env("BOT_TOKEN", TOKEN)
        .env("TELEGRAM_API_URL", &api)
        .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
        // What is measured is payments, not the per-buyer checkout limit.
        .env("RATE_LIMIT_CHECKOUT", "1000000/1s")
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("the server binary starts");
    let base = format!("http://127.0.0.1:{port}");
    for _ in 0..500 {
        if reqwest::get(format!("{base}/healthz"))
            .await
            .is_ok_and(|r| r.status().is_success())
        {
            return (shop, base);
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let _ = shop.kill();
    let _ = shop.wait();
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
