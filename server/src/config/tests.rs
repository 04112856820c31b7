//! Tests of configuration parsing: defaults, each variable's rules, secrets kept out of logs.

use super::*;
use app::identity::UserId;
use std::collections::HashMap;

fn config(vars: &[(&str, &str)]) -> Result<Config, ConfigError> {
    let vars: HashMap<String, String> = vars.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    Config::from_lookup(|name| vars.get(name).cloned())
}

#[test]
fn env_example_documents_every_variable_the_shop_reads() {
    let asked = std::cell::RefCell::new(Vec::new());
    Config::from_lookup(|name| {
        asked.borrow_mut().push(name.to_owned());
        None
    })
    .unwrap();
    let example = include_str!("../../../.env.example");
    let documented: Vec<&str> = example
        .lines()
        .filter(|line| !line.starts_with('#'))
        .filter_map(|line| line.split_once('=').map(|(name, _)| name))
        .collect();
    let asked = asked.into_inner();
    assert!(asked.len() >= 9, "{asked:?}");
    for name in &asked {
        assert!(
            documented.contains(&name.as_str()),
            "{name} is missing from .env.example"
        );
    }
}

#[test]
fn nothing_set_gives_the_embedded_defaults() {
    let config = config(&[]).unwrap();
    assert_eq!(config.database_url.expose(), DEFAULT_DATABASE_URL);
    assert_eq!(config.telegram_api_url, DEFAULT_TELEGRAM_API_URL);
    assert!(config.bot_token.is_none() && config.public_url.is_none());
    assert!(config.admin_user_ids.is_empty());
    assert_eq!(config.upload_dir, std::path::Path::new(DEFAULT_UPLOAD_DIR));
}

#[test]
fn a_bot_token_yields_its_bot_id() {
    let config = config(&[("BOT_TOKEN", "123456:TEST-TOKEN_abc")]).unwrap();
    assert_eq!(config.bot_token.unwrap().bot_id(), 123456);
}

#[test]
fn sandbox_tokens_are_well_formed_and_never_repeat() {
    let (a, b) = (BotToken::sandbox(), BotToken::sandbox());
    assert_ne!(a.secret(), b.secret());
    assert_eq!(BotToken::parse(a.secret().expose()).unwrap(), a);
}

#[test]
fn malformed_bot_tokens_are_refused_by_name() {
    for bad in ["no-colon", "abc:def", "-5:def", "123:", "123:has space"] {
        assert_eq!(
            config(&[("BOT_TOKEN", bad)]).unwrap_err().variable,
            "BOT_TOKEN",
            "{bad}"
        );
    }
}

#[test]
fn secrets_never_show_in_debug_output() {
    let config = config(&[
        ("BOT_TOKEN", "123456:SUPERSECRET"),
        ("WEBHOOK_SECRET", "hush-hush"),
    ])
    .unwrap();
    let printed = format!("{config:?}");
    assert!(
        !printed.contains("SUPERSECRET") && !printed.contains("hush-hush"),
        "{printed}"
    );
}

#[test]
fn admin_ids_are_a_comma_separated_list() {
    assert_eq!(
        config(&[("ADMIN_USER_IDS", " 1, 22 ,333,")])
            .unwrap()
            .admin_user_ids,
        vec![UserId(1), UserId(22), UserId(333)]
    );
    assert_eq!(
        config(&[("ADMIN_USER_IDS", "1,bob")]).unwrap_err().variable,
        "ADMIN_USER_IDS"
    );
}

#[test]
fn the_public_url_must_be_https() {
    assert_eq!(
        config(&[("PUBLIC_URL", "https://shop.example/")])
            .unwrap()
            .public_url
            .unwrap(),
        "https://shop.example"
    );
    assert_eq!(
        config(&[("PUBLIC_URL", "http://shop.example")])
            .unwrap_err()
            .variable,
        "PUBLIC_URL"
    );
    assert!(config(&[("TELEGRAM_API_URL", "http://127.0.0.1:8081")]).is_ok());
    assert_eq!(
        config(&[("TELEGRAM_API_URL", "ftp://x")]).unwrap_err().variable,
        "TELEGRAM_API_URL"
    );
}

#[test]
fn the_init_data_age_limit_is_configurable_in_seconds() {
    assert_eq!(config(&[]).unwrap().init_data_max_age.as_secs(), 3600);
    assert_eq!(
        config(&[("INIT_DATA_MAX_AGE_SECS", "600")])
            .unwrap()
            .init_data_max_age
            .as_secs(),
        600
    );
    for bad in ["0", "-5", "soon"] {
        assert_eq!(
            config(&[("INIT_DATA_MAX_AGE_SECS", bad)]).unwrap_err().variable,
            "INIT_DATA_MAX_AGE_SECS"
        );
    }
}

#[test]
fn webhook_secrets_follow_telegrams_alphabet() {
    assert!(config(&[("WEBHOOK_SECRET", "abc_DEF-123")]).is_ok());
    assert_eq!(
        config(&[("WEBHOOK_SECRET", "no spaces!")]).unwrap_err().variable,
        "WEBHOOK_SECRET"
    );
}

#[test]
fn the_metrics_address_is_optional_and_must_be_a_socket_address() {
    assert_eq!(config(&[]).unwrap().metrics_addr, None);
    assert_eq!(
        config(&[("METRICS_ADDR", "127.0.0.1:9100")])
            .unwrap()
            .metrics_addr,
        Some("127.0.0.1:9100".parse().unwrap())
    );
    for bad in ["9100", "localhost:9100", "127.0.0.1"] {
        assert_eq!(
            config(&[("METRICS_ADDR", bad)]).unwrap_err().variable,
            "METRICS_ADDR",
            "{bad}"
        );
    }
}
