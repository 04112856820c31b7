//! Read throughput: the catalog (`GET /api/products`) and the server-rendered storefront
//! (`GET /shop`) of the `server` binary under load, beside a bare axum handler's on the same
//! machine in the same run — the ceiling of the stack the shop is built on.
//!
//! Both servers are processes of their own (the bare one is this bench's binary started again
//! with `BARE_AXUM_ADDR`), loaded by the same client: [`CONNECTIONS`] keep-alive connections,
//! each sending its next request as soon as the last answered, for [`SECONDS`] per target,
//! with the `Accept-Encoding` a browser sends. Like `wrk` or `oha`, the client reads each body
//! as it came over the wire and does not decode it: decoding is the client's work, and on
//! these two cores it would be taken from the server under test (the bare handler's 11 bytes
//! cost nothing to decode; a page's 20 KB of gzip did, and it cut the shop's figure, not the
//! baseline's). Reported: requests per second, p50 and p99, the body's size on the wire, and
//! each page's ratio to the bare handler. A small Rust client rather than an external load
//! generator: nothing to install, and the same client measures every target.
//!
//! Lines starting `FIGURE|` are for `scripts/bench.sh`'s table.
//!
//! Run: `cargo bench -p server --bench http` (a report, not a pass/fail test).

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const CONNECTIONS: usize = 32;
const SECONDS: u64 = 5;
/// What Chromium sends.
const ACCEPT_ENCODING: &str = "gzip, deflate, br, zstd";

fn main() {
    if let Ok(addr) = std::env::var("BARE_AXUM_ADDR") {
        return bare_axum(&addr);
    }
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(run());
}

/// The baseline server: one handler answering a small JSON body, nothing else.
fn bare_axum(addr: &str) {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        let app = axum::Router::new().route(
            "/",
            axum::routing::get(|| async { axum::Json(serde_json::json!({ "ok": true })) }),
        );
        let listener = tokio::net::TcpListener::bind(addr).await.unwrap();
        axum::serve(listener, app).await.unwrap();
    });
}

async fn run() {
    let dir = tempfile::tempdir().unwrap();
    let bare_port = free_port();
    let mut bare = Command::new(std::env::current_exe().unwrap())
        .env("BARE_AXUM_ADDR", format!("127.0.0.1:{bare_port}"))
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let shop_port = free_port();
    let mut shop = Command::new(env!("CARGO_BIN_EXE_server"))
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("RUST_LOG", "warn")
        .env("LEPTOS_OUTPUT_NAME", "shop")
        .env("SANDBOX", "1")
        .env(
            "DATABASE_URL",
            format!("sqlite://{}", dir.path().join("shop.db").display()),
        )
        .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{shop_port}"))
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let bare_url = format!("http://127.0.0.1:{bare_port}/");
    let shop_base = format!("http://127.0.0.1:{shop_port}");
    wait_until_up(&bare_url, &mut bare).await;
    wait_until_up(&format!("{shop_base}/healthz"), &mut shop).await;

    println!("read throughput ({CONNECTIONS} connections, {SECONDS} s each, {ACCEPT_ENCODING:?} accepted, bodies not decoded)");
    let baseline = load(&bare_url).await;
    baseline.print("baseline: bare axum handler (small JSON)");
    for (what, path) in [
        ("GET /api/products", "/api/products"),
        ("GET /shop (server-rendered)", "/shop"),
    ] {
        let measured = load(&format!("{shop_base}{path}")).await;
        measured.print(what);
        let ratio = measured.per_second / baseline.per_second;
        println!(
            "FIGURE|{what}|{:.0} req/s, p99 {:.1} ms|bare axum: {:.0} req/s, p99 {:.1} ms|{:.0} %|≥ 50 %",
            measured.per_second,
            measured.p99_ms,
            baseline.per_second,
            baseline.p99_ms,
            ratio * 100.0
        );
    }
    let _ = shop.kill();
    let _ = bare.kill();
    let _ = (shop.wait(), bare.wait());
}

/// What one target answered under load.
struct Load {
    per_second: f64,
    p50_ms: f64,
    p99_ms: f64,
    /// One body's size on the wire, and its `Content-Encoding`.
    bytes: usize,
    encoding: String,
}

impl Load {
    fn print(&self, what: &str) {
        println!(
            "  {what:<44} {:>8.0} req/s   p50 {:>6.2} ms   p99 {:>6.2} ms   {} B a body ({})",
            self.per_second, self.p50_ms, self.p99_ms, self.bytes, self.encoding
        );
    }
}

/// Loads `url` from [`CONNECTIONS`] connections for [`SECONDS`] (after a one-second warm-up).
async fn load(url: &str) -> Load {
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(CONNECTIONS)
        .no_gzip()
        .build()
        .unwrap();
    let until = |secs| Instant::now() + Duration::from_secs(secs);
    let _warm = hammer(&client, url, until(1)).await;
    let started = Instant::now();
    let end = until(SECONDS);
    let (mut latencies, (bytes, encoding)) = hammer(&client, url, end).await;
    let encoding = encoding.map_or("identity".to_owned(), |value| value.to_str().unwrap().to_owned());
    let elapsed = started.elapsed();
    latencies.sort();
    let at = |q: f64| latencies[((latencies.len() as f64 * q) as usize).min(latencies.len() - 1)];
    Load {
        per_second: latencies.len() as f64 / elapsed.as_secs_f64(),
        p50_ms: at(0.50).as_secs_f64() * 1000.0,
        p99_ms: at(0.99).as_secs_f64() * 1000.0,
        bytes,
        encoding,
    }
}

/// One answer's body size on the wire and its `Content-Encoding` (kept as the header value:
/// cloning it shares the received bytes, so the loop does no work of its own for it).
type Body = (usize, Option<reqwest::header::HeaderValue>);

/// Every connection's request latencies until `end`, and one body's size and encoding.
async fn hammer(client: &reqwest::Client, url: &str, end: Instant) -> (Vec<Duration>, Body) {
    let workers = (0..CONNECTIONS).map(|_| {
        let (client, url) = (client.clone(), url.to_owned());
        tokio::spawn(async move {
            let mut latencies = Vec::new();
            let mut body: Body = (0, None);
            while Instant::now() < end {
                let started = Instant::now();
                let response = client
                    .get(&url)
                    .header(reqwest::header::ACCEPT_ENCODING, ACCEPT_ENCODING)
                    .send()
                    .await
                    .expect("the server answers");
                assert!(response.status().is_success(), "{url}: {}", response.status());
                let encoding = response.headers().get(reqwest::header::CONTENT_ENCODING).cloned();
                body = (response.bytes().await.unwrap().len(), encoding);
                latencies.push(started.elapsed());
            }
            (latencies, body)
        })
    });
    let mut all = Vec::new();
    let mut last: Body = (0, None);
    for worker in futures::future::join_all(workers).await {
        let (latencies, body) = worker.unwrap();
        all.extend(latencies);
        last = body;
    }
    (all, last)
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

async fn wait_until_up(url: &str, child: &mut Child) {
    for _ in 0..500 {
        if let Some(status) = child.try_wait().unwrap() {
            panic!("{url}: the server exited with {status}");
        }
        if reqwest::get(url).await.is_ok_and(|r| r.status().is_success()) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    panic!("{url} never answered");
}
