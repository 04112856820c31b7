//! The operator's metrics: `GET /metrics` in Prometheus' text format on a listener of its own
//! (`METRICS_ADDR`, e.g. `127.0.0.1:9100`), never on the shop's public one. Owns every metric's
//! name and labels (here, in one place), the process-wide recorder and that listener.
//!
//! Call sites record with one line, e.g. `crate::metrics::outbox_send_failed()`; without
//! `METRICS_ADDR` no recorder is installed and those calls cost next to nothing. Counters and
//! the histogram live in the `metrics` facade's global recorder, installed once per process
//! (in-process test servers share it); the gauges (orders by status, the outbox's backlog)
//! belong to a database, so they are read from this server's at scrape time. Labels are small
//! fixed sets (update kinds, outcomes, Bot API method names, actions): never user ids, names,
//! initData or tokens.

use crate::storage::Db;
use app::orders::OrderStatus;
use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};
use std::fmt::Write;
use std::sync::OnceLock;
use std::time::Instant;
use tokio::net::TcpListener;

/// Counter: updates the webhook received, by `kind` (Telegram's name, or `unknown`) and
/// `outcome` (`handled`, `failed`: answered 503 for a redelivery, `undecodable`: dropped).
pub const UPDATES: &str = "shop_webhook_updates_total";
/// Histogram: seconds from a pre-checkout query's arrival to the shop's answer (Telegram
/// waits 10 s at most).
pub const PRE_CHECKOUT_SECONDS: &str = "shop_pre_checkout_answer_seconds";
/// Gauge: orders by `status`, read from the database.
pub const ORDERS: &str = "shop_orders";
/// Gauge: bot messages not yet sent, by `state` (`pending`, `given_up`), read from the database.
pub const OUTBOX_BACKLOG: &str = "shop_outbox_backlog";
/// Counter: bot messages the outbox failed to send (each is retried later).
pub const OUTBOX_SEND_FAILURES: &str = "shop_outbox_send_failures_total";
/// Counter: failed Bot API calls, by `method` and `reason`.
pub const BOT_API_ERRORS: &str = "shop_bot_api_errors_total";
/// Counter: requests refused by a rate limit, by `action`.
pub const RATE_LIMITED: &str = "shop_rate_limited_total";
/// Gauge: 1 when this scrape could read the database, 0 when not (the gauges above are then
/// missing).
pub const STORAGE_UP: &str = "shop_metrics_storage_up";

/// Buckets for the pre-checkout answer time, in seconds, up to Telegram's 10 s limit.
const PRE_CHECKOUT_BUCKETS: [f64; 11] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0];

/// An update the webhook handled (`handled`) or answered 503 for (`!handled`).
pub fn webhook_update(kind: &'static str, handled: bool) {
    let outcome = if handled { "handled" } else { "failed" };
    metrics::counter!(UPDATES, "kind" => kind, "outcome" => outcome).increment(1);
}

/// A webhook body that is not an update, dropped with 200.
pub fn webhook_update_undecodable() {
    metrics::counter!(UPDATES, "kind" => "unknown", "outcome" => "undecodable").increment(1);
}

/// Measures a pre-checkout answer from [`PreCheckoutTimer::start`] until it is dropped.
#[must_use = "the time is recorded when the timer is dropped"]
pub struct PreCheckoutTimer(Instant);

impl PreCheckoutTimer {
    /// Starts timing; keep it (`let _timer = …`) until the answer went out.
    pub fn start() -> Self {
        PreCheckoutTimer(Instant::now())
    }
}

impl Drop for PreCheckoutTimer {
    fn drop(&mut self) {
        metrics::histogram!(PRE_CHECKOUT_SECONDS).record(self.0.elapsed().as_secs_f64());
    }
}

/// The outbox failed to send a message.
pub fn outbox_send_failed() {
    metrics::counter!(OUTBOX_SEND_FAILURES).increment(1);
}

/// A Bot API call to `method` failed for `reason` (e.g. `refused`, `timeout`).
pub fn bot_api_error(method: &'static str, reason: &'static str) {
    metrics::counter!(BOT_API_ERRORS, "method" => method, "reason" => reason).increment(1);
}

/// A rate limit refused `action` (a fixed name such as `checkout`, never a user's id).
pub fn rate_limited(action: &'static str) {
    metrics::counter!(RATE_LIMITED, "action" => action).increment(1);
}

