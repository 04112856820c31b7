use super::*;
use crate::shop::kind::ProductKind;

use crate::shop::test_catalog::{priced_cart as cart, priced_line as line};

fn tips() -> TipPreset {
    TipPreset::parse(1000, "100,200,500").unwrap()
}

#[test]
fn tip_suggestions_telegram_would_refuse_are_dropped() {
    let preset = TipPreset::parse(300, "100, 0, 400, 200, 250, 300, x").unwrap();
    assert_eq!(preset.suggested, vec![100, 200, 250, 300]);
    assert!(TipPreset::parse(0, "1").is_none());
}

#[test]
fn a_stars_invoice_is_one_line_under_its_title_with_no_tips_asks_or_shipping() {
    let cart = cart("XTR", vec![line(1, 50, 2, ProductKind::Digital)]);
    let invoice = Invoice::for_order(OrderId(9), &cart, &Tipping::InSheet(tips()), Locale::en);
    assert_eq!(invoice.title, "Order #9");
    assert_eq!(invoice.payload, InvoicePayload(OrderId(9)));
    assert_eq!(
        invoice.prices,
        [PriceLine {
            label: "Order #9".into(),
            amount: 100
        }]
    );
    assert_eq!(
        (invoice.tips, invoice.asks, invoice.flexible),
        (None, Asks::default(), false)
    );
}

#[test]
fn a_card_invoice_asks_what_its_kinds_need_and_ships_when_one_ships() {
    let cart = cart(
        "EUR",
        vec![
            line(1, 2400, 1, ProductKind::Parcel),
            line(2, 1800, 1, ProductKind::Ticket),
        ],
    );
    let invoice = Invoice::for_order(OrderId(2), &cart, &Tipping::InSheet(tips()), Locale::en);
    assert_eq!(invoice.asks.codes(), ["name", "shipping_address", "email"]);
    assert!(invoice.flexible);
    assert_eq!(invoice.tips, Some(tips()));
    let served = self::cart("EUR", vec![line(2, 1800, 1, ProductKind::Ticket)]);
    assert!(!Invoice::for_order(OrderId(3), &served, &Tipping::None, Locale::en).flexible);
}

#[test]
fn a_tip_chosen_in_the_app_is_a_line_and_the_sheet_offers_none() {
    let cart = cart("EUR", vec![line(1, 2400, 1, ProductKind::Digital)]);
    let invoice = Invoice::for_order(OrderId(4), &cart, &Tipping::Chosen(200), Locale::en);
    let lines: Vec<(&str, i64)> = invoice
        .prices
        .iter()
        .map(|p| (p.label.as_str(), p.amount))
        .collect();
    assert_eq!(lines, [("1 × Thing 1", 2400), ("Tip", 200)]);
    assert_eq!(invoice.tips, None);
}

#[test]
fn the_invoice_speaks_the_buyers_language() {
    let cart = cart("EUR", vec![line(1, 2400, 1, ProductKind::Digital)]);
    let invoice = Invoice::for_order(OrderId(7), &cart, &Tipping::Chosen(200), Locale::fr);
    assert_eq!(invoice.title, "Commande n° 7");
    assert_eq!(invoice.prices[1].label, "Pourboire");
    let stars = cart_in_stars();
    let invoice = Invoice::for_order(OrderId(8), &stars, &Tipping::None, Locale::zh);
    assert_eq!(invoice.title, "订单 #8");
    assert_eq!(invoice.prices[0].label, "订单 #8");
}

fn cart_in_stars() -> PricedCart {
    cart("XTR", vec![line(1, 50, 1, ProductKind::Digital)])
}
