use super::*;
use crate::shop::test_catalog::{catalog, request};

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
    assert!(cart.needs_shipping() && cart.has(Fulfilment::Appointment));
    assert_eq!(cart.lines[0].unit_minor, 2400);
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
    // EUR's minimum in Telegram's table is 94 cents.
    assert_eq!(
        priced(&[(4, 1)]).unwrap_err().code(),
        "below_minimum",
        "5 cents is too little"
    );
    assert!(priced(&[(4, 19)]).is_ok());
    assert_eq!(priced(&[(5, 2)]).unwrap_err().code(), "above_maximum");
    assert!(priced(&[(5, 1)]).is_ok());
}
