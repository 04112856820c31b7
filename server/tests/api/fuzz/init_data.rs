//! Fuzzing the initData validator: arbitrary text, near-valid signed initData, and other
//! spellings of the same fields.

use super::{cases, fuzz};
use proptest::prelude::*;
use serde_json::json;
use server::telegram::init_data::{verify_signature, Fields, Freshness, HmacValidator, TelegramEnv};

const TOKEN: &str = "123456:FUZZ-TOKEN";
const NOW: i64 = 1_800_000_000;

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
