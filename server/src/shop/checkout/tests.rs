use super::*;
use crate::shop::catalog::Product;
use crate::shop::kind::ProductKind;
use crate::shop::test_catalog::{catalog, request};
use app::money::Currency;

fn cart(lines: &[(i64, i64)]) -> Result<Cart, CheckoutError> {
    Cart::parse(&request(lines))
}

fn priced(lines: &[(i64, i64)]) -> Result<PricedCart, CheckoutError> {
    price(&cart(lines)?, &catalog(), CurrencyTable::telegram())
}

#[test]
fn the_shop_prices_the_cart_from_its_own_catalog() {
    let cart = priced(&[(1, 2), (2, 1)]).unwrap();
    assert_eq!(cart.currency.as_str(), "EUR");
    assert_eq!(cart.items_total, 2 * 2400 + 3500);
    assert!(cart.needs_shipping() && cart.has(ProductKind::Appointment));
    assert_eq!(cart.lines[0].unit_minor, 2400);
}

#[test]
fn an_order_is_shipped_after_payment_when_any_of_its_lines_ships() {
    let parcel_and_appointment = priced(&[(1, 1), (2, 1)]).unwrap();
    assert_eq!(
        parcel_and_appointment.after_payment(),
        AfterPayment::ShippedThenDelivered
    );
    let appointment = priced(&[(2, 1)]).unwrap();
    assert!(!appointment.needs_shipping());
    assert_eq!(appointment.after_payment(), AfterPayment::Served);
}

#[test]
fn repeated_products_are_merged() {
    assert_eq!(priced(&[(1, 1), (1, 2)]).unwrap().lines[0].quantity, 3);
}

#[test]
fn quantities_must_be_between_one_and_ninety_nine() {
    for bad in [0, -1, 100] {
        assert_eq!(
            cart(&[(1, bad)]),
            Err(CheckoutError::BadQuantity {
                variant_id: 1,
                quantity: bad
            })
        );
    }
    assert!(matches!(
        cart(&[(1, 60), (1, 60)]),
        Err(CheckoutError::BadQuantity { .. })
    ));
}

#[test]
fn empty_and_oversized_carts_are_refused() {
    assert_eq!(cart(&[]), Err(CheckoutError::EmptyCart));
    let many: Vec<(i64, i64)> = (1..=51).map(|id| (id, 1)).collect();
    assert_eq!(cart(&many), Err(CheckoutError::TooManyLines));
}

#[test]
fn unknown_products_and_mixed_currencies_are_refused() {
    assert_eq!(priced(&[(9, 1)]), Err(CheckoutError::UnknownVariant(9)));
    assert_eq!(priced(&[(1, 1), (3, 1)]), Err(CheckoutError::MixedCurrencies));
}

#[test]
fn more_than_the_stock_is_refused_with_what_is_left() {
    assert_eq!(
        priced(&[(2, 2)]),
        Err(CheckoutError::SoldOut {
            name: "Thing 2".into(),
            available: 1
        })
    );
}

#[test]
fn the_units_a_buyer_holds_are_theirs_to_take_again() {
    let mut products = catalog();
    let cart = cart(&[(2, 2)]).unwrap();
    assert!(matches!(
        price(&cart, &products, CurrencyTable::telegram()),
        Err(CheckoutError::SoldOut { available: 1, .. })
    ));
    with_units_back(&mut products, &[(VariantId(2), 1), (VariantId(424242), 5)]);
    assert_eq!(
        price(&cart, &products, CurrencyTable::telegram()).unwrap().lines[0].quantity,
        2
    );
}

#[test]
fn a_line_over_the_buyers_cap_is_refused_naming_the_item() {
    let cap = |units| crate::shop::settings::UnitCap::parse(units).unwrap();
    let cart = priced(&[(1, 3), (2, 1)]).unwrap();
    assert_eq!(cart.within_cap(cap(3)), Ok(()));
    let refused = cart.within_cap(cap(2)).unwrap_err();
    assert_eq!(refused.code(), ErrorCode::OverBuyerLimit);
    assert_eq!(
        refused,
        CheckoutError::OverBuyerLimit {
            name: cart.lines[0].name.clone(),
            cap: 2
        }
    );
}

#[test]
fn each_variant_has_its_own_price_stock_and_line_name() {
    let cart = priced(&[(61, 2), (1, 1)]).unwrap();
    let small = cart.lines.iter().find(|l| l.variant_id == VariantId(61)).unwrap();
    assert_eq!(
        (small.product_id, small.unit_minor, small.name.as_str()),
        (ProductId(6), 1000, "Thing 6 (Small)")
    );
    assert_eq!(cart.items_total, 2 * 1000 + 2400);
    assert_eq!(
        priced(&[(62, 1)]),
        Err(CheckoutError::SoldOut {
            name: "Thing 6 (Large)".into(),
            available: 0
        })
    );
}

