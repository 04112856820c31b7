//! Property-based fuzzing (proptest, on stable Rust) of what strangers can send the shop: the
//! initData validator, the `Update` decoder, and the webhook that uses it.
//!
//! Each property runs `PROPTEST_CASES` inputs (default 2,000: a few seconds in `cargo test`;
//! the webhook, which goes over HTTP, runs `FUZZ_WEBHOOK_CASES`, default 200), and prints what
//! it ran (`fuzz: <target>/<property>: N inputs in S s (R/s)`) when run with `--nocapture`.
//! `scripts/fuzz.sh` runs them for millions of inputs. Targets and properties:
//! - `init_data`: arbitrary text is refused without a panic; valid initData with mutated
//!   bytes, extra or repeated keys and escaped separators is accepted only when what it
//!   decodes to is exactly what was signed (so never with a hash that does not match); odd
//!   but equal encodings of valid initData (escapes in either case, `%20` for `+`, another
//!   order) are accepted as the same user;
//! - `update`: arbitrary bytes, arbitrary JSON and valid updates with a part replaced,
//!   removed or added decode without a panic, and what decodes survives a round trip;
//! - `webhook`: every body (arbitrary or near-valid) is answered, never with a 5xx.

use crate::helpers::{FreshDb, TestServer};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestCaseError, TestRunner};
use serde_json::{json, Value};
use server::telegram::bot_api::Update;
use server::telegram::init_data::{verify_signature, Fields, Freshness, HmacValidator, TelegramEnv};
use std::time::Instant;

const TOKEN: &str = "123456:FUZZ-TOKEN";
const NOW: i64 = 1_800_000_000;

/// How many inputs each property runs: `var`, or `default`.
fn cases(var: &str, default: u32) -> u32 {
    std::env::var(var)
        .ok()
        .and_then(|n| n.replace('_', "").parse().ok())
        .unwrap_or(default)
}

/// Runs `test` on `cases` inputs from `strategy`, failing with the smallest failing input,
/// and prints the figures.
fn fuzz<S: Strategy>(
    name: &str,
    cases: u32,
    strategy: S,
    test: impl Fn(S::Value) -> Result<(), TestCaseError>,
) where
    S::Value: std::fmt::Debug,
{
    let config = Config {
        cases,
        // The smallest failing input is printed; no regression file is written.
        failure_persistence: None,
        // Optimised in dev builds like proptest itself (the workspace's Cargo.toml).
        rng_algorithm: RngAlgorithm::XorShift,
        ..Config::default()
    };
    let mut runner = TestRunner::new(config);
    let started = Instant::now();
    let outcome = runner.run(&strategy, test);
    let secs = started.elapsed().as_secs_f64();
    println!(
        "fuzz: {name}: {cases} inputs in {secs:.1} s ({:.0}/s)",
        f64::from(cases) / secs.max(1e-9)
    );
    if let Err(failure) = outcome {
        panic!("{name}: {failure}");
    }
}

fn validator() -> HmacValidator {
    HmacValidator::new(TOKEN, Freshness::default())
}

/// Text a client might send as initData, or anything at all.
fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        proptest::collection::vec(any::<u8>(), 0..600).prop_map(|b| String::from_utf8_lossy(&b).into_owned()),
        "[a-z_=&%+0-9A-Fa-f\n{}\":,]{0,300}",
        "((auth_date|user|hash|signature|query_id)=[a-zA-Z0-9%+=]{0,70}&){0,8}",
    ]
}

/// Signed initData: its fields (the hash included) and a user id.
#[derive(Clone, Debug)]
struct Signed {
    fields: Fields,
    user_id: i64,
}

