//! Black-box tests of digital goods delivered on payment, on SQLite and PostgreSQL: a file
//! delivered once across a redelivered payment and a restart, resent by Telegram's file id,
//! downloaded through a signed link that expires and stops after a refund (`file`); licence
//! keys never given twice under 200 buyers of a 100-key pool, the merchant warned once when
//! the pool runs low, and the admin's uploads of keys and texts (`keys`).

mod file;
mod keys;

use crate::helpers::TestServer;
use serde_json::{json, Value};

/// Telegram's `successful_payment` for order `order_id`, paid in Stars by `user`.
fn payment(update_id: i64, user: i64, order_id: i64, amount: i64, charge: &str) -> Value {
    json!({ "update_id": update_id, "message": { "message_id": update_id, "date": 1,
        "from": { "id": user, "is_bot": false, "first_name": "Shopper" },
        "chat": { "id": user, "type": "private" },
        "successful_payment": { "currency": "XTR", "total_amount": amount,
            "invoice_payload": format!("order:{order_id}"),
            "telegram_payment_charge_id": charge, "provider_payment_charge_id": "" } } })
}

/// Telegram's `refunded_payment` of that charge.
fn refund(update_id: i64, user: i64, order_id: i64, amount: i64, charge: &str) -> Value {
    json!({ "update_id": update_id, "message": { "message_id": update_id, "date": 1,
        "from": { "id": user, "is_bot": false, "first_name": "Shopper" },
        "chat": { "id": user, "type": "private" },
        "refunded_payment": { "currency": "XTR", "total_amount": amount,
            "invoice_payload": format!("order:{order_id}"),
            "telegram_payment_charge_id": charge } } })
}

/// The id of variant `index` of the product with `slug`, from the public catalog.
async fn variant(server: &TestServer, slug: &str, index: usize) -> i64 {
    server.catalog_product(slug).await["variants"][index]["id"]
        .as_i64()
        .unwrap()
}
