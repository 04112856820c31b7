//! Every validation rule, with initData signed inside the tests, plus Telegram's own
//! Ed25519-signed sample and its variants (server/data/initdata-ed25519-vectors.json).

use super::*;
use app::identity::UserId;

const TOKEN: &str = "123456:TEST-TOKEN";
const NOW: i64 = 1_800_000_000;
const USER: &str = r#"{"id":42,"first_name":"Ada","last_name":"Lovelace","username":"ada","language_code":"en","is_premium":true,"photo_url":"https://t.me/i/userpic/320/ada.svg","allows_write_to_pm":true}"#;

fn validator() -> HmacValidator {
    HmacValidator::new(TOKEN, Freshness::default())
}

/// initData as a Telegram client would send it: `pairs` plus a valid hash, URL-encoded.
fn signed(pairs: &[(&str, &str)]) -> String {
    let fields = Fields::from_pairs(
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
    )
    .unwrap();
    let hash = validator().sign(&fields);
    format!("{}&hash={hash}", fields.to_query())
}

fn good_pairs() -> Vec<(&'static str, String)> {
    vec![
        ("auth_date", (NOW - 10).to_string()),
        ("chat_instance", "-123".into()),
        ("chat_type", "private".into()),
        ("query_id", "AAF".into()),
        ("signature", "c2lnbmF0dXJl".into()),
        ("start_param", "p_7".into()),
        ("user", USER.into()),
    ]
}

fn signed_good() -> String {
    let pairs = good_pairs();
    signed(&pairs.iter().map(|(k, v)| (*k, v.as_str())).collect::<Vec<_>>())
}

#[test]
fn correctly_signed_init_data_yields_the_user() {
    let verified = validator().validate(&signed_good(), NOW).unwrap();
    assert_eq!(verified.user.id, UserId(42));
    assert_eq!(verified.user.first_name, "Ada");
    assert_eq!(verified.user.is_premium, Some(true));
    assert_eq!(verified.start_param.as_deref(), Some("p_7"));
}

#[test]
fn the_hash_may_stand_anywhere_and_signature_is_part_of_the_check_string() {
    let raw = signed_good();
    let (rest, hash) = raw.rsplit_once("&hash=").unwrap();
    let moved = format!("hash={hash}&{rest}");
    assert!(validator().validate(&moved, NOW).is_ok());
    let without_signature = moved.replace("&signature=c2lnbmF0dXJl", "");
    assert_eq!(
        validator().validate(&without_signature, NOW),
        Err(InitDataError::WrongHash)
    );
}

#[test]
fn values_are_url_decoded_before_hashing() {
    // A name with characters that must be escaped: the hash covers the decoded JSON.
    let user = r#"{"id":7,"first_name":"Zoë + friends & co = ok"}"#;
    let raw = signed(&[("auth_date", &NOW.to_string()), ("user", user)]);
    assert!(raw.contains("%2B") || raw.contains("%2b"));
    assert_eq!(
        validator().validate(&raw, NOW).unwrap().user.first_name,
        "Zoë + friends & co = ok"
    );
}

#[test]
fn missing_init_data_is_rejected() {
    assert_eq!(validator().validate("", NOW), Err(InitDataError::Missing));
}

#[test]
fn init_data_without_a_hash_is_rejected() {
    let raw = signed_good();
    let unhashed = raw.split("&hash=").next().unwrap();
    assert_eq!(
        validator().validate(unhashed, NOW),
        Err(InitDataError::MissingHash)
    );
}

#[test]
fn a_malformed_hash_is_rejected() {
    let raw = signed_good();
    let (rest, _) = raw.rsplit_once("&hash=").unwrap();
    for bad in ["abc", "zz".repeat(32).as_str(), &"a".repeat(63)] {
        assert_eq!(
            validator().validate(&format!("{rest}&hash={bad}"), NOW),
            Err(InitDataError::MalformedHash)
        );
    }
}

