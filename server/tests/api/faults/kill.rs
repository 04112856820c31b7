//! `kill -9` of the shop in the middle of a stream of payments, then a restart on the same
//! database and Telegram's redelivery of every update that was not answered 200 (and of some
//! that were): nothing is lost and nothing doubled — every order paid once, one ledger row per
//! charge, every queued message sent.
//!
//! The kill comes when half the payments were answered, with webhook requests in flight and
//! the outbox in the middle of sending: the fake Telegram has taken a bot message and not yet
//! answered (see [`Trap`]). Telegram has that message, the shop never learns it, and it is sent
//! again after the restart — the outbox delivers at least once, and a crash in that window costs
//! exactly that one duplicate (the Bot API has no idempotency key to prevent it). Every other
//! message, those the dead process had leased but not sent included, is sent exactly once.

use super::{
    checkout, deliver, deliver_once, pre_checkout, purchase, successful_payment, Books, Killer, Purchase,
    ServerProcess, MERCHANT, PRODUCT, TOKEN,
};
use crate::helpers::shopper::serve_bot_api;
use crate::helpers::{wait_until, FreshDb, TestServer};
use axum::body::Body;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use futures::stream::{self, StreamExt};
use serde_json::Value;
use server::simulator::telegram::FakeTelegram;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::Notify;

const BUYERS: i64 = 200;
const FIRST_BUYER: i64 = 700_001;
const IN_FLIGHT: usize = 50;
/// The bot message the fake Telegram holds: it takes it, and answers only once the shop is
/// dead (of 400: a receipt and a sale notice per payment). The first, so that it is surely held
/// when the kill comes and the kill cuts the webhook requests in flight: the outbox sends more
/// slowly than the webhook takes payments.
const HELD_MESSAGE: usize = 1;
/// The shop is killed when this many payments were answered 200 (of 200), while the message
/// is held.
const KILL_AFTER_PAYMENTS: usize = 100;

/// The trap the test and its fake Telegram set: the fake takes the [`HELD_MESSAGE`]th bot
/// message and holds its answer; the stream of payments kills the shop once
/// [`KILL_AFTER_PAYMENTS`] were answered and the message is held, and sends nothing more until
/// it is dead. Telegram has the message; the shop never learns it.
#[derive(Clone, Default)]
struct Trap {
    victim: Arc<Mutex<Option<Killer>>>,
    messages: Arc<AtomicUsize>,
    /// The sendMessage parameters of the message held.
    held: Arc<Mutex<Option<Value>>>,
    paid: Arc<AtomicUsize>,
    killed: Arc<AtomicBool>,
    dead: Arc<Notify>,
    /// Deliveries sent while the shop lived that got no answer: in flight when it died.
    in_flight: Arc<AtomicUsize>,
}

impl Trap {
    /// Delivers `update` once; counts it when it was in flight as the shop died.
    async fn deliver(&self, server: &TestServer, update: &Value) -> Option<u16> {
        let alive = !self.killed.load(Ordering::SeqCst);
        let answer = deliver_once(server, update).await;
        if alive && answer.is_none() {
            self.in_flight.fetch_add(1, Ordering::SeqCst);
        }
        answer
    }

    /// Kills the shop once the message is held.
    async fn spring(&self) {
        wait_until(
            Duration::from_secs(30),
            "the fake Telegram to hold a message",
            async || match self.held.lock().unwrap().is_some() {
                true => Ok(()),
                false => Err(self.messages.load(Ordering::SeqCst)),
            },
        )
        .await;
        let victim = self.victim.lock().unwrap().take().expect("a shop to kill");
        victim.kill9();
        self.killed.store(true, Ordering::SeqCst);
        self.dead.notify_one();
    }

    /// Before each delivery: once the shop is to be killed, nothing is sent until it is dead.
    async fn gate(&self) {
        if self.paid.load(Ordering::SeqCst) >= KILL_AFTER_PAYMENTS {
            wait_until(
                Duration::from_secs(30),
                "the shop to be killed",
                async || match self.killed.load(Ordering::SeqCst) {
                    true => Ok(()),
                    false => Err(()),
                },
            )
            .await;
        }
    }
}

/// The fake Telegram's side of the trap, around its Bot API.
async fn hold_a_message(State(trap): State<Trap>, request: Request, next: Next) -> Response {
    if !request.uri().path().ends_with("/sendMessage")
        || trap.messages.fetch_add(1, Ordering::SeqCst) + 1 != HELD_MESSAGE
    {
        return next.run(request).await;
    }
    let (parts, body) = request.into_parts();
    let bytes = axum::body::to_bytes(body, usize::MAX).await.unwrap();
    let params: Value = serde_json::from_slice(&bytes).unwrap_or_default();
    let answer = next.run(Request::from_parts(parts, Body::from(bytes))).await;
    *trap.held.lock().unwrap() = Some(params);
    trap.dead.notified().await;
    answer
}

/// What became of one buyer's updates in the stream: the answers, `None` when none came or
/// the update was never sent.
struct Streamed {
    purchase: Purchase,
    query: Option<u16>,
    payment: Option<u16>,
}

