use super::*;
use crate::shop::test_catalog::{catalog, request};

fn cart(lines: &[(i64, i64)]) -> Cart {
    Cart::parse_allowing_empty(&request(lines)).unwrap()
}

fn eur_shipping(currency: Currency) -> Option<i64> {
    (currency.as_str() == "EUR").then_some(490)
}

#[test]
fn an_empty_cart_can_be_saved_and_shows_nothing() {
    let empty = cart(&[]);
    assert_eq!(check_saveable(&empty, &catalog()), Ok(()));
    assert_eq!(
        view(&empty, &catalog(), eur_shipping, CurrencyTable::telegram()),
        CartView::default()
    );
}

#[test]
fn lines_are_priced_from_the_catalog_in_catalog_order_with_a_total_per_currency() {
    let shown = view(
        &cart(&[(3, 2), (1, 2), (4, 1)]),
        &catalog(),
        eur_shipping,
        CurrencyTable::telegram(),
    );
    let lines: Vec<_> = shown
        .lines
        .iter()
        .map(|l| {
            (
                l.product_id.0,
                l.quantity,
                l.unit_label.as_str(),
                l.line_label.as_str(),
            )
        })
        .collect();
    assert_eq!(
        lines,
        [
            (1, 2, "24,00 €", "48,00 €"),
            (3, 2, "⭐ 50", "⭐ 100"),
            (4, 1, "0,05 €", "0,05 €")
        ]
    );
    let totals: Vec<_> = shown
        .totals
        .iter()
        .map(|t| (t.items.minor, t.label.as_str()))
        .collect();
    assert_eq!(totals, [(4805, "48,05 €"), (100, "⭐ 100")]);
    assert_eq!(shown.item_count(), 5);
}

#[test]
fn shipping_is_estimated_only_when_something_ships_as_a_parcel() {
    let parcel = view(
        &cart(&[(1, 1)]),
        &catalog(),
        eur_shipping,
        CurrencyTable::telegram(),
    );
    assert_eq!(parcel.shipping_from.as_deref(), Some("4,90 €"));
    let appointment = view(
        &cart(&[(2, 1)]),
        &catalog(),
        eur_shipping,
        CurrencyTable::telegram(),
    );
    assert_eq!(appointment.shipping_from, None);
    let nowhere = view(&cart(&[(1, 1)]), &catalog(), |_| None, CurrencyTable::telegram());
    assert_eq!(
        nowhere.shipping_from, None,
        "a shop without shipping options shows no estimate"
    );
}

#[test]
fn a_product_no_longer_sold_drops_out_of_the_view() {
    let gone = view(
        &cart(&[(1, 1), (42, 3)]),
        &catalog(),
        eur_shipping,
        CurrencyTable::telegram(),
    );
    assert_eq!(gone.lines.len(), 1);
    assert_eq!(gone.item_count(), 1);
}

#[test]
fn saving_refuses_unknown_products_and_more_than_the_stock() {
    assert_eq!(
        check_saveable(&cart(&[(42, 1)]), &catalog()),
        Err(CheckoutError::UnknownVariant(42))
    );
    assert_eq!(
        check_saveable(&cart(&[(2, 2)]), &catalog()),
        Err(CheckoutError::SoldOut {
            name: "Thing 2".into(),
            available: 1
        })
    );
    assert_eq!(check_saveable(&cart(&[(2, 1), (1, 5)]), &catalog()), Ok(()));
}

#[test]
fn the_cart_says_what_the_payment_sheet_will_ask_for() {
    let asks =
        |lines: &[(i64, i64)]| view(&cart(lines), &catalog(), eur_shipping, CurrencyTable::telegram()).asks;
    assert_eq!(asks(&[(1, 1)]), ["name", "shipping_address"], "a parcel");
    assert_eq!(asks(&[(1, 1), (2, 1)]), ["name", "shipping_address", "phone"]);
    assert!(
        asks(&[(4, 20)]).is_empty(),
        "digital goods listed in euros, paid in Stars"
    );
    assert!(asks(&[(3, 1)]).is_empty(), "Stars ask for nothing");
    assert!(
        asks(&[(1, 1), (3, 1)]).is_empty(),
        "mixed currencies cannot be paid together"
    );
}

#[test]
fn tips_are_offered_with_their_totals_for_one_card_currency_only() {
    let preset = TipPreset::parse(1000, "100,200").unwrap();
    let currencies = CurrencyTable::telegram();
    let euros = view(&cart(&[(1, 1)]), &catalog(), eur_shipping, currencies);
    let tips = tip_choices(&euros, &preset, currencies);
    assert_eq!(tips.len(), 2);
    assert_eq!(tips[0].minor, 100);
    let items = euros.totals[0].items;
    assert_eq!(tips[1].label, currencies.format(Money::new(200, items.currency)));
    assert_eq!(
        tips[1].total_label,
        currencies.format(Money::new(items.minor + 200, items.currency))
    );
    let stars = view(&cart(&[(3, 1)]), &catalog(), eur_shipping, currencies);
    assert!(
        tip_choices(&stars, &preset, currencies).is_empty(),
        "Stars take no tips"
    );
    let mixed = view(&cart(&[(1, 1), (3, 1)]), &catalog(), eur_shipping, currencies);
    assert!(
        tip_choices(&mixed, &preset, currencies).is_empty(),
        "mixed carts are paid apart"
    );
}

#[test]
fn a_fiat_cart_that_can_all_be_paid_in_stars_shows_its_stars_total() {
    let mut catalog = catalog();
    catalog[3].variants[0].stars_price = Some(Money::new(30, Currency::STARS));
    let shown = view(
        &cart(&[(4, 20)]),
        &catalog,
        eur_shipping,
        CurrencyTable::telegram(),
    );
    assert_eq!(shown.stars_total_label.as_deref(), Some("⭐ 600"));
}

#[test]
fn a_cart_of_digital_goods_listed_in_euros_refuses_cards_and_offers_no_tips() {
    let preset = TipPreset::parse(1000, "100,200").unwrap();
    let currencies = CurrencyTable::telegram();
    let legacy = view(&cart(&[(4, 20), (2, 1)]), &catalog(), eur_shipping, currencies);
    assert!(legacy.cards_refused, "Telegram's terms §6.2: Stars only");
    assert!(tip_choices(&legacy, &preset, currencies).is_empty());
    for lines in [&[(1, 1), (2, 1)][..], &[(3, 1)]] {
        let shown = view(&cart(lines), &catalog(), eur_shipping, currencies);
        assert!(!shown.cards_refused, "{lines:?}");
    }
}

#[test]
fn no_stars_total_when_a_line_has_no_stars_price_or_ships_or_the_cart_is_in_stars() {
    let mut catalog = catalog();
    catalog[3].variants[0].stars_price = Some(Money::new(30, Currency::STARS));
    catalog[0].variants[0].stars_price = Some(Money::new(30, Currency::STARS));
    for lines in [&[(4, 20), (2, 1)][..], &[(4, 20), (1, 1)], &[(3, 1)]] {
        let shown = view(&cart(lines), &catalog, eur_shipping, CurrencyTable::telegram());
        assert_eq!(shown.stars_total_label, None, "{lines:?}");
    }
}
