//! Black-box tests of paying: the real server in sandbox mode, its webhook fed by the
//! simulator's fake Telegram, shoppers signed in through the simulator's launch endpoint.
//! By what Telegram sends: the payment sheet's whole path (`sheet`), the pre-checkout query
//! (`pre_checkout`), updates as the webhook receives them (`webhook`); and what checkout
//! reserves and refuses before Telegram is involved (`checkout`).

mod checkout;
mod pre_checkout;
mod providers;
mod sheet;
mod trust;
mod webhook;

use crate::helpers::shopper::ADA;
use crate::helpers::{FreshDb, TestServer};
use serde_json::{json, Value};

const SECRET: &str = "test-webhook-secret-0123456789abcdef";
const MERCHANT: i64 = 9999;

async fn sandbox(db: &FreshDb, extra: &[(&str, &str)]) -> TestServer {
    let mut vars = vec![("WEBHOOK_SECRET", SECRET), ("ADMIN_USER_IDS", "9999")];
    vars.extend_from_slice(extra);
    let server = TestServer::start_with(&db.url, &vars).await;
    server.wait_for_webhook().await;
    server
}

/// Posts an update straight to the webhook, as Telegram (re)delivers it.
async fn deliver(server: &TestServer, update: &Value) -> u16 {
    server
        .deliver_update(SECRET, update)
        .await
        .expect("the webhook answers")
}

fn payment_update(update_id: i64, order_id: i64, charge: &str, amount: i64) -> Value {
    json!({ "update_id": update_id, "message": { "message_id": update_id, "date": 1,
        "from": { "id": ADA, "is_bot": false, "first_name": "Ada" }, "chat": { "id": ADA, "type": "private" },
        "successful_payment": { "currency": "XTR", "total_amount": amount, "invoice_payload": format!("order:{order_id}"),
            "telegram_payment_charge_id": charge, "provider_payment_charge_id": "" } } })
}
