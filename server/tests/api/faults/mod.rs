//! Faults a deployment must survive (issue #16, "Safe to deploy"), played against the real
//! `server` executable in processes of its own, in real-Telegram mode (a bot token, a webhook
//! secret, a public URL), with the project's fake Telegram serving as the Bot API on a port of
//! its own: a flash sale over two replicas on one database (`flash_sale`), and `kill -9` in the
//! middle of a stream of payments followed by a restart and Telegram's redelivery (`kill`).
//!
//! The test plays Telegram itself: it signs shoppers' initData with the bot token, builds the
//! `pre_checkout_query` and `successful_payment` updates of each order exactly as Telegram
//! would (the invoice's payload, currency and total; the buyer as `from`), and POSTs them to
//! `/telegram/webhook` with the secret token, redelivering whatever was not answered 200.

mod flash_sale;
mod kill;

use crate::helpers::shopper::{signed_init_data, Telegram};
use crate::helpers::{wait_until, TestServer};
use crate::process::free_port;
use serde_json::{json, Value};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// The bot's token: `<bot id>:<secret>`.
const TOKEN: &str = "424242:FAULTS-TEST-TOKEN-5f1c";
/// The webhook's secret token (Telegram's alphabet, at least 32 characters).
const SECRET: &str = "faults-webhook-secret-0123456789_abcdef";
/// The merchant: `ADMIN_USER_IDS`, told about every sale.
const MERCHANT: i64 = 9999;
/// The demo's Stars product (50 Stars, 1,000 in stock): no payment provider needed.
const PRODUCT: &str = "wallpaper-pack";

/// How long a test waits for a process to start.
const START_PATIENCE: Duration = Duration::from_secs(30);
/// How long a test waits for the outbox to be sent. Longer than the outbox's 30-second lease:
/// messages leased by a process that was killed are sent again only when the lease ran out.
const OUTBOX_PATIENCE: Duration = Duration::from_secs(60);

/// The `server` executable, running with a clean environment in a temporary directory; its
/// output goes to a log file there (a pipe nobody reads would fill and stall it).
struct ServerProcess {
    child: Arc<Mutex<Child>>,
    /// Requests to it, as to the in-process server.
    http: TestServer,
    dir: tempfile::TempDir,
}

impl ServerProcess {
    /// Starts a replica on `database_url` whose Bot API is `bot_api`, and waits until it is
    /// healthy.
    async fn start(database_url: &str, bot_api: &str) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let port = free_port();
        let log = std::fs::File::create(dir.path().join("server.log")).unwrap();
        let vars = [
            ("DATABASE_URL", database_url),
            ("LEPTOS_SITE_ADDR", &format!("127.0.0.1:{port}")),
            ("BOT_TOKEN", TOKEN),
            ("WEBHOOK_SECRET", SECRET),
            // Webhook mode; nothing calls this address.
            ("PUBLIC_URL", "https://shop.example.test"),
            ("TELEGRAM_API_URL", bot_api),
            ("ADMIN_USER_IDS", &MERCHANT.to_string()),
            ("RUST_LOG", "info,sqlx=warn"),
        ];
        let mut command = Command::new(env!("CARGO_BIN_EXE_server"));
        command
            .current_dir(dir.path())
            .env_clear()
            .stdout(Stdio::from(log.try_clone().unwrap()))
            .stderr(Stdio::from(log));
        for (name, value) in vars {
            command.env(name, value);
        }
        let child = Arc::new(Mutex::new(command.spawn().expect("the server binary starts")));
        let base_url = format!("http://127.0.0.1:{port}");
        let client = reqwest::Client::new();
        wait_until(START_PATIENCE, "the server process to be healthy", async || {
            if let Some(status) = child.lock().unwrap().try_wait().unwrap() {
                let log = std::fs::read_to_string(dir.path().join("server.log")).unwrap_or_default();
                panic!("the server exited with {status}: {log}");
            }
            match client.get(format!("{base_url}/healthz")).send().await {
                Ok(response) if response.status() == 200 => Ok(()),
                Ok(response) => Err(response.status().to_string()),
                Err(error) => Err(error.to_string()),
            }
        })
        .await;
        let http = TestServer::attach(base_url, database_url).await;
        ServerProcess { child, http, dir }
    }

    /// A handle that kills this process with SIGKILL, from anywhere.
    fn killer(&self) -> Killer {
        Killer(self.child.clone())
    }

    /// What the process printed so far.
    fn log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("server.log")).unwrap_or_default()
    }

    /// Stops the process (SIGKILL; these tests keep nothing of it but the database).
    async fn stop(self) {
        self.killer().kill9();
        self.http.db.close().await;
    }
}

impl Drop for ServerProcess {
    /// A failed test leaves no server running.
    fn drop(&mut self) {
        self.killer().kill9();
    }
}

/// `kill -9` of a server process, and waiting until it is gone.
#[derive(Clone)]
struct Killer(Arc<Mutex<Child>>);