async fn killed_mid_stream(db: &FreshDb) {
    let started = std::time::Instant::now();
    let telegram = FakeTelegram::new(TOKEN);
    let trap = Trap::default();
    let router = telegram
        .router()
        .layer(axum::middleware::from_fn_with_state(trap.clone(), hold_a_message));
    let bot_api = serve_bot_api(router).await;
    let victim = ServerProcess::start(&db.url, &bot_api).await;
    let books = Books::open(&db.url).await;
    let (variant, stock) = victim.http.product(PRODUCT).await;
    let purchases = checkouts(&victim.http, &bot_api, variant).await;
    *trap.victim.lock().unwrap() = Some(victim.killer());

    let streamed = stream_payments(&victim.http, &purchases, &trap).await;
    assert!(
        trap.killed.load(Ordering::SeqCst),
        "the shop was killed mid-stream"
    );
    let unanswered = streamed
        .iter()
        .map(|s| usize::from(s.query != Some(200)) + usize::from(s.payment != Some(200)))
        .sum::<usize>();
    let victim_log = victim.log();
    victim.stop().await;

    let restarted = ServerProcess::start(&db.url, &bot_api).await;
    redeliver(&restarted.http, &streamed).await;
    books.wait_for_the_outbox().await;
    books.assert_paid_once(&purchases).await;
    assert_eq!(
        books.stock(variant).await,
        stock - BUYERS,
        "each order's unit sold once"
    );

    assert!(unanswered > 0, "the shop died before the stream ended");
    let held = trap.held.lock().unwrap().clone().unwrap();
    let twice = held["chat_id"].as_i64().unwrap();
    let mut chats: Vec<(i64, usize)> = purchases.iter().map(|p| (p.buyer, 1)).collect();
    chats.push((MERCHANT, BUYERS as usize));
    for (chat, once) in chats {
        let messages = telegram.messages(chat);
        let expected = once + usize::from(chat == twice);
        assert_eq!(
            messages.len(),
            expected,
            "chat {chat} (the one sent twice: {twice})"
        );
    }
    let copies = telegram
        .messages(twice)
        .into_iter()
        .filter(|m| m["text"] == held["text"])
        .count();
    assert_eq!(
        copies, 2,
        "the message Telegram had when the shop died is the one sent again"
    );
    for purchase in &purchases {
        let paid = format!("Order #{} is paid", purchase.order_id);
        let receipt = &telegram.messages(purchase.buyer)[0];
        assert!(receipt["text"].as_str().unwrap().contains(&paid), "{receipt}");
    }
    assert!(
        !victim_log.contains("panicked"),
        "the killed process had not failed before: {victim_log}"
    );
    eprintln!(
        "kill -9 on {}: {unanswered} of {} deliveries unanswered ({} of them in flight) when the shop \
         died, redelivered; \
         the message in flight ({}) sent twice, all {} others once; {:.1} s",
        db.postgres_name().map_or("SQLite", |_| "PostgreSQL"),
        2 * BUYERS,
        trap.in_flight.load(Ordering::SeqCst),
        if twice == MERCHANT {
            "a sale notice"
        } else {
            "a receipt"
        },
        2 * BUYERS - 1,
        started.elapsed().as_secs_f64()
    );
    restarted.stop().await;
}

/// Every buyer checks out one unit; all get an order.
async fn checkouts(server: &TestServer, bot_api: &str, variant: i64) -> Vec<Purchase> {
    let answers: Vec<(i64, u16, Value)> = stream::iter(FIRST_BUYER..FIRST_BUYER + BUYERS)
        .map(|buyer| async move {
            let (status, body) = checkout(server, buyer, variant).await;
            (buyer, status, body)
        })
        .buffer_unordered(IN_FLIGHT)
        .collect()
        .await;
    let mut purchases = Vec::new();
    for (buyer, status, body) in &answers {
        assert_eq!(*status, 200, "{body}");
        purchases.push(purchase(server, bot_api, *buyer, body).await);
    }
    purchases
}

/// Update ids: the pre-checkout query's and the payment's of a purchase.
fn update_ids(purchase: &Purchase) -> (i64, i64) {
    (2 * purchase.order_id, 2 * purchase.order_id + 1)
}

/// Each buyer's pre-checkout query, then (once it was accepted) the payment, delivered once
/// each, many buyers at a time; the shop is killed on the way (see [`Trap`]).
async fn stream_payments(server: &TestServer, purchases: &[Purchase], trap: &Trap) -> Vec<Streamed> {
    stream::iter(purchases.iter().cloned())
        .map(|purchase| async move {
            let (query_id, payment_id) = update_ids(&purchase);
            trap.gate().await;
            let query = trap.deliver(server, &pre_checkout(query_id, &purchase)).await;
            let payment = match query {
                Some(200) => {
                    trap.gate().await;
                    let answer = trap
                        .deliver(server, &successful_payment(payment_id, &purchase))
                        .await;
                    if answer == Some(200)
                        && trap.paid.fetch_add(1, Ordering::SeqCst) + 1 == KILL_AFTER_PAYMENTS
                    {
                        trap.spring().await;
                    }
                    answer
                }
                _ => None,
            };
            Streamed {
                purchase,
                query,
                payment,
            }
        })
        .buffer_unordered(IN_FLIGHT)
        .collect()
        .await
}

/// Telegram after the restart: every update not answered 200 again, in order, and every
/// fourth buyer's answered updates once more.
async fn redeliver(server: &TestServer, streamed: &[Streamed]) {
    stream::iter(streamed.iter().enumerate())
        .for_each_concurrent(IN_FLIGHT, |(i, s)| async move {
            let (query_id, payment_id) = update_ids(&s.purchase);
            let again = i % 4 == 0;
            if s.query != Some(200) || again {
                deliver(&[server], || 0, &pre_checkout(query_id, &s.purchase)).await;
            }
            if s.payment != Some(200) || again {
                deliver(&[server], || 0, &successful_payment(payment_id, &s.purchase)).await;
            }
        })
        .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kill_9_mid_stream_then_redelivery_on_sqlite() {
    let db = FreshDb::sqlite();
    killed_mid_stream(&db).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kill_9_mid_stream_then_redelivery_on_postgres() {
    let db = FreshDb::postgres().await;
    killed_mid_stream(&db).await;
}
