//! Several replicas of the shop on one PostgreSQL database, as a deployment behind a load
//! balancer runs them: an update delivered to both is handled once, only one replica long-polls
//! Telegram at a time and another takes over when it dies, and a merchant's session opened on
//! one replica works on the other. Also the polling lease itself on both engines, and what the
//! shop does while its database is away.

use crate::helpers::merchant::CAMILLE;
use crate::helpers::shopper::{signed_init_data, ADA, WEI};
use crate::helpers::{postgres_admin_url, wait_until, FreshDb, TestServer, PATIENCE};
use crate::on_both_engines;
use axum::extract::Request;
use axum::middleware::Next;
use futures::future::join_all;
use serde_json::{json, Value};
use server::simulator::telegram::FakeTelegram;
use sqlx::{Connection, Executor};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// One bot for every replica, as in production.
const TOKEN: &str = "777001:REPLICAS-TEST-TOKEN";
const SECRET: &str = "replicas-webhook-secret-0123456789abcdef";
/// Long enough for a dead poller's lease (10 s) to run out and the standby to ask again.
const TAKEOVER: Duration = Duration::from_secs(30);

/// The fake Telegram all replicas talk to, each through its own door (`/r0`, `/r1`, …) that
/// counts the getUpdates calls coming through it.
struct Telegram {
    fake: FakeTelegram,
    base: String,
    polls: Vec<Arc<AtomicUsize>>,
}

impl Telegram {
    async fn start(doors: usize) -> Self {
        let fake = FakeTelegram::new(TOKEN);
        let polls: Vec<_> = (0..doors).map(|_| Arc::new(AtomicUsize::new(0))).collect();
        let mut app = axum::Router::new();
        for (door, count) in polls.iter().enumerate() {
            let count = count.clone();
            let counted =
                fake.router()
                    .layer(axum::middleware::from_fn(move |request: Request, next: Next| {
                        if request.uri().path().ends_with("/getUpdates") {
                            count.fetch_add(1, Ordering::SeqCst);
                        }
                        next.run(request)
                    }));
            app = app.nest(&format!("/r{door}"), counted);
        }
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        Telegram { fake, base, polls }
    }

    fn polls(&self, door: usize) -> usize {
        self.polls[door].load(Ordering::SeqCst)
    }

    /// A replica of the shop on `fresh`, talking to Telegram through `door`.
    async fn replica(&self, fresh: &FreshDb, door: usize) -> TestServer {
        let api = format!("{}/r{door}", self.base);
        let vars = [
            ("BOT_TOKEN", TOKEN),
            ("TELEGRAM_API_URL", api.as_str()),
            ("WEBHOOK_SECRET", SECRET),
            ("ADMIN_USER_IDS", "1003"),
        ];
        TestServer::start_with(&fresh.url, &vars).await
    }
}

async fn deliver(server: &TestServer, update: &Value) -> u16 {
    server.deliver_update(SECRET, update).await.unwrap_or(0)
}

