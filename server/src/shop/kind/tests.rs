use super::*;
use crate::shop::order::{apply, OrderEvent};
use app::orders::OrderStatus;

#[test]
fn every_kind_keeps_its_stored_name_and_parses_back() {
    let names: Vec<&str> = ProductKind::ALL.iter().map(|k| k.as_str()).collect();
    assert_eq!(
        names,
        ["parcel", "appointment", "ticket", "digital", "subscription"]
    );
    for kind in ProductKind::ALL {
        assert_eq!(ProductKind::parse(kind.as_str()), Some(kind));
    }
    for unknown in ["", "Parcel", "membership", " parcel"] {
        assert_eq!(ProductKind::parse(unknown), None, "{unknown:?}");
    }
}

#[test]
fn a_merchant_names_a_kind_or_gets_the_default_for_the_currency() {
    let eur = Currency::parse("EUR").unwrap();
    assert_eq!(ProductKind::parse_input(None, eur), Ok(ProductKind::Parcel));
    assert_eq!(
        ProductKind::parse_input(None, Currency::STARS),
        Ok(ProductKind::Digital)
    );
    assert_eq!(
        ProductKind::parse_input(Some("ticket"), eur),
        Ok(ProductKind::Ticket)
    );
    let refused = ProductKind::parse_input(Some("voucher"), eur).unwrap_err();
    assert_eq!(refused.code, "bad_fulfilment");
    assert_eq!(
        refused.message,
        "fulfilment is parcel, appointment, ticket, digital or subscription"
    );
}

#[test]
fn each_kind_asks_the_sheet_for_what_it_needs() {
    let asked = |kind: ProductKind| kind.asks().codes();
    assert_eq!(asked(ProductKind::Parcel), ["name", "shipping_address"]);
    assert_eq!(asked(ProductKind::Appointment), ["name", "phone"]);
    assert_eq!(asked(ProductKind::Ticket), ["name", "email"]);
    assert_eq!(asked(ProductKind::Digital), ["name"]);
    assert!(asked(ProductKind::Subscription).is_empty());
}

#[test]
fn a_card_payment_asks_for_everything_its_goods_need_and_stars_ask_nothing() {
    let goods = [ProductKind::Parcel, ProductKind::Ticket];
    assert_eq!(
        Asks::for_goods(false, goods).codes(),
        ["name", "shipping_address", "email"]
    );
    assert_eq!(Asks::for_goods(true, goods), Asks::default());
}

#[test]
fn only_parcels_ship_and_refuse_stars_prices() {
    for kind in ProductKind::ALL {
        let parcel = kind == ProductKind::Parcel;
        assert_eq!(kind.ships(), parcel, "{kind:?}");
        assert_eq!(kind.payment() == Payment::ListedOnly, parcel, "{kind:?}");
        assert_eq!(kind.asks().shipping_address, kind.ships(), "{kind:?}");
    }
}

#[test]
fn digital_goods_take_stars_only_and_the_goods_and_services_of_the_physical_world_take_cards() {
    assert_eq!(ProductKind::Digital.payment(), Payment::StarsOnly);
    for kind in [ProductKind::Appointment, ProductKind::Ticket] {
        assert_eq!(kind.payment(), Payment::ListedOrStars, "{kind:?}");
    }
    assert_eq!(ProductKind::Parcel.payment(), Payment::ListedOnly);
}

#[test]
fn a_fiat_price_is_refused_on_every_kind_that_takes_stars_only_and_on_no_other() {
    let eur = Currency::parse("EUR").unwrap();
    for kind in ProductKind::ALL {
        assert_eq!(kind.check_listed_in(Currency::STARS), Ok(()), "{kind:?}");
        let refused = kind.check_listed_in(eur);
        // Generic on the payment, so a kind added with `StarsOnly` is covered as it is.
        match kind.payment() {
            Payment::StarsOnly => {
                let why = refused.unwrap_err();
                assert_eq!(why.code, ErrorCode::DigitalGoodsNeedStars);
                assert!(why.message.contains("§6.2"), "{}", why.message);
                assert!(why.message.contains("EUR"), "{}", why.message);
            }
            _ => assert_eq!(refused, Ok(()), "{kind:?}"),
        }
    }
}

#[test]
fn cards_pay_a_listed_fiat_price_unless_the_kind_takes_stars_only() {
    let eur = Currency::parse("EUR").unwrap();
    assert!(Payment::ListedOnly.takes_cards_in(eur));
    assert!(Payment::ListedOrStars.takes_cards_in(eur));
    assert!(!Payment::StarsOnly.takes_cards_in(eur));
    for payment in [Payment::ListedOnly, Payment::ListedOrStars, Payment::StarsOnly] {
        assert!(!payment.takes_cards_in(Currency::STARS), "{payment:?}");
    }
}

#[test]
fn after_payment_parcels_are_shipped_then_delivered_and_the_rest_are_served() {
    assert_eq!(
        ProductKind::Parcel.after_payment(),
        AfterPayment::ShippedThenDelivered
    );
    for kind in [
        ProductKind::Appointment,
        ProductKind::Ticket,
        ProductKind::Digital,
        ProductKind::Subscription,
    ] {
        assert_eq!(kind.after_payment(), AfterPayment::Served, "{kind:?}");
        assert!(kind.after_payment().merchant_moves().is_empty());
    }
    // The merchant's moves follow the order's life from paid to its last status.
    let mut status = apply(OrderStatus::AwaitingPayment, OrderEvent::Pay).unwrap();
    for &event in AfterPayment::ShippedThenDelivered.merchant_moves() {
        status = apply(status, event).unwrap();
    }
    assert_eq!(status, OrderStatus::Delivered);
}
