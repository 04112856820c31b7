//! Fuzzing the `Update` decoder, and the webhook that uses it over HTTP.

use super::{cases, fuzz};
use crate::helpers::{FreshDb, TestServer};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use serde_json::{json, Value};
use server::telegram::bot_api::Update;

/// Updates as Telegram sends them, one of each kind the shop reads.
fn templates() -> Vec<Value> {
    let from =
        json!({ "id": 1001, "is_bot": false, "first_name": "Ada", "username": "ada", "language_code": "en" });
    let address = json!({ "country_code": "DE", "state": "", "city": "Berlin",
        "street_line1": "Unter den Linden 1", "street_line2": "", "post_code": "10117" });
    let info = json!({ "name": "Ada", "phone_number": "+49", "email": "a@b.c", "shipping_address": address });
    vec![
        json!({ "update_id": 1, "message": { "message_id": 1, "date": 1, "from": from,
            "chat": { "id": 1001, "type": "private" }, "text": "/start p_7" } }),
        json!({ "update_id": 2, "message": { "message_id": 2, "date": 1, "from": from,
            "chat": { "id": 1001, "type": "private" },
            "successful_payment": { "currency": "XTR", "total_amount": 120, "invoice_payload": "order:1",
                "shipping_option_id": "express", "order_info": info,
                "telegram_payment_charge_id": "stx1", "provider_payment_charge_id": "" } } }),
        json!({ "update_id": 3, "message": { "message_id": 3, "date": 1,
            "chat": { "id": 1001, "type": "private" },
            "refunded_payment": { "currency": "XTR", "total_amount": 120, "invoice_payload": "order:1",
                "telegram_payment_charge_id": "stx1" } } }),
        json!({ "update_id": 4, "pre_checkout_query": { "id": "q1", "from": from, "currency": "EUR",
            "total_amount": 4800, "invoice_payload": "order:1", "shipping_option_id": "standard",
            "order_info": info } }),
        json!({ "update_id": 5, "shipping_query": { "id": "s1", "from": from, "invoice_payload": "order:1",
            "shipping_address": address } }),
        json!({ "update_id": 6, "callback_query": { "id": "c1", "from": from, "data": "x" } }),
        json!({ "update_id": 7, "poll": { "id": "p", "question": "?" } }),
    ]
}

/// A JSON value of any shape, numbers at their extremes included.
fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_filter_map("JSON has no NaN", |f| serde_json::Number::from_f64(f)
            .map(Value::Number)),
        any::<String>().prop_map(Value::from),
        "[a-z:0-9_]{0,12}".prop_map(Value::from),
    ];
    leaf.prop_recursive(3, 24, 6, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            proptest::collection::btree_map("[a-z_]{1,12}", inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// A change to an update's JSON: at the `n`th place in it (wrapping), a value replaced,
/// a key removed, or a key added.
#[derive(Clone, Debug)]
enum Edit {
    Replace(usize, Value),
    Remove(usize),
    Add(usize, String, Value),
}

fn edit() -> impl Strategy<Value = Edit> {
    let key = prop_oneof![
        "[a-z_]{1,20}",
        prop_oneof![
            Just("message"),
            Just("pre_checkout_query"),
            Just("shipping_query"),
            Just("callback_query"),
            Just("successful_payment"),
            Just("refunded_payment"),
            Just("from"),
            Just("id"),
            Just("chat")
        ]
        .prop_map(str::to_owned),
    ];
    prop_oneof![
        (any::<usize>(), any_json()).prop_map(|(n, v)| Edit::Replace(n, v)),
        any::<usize>().prop_map(Edit::Remove),
        (any::<usize>(), key, any_json()).prop_map(|(n, k, v)| Edit::Add(n, k, v)),
    ]
}

/// Every place in `value`, as JSON pointers.
fn pointers(value: &Value, at: String, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (key, inner) in map {
                pointers(
                    inner,
                    format!("{at}/{}", key.replace('~', "~0").replace('/', "~1")),
                    out,
                );
            }
        }
        Value::Array(items) => {
            for (i, inner) in items.iter().enumerate() {
                pointers(inner, format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
    out.push(at);
}

fn apply_edit(value: &mut Value, edit: &Edit) {
    let mut places = Vec::new();
    pointers(value, String::new(), &mut places);
    let pick = |n: usize| places[n % places.len()].clone();
    match edit {
        Edit::Replace(n, new) => {
            if let Some(place) = value.pointer_mut(&pick(*n)) {
                *place = new.clone();
            }
        }
        Edit::Remove(n) => {
            let place = pick(*n);
            if let Some((parent, key)) = place.rsplit_once('/') {
                match value.pointer_mut(parent) {
                    Some(Value::Object(map)) => _ = map.remove(&key.replace("~1", "/").replace("~0", "~")),
                    Some(Value::Array(items)) => {
                        if let Ok(i) = key.parse::<usize>() {
                            if i < items.len() {
                                items.remove(i);
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
        Edit::Add(n, key, new) => {
            if let Some(Value::Object(map)) = value.pointer_mut(&pick(*n)) {
                map.insert(key.clone(), new.clone());
            }
        }
    }
}

/// An update body: arbitrary bytes, arbitrary JSON, or a template with a few edits.
fn update_body() -> impl Strategy<Value = Vec<u8>> {
    let templates = templates();
    let near_valid =
        (0..templates.len(), proptest::collection::vec(edit(), 0..4)).prop_map(move |(i, edits)| {
            let mut update = templates[i].clone();
            for edit in &edits {
                apply_edit(&mut update, edit);
            }
            serde_json::to_vec(&update).unwrap()
        });
    prop_oneof![
        1 => proptest::collection::vec(any::<u8>(), 0..300),
        1 => any_json().prop_map(|v| serde_json::to_vec(&v).unwrap()),
        4 => near_valid,
    ]
}

#[test]
fn update_decoding_never_panics_and_round_trips() {
    fuzz(
        "update/decode",
        cases("PROPTEST_CASES", 2000),
        update_body(),
        |body| {
            if let Ok(update) = serde_json::from_slice::<Update>(&body) {
                let _ = update.kind();
                let again: Update = serde_json::from_slice(&serde_json::to_vec(&update).unwrap())
                    .map_err(|e| TestCaseError::fail(format!("re-encoded update does not decode: {e}")))?;
                prop_assert_eq!(again, update);
            }
            Ok(())
        },
    );
}

#[test]
fn the_webhook_answers_every_body_without_a_5xx() {
    const SECRET: &str = "fuzz-webhook-secret-0123456789abcdef";
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let db = FreshDb::sqlite();
    let server = runtime.block_on(async {
        let vars = [("WEBHOOK_SECRET", SECRET), ("SANDBOX", "1")];
        let server = TestServer::start_with(&db.url, &vars).await;
        server.wait_for_webhook().await;
        server
    });
    let url = format!("{}/telegram/webhook", server.base_url);
    fuzz(
        "webhook/post",
        cases("FUZZ_WEBHOOK_CASES", 200),
        update_body(),
        |body| {
            let decodes = serde_json::from_slice::<Update>(&body).is_ok();
            let status = runtime.block_on(async {
                let response = server
                    .client
                    .post(&url)
                    .header("X-Telegram-Bot-Api-Secret-Token", SECRET)
                    .header("content-type", "application/json")
                    .body(body)
                    .send()
                    .await
                    .expect("the server answers");
                response.status().as_u16()
            });
            prop_assert_eq!(status, 200, "decodes as an update: {}", decodes);
            Ok(())
        },
    );
    runtime.block_on(server.stop());
}
