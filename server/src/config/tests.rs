//! Tests of configuration parsing: defaults, each variable's rules, secrets kept out of logs.

use super::*;
use app::identity::UserId;
use std::collections::HashMap;

/// The configuration from `vars`, in sandbox mode unless they name `BOT_TOKEN` or `SANDBOX`.
fn config(vars: &[(&str, &str)]) -> Result<Config, ConfigError> {
    let mut vars: HashMap<String, String> =
        vars.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    if !vars.contains_key("BOT_TOKEN") && !vars.contains_key("SANDBOX") {
        vars.insert("SANDBOX".into(), "1".into());
    }
    Config::from_lookup(|name| vars.get(name).cloned())
}

#[test]
fn env_example_documents_every_variable_the_shop_reads() {
    let asked = std::cell::RefCell::new(Vec::new());
    Config::from_lookup(|name| {
        asked.borrow_mut().push(name.to_owned());
        (name == "SANDBOX").then(|| "1".to_owned())
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
    assert!(config.mode.is_sandbox() && config.public_url.is_none());
    assert!(config.admin_user_ids.is_empty());
    assert_eq!(config.upload_dir, std::path::Path::new(DEFAULT_UPLOAD_DIR));
}

#[test]
fn a_bot_token_yields_its_bot_id() {
    let config = config(&[("BOT_TOKEN", "123456:TEST-TOKEN_abc")]).unwrap();
    let Mode::Telegram(token) = config.mode else {
        panic!("a token runs the real bot")
    };
    assert_eq!(token.bot_id(), 123456);
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
        ("WEBHOOK_SECRET", "hush-hush-0123456789abcdef0123456789"),
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
        config(&[("PUBLIC_URL", "https://shop.example/"), ("BOT_TOKEN", "1:T")])
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
}

#[test]
fn the_bot_api_is_reached_over_https_or_on_this_machine() {
    for local in [
        "http://127.0.0.1:8081",
        "http://localhost:8081/",
        "http://[::1]:8081",
        "http://127.0.0.2",
        "https://api.telegram.org",
        "https://10.0.0.5:8443",
    ] {
        assert!(config(&[("TELEGRAM_API_URL", local)]).is_ok(), "{local}");
    }
    // The bot token travels in every request's path: never in clear across a network.
    for remote in [
        "http://api.telegram.org",
        "http://10.0.0.5:8081",
        "http://127.0.0.1.example.com",
        "http://localhost@evil.example",
        "http://[::2]:8081",
        "ftp://x",
        "https://",
    ] {
        assert_eq!(
            config(&[("TELEGRAM_API_URL", remote)]).unwrap_err().variable,
            "TELEGRAM_API_URL",
            "{remote}"
        );
    }
}

#[test]
fn one_of_a_bot_token_and_the_sandbox_is_chosen_explicitly() {
    let none = Config::from_lookup(|_| None).unwrap_err();
    assert_eq!(none.variable, "BOT_TOKEN");
    assert!(none.message.contains("SANDBOX=1"), "{none}");
    // A blank token, as `.env.example` ships it, is no token: it does not start the sandbox.
    let blank = config(&[("BOT_TOKEN", " ")]).unwrap_err();
    assert_eq!(
        (blank.variable, blank.to_string()),
        (none.variable, none.to_string())
    );
    assert_eq!(config(&[("SANDBOX", "0")]).unwrap_err().variable, "BOT_TOKEN");
    for on in ["1", "true", "YES"] {
        assert!(config(&[("SANDBOX", on)]).unwrap().mode.is_sandbox(), "{on}");
    }
    assert_eq!(config(&[("SANDBOX", "maybe")]).unwrap_err().variable, "SANDBOX");
    let both = config(&[("SANDBOX", "1"), ("BOT_TOKEN", "123456:TOKEN")]).unwrap_err();
    assert!(
        both.message.contains("BOT_TOKEN") && both.message.contains("SANDBOX"),
        "{both}"
    );
    let public = config(&[("SANDBOX", "1"), ("PUBLIC_URL", "https://shop.example")]).unwrap_err();
    assert_eq!(public.variable, "SANDBOX");
    assert!(public.message.contains("PUBLIC_URL"), "{public}");
    let real = config(&[
        ("BOT_TOKEN", "123456:TOKEN"),
        ("PUBLIC_URL", "https://shop.example"),
    ])
    .unwrap();
    assert!(!real.mode.is_sandbox());
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
fn webhook_secrets_follow_telegrams_alphabet_and_are_long_enough() {
    let long = "abc_DEF-123".repeat(3);
    assert!(config(&[("WEBHOOK_SECRET", &long)]).is_ok());
    assert!(config(&[("WEBHOOK_SECRET", &"a".repeat(256))]).is_ok());
    for bad in [
        "no spaces! no spaces! no spaces! no",
        "abc_DEF-123",
        &"a".repeat(31),
        &"a".repeat(257),
    ] {
        assert_eq!(
            config(&[("WEBHOOK_SECRET", bad)]).unwrap_err().variable,
            "WEBHOOK_SECRET",
            "{bad}"
        );
    }
}

#[test]
fn rate_limits_are_a_burst_then_one_per_some_seconds() {
    let defaults = config(&[]).unwrap();
    let limit = |burst, secs| RateLimit {
        burst,
        every: std::time::Duration::from_secs(secs),
    };
    assert_eq!(defaults.checkout_rate_limit, limit(5, 6));
    assert_eq!(defaults.promo_rate_limit, limit(10, 2));
    let set = config(&[("RATE_LIMIT_CHECKOUT", "2/3600s"), ("RATE_LIMIT_PROMO", " 1/1s ")]).unwrap();
    assert_eq!(set.checkout_rate_limit, limit(2, 3600));
    assert_eq!(set.promo_rate_limit, limit(1, 1));
    for bad in ["5", "5/6", "0/6s", "5/0s", "-1/6s", "5/6m", "x/6s"] {
        let error = config(&[("RATE_LIMIT_CHECKOUT", bad)]).unwrap_err();
        assert_eq!(error.variable, "RATE_LIMIT_CHECKOUT", "{bad}");
    }
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
