use super::*;
use app::money::Currency;

fn stars(minor: i64) -> Money {
    Money::new(minor, Currency::STARS)
}

fn subscription(status: SubscriptionStatus, expires_at: Option<i64>) -> Subscription {
    Subscription {
        id: SubscriptionId(1),
        buyer_id: 42,
        language: String::new(),
        product_name: "Club".into(),
        chat_id: -100,
        price_stars: 250,
        status,
        renews: true,
        expires_at,
        charge_id: None,
    }
}

fn charge(amount: i64, expires_secs: Option<i64>) -> Charge<'static> {
    Charge {
        payer: 42,
        currency: "XTR",
        amount,
        expires_secs,
    }
}

#[test]
fn a_plan_is_one_stars_price_within_telegrams_maximum_granting_a_group_or_channel() {
    let chat = Some(-1_001_234);
    assert_eq!(
        Plan::parse(&[stars(250)], chat),
        Ok(Plan {
            price_stars: 250,
            chat_id: -1_001_234
        })
    );
    assert!(Plan::parse(&[stars(MAX_STARS)], chat).is_ok());
    let code = |prices: &[Money], chat| Plan::parse(prices, chat).unwrap_err().code;
    assert_eq!(
        code(&[stars(MAX_STARS + 1)], chat),
        ErrorCode::SubscriptionPriceTooHigh
    );
    let euros = Money::new(500, Currency::parse("EUR").unwrap());
    assert_eq!(code(&[euros], chat), ErrorCode::SubscriptionNeedsStars);
    assert_eq!(
        code(&[stars(1), stars(2)], chat),
        ErrorCode::SubscriptionOneVariant
    );
    assert_eq!(code(&[], chat), ErrorCode::SubscriptionOneVariant);
    assert_eq!(code(&[stars(1)], None), ErrorCode::BadGrantedChat);
    assert_eq!(code(&[stars(1)], Some(1001)), ErrorCode::BadGrantedChat);
    assert!(no_granted_chat(None).is_ok());
    assert_eq!(no_granted_chat(chat).unwrap_err().code, ErrorCode::BadGrantedChat);
}

#[test]
fn payloads_name_one_subscription() {
    let payload = SubscriptionPayload(SubscriptionId(7));
    assert_eq!(payload.to_string(), "sub:7");
    assert_eq!(SubscriptionPayload::parse("sub:7"), Some(payload));
    for bad in ["order:7", "sub:", "sub:0", "sub:07", "sub:+7", "sub:-7", "sub:x"] {
        assert_eq!(SubscriptionPayload::parse(bad), None, "{bad}");
    }
}

#[test]
fn a_charge_runs_the_period_to_telegrams_expiration_date_never_backwards() {
    let pending = subscription(SubscriptionStatus::Pending, None);
    let first = pending.charged(&charge(250, Some(1_000)), 0).unwrap();
    assert_eq!(
        first,
        Charged {
            expires_at: 1_000_000,
            needs_invite: true
        }
    );
    let active = subscription(SubscriptionStatus::Active, Some(5_000_000));
    let late = active.charged(&charge(250, Some(1_000)), 0).unwrap();
    assert_eq!(
        late,
        Charged {
            expires_at: 5_000_000,
            needs_invite: false
        }
    );
    let unstated = active.charged(&charge(250, None), 6_000_000).unwrap();
    assert_eq!(unstated.expires_at, 6_000_000 + PERIOD_SECS * 1000);
    let lapsed = subscription(SubscriptionStatus::Lapsed, Some(5_000_000));
    assert!(lapsed.charged(&charge(250, Some(9_000)), 0).unwrap().needs_invite);
}

#[test]
fn a_charge_by_someone_else_or_of_another_amount_pays_nothing() {
    let pending = subscription(SubscriptionStatus::Pending, None);
    let stranger = Charge {
        payer: 7,
        ..charge(250, None)
    };
    assert_eq!(pending.charged(&stranger, 0), Err(ChargeMismatch::Payer(7)));
    assert!(matches!(
        pending.charged(&charge(249, None), 0),
        Err(ChargeMismatch::Amount { .. })
    ));
    let euros = Charge {
        currency: "EUR",
        ..charge(250, None)
    };
    assert!(pending.charged(&euros, 0).is_err());
}

#[test]
fn only_an_active_unexpired_subscription_grants_its_chat() {
    assert!(subscription(SubscriptionStatus::Active, Some(10)).grants_at(9));
    assert!(!subscription(SubscriptionStatus::Active, Some(10)).grants_at(10));
    assert!(!subscription(SubscriptionStatus::Pending, None).grants_at(0));
    assert!(!subscription(SubscriptionStatus::Lapsed, Some(10)).grants_at(0));
}

#[test]
fn telegrams_states_are_read_and_unknown_ones_are_not() {
    assert_eq!(TelegramState::parse("canceled"), Some(TelegramState::Canceled));
    assert_eq!(TelegramState::parse("active"), Some(TelegramState::Active));
    assert_eq!(TelegramState::parse("failed"), Some(TelegramState::Failed));
    assert_eq!(TelegramState::parse("cancelled"), None);
}
