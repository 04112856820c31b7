//! How much a request pays for Telegram identity: validating typical initData, against the
//! baseline of the two HMAC-SHA256 computations Telegram's recipe describes (secret key from
//! the token, then the hash of the data-check-string), measured in the same run.
//!
//! Run: `cargo bench -p server --bench init_data`. Targets: validation at most about twice
//! the baseline, and at least ten times faster than the Node peer `@telegram-apps/init-data-node`
//! on the same initData (`scripts/bench.sh` runs it). (The validator derives the secret key
//! once, so it computes one HMAC.)

use criterion::{criterion_group, criterion_main, Criterion};
use hmac::{Hmac, KeyInit, Mac};
use server::telegram::init_data::{Fields, Freshness, HmacValidator};
use sha2::Sha256;
use std::hint::black_box;

const TOKEN: &str = "123456:BENCHMARK-TOKEN-abcdefghijklmnopqrstuvwxyz";
const NOW: i64 = 1_800_000_000;

/// initData shaped like a real client's: user JSON, chat fields, signature, hash.
fn typical_init_data() -> String {
    let user = r#"{"id":279058397,"first_name":"Vladislav","last_name":"Kibenko","username":"vdkfrost","language_code":"ru","is_premium":true,"allows_write_to_pm":true,"photo_url":"https://t.me/i/userpic/320/4FPEE4tmP3ATHa57u6MqTDih13LTOiMoKoLDRG4PnSA.svg"}"#;
    let pairs = [
        ("auth_date", NOW.to_string()),
        ("chat_instance", "8134722200314281151".into()),
        ("chat_type", "private".into()),
        (
            "signature",
            "zL-ucjNyREiHDE8aihFwpfR9aggP2xiAo3NSpfe-p7IbCisNlDKlo7Kb6G4D0Ao2mBrSgEk4maLSdv6MLIlADQ".into(),
        ),
        ("user", user.into()),
    ];
    let fields = Fields::from_pairs(pairs.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()).unwrap();
    let hash = HmacValidator::new(TOKEN, Freshness::default()).sign(&fields);
    format!("{}&hash={hash}", fields.to_query())
}

/// Where the sample for the Node peer goes: `$INIT_DATA_SAMPLE`, else the temp directory.
fn sample_path() -> std::path::PathBuf {
    std::env::var_os("INIT_DATA_SAMPLE")
        .map(Into::into)
        .unwrap_or_else(|| std::env::temp_dir().join("shop-init-data-sample.json"))
}

fn two_hmacs(check_string: &[u8]) -> [u8; 32] {
    let mut key = Hmac::<Sha256>::new_from_slice(b"WebAppData").unwrap();
    key.update(TOKEN.as_bytes());
    let secret = key.finalize().into_bytes();
    let mut mac = Hmac::<Sha256>::new_from_slice(&secret).unwrap();
    mac.update(check_string);
    mac.finalize().into_bytes().into()
}

fn bench(c: &mut Criterion) {
    let raw = typical_init_data();
    let validator = HmacValidator::new(TOKEN, Freshness::default());
    assert!(validator.validate(&raw, NOW).is_ok());
    // The same initData for the Node peer (`end2end/bench/init-data-peer.mjs`), which
    // `scripts/bench.sh` runs beside this.
    let sample = serde_json::json!({ "init_data": raw, "token": TOKEN });
    std::fs::write(sample_path(), sample.to_string()).expect("the sample is written");
    let mut check_string = Vec::new();
    Fields::parse(&raw)
        .unwrap()
        .write_check_string(&["hash"], |chunk| check_string.extend_from_slice(chunk));

    let mut group = c.benchmark_group("init_data");
    group.bench_function("baseline: two HMAC-SHA256", |b| {
        b.iter(|| two_hmacs(black_box(&check_string)))
    });
    group.bench_function("parse fields only", |b| {
        b.iter(|| Fields::parse(black_box(&raw)).unwrap())
    });
    let user = Fields::parse(&raw).unwrap().get("user").unwrap().to_owned();
    group.bench_function("user JSON only", |b| {
        b.iter(|| serde_json::from_str::<app::identity::WebAppUser>(black_box(&user)).unwrap())
    });
    group.bench_function("validate (parse, HMAC, user JSON, age)", |b| {
        b.iter(|| validator.validate(black_box(&raw), NOW).unwrap())
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