#[test]
fn totals_must_lie_within_telegrams_limits_for_the_currency() {
    // EUR's minimum in Telegram's table is 94 cents. Product 4 (5 cents) as a ticket, which
    // cards pay for.
    let mut catalog = catalog();
    catalog[3].kind = ProductKind::Ticket;
    let priced = |lines: &[(i64, i64)]| price(&cart(lines).unwrap(), &catalog, CurrencyTable::telegram());
    assert_eq!(
        priced(&[(4, 1)]).unwrap_err().code(),
        "below_minimum",
        "5 cents is too little"
    );
    assert!(priced(&[(4, 19)]).is_ok());
    assert_eq!(priced(&[(5, 2)]).unwrap_err().code(), "above_maximum");
    assert!(priced(&[(5, 1)]).is_ok());
}

/// The test catalog, with Stars prices on product 4 (digital, EUR) and on both options of
/// product 6 (a parcel).
fn with_stars_prices() -> Vec<Product> {
    let mut catalog = catalog();
    let stars = |n| Some(Money::new(n, Currency::STARS));
    catalog[3].variants[0].stars_price = stars(30);
    for option in &mut catalog[5].variants {
        option.stars_price = stars(100);
    }
    catalog
}

fn priced_in_stars(lines: &[(i64, i64)]) -> Result<PricedCart, CheckoutError> {
    price_in(
        &cart(lines)?,
        &with_stars_prices(),
        CurrencyTable::telegram(),
        Tender::Stars,
    )
}

#[test]
fn paid_in_stars_every_line_is_priced_at_its_stars_price_in_xtr() {
    let cart = priced_in_stars(&[(4, 3), (3, 2)]).unwrap();
    assert!(cart.currency.is_stars());
    assert_eq!(
        cart.items_total,
        3 * 30 + 2 * 50,
        "a Stars product keeps its own price"
    );
    assert_eq!(
        cart.lines
            .iter()
            .find(|l| l.variant_id == VariantId(4))
            .unwrap()
            .unit_minor,
        30
    );
}

#[test]
fn paid_the_listed_way_a_stars_price_changes_nothing() {
    let mut catalog = with_stars_prices();
    catalog[1].variants[0].stars_price = Some(Money::new(300, Currency::STARS));
    let cart = price(&cart(&[(2, 1)]).unwrap(), &catalog, CurrencyTable::telegram()).unwrap();
    assert_eq!((cart.currency.as_str(), cart.items_total), ("EUR", 3500));
}

#[test]
fn a_digital_good_listed_in_euros_is_refused_by_card_and_sold_at_its_stars_price() {
    // Product 4: digital, listed in EUR before Telegram's §6.2 rule was enforced.
    let by_card = price(
        &cart(&[(4, 20)]).unwrap(),
        &with_stars_prices(),
        CurrencyTable::telegram(),
    );
    let refused = by_card.unwrap_err();
    assert_eq!(
        refused,
        CheckoutError::CardsRefusedForDigitalGoods("Thing 4".into())
    );
    assert_eq!(refused.code(), "cards_refused_for_digital_goods");
    assert!(refused.to_string().contains("Stars"), "{refused}");
    let in_stars = priced_in_stars(&[(4, 2)]).unwrap();
    assert_eq!((in_stars.currency, in_stars.items_total), (Currency::STARS, 60));
}

#[test]
fn a_digital_good_priced_in_stars_is_paid_at_its_price_either_way() {
    for tender in [Tender::Listed, Tender::Stars] {
        let cart = price_in(
            &cart(&[(3, 2)]).unwrap(),
            &catalog(),
            CurrencyTable::telegram(),
            tender,
        )
        .unwrap();
        assert_eq!(
            (cart.currency, cart.items_total),
            (Currency::STARS, 100),
            "{tender:?}"
        );
    }
}

#[test]
fn a_variant_without_a_stars_price_cannot_be_paid_in_stars() {
    let refused = priced_in_stars(&[(4, 1), (2, 1)]).unwrap_err();
    assert_eq!(refused, CheckoutError::NoStarsPrice("Thing 2".into()));
    assert_eq!(refused.code(), "no_stars_price");
    assert!(refused.to_string().contains("Thing 2"));
}

#[test]
fn what_ships_as_a_parcel_cannot_be_paid_in_stars() {
    let refused = priced_in_stars(&[(61, 1)]).unwrap_err();
    assert_eq!(
        refused,
        CheckoutError::StarsNeedNoShipping("Thing 6 (Small)".into())
    );
    assert_eq!(refused.code(), "stars_need_no_shipping");
}

#[test]
fn a_stars_total_keeps_within_telegrams_stars_limits() {
    let mut catalog = with_stars_prices();
    catalog[3].variants[0].stars_price = Some(Money::new(9_000, Currency::STARS));
    let cart = cart(&[(4, 2)]).unwrap();
    let refused = price_in(&cart, &catalog, CurrencyTable::telegram(), Tender::Stars).unwrap_err();
    assert_eq!(refused.code(), "above_maximum");
}