/// The process-wide recorder, installed on first use; `None` if another recorder was installed
/// first (then only the gauges are served).
fn recorder() -> Option<&'static PrometheusHandle> {
    static HANDLE: OnceLock<Option<PrometheusHandle>> = OnceLock::new();
    HANDLE
        .get_or_init(|| {
            let builder = PrometheusBuilder::new()
                .set_buckets_for_metric(Matcher::Full(PRE_CHECKOUT_SECONDS.into()), &PRE_CHECKOUT_BUCKETS)
                .expect("the buckets are not empty");
            match builder.install_recorder() {
                Ok(handle) => {
                    describe();
                    Some(handle)
                }
                Err(error) => {
                    tracing::warn!(%error, "metrics: another recorder is installed; serving gauges only");
                    None
                }
            }
        })
        .as_ref()
}

/// The `# HELP` lines of the recorder's metrics.
fn describe() {
    metrics::describe_counter!(UPDATES, "Webhook updates received, by kind and outcome.");
    metrics::describe_histogram!(
        PRE_CHECKOUT_SECONDS,
        metrics::Unit::Seconds,
        "Time from a pre-checkout query's arrival to the shop's answer."
    );
    metrics::describe_counter!(OUTBOX_SEND_FAILURES, "Bot messages the outbox failed to send.");
    metrics::describe_counter!(BOT_API_ERRORS, "Failed Bot API calls, by method and reason.");
    metrics::describe_counter!(RATE_LIMITED, "Requests refused by a rate limit, by action.");
}

/// Serves `GET /metrics` on `listener` (its own, not the shop's) until the task is aborted,
/// installing the recorder if it is not yet.
pub fn spawn(listener: TcpListener, db: Db) -> tokio::task::JoinHandle<()> {
    let handle = recorder();
    let app = Router::new()
        .route("/metrics", get(scrape))
        .with_state((db, handle));
    tokio::spawn(async move {
        if let Err(error) = axum::serve(listener, app).await {
            tracing::error!(%error, "the metrics listener stopped");
        }
    })
}

async fn scrape(State((db, handle)): State<(Db, Option<&'static PrometheusHandle>)>) -> impl IntoResponse {
    let mut text = String::new();
    if let Some(handle) = handle {
        handle.run_upkeep();
        text = handle.render();
    }
    text.push_str(&database_gauges(&db).await);
    (
        StatusCode::OK,
        [(header::CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8")],
        text,
    )
}

/// The gauges read from `db`, in the text format. Written here rather than set on the global
/// recorder: they describe this server's database, and a process-wide gauge would mix them up
/// between in-process servers (and keep statuses that no longer have orders).
async fn database_gauges(db: &Db) -> String {
    let counts = match (db.orders_by_status().await, db.outbox_backlog().await) {
        (Ok(orders), Ok(outbox)) => Some((orders, outbox)),
        (Err(error), _) | (_, Err(error)) => {
            tracing::warn!(%error, "metrics: the database could not be read");
            None
        }
    };
    let mut text = String::new();
    let gauge = |text: &mut String, name: &str, help: &str| {
        let _ = write!(text, "# HELP {name} {help}\n# TYPE {name} gauge\n");
    };
    if let Some((orders, outbox)) = &counts {
        gauge(&mut text, ORDERS, "Orders by status.");
        // Every status, zero where no order has it, so a series never just disappears.
        for status in OrderStatus::ALL.map(|status| status.as_str()) {
            let count = orders
                .iter()
                .find(|(name, _)| name == status)
                .map_or(0, |(_, n)| *n);
            let _ = writeln!(text, "{ORDERS}{{status=\"{status}\"}} {count}");
        }
        gauge(&mut text, OUTBOX_BACKLOG, "Bot messages not yet sent, by state.");
        let _ = writeln!(text, "{OUTBOX_BACKLOG}{{state=\"pending\"}} {}", outbox.pending);
        let _ = writeln!(text, "{OUTBOX_BACKLOG}{{state=\"given_up\"}} {}", outbox.given_up);
    }
    gauge(
        &mut text,
        STORAGE_UP,
        "1 when the database could be read for this scrape.",
    );
    let _ = writeln!(text, "{STORAGE_UP} {}", u8::from(counts.is_some()));
    text
}