#[test]
fn a_wrong_hash_is_rejected() {
    let other_bot = HmacValidator::new("654321:OTHER-TOKEN", Freshness::default());
    assert_eq!(
        other_bot.validate(&signed_good(), NOW),
        Err(InitDataError::WrongHash)
    );
}

#[test]
fn a_tampered_field_breaks_the_hash() {
    let tampered = signed_good().replace("%22id%22%3A42", "%22id%22%3A43");
    assert_ne!(tampered, signed_good());
    assert_eq!(
        validator().validate(&tampered, NOW),
        Err(InitDataError::WrongHash)
    );
}

#[test]
fn duplicate_keys_are_rejected() {
    let raw = format!("{}&auth_date={}", signed_good(), NOW);
    assert_eq!(
        validator().validate(&raw, NOW),
        Err(InitDataError::DuplicateKey("auth_date".into()))
    );
}

/// Signed `auth_date`, `chat_type`, `user` joined as `auth_date=…\nchat_type=private\nuser=…`:
/// the same check string comes from other fields, whose hash would then match.
#[test]
fn fields_that_would_pass_for_others_in_the_check_string_are_rejected() {
    let auth_date = (NOW - 10).to_string();
    let raw = signed(&[
        ("auth_date", &auth_date),
        ("chat_type", "private"),
        ("user", USER),
    ]);
    assert!(validator().validate(&raw, NOW).is_ok());
    let hash = raw.rsplit_once("&hash=").unwrap().1;
    let user = form_urlencoded::byte_serialize(USER.as_bytes()).collect::<String>();
    // `chat_type` hidden inside auth_date's value, and the key `auth_date=…\nchat_type`.
    for forged in [
        format!("auth_date={auth_date}%0Achat_type%3Dprivate&user={user}&hash={hash}"),
        format!("auth_date%3D{auth_date}%0Achat_type=private&user={user}&hash={hash}"),
    ] {
        assert_eq!(
            validator().validate(&forged, NOW),
            Err(InitDataError::AmbiguousField),
            "{forged}"
        );
    }
}

#[test]
fn a_missing_auth_date_is_rejected() {
    let raw = signed(&[("user", USER)]);
    assert_eq!(
        validator().validate(&raw, NOW),
        Err(InitDataError::MissingAuthDate)
    );
}

#[test]
fn a_non_numeric_auth_date_is_rejected() {
    let raw = signed(&[("auth_date", "yesterday"), ("user", USER)]);
    assert_eq!(
        validator().validate(&raw, NOW),
        Err(InitDataError::MalformedAuthDate)
    );
}

#[test]
fn init_data_older_than_the_maximum_age_is_rejected() {
    let raw = signed(&[("auth_date", &(NOW - 3601).to_string()), ("user", USER)]);
    assert_eq!(validator().validate(&raw, NOW), Err(InitDataError::Expired));
    let lenient = HmacValidator::new(
        TOKEN,
        Freshness {
            max_age: std::time::Duration::from_secs(7200),
            ..Freshness::default()
        },
    );
    assert!(
        lenient.validate(&raw, NOW).is_ok(),
        "the maximum age is configurable"
    );
    let just_in_time = signed(&[("auth_date", &(NOW - 3600).to_string()), ("user", USER)]);
    assert!(validator().validate(&just_in_time, NOW).is_ok());
}

#[test]
fn init_data_from_more_than_a_minute_ahead_is_rejected() {
    let ahead = signed(&[("auth_date", &(NOW + 61).to_string()), ("user", USER)]);
    assert_eq!(
        validator().validate(&ahead, NOW),
        Err(InitDataError::FromTheFuture)
    );
    let skewed = signed(&[("auth_date", &(NOW + 60).to_string()), ("user", USER)]);
    assert!(
        validator().validate(&skewed, NOW).is_ok(),
        "a minute of clock skew is tolerated"
    );
}

