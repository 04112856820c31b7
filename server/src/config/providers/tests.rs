//! Tests of the provider tokens' parsing: their shape, names, one token per currency, Stars
//! refused, the choice by currency, and tokens kept out of errors and `Debug`.

use super::*;

const EUR_TOKEN: &str = "284685063:TEST:NjRjMDk3YTUzYTg5";
const USD_TOKEN: &str = "350862534:LIVE:ZmRhZTY4MDQ1Y2Nl";

fn currency(code: &str) -> Currency {
    Currency::parse(code).unwrap()
}

fn parse(default: Option<&str>, per_currency: Option<&str>) -> Result<PaymentProviders, ConfigError> {
    PaymentProviders::parse(default, per_currency)
}

#[test]
fn telegrams_token_shapes_are_taken_with_their_mode() {
    let test = ProviderToken::parse(EUR_TOKEN).unwrap();
    assert_eq!(test.expose(), EUR_TOKEN);
    assert_eq!(test.provider().mode, ProviderMode::Test);
    assert_eq!(test.provider().name.as_str(), "provider 284685063");
    let live = ProviderToken::parse(USD_TOKEN).unwrap();
    assert_eq!(live.provider().mode, ProviderMode::Live);
    for good in [
        "1:TEST:a",
        "401643678:TEST:266f3f68-3ec6-4e62-97b2-6a0e2e1a1a1a",
        "1877036958:LIVE:abc_DEF+/=",
    ] {
        assert!(ProviderToken::parse(good).is_ok(), "{good}");
    }
}

#[test]
fn a_name_before_the_token_names_the_provider() {
    let named = ProviderToken::parse(&format!("Smart Glocal={EUR_TOKEN}")).unwrap();
    assert_eq!(named.provider().name.as_str(), "Smart Glocal");
    assert_eq!(named.expose(), EUR_TOKEN);
    assert!(ProviderToken::parse(&format!("9lives={EUR_TOKEN}")).is_err());
}

#[test]
fn malformed_tokens_are_refused() {
    for bad in [
        "",
        "prov",
        "284685063",
        "284685063:TEST",
        "284685063:TEST:",
        "284685063:test:abc",
        "284685063:SANDBOX:abc",
        "abc:TEST:abc",
        "0:TEST:abc",
        "-5:TEST:abc",
        "12345678901234567890:TEST:abc",
        "284685063:LIVE:has space",
        "284685063:LIVE:semi;colon",
        "Stripe=",
        "Stripe=prov",
        "Stripe",
    ] {
        assert!(ProviderToken::parse(bad).is_err(), "{bad:?}");
    }
}

#[test]
fn each_currency_gets_its_own_token_and_the_default_takes_the_rest() {
    let providers = parse(
        Some("Default=1:LIVE:other"),
        Some(&format!(" EUR:{EUR_TOKEN} , USD:Stripe US={USD_TOKEN},")),
    )
    .unwrap();
    assert_eq!(
        providers.provider_for(currency("EUR")).unwrap().expose(),
        EUR_TOKEN
    );
    let usd = providers.provider_for(currency("USD")).unwrap();
    assert_eq!(
        (usd.expose(), usd.provider().name.as_str()),
        (USD_TOKEN, "Stripe US")
    );
    assert_eq!(
        providers.provider_for(currency("GBP")).unwrap().expose(),
        "1:LIVE:other"
    );
    assert_eq!(
        providers.provider_for(Currency::STARS),
        None,
        "Stars need no token"
    );
    let tested: Vec<_> = providers.in_test_mode().into_iter().map(|(c, _)| c).collect();
    assert_eq!(tested, vec![Some(currency("EUR"))]);
}

#[test]
fn without_a_default_other_fiat_currencies_have_no_provider() {
    let providers = parse(None, Some(&format!("EUR:{EUR_TOKEN}"))).unwrap();
    assert!(providers.provider_for(currency("EUR")).is_some());
    assert_eq!(providers.provider_for(currency("USD")), None);
    assert!(parse(None, None).unwrap().is_empty());
}

#[test]
fn a_bad_entry_is_named_by_variable_and_position_without_its_token() {
    let secret = "284685063:TEST:SECRETPART";
    let cases = [
        (format!("EUR:{secret},USD:{secret};x"), "entry 2"),
        (format!("EUR:{secret},EUR:{USD_TOKEN}"), "entry 2"),
        (format!("ABC:{secret}"), "entry 1"),
        (format!("eur:{secret}"), "entry 1"),
        (format!("XTR:{secret}"), "entry 1"),
        (secret.to_string(), "entry 1"),
        (format!("EUR:{secret},GBP:TEST:SECRETPART"), "entry 2"),
    ];
    for (list, position) in cases {
        let error = parse(None, Some(&list)).unwrap_err();
        assert_eq!(error.variable, "PAYMENT_PROVIDER_TOKENS", "{list}");
        assert!(error.message.contains(position), "{list}: {error}");
        assert!(!error.message.contains("SECRETPART"), "{error}");
    }
    let duplicate = parse(None, Some(&format!("EUR:{EUR_TOKEN},EUR:{USD_TOKEN}"))).unwrap_err();
    assert!(
        duplicate.message.contains("EUR has a token already"),
        "{duplicate}"
    );
    let stars = parse(None, Some(&format!("XTR:{EUR_TOKEN}"))).unwrap_err();
    assert!(stars.message.contains("Stars"), "{stars}");
    let unknown = parse(None, Some(&format!("ABC:{EUR_TOKEN}"))).unwrap_err();
    assert!(unknown.message.contains("\"ABC\""), "{unknown}");
    let default = parse(Some("SECRETPART"), None).unwrap_err();
    assert_eq!(default.variable, "PAYMENT_PROVIDER_TOKEN");
    assert!(!default.message.contains("SECRETPART"), "{default}");
}

#[test]
fn tokens_never_show_in_debug_output() {
    let providers = parse(Some(USD_TOKEN), Some(&format!("EUR:{EUR_TOKEN}"))).unwrap();
    let printed = format!("{providers:?}");
    assert!(
        !printed.contains("NjRjMDk3") && !printed.contains("ZmRhZTY"),
        "{printed}"
    );
    assert!(printed.contains("provider 284685063"), "{printed}");
}