impl Killer {
    fn kill9(&self) {
        let mut child = self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if child.try_wait().ok().flatten().is_none() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// An order a buyer checked out, as Telegram knows it from the invoice.
#[derive(Clone, Debug)]
struct Purchase {
    buyer: i64,
    order_id: i64,
    payload: String,
    currency: String,
    total: i64,
}

/// Checks out one unit of `variant` as `buyer`; the status and the answer.
async fn checkout(server: &TestServer, buyer: i64, variant: i64) -> (u16, Value) {
    let body = json!({ "lines": [{ "variant_id": variant, "quantity": 1 }] });
    let init_data = signed_init_data(TOKEN, buyer);
    server.post_json("/api/checkout", &body, Some(&init_data)).await
}

/// The purchase behind a successful checkout, read from the invoice the shop made at the fake
/// Bot API (`bot_api`): what Telegram's updates about it carry.
async fn purchase(server: &TestServer, bot_api: &str, buyer: i64, checkout: &Value) -> Purchase {
    let slug = crate::helpers::shopper::slug(checkout);
    let telegram = Telegram {
        server,
        base: bot_api.to_owned(),
    };
    let invoice = telegram.invoice(&slug).await;
    let total = invoice["prices"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["amount"].as_i64().unwrap())
        .sum();
    Purchase {
        buyer,
        order_id: checkout["order_id"].as_i64().unwrap(),
        payload: invoice["payload"].as_str().unwrap().to_owned(),
        currency: invoice["currency"].as_str().unwrap().to_owned(),
        total,
    }
}

fn user(id: i64) -> Value {
    json!({ "id": id, "is_bot": false, "first_name": "Buyer" })
}

/// The pre-checkout query for `purchase`, in update `update_id`.
fn pre_checkout(update_id: i64, purchase: &Purchase) -> Value {
    json!({ "update_id": update_id, "pre_checkout_query": {
        "id": format!("pcq{}", purchase.order_id), "from": user(purchase.buyer),
        "currency": purchase.currency, "total_amount": purchase.total,
        "invoice_payload": purchase.payload } })
}

/// The `successful_payment` message for `purchase`, in update `update_id`.
fn successful_payment(update_id: i64, purchase: &Purchase) -> Value {
    json!({ "update_id": update_id, "message": { "message_id": update_id, "date": 1_800_000_000,
        "from": user(purchase.buyer), "chat": { "id": purchase.buyer, "type": "private" },
        "successful_payment": { "currency": purchase.currency, "total_amount": purchase.total,
            "invoice_payload": purchase.payload,
            "telegram_payment_charge_id": format!("stxFAULTS{}", purchase.order_id),
            "provider_payment_charge_id": "" } } })
}

/// POSTs `update` to a server's webhook once, as Telegram does; the status, or `None` when no
/// answer came (the process is gone).
async fn deliver_once(server: &TestServer, update: &Value) -> Option<u16> {
    server.deliver_update(SECRET, update).await
}

/// Delivers `update` to `servers` until one answers 200, as Telegram redelivers (`pick` says
/// which replica the load balancer sends each attempt to); returns the attempts that were not
/// answered 200.
async fn deliver(servers: &[&TestServer], mut pick: impl FnMut() -> usize, update: &Value) -> u32 {
    let mut failed = 0;
    loop {
        if deliver_once(servers[pick() % servers.len()], update).await == Some(200) {
            return failed;
        }
        failed += 1;
        assert!(failed < 50, "the webhook kept refusing {update}");
        tokio::time::sleep(Duration::from_millis(20 * u64::from(failed.min(10)))).await;
    }
}

/// The database as the test reads it, on either engine.
struct Books(sqlx::AnyPool);

impl Books {
    async fn open(url: &str) -> Self {
        sqlx::any::install_default_drivers();
        let pool = sqlx::any::AnyPoolOptions::new()
            .max_connections(2)
            .connect(url)
            .await
            .unwrap();
        Books(pool)
    }

    async fn count(&self, sql: &str) -> i64 {
        let (n,): (i64,) = sqlx::query_as(sqlx::AssertSqlSafe(sql))
            .fetch_one(&self.0)
            .await
            .unwrap();
        n
    }

    async fn stock(&self, variant: i64) -> i64 {
        let (stock,): (i64,) = sqlx::query_as("SELECT stock FROM variants WHERE id = $1")
            .bind(variant)
            .fetch_one(&self.0)
            .await
            .unwrap();
        stock
    }

    /// Waits until every queued bot message is marked sent: from then on the fake Telegram's
    /// chats hold all they will ever get.
    async fn wait_for_the_outbox(&self) {
        wait_until(
            OUTBOX_PATIENCE,
            "the outbox to send all it holds",
            async || match self
                .count("SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL")
                .await
            {
                0 => Ok(()),
                left => Err(left),
            },
        )
        .await;
    }

    /// Checks the books after `purchases` were paid (and nothing else was): each order paid
    /// once, one ledger row per charge, one receipt queued per buyer and one sale notice.
    async fn assert_paid_once(&self, purchases: &[Purchase]) {
        let paid = purchases.len() as i64;
        assert_eq!(
            self.count("SELECT COUNT(*) FROM orders WHERE status = 'paid'")
                .await,
            paid,
            "every paid order, none other"
        );
        for sql in [
            "SELECT COUNT(*) FROM payments WHERE kind = 'charge'",
            "SELECT COUNT(DISTINCT telegram_charge_id) FROM payments WHERE kind = 'charge'",
            "SELECT COUNT(DISTINCT order_id) FROM payments WHERE kind = 'charge'",
        ] {
            assert_eq!(self.count(sql).await, paid, "one ledger row per charge: {sql}");
        }
        assert_eq!(
            self.count("SELECT COUNT(*) FROM outbox").await,
            2 * paid,
            "a receipt and a sale notice queued per payment"
        );
    }
}

/// Chats at the fake Telegram that got other than exactly one message each: (chat, count).
fn not_exactly_one(
    telegram: &server::simulator::telegram::FakeTelegram,
    purchases: &[Purchase],
) -> Vec<(i64, usize)> {
    purchases
        .iter()
        .map(|p| (p.buyer, telegram.messages(p.buyer).len()))
        .filter(|(_, n)| *n != 1)
        .collect()
}