/// Waits until chat `chat_id` got `count` messages from the bot (through any replica).
async fn wait_for_messages(telegram: &Telegram, chat_id: i64, count: usize) -> Vec<Value> {
    wait_until(PATIENCE, &format!("{count} messages to {chat_id}"), async || {
        let messages = telegram.fake.messages(chat_id);
        if messages.len() >= count {
            Ok(messages)
        } else {
            Err(messages)
        }
    })
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_one_replica_polls_and_another_takes_over_when_it_dies() {
    let fresh = FreshDb::postgres().await;
    let telegram = Telegram::start(2).await;
    let first = telegram.replica(&fresh, 0).await;
    wait_until(PATIENCE, "the first replica to poll", async || {
        match telegram.polls(0) {
            0 => Err(0),
            n => Ok(n),
        }
    })
    .await;
    let second = telegram.replica(&fresh, 1).await;
    // The second replica asks for the lease every 2 s; give it several chances while the first
    // polls on (each poll waits up to 3 s).
    let from = telegram.polls(0);
    wait_until(
        TAKEOVER,
        "the first replica to poll 4 more times",
        async || match telegram.polls(0) - from {
            n if n >= 4 => Ok(()),
            n => Err(n),
        },
    )
    .await;
    assert_eq!(telegram.polls(1), 0, "the standby does not call getUpdates");
    telegram.fake.queue_message(ADA, "/start").await;
    wait_for_messages(&telegram, ADA, 1).await;

    first.stop().await;
    wait_until(
        TAKEOVER,
        "the second replica to take over",
        async || match telegram.polls(1) {
            0 => Err(0),
            n => Ok(n),
        },
    )
    .await;
    telegram.fake.queue_message(WEI, "/start").await;
    wait_for_messages(&telegram, WEI, 1).await;
    second.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_update_delivered_to_every_replica_at_once_is_handled_once() {
    let fresh = FreshDb::postgres().await;
    let telegram = Telegram::start(2).await;
    let replicas = [
        telegram.replica(&fresh, 0).await,
        telegram.replica(&fresh, 1).await,
    ];
    let ada = signed_init_data(TOKEN, ADA);
    let (status, checkout) = replicas[0].checkout(&ada, "sticker-pack", 1).await;
    assert_eq!(status, 200, "{checkout}");
    let order_id = checkout["order_id"].as_i64().unwrap();
    let paid = json!({ "update_id": 5_000_000, "message": { "message_id": 1, "date": 1,
        "from": { "id": ADA, "is_bot": false, "first_name": "Ada" }, "chat": { "id": ADA, "type": "private" },
        "successful_payment": { "currency": "XTR", "total_amount": 120, "invoice_payload": format!("order:{order_id}"),
            "telegram_payment_charge_id": "stxREPLICAS", "provider_payment_charge_id": "" } } });
    let deliveries = (0..20).map(|i| deliver(&replicas[i % 2], &paid));
    let statuses = join_all(deliveries).await;
    assert!(statuses.iter().all(|s| *s == 200), "{statuses:?}");
    assert_eq!(replicas[1].order(&ada, order_id).await["status"], "paid");
    wait_for_messages(&telegram, ADA, 1).await;

    let mut db = sqlx::PgConnection::connect(&fresh.url).await.unwrap();
    let count = async |db: &mut sqlx::PgConnection, sql: &'static str| -> i64 {
        let (n,): (i64,) = sqlx::query_as(sql).fetch_one(db).await.unwrap();
        n
    };
    assert_eq!(count(&mut db, "SELECT COUNT(*) FROM telegram_updates").await, 1);
    let charges = "SELECT COUNT(*) FROM payments WHERE kind = 'charge'";
    assert_eq!(count(&mut db, charges).await, 1);
    let receipts = "SELECT COUNT(*) FROM outbox WHERE chat_id = 1001 AND request NOT LIKE '%\"delivery\"%'";
    assert_eq!(count(&mut db, receipts).await, 1, "one receipt queued");
    wait_until(PATIENCE, "the outbox to send all it holds", async || {
        let unsent = "SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL";
        match count(&mut db, unsent).await {
            0 => Ok(()),
            left => Err(left),
        }
    })
    .await;
    // The receipt and the sticker pack's link.
    assert_eq!(telegram.fake.messages(ADA).len(), 2, "sent once, by one replica");
    for replica in replicas {
        replica.stop().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_session_opened_on_one_replica_works_on_the_other() {
    let fresh = FreshDb::postgres().await;
    let telegram = Telegram::start(2).await;
    let replicas = [
        telegram.replica(&fresh, 0).await,
        telegram.replica(&fresh, 1).await,
    ];
    telegram.fake.queue_message(CAMILLE, "/admin").await;
    let menu = &wait_for_messages(&telegram, CAMILLE, 1).await[0];
    let link = menu["reply_markup"]["inline_keyboard"][1][0]["url"]
        .as_str()
        .unwrap();
    let token = link.split_once("token=").unwrap().1;

    let browser = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let form = form_urlencoded::Serializer::new(String::new())
        .append_pair("token", token)
        .finish();
    let signed_in = browser
        .post(format!("{}/admin/login", replicas[0].base_url))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(form)
        .send()
        .await
        .unwrap();
    assert_eq!(signed_in.status(), 303, "the link signs in on the first replica");
    let set_cookie = signed_in.headers()["set-cookie"].to_str().unwrap();
    let cookie = set_cookie.split(';').next().unwrap().to_owned();
    for replica in &replicas {
        let orders = browser
            .get(format!("{}/api/admin/orders", replica.base_url))
            .header("cookie", &cookie)
            .send()
            .await
            .unwrap();
        assert_eq!(orders.status(), 200, "the session works on {}", replica.base_url);
    }
    for replica in replicas {
        replica.stop().await;
    }
}

on_both_engines!(
    the_polling_lease,
    one_holder_at_a_time_holds_the_polling_lease_on_sqlite,
    one_holder_at_a_time_holds_the_polling_lease_on_postgres
);

async fn the_polling_lease(fresh: &FreshDb) {
    let db = server::storage::Db::connect(&fresh.url).await.unwrap();
    let name = server::telegram::bot::POLLING_LEASE;
    let attempts = (0..8).map(|i| {
        let db = db.clone();
        async move {
            db.take_lease(name, &format!("replica-{i}"), 1_000, 11_000)
                .await
                .unwrap()
        }
    });
    let taken = join_all(attempts).await;
    assert_eq!(taken.iter().filter(|t| **t).count(), 1, "{taken:?}");
    let holder = db.lease_holder(name, 1_000).await.unwrap().unwrap();
    assert!(
        db.take_lease(name, &holder, 5_000, 15_000).await.unwrap(),
        "renewed"
    );
    assert!(
        !db.take_lease(name, "other", 14_999, 25_000).await.unwrap(),
        "still held"
    );
    assert!(
        db.take_lease(name, "other", 15_000, 25_000).await.unwrap(),
        "ran out: taken over"
    );
    assert!(
        !db.take_lease(name, &holder, 16_000, 26_000).await.unwrap(),
        "the old holder lost it"
    );
    db.release_lease(name, "other").await.unwrap();
    assert_eq!(db.lease_holder(name, 16_000).await.unwrap(), None);
    db.close().await;
}

/// What the shop does while its database is away: the payment answers 503, so Telegram
/// delivers it again; `/healthz` says so; and when the database is back, the shop finds it
/// by itself and the redelivery is recorded. `away` takes the database away and returns what
/// brings it back.
async fn while_the_database_is_away<Away, Back>(fresh: &FreshDb, away: Away)
where
    Away: AsyncFnOnce() -> Back,
    Back: AsyncFnOnce(),
{
    let vars = [("WEBHOOK_SECRET", SECRET)];
    let server = TestServer::start_with(&fresh.url, &vars).await;
    server.wait_for_webhook().await;
    let ada = server.launch(ADA).await;
    let (status, checkout) = server.checkout(&ada, "sticker-pack", 1).await;
    assert_eq!(status, 200, "{checkout}");
    let order_id = checkout["order_id"].as_i64().unwrap();
    let paid = json!({ "update_id": 6_000_000, "message": { "message_id": 1, "date": 1,
        "from": { "id": ADA, "is_bot": false, "first_name": "Ada" }, "chat": { "id": ADA, "type": "private" },
        "successful_payment": { "currency": "XTR", "total_amount": 120, "invoice_payload": format!("order:{order_id}"),
            "telegram_payment_charge_id": "stxOUTAGE", "provider_payment_charge_id": "" } } });

    let back = away().await;
    assert_eq!(
        deliver(&server, &paid).await,
        503,
        "Telegram is to deliver it again"
    );
    let health = server.get("/healthz").await;
    assert_eq!(health.status(), 503);
    let body: Value = health.json().await.unwrap();
    assert_eq!(body["database"], "error", "{body}");

    back().await;
    wait_until(
        TAKEOVER,
        "the shop to find its database again",
        async || match server.get("/healthz").await.status().as_u16() {
            200 => Ok(()),
            other => Err(other),
        },
    )
    .await;
    assert_eq!(deliver(&server, &paid).await, 200, "the redelivery is recorded");
    assert_eq!(server.order(&ada, order_id).await["status"], "paid");
    server.stop().await;
}

/// PostgreSQL refuses connections and drops the ones it has, as during a restart or failover.
#[tokio::test]
async fn while_postgres_is_away_the_webhook_and_health_say_so_and_the_shop_recovers() {
    let fresh = FreshDb::postgres().await;
    let name = fresh.postgres_name().unwrap().to_owned();
    while_the_database_is_away(&fresh, async || {
        let mut admin = sqlx::PgConnection::connect(&postgres_admin_url()).await.unwrap();
        let allow = |yes: bool| format!("ALTER DATABASE {name} ALLOW_CONNECTIONS {yes}");
        admin.execute(sqlx::AssertSqlSafe(allow(false))).await.unwrap();
        let kill = format!("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}'");
        admin.execute(sqlx::AssertSqlSafe(kill)).await.unwrap();
        async move || {
            admin.execute(sqlx::AssertSqlSafe(allow(true))).await.unwrap();
        }
    })
    .await;
}

/// Another process holds the SQLite file's write lock (a backup tool, an operator's `sqlite3`
/// shell left in a transaction): reads still work in WAL mode, but nothing can be recorded.
#[tokio::test]
async fn while_sqlite_is_locked_by_another_process_the_webhook_and_health_say_so_and_the_shop_recovers() {
    let fresh = FreshDb::sqlite();
    let url = fresh.url.clone();
    while_the_database_is_away(&fresh, async || {
        let mut other = sqlx::SqliteConnection::connect(&url).await.unwrap();
        other.execute("BEGIN EXCLUSIVE").await.unwrap();
        async move || {
            other.execute("ROLLBACK").await.unwrap();
            other.close().await.unwrap();
        }
    })
    .await;
}
