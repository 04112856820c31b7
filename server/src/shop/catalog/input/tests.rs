use super::*;

fn currency(code: &str) -> Currency {
    Currency::parse(code).unwrap()
}

#[test]
fn slugs_are_made_from_names_in_lower_case_words() {
    let slug = |name: &str| slug_from(&Name::parse(name).unwrap()).map(|s| s.as_str().to_owned());
    assert_eq!(slug("Blue Glazed Mug").unwrap(), "blue-glazed-mug");
    assert_eq!(slug("  Café & Tea — 2 cups!  ").unwrap(), "caf-tea-2-cups");
    assert_eq!(
        slug(&"abc ".repeat(30)).unwrap().len(),
        63,
        "cut at 64, no trailing dash"
    );
    assert_eq!(
        slug("Кофе").unwrap_err().code,
        "bad_slug",
        "nothing Latin to make one from"
    );
}

#[test]
fn given_slugs_follow_the_slug_rules() {
    assert_eq!(parse_slug(" blue-mug ").unwrap().as_str(), "blue-mug");
    assert_eq!(parse_slug("Blue Mug").unwrap_err().code, "bad_slug");
}

#[test]
fn names_are_one_line_of_at_most_120_characters() {
    assert_eq!(Name::parse("  Mug ").unwrap().as_str(), "Mug");
    for bad in ["", "   ", "two\nlines", &"é".repeat(121)] {
        assert_eq!(Name::parse(bad).unwrap_err().code, "bad_name", "{bad:?}");
    }
    assert!(Name::parse(&"é".repeat(120)).is_ok(), "characters, not bytes");
}

#[test]
fn descriptions_may_be_empty_or_span_lines() {
    assert_eq!(Description::parse("a\r\nb").unwrap().as_str(), "a\nb");
    assert!(Description::parse("").is_ok());
    assert!(Description::parse(&"a".repeat(4001)).is_err());
    assert!(Description::parse("bell\u{7}").is_err());
}

#[test]
fn a_product_has_unique_variant_names_and_an_unnamed_one_only_alone() {
    let names = |list: &[&str]| {
        list.iter()
            .map(|n| VariantName::parse(n).unwrap())
            .collect::<Vec<_>>()
    };
    assert!(check_variant_names(names(&[""]).iter()).is_ok());
    assert!(check_variant_names(names(&["S", "M"]).iter()).is_ok());
    assert_eq!(
        check_variant_names(names(&[]).iter()).unwrap_err().code,
        "bad_variants"
    );
    assert_eq!(
        check_variant_names(names(&["S", ""]).iter()).unwrap_err().code,
        "bad_variant_name"
    );
    assert_eq!(
        check_variant_names(names(&["S", "s "]).iter()).unwrap_err().code,
        "bad_variant_name"
    );
    assert!(VariantName::parse(&"v".repeat(65)).is_err());
}

#[test]
fn prices_stay_within_telegrams_limits_for_one_payment() {
    let table = CurrencyTable::telegram();
    let eur = currency("EUR");
    let rules = table.rules(eur).unwrap();
    assert_eq!(parse_price(1250, eur, table).unwrap(), Money::new(1250, eur));
    assert!(parse_price(rules.min_amount, eur, table).is_ok());
    assert!(parse_price(rules.max_amount, eur, table).is_ok());
    let low = parse_price(rules.min_amount - 1, eur, table).unwrap_err();
    assert_eq!(low.code, "bad_price_minor");
    assert!(low.message.contains("price_minor"), "{}", low.message);
    assert!(parse_price(rules.max_amount + 1, eur, table).is_err());
    assert!(parse_price(50, Currency::STARS, table).is_ok());
    assert!(parse_price(0, Currency::STARS, table).is_err());
    assert!(parse_price(10_001, Currency::STARS, table).is_err());
}

#[test]
fn only_telegram_currencies_are_taken() {
    let table = CurrencyTable::telegram();
    assert_eq!(parse_currency("EUR", table).unwrap(), currency("EUR"));
    assert_eq!(parse_currency("XTR", table).unwrap(), Currency::STARS);
    for bad in ["ABC", "eur", "EURO", ""] {
        assert_eq!(
            parse_currency(bad, table).unwrap_err().code,
            "bad_currency",
            "{bad:?}"
        );
    }
}

#[test]
fn stock_is_zero_to_a_million_units() {
    assert_eq!(parse_stock(0), Ok(0));
    assert_eq!(parse_stock(MAX_STOCK), Ok(MAX_STOCK));
    assert_eq!(parse_stock(-1).unwrap_err().code, "bad_stock");
    assert!(parse_stock(MAX_STOCK + 1).is_err());
    assert!(parse_position(-1).is_err() && parse_position(3).is_ok());
}

#[test]
fn a_stock_adjustment_moves_stock_and_says_why() {
    let taken = StockAdjustment::parse(-3, " broken in transit ").unwrap();
    assert_eq!((taken.delta, taken.reason.as_str()), (-3, "broken in transit"));
    assert_eq!(
        StockAdjustment::parse(0, "recount").unwrap_err().code,
        "bad_delta"
    );
    assert_eq!(
        StockAdjustment::parse(MAX_STOCK + 1, "x").unwrap_err().code,
        "bad_delta"
    );
    assert_eq!(StockAdjustment::parse(5, " ").unwrap_err().code, "bad_reason");
    assert_eq!(
        StockAdjustment::parse(5, &"r".repeat(201)).unwrap_err().code,
        "bad_reason"
    );
}

#[test]
fn alt_text_is_one_short_line() {
    assert_eq!(parse_alt(" The mug from above ").unwrap(), "The mug from above");
    assert_eq!(parse_alt("").unwrap(), "");
    assert_eq!(parse_alt(&"a".repeat(201)).unwrap_err().code, "bad_alt");
}

#[test]
fn a_stars_price_is_whole_stars_within_telegrams_limits() {
    let eur = currency("EUR");
    assert_eq!(
        parse_stars_price(250, eur).unwrap(),
        Money::new(250, Currency::STARS)
    );
    assert!(parse_stars_price(1, eur).is_ok());
    assert!(parse_stars_price(10_000, eur).is_ok());
    for bad in [0, -5, 10_001] {
        assert_eq!(
            parse_stars_price(bad, eur).unwrap_err().code,
            "bad_stars_price",
            "{bad}"
        );
    }
}

#[test]
fn a_product_priced_in_stars_takes_no_second_stars_price() {
    let refused = parse_stars_price(250, Currency::STARS).unwrap_err();
    assert_eq!(refused.code, "stars_price_on_stars_product");
}
