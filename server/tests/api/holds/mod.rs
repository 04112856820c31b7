//! Black-box tests of what one shopper may hold (issue #16): one order awaiting payment per
//! buyer, a new checkout replacing the old one (`one_order`); the units one buyer may reserve
//! of a variant, a merchant setting (`cap`); and the per-buyer rate limits on checkout and the
//! promo preview, shared by every replica on one database (`rate_limits`).

mod cap;
mod one_order;
mod rate_limits;

use crate::helpers::{FreshDb, TestServer};
use serde_json::Value;

const SECRET: &str = "holds-webhook-secret-0123456789abcdef";

/// The shop in sandbox mode on `db` with Camille (1003) as its admin and `extra` variables,
/// its webhook registered.
async fn shop(db: &FreshDb, extra: &[(&str, &str)]) -> TestServer {
    let mut vars = vec![
        ("WEBHOOK_SECRET", SECRET),
        ("ADMIN_USER_IDS", "1003"),
        ("SANDBOX", "1"),
    ];
    vars.extend_from_slice(extra);
    let server = TestServer::start_with(&db.url, &vars).await;
    server.wait_for_webhook().await;
    server
}

/// Posts an update straight to the webhook, as Telegram delivers it.
async fn deliver(server: &TestServer, update: &Value) -> u16 {
    server
        .deliver_update(SECRET, update)
        .await
        .expect("the webhook answers")
}