fn signed() -> impl Strategy<Value = Signed> {
    (
        1i64..=i64::MAX / 2,
        any::<String>(),
        proptest::option::of("[^\n]{0,40}"),
        proptest::option::of("[A-Za-z0-9_-]{0,64}"),
        proptest::option::of("[a-z_]{1,12}"),
    )
        .prop_map(|(id, first_name, last_name, start_param, extra_key)| {
            // Telegram's users have a first name.
            let mut user = json!({ "id": id, "first_name": format!("A{first_name}") });
            if let Some(last_name) = last_name {
                user["last_name"] = json!(last_name);
            }
            let mut pairs = vec![
                ("auth_date".to_owned(), (NOW - 10).to_string()),
                ("query_id".to_owned(), "AAHdF6IQAAAAAN0XohDhrOrc".to_owned()),
                ("user".to_owned(), user.to_string()),
            ];
            if let Some(start_param) = start_param {
                pairs.push(("start_param".to_owned(), start_param));
            }
            if let Some(key) = extra_key.filter(|k| !pairs.iter().any(|(p, _)| p == k) && k != "hash") {
                pairs.push((key, "x y+z&=%".to_owned()));
            }
            let mut fields = Fields::from_pairs(pairs).expect("no line breaks, distinct keys");
            let hash = validator().sign(&fields);
            fields.set("hash", hash).unwrap();
            Signed { fields, user_id: id }
        })
}

/// A change to initData's raw query string.
#[derive(Clone, Debug)]
enum Mutation {
    /// XOR a byte with a nonzero value.
    Flip(usize, u8),
    /// Insert bytes: special ones, escapes of separators, or any.
    Insert(usize, Vec<u8>),
    Delete(usize, usize),
    Truncate(usize),
    /// Repeat one `&`-separated pair at the end, as it is or with another value.
    Repeat(usize, Option<String>),
    /// Add a pair (URL-encoded).
    Extra(String, String),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let inserted = prop_oneof![
        proptest::collection::vec(any::<u8>(), 1..4),
        prop_oneof![
            Just("&"),
            Just("="),
            Just("%"),
            Just("+"),
            Just("%0A"),
            Just("%0a"),
            Just("%3D"),
            Just("%26"),
            Just("\n"),
            Just("%"),
            Just("%zz"),
            Just("%C3"),
            Just("%FF"),
            Just("&&"),
            Just("=="),
            Just("hash="),
            Just("&hash="),
            Just("%E2%AD%90"),
            Just("%00"),
        ]
        .prop_map(|s| s.as_bytes().to_vec()),
    ];
    prop_oneof![
        (any::<usize>(), 1u8..).prop_map(|(at, x)| Mutation::Flip(at, x)),
        (any::<usize>(), inserted).prop_map(|(at, b)| Mutation::Insert(at, b)),
        (any::<usize>(), 1usize..8).prop_map(|(at, n)| Mutation::Delete(at, n)),
        any::<usize>().prop_map(Mutation::Truncate),
        (any::<usize>(), proptest::option::of("[a-z0-9%=\n]{0,8}")).prop_map(|(i, v)| Mutation::Repeat(i, v)),
        ("[a-z_=\n%]{0,10}", "[^&]{0,10}").prop_map(|(k, v)| Mutation::Extra(k, v)),
    ]
}

