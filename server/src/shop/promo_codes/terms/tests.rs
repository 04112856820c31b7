use super::*;

fn draft() -> PromoDraft {
    PromoDraft {
        code: " spring-25 ".into(),
        percent_off: Some(25),
        currency: Some("EUR".into()),
        active: true,
        ..PromoDraft::default()
    }
}

#[test]
fn a_new_code_is_kept_in_upper_case_and_never_used() {
    let promo = draft().parse().unwrap();
    assert_eq!(promo.code.as_str(), "SPRING-25");
    assert_eq!((promo.off, promo.uses, promo.active), (Off::Percent(25), 0, true));
    let any_currency = PromoDraft {
        currency: None,
        ..draft()
    }
    .parse()
    .unwrap();
    assert_eq!(any_currency.currency, None);
}

/// Each draft is refused with the error code naming the field it breaks.
fn refused<const N: usize>(refusals: [(PromoDraft, &str); N]) {
    for (draft, code) in refusals {
        assert_eq!(draft.clone().parse().unwrap_err().code, code, "{draft:?}");
    }
}

/// Too short, or with a space.
#[test]
fn a_broken_code_names_its_field() {
    refused([
        (
            PromoDraft {
                code: "x".into(),
                ..draft()
            },
            "bad_code",
        ),
        (
            PromoDraft {
                code: "SUMMER SALE".into(),
                ..draft()
            },
            "bad_code",
        ),
    ]);
}

/// A percentage out of 1..=100, both or neither kind of discount, a zero amount.
#[test]
fn a_broken_discount_names_its_field() {
    refused([
        (
            PromoDraft {
                percent_off: Some(0),
                ..draft()
            },
            "bad_percent_off",
        ),
        (
            PromoDraft {
                percent_off: Some(101),
                ..draft()
            },
            "bad_percent_off",
        ),
        (
            PromoDraft {
                amount_off_minor: Some(500),
                ..draft()
            },
            "bad_discount",
        ),
        (
            PromoDraft {
                percent_off: None,
                ..draft()
            },
            "bad_discount",
        ),
        (
            PromoDraft {
                percent_off: None,
                amount_off_minor: Some(0),
                ..draft()
            },
            "bad_amount_off_minor",
        ),
    ]);
}

/// An amount off without a currency, a code in Stars (XTR); a negative minimum, a minimum
/// without a currency.
#[test]
fn a_broken_currency_or_minimum_names_its_field() {
    refused([
        (
            PromoDraft {
                percent_off: None,
                amount_off_minor: Some(500),
                currency: None,
                ..draft()
            },
            "bad_currency",
        ),
        (
            PromoDraft {
                currency: Some("XTR".into()),
                ..draft()
            },
            "bad_currency",
        ),
        (
            PromoDraft {
                min_items_minor: -1,
                ..draft()
            },
            "bad_min_items_minor",
        ),
        (
            PromoDraft {
                min_items_minor: 100,
                currency: None,
                ..draft()
            },
            "bad_min_items_minor",
        ),
    ]);
}

/// No uses at all, an expiry not after the start, a negative start.
#[test]
fn a_broken_limit_or_date_names_its_field() {
    refused([
        (
            PromoDraft {
                max_uses: Some(0),
                ..draft()
            },
            "bad_max_uses",
        ),
        (
            PromoDraft {
                starts_at: Some(2_000),
                expires_at: Some(2_000),
                ..draft()
            },
            "bad_expires_at",
        ),
        (
            PromoDraft {
                starts_at: Some(-5),
                ..draft()
            },
            "bad_starts_at",
        ),
    ]);
}

#[test]
fn a_patch_changes_only_what_it_names_and_can_lift_limits() {
    let promo = PromoDraft {
        max_uses: Some(10),
        expires_at: Some(9_000),
        ..draft()
    }
    .parse()
    .unwrap();
    let paused = PromoPatch {
        active: Some(false),
        ..PromoPatch::default()
    }
    .apply(&promo)
    .unwrap();
    assert_eq!(
        (paused.active, paused.max_uses, paused.expires_at),
        (false, Some(10), Some(9_000))
    );
    let unlimited = PromoPatch {
        max_uses: Some(None),
        expires_at: Some(None),
        ..PromoPatch::default()
    }
    .apply(&promo)
    .unwrap();
    assert_eq!(
        (unlimited.max_uses, unlimited.expires_at, unlimited.active),
        (None, None, true)
    );
    let zero = PromoPatch {
        max_uses: Some(Some(0)),
        ..PromoPatch::default()
    };
    assert_eq!(zero.apply(&promo).unwrap_err().code, "bad_max_uses");
}
