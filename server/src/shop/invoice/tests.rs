use super::*;
use crate::shop::checkout::PricedLine;
use app::catalog::{ProductId, VariantId};
use app::money::Currency;

fn line(id: i64, unit: i64, quantity: i64, fulfilment: Fulfilment) -> PricedLine {
    PricedLine {
        product_id: ProductId(id),
        variant_id: VariantId(id),
        name: format!("Thing {id}"),
        unit_minor: unit,
        quantity,
        fulfilment,
    }
}

fn cart(currency: &str, lines: Vec<PricedLine>) -> PricedCart {
    PricedCart {
        currency: Currency::parse(currency).unwrap(),
        items_total: lines.iter().map(|l| l.unit_minor * l.quantity).sum(),
        lines,
        promo: None,
    }
}

fn tips() -> TipPreset {
    TipPreset::parse(1000, "500,100,200").unwrap()
}

#[test]
fn stars_invoices_have_one_price_and_nothing_else() {
    let cart = cart(
        "XTR",
        vec![
            line(1, 50, 2, Fulfilment::Digital),
            line(2, 120, 1, Fulfilment::Digital),
        ],
    );
    let invoice = invoice(OrderId(9), &cart, "provider-secret", &Tipping::InSheet(tips()));
    assert_eq!(invoice.currency, "XTR");
    assert_eq!(invoice.provider_token.as_deref(), Some(""));
    assert_eq!(invoice.prices.len(), 1);
    assert_eq!(invoice.prices[0].amount, 220);
    assert_eq!(invoice.payload, "order:9");
    assert!(invoice.max_tip_amount.is_none() && invoice.suggested_tip_amounts.is_none());
    assert!(
        invoice.need_name.is_none()
            && invoice.need_shipping_address.is_none()
            && invoice.is_flexible.is_none()
    );
}

#[test]
fn fiat_parcels_ask_for_an_address_and_price_shipping_by_it() {
    let cart = cart(
        "EUR",
        vec![
            line(1, 2400, 2, Fulfilment::Parcel),
            line(2, 3500, 1, Fulfilment::Appointment),
        ],
    );
    let invoice = invoice(OrderId(3), &cart, "provider-secret", &Tipping::InSheet(tips()));
    assert_eq!(invoice.provider_token.as_deref(), Some("provider-secret"));
    let amounts: Vec<i64> = invoice.prices.iter().map(|p| p.amount).collect();
    assert_eq!(amounts, vec![4800, 3500]);
    assert_eq!(invoice.prices[0].label, "2 × Thing 1");
    assert_eq!(invoice.is_flexible, Some(true));
    assert_eq!(invoice.need_shipping_address, Some(true));
    assert_eq!(invoice.need_phone_number, Some(true));
    assert_eq!(invoice.need_email, None);
    assert_eq!(invoice.max_tip_amount, Some(1000));
    assert_eq!(invoice.suggested_tip_amounts, Some(vec![100, 200, 500]));
}

#[test]
fn tickets_ask_for_an_email_and_ship_nothing() {
    let cart = cart("EUR", vec![line(1, 1800, 2, Fulfilment::Ticket)]);
    let invoice = invoice(OrderId(4), &cart, "t", &Tipping::None);
    assert_eq!(invoice.need_email, Some(true));
    assert_eq!(invoice.is_flexible, None);
    assert_eq!(invoice.max_tip_amount, None);
}

#[test]
fn tip_suggestions_telegram_would_refuse_are_dropped() {
    let preset = TipPreset::parse(300, "100, 0, 400, 200, 250, 300, x").unwrap();
    assert_eq!(preset.suggested, vec![100, 200, 250, 300]);
    assert!(TipPreset::parse(0, "1").is_none());
}

#[test]
fn long_descriptions_are_cut_to_255_characters() {
    let lines = (1..=40).map(|id| line(id, 100, 1, Fulfilment::Digital)).collect();
    let invoice = invoice(OrderId(5), &cart("EUR", lines), "t", &Tipping::None);
    assert_eq!(invoice.description.chars().count(), 255);
    assert!(invoice.description.ends_with('…'));
}

#[test]
fn a_promo_code_is_a_negative_line_that_telegram_sums_with_the_rest() {
    let mut cart = cart("EUR", vec![line(1, 2400, 2, Fulfilment::Parcel)]);
    cart.promo = Some((
        crate::shop::promo_codes::PromoCode::parse("welcome10").unwrap(),
        480,
    ));
    let invoice = invoice(OrderId(6), &cart, "t", &Tipping::None);
    let lines: Vec<(&str, i64)> = invoice
        .prices
        .iter()
        .map(|p| (p.label.as_str(), p.amount))
        .collect();
    assert_eq!(lines, [("2 × Thing 1", 4800), ("Promo code WELCOME10", -480)]);
    assert_eq!(
        invoice.prices.iter().map(|p| p.amount).sum::<i64>(),
        cart.after_discount()
    );
    let request = serde_json::to_value(&invoice).unwrap();
    let spec = crate::telegram::bot_api::spec::BotApiSpec::get();
    assert_eq!(spec.check_request("createInvoiceLink", &request), Ok(()));
}