fn apply(raw: &str, mutation: &Mutation) -> String {
    let mut bytes = raw.as_bytes().to_vec();
    let at = |i: usize, len: usize| if len == 0 { 0 } else { i % (len + 1) };
    match mutation {
        Mutation::Flip(i, x) if !bytes.is_empty() => {
            let i = i % bytes.len();
            bytes[i] ^= x;
        }
        Mutation::Flip(..) => {}
        Mutation::Insert(i, inserted) => {
            let i = at(*i, bytes.len());
            bytes.splice(i..i, inserted.iter().copied());
        }
        Mutation::Delete(i, n) => {
            let i = at(*i, bytes.len());
            bytes.drain(i..(i + n).min(bytes.len()));
        }
        Mutation::Truncate(i) => bytes.truncate(at(*i, bytes.len())),
        Mutation::Repeat(i, value) => {
            let pairs: Vec<&str> = raw.split('&').collect();
            let pair = pairs[i % pairs.len()];
            let repeated = match value {
                Some(value) => format!("{}={value}", pair.split('=').next().unwrap_or_default()),
                None => pair.to_owned(),
            };
            bytes.extend_from_slice(format!("&{repeated}").as_bytes());
        }
        Mutation::Extra(key, value) => {
            let mut pair = form_urlencoded::Serializer::new(String::new());
            pair.append_pair(key, value);
            bytes.extend_from_slice(format!("&{}", pair.finish()).as_bytes());
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

/// `fields` with the hash in lower case, as a query string: what two inputs that decode to
/// the same fields have in common.
fn normalized(mut fields: Fields) -> String {
    if let Some(hash) = fields.get("hash").map(str::to_ascii_lowercase) {
        fields.set("hash", hash).unwrap();
    }
    fields.to_query()
}

#[test]
fn init_data_arbitrary_text_is_refused_without_a_panic() {
    let validator = validator();
    fuzz(
        "init_data/arbitrary",
        cases("PROPTEST_CASES", 2000),
        any_text(),
        |raw| {
            let verdict = validator.validate(&raw, NOW);
            // Accepted only if the hash is the one its fields sign to (it never is by chance).
            if verdict.is_ok() {
                let fields = Fields::parse(&raw).unwrap();
                prop_assert_eq!(
                    fields.get("hash").map(str::to_ascii_lowercase),
                    Some(validator.sign(&fields))
                );
            }
            let _ = verify_signature(&raw, 7_342_037_492, TelegramEnv::Production, None, NOW);
            Ok(())
        },
    );
}

#[test]
fn init_data_near_valid_is_accepted_only_as_it_was_signed() {
    let validator = validator();
    let strategy = (signed(), proptest::collection::vec(mutation(), 1..4));
    fuzz(
        "init_data/near_valid",
        cases("PROPTEST_CASES", 2000),
        strategy,
        |(signed, mutations)| {
            let original = signed.fields.to_query();
            let mutated = mutations.iter().fold(original.clone(), |raw, m| apply(&raw, m));
            if let Ok(verified) = validator.validate(&mutated, NOW) {
                let parsed = Fields::parse(&mutated).expect("it was accepted");
                prop_assert_eq!(
                    normalized(parsed),
                    normalized(signed.fields.clone()),
                    "accepted {:?}",
                    mutated
                );
                prop_assert_eq!(verified.user.id.0, signed.user_id);
            }
            let _ = verify_signature(&mutated, 1, TelegramEnv::Test, Some(&Freshness::default()), NOW);
            Ok(())
        },
    );
}

/// Another spelling of the same initData: escapes for plain characters (either case of hex),
/// `%20` for `+`, the pairs in another order.
#[derive(Clone, Debug)]
struct Respelling {
    escape: Vec<bool>,
    lower_hex: bool,
    plus_as_escape: bool,
    rotate: usize,
}

fn respelling() -> impl Strategy<Value = Respelling> {
    (
        proptest::collection::vec(any::<bool>(), 0..64),
        any::<bool>(),
        any::<bool>(),
        any::<usize>(),
    )
        .prop_map(|(escape, lower_hex, plus_as_escape, rotate)| Respelling {
            escape,
            lower_hex,
            plus_as_escape,
            rotate,
        })
}

fn respell(raw: &str, how: &Respelling) -> String {
    let mut pairs: Vec<String> = raw
        .split('&')
        .map(|pair| {
            let mut out = String::new();
            // The two hex digits after a `%` belong to its escape: left as they are.
            let mut in_escape = 0u8;
            for (i, c) in pair.chars().enumerate() {
                let escape = how
                    .escape
                    .get(i % how.escape.len().max(1))
                    .copied()
                    .unwrap_or(false);
                match c {
                    '%' => {
                        in_escape = 2;
                        out.push(c);
                        continue;
                    }
                    '+' if how.plus_as_escape => out.push_str("%20"),
                    c if escape && in_escape == 0 && c.is_ascii_alphanumeric() => {
                        let hex = format!("%{:02X}", c as u32);
                        out.push_str(&if how.lower_hex { hex.to_lowercase() } else { hex });
                    }
                    c => out.push(c),
                }
                in_escape = in_escape.saturating_sub(1);
            }
            out
        })
        .collect();
    let len = pairs.len();
    pairs.rotate_left(how.rotate % len);
    pairs.join("&")
}

#[test]
fn init_data_odd_but_equal_encodings_are_accepted() {
    let validator = validator();
    let strategy = (signed(), respelling());
    fuzz(
        "init_data/respelled",
        cases("PROPTEST_CASES", 2000),
        strategy,
        |(signed, how)| {
            let raw = respell(&signed.fields.to_query(), &how);
            match validator.validate(&raw, NOW) {
                Ok(verified) => prop_assert_eq!(verified.user.id.0, signed.user_id),
                Err(refused) => prop_assert!(false, "{raw:?} refused: {refused}"),
            }
            Ok(())
        },
    );
}

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