#[test]
fn a_missing_user_is_rejected() {
    let raw = signed(&[("auth_date", &NOW.to_string()), ("chat_type", "private")]);
    assert_eq!(validator().validate(&raw, NOW), Err(InitDataError::MissingUser));
}

#[test]
fn a_malformed_user_is_rejected() {
    for user in [
        "not json",
        r#"{"first_name":"No id"}"#,
        r#"{"id":-1,"first_name":"x"}"#,
        r#"{"id":1,"first_name":""}"#,
    ] {
        let raw = signed(&[("auth_date", &NOW.to_string()), ("user", user)]);
        assert_eq!(
            validator().validate(&raw, NOW),
            Err(InitDataError::MalformedUser),
            "{user}"
        );
    }
}

#[test]
fn every_rejection_has_its_own_code() {
    let errors = [
        InitDataError::Missing,
        InitDataError::MissingHash,
        InitDataError::MalformedHash,
        InitDataError::WrongHash,
        InitDataError::DuplicateKey("x".into()),
        InitDataError::AmbiguousField,
        InitDataError::MissingAuthDate,
        InitDataError::MalformedAuthDate,
        InitDataError::Expired,
        InitDataError::FromTheFuture,
        InitDataError::MissingUser,
        InitDataError::MalformedUser,
        InitDataError::MissingSignature,
        InitDataError::MalformedSignature,
        InitDataError::WrongSignature,
    ];
    let codes: std::collections::HashSet<_> = errors.iter().map(InitDataError::code).collect();
    assert_eq!(codes.len(), errors.len());
}

#[derive(serde::Deserialize)]
struct Vector {
    id: String,
    init_data: String,
    bot_id: i64,
    env: String,
    valid: bool,
    max_age_s: u64,
}

#[test]
fn telegrams_ed25519_vectors_get_the_published_verdicts() {
    let vectors: Vec<Vector> =
        serde_json::from_str(include_str!("../../../data/initdata-ed25519-vectors.json")).unwrap();
    assert_eq!(vectors.len(), 11);
    for v in vectors {
        let env = if v.env == "test" {
            TelegramEnv::Test
        } else {
            TelegramEnv::Production
        };
        let freshness = Freshness {
            max_age: std::time::Duration::from_secs(v.max_age_s),
            ..Freshness::default()
        };
        let check_age = (v.max_age_s > 0).then_some(&freshness);
        let verdict = verify_signature(&v.init_data, v.bot_id, env, check_age, NOW);
        assert_eq!(verdict.is_ok(), v.valid, "{}: {verdict:?}", v.id);
        if v.id == "signature_removed" {
            assert_eq!(verdict, Err(InitDataError::MissingSignature));
        }
    }
}

#[test]
fn the_signed_sample_is_checked_for_freshness_when_asked() {
    let vectors: Vec<Vector> =
        serde_json::from_str(include_str!("../../../data/initdata-ed25519-vectors.json")).unwrap();
    let sample = &vectors[0];
    let verdict = verify_signature(
        &sample.init_data,
        sample.bot_id,
        TelegramEnv::Production,
        Some(&Freshness::default()),
        NOW,
    );
    assert_eq!(verdict, Err(InitDataError::Expired));
    let user = verify_signature(
        &sample.init_data,
        sample.bot_id,
        TelegramEnv::Production,
        None,
        NOW,
    )
    .unwrap()
    .user;
    assert_eq!(
        (user.id, user.first_name.as_str()),
        (UserId(279058397), "Vladislav + - ? /")
    );
}

#[test]
fn a_malformed_signature_is_rejected() {
    let raw = signed(&[
        ("auth_date", &NOW.to_string()),
        ("signature", "!!!"),
        ("user", USER),
    ]);
    assert_eq!(
        verify_signature(&raw, 1, TelegramEnv::Production, None, NOW),
        Err(InitDataError::MalformedSignature)
    );
}
