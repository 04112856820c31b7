use super::*;
use crate::shop::test_catalog::{catalog, product};

fn invoice(product: &Product, source: SaleSource) -> Result<SharedInvoice, NotShareable> {
    SharedInvoice::for_variant(product, source, "https://shop.example", CurrencyTable::telegram())
}

#[test]
fn payloads_round_trip_for_every_source() {
    for (text, source) in [
        ("buy:12:app", SaleSource::App),
        ("buy:12:inline", SaleSource::Inline),
        ("buy:12:post3", SaleSource::Post(PostId(3))),
    ] {
        let payload = SharedPayload {
            variant: VariantId(12),
            source,
        };
        assert_eq!(payload.to_string(), text);
        assert_eq!(SharedPayload::parse(text), Some(payload));
    }
}

#[test]
fn strangers_and_second_spellings_are_no_shared_payload() {
    for bad in [
        "",
        "buy:",
        "buy:12",
        "buy:12:",
        "buy:0:app",
        "buy:012:app",
        "buy:+12:app",
        "buy:-1:app",
        "buy:12:post",
        "buy:12:post0",
        "buy:12:post03",
        "buy:12:apps",
        "buy:12:app:",
        "order:12",
        "sub:3",
        "BUY:12:app",
    ] {
        assert_eq!(SharedPayload::parse(bad), None, "{bad}");
    }
}

#[test]
fn the_longest_payload_fits_telegrams_limit() {
    let longest = SharedPayload {
        variant: VariantId(i64::MAX),
        source: SaleSource::Post(PostId(i64::MAX)),
    }
    .to_string();
    assert!(longest.len() <= MAX_PAYLOAD_BYTES, "{longest}");
    assert!(SharedPayload::parse(&longest).is_some());
    let too_long = format!("buy:1:post{}", "9".repeat(130));
    assert_eq!(SharedPayload::parse(&too_long), None);
}

#[test]
fn a_parcel_invoice_asks_its_address_and_is_priced_by_it() {
    let all = catalog();
    let mug = &all[0];
    let invoice = invoice(mug, SaleSource::Post(PostId(7))).unwrap();
    assert_eq!(invoice.title, "Thing 1");
    assert_eq!(invoice.description, "Thing 1");
    assert_eq!(invoice.payload.to_string(), "buy:1:post7");
    assert_eq!(invoice.currency.as_str(), "EUR");
    assert_eq!(
        invoice.prices,
        vec![PriceLine {
            label: "Thing 1".into(),
            amount: 2400
        }]
    );
    assert!(invoice.flexible);
    assert!(invoice.asks.shipping_address);
    assert_eq!(invoice.photo.unwrap().url, "https://shop.example/x.svg");
}

#[test]
fn a_digital_good_listed_in_stars_asks_nothing() {
    let all = catalog();
    let ebook = &all[2];
    let invoice = invoice(ebook, SaleSource::Inline).unwrap();
    assert_eq!(invoice.currency.as_str(), "XTR");
    assert_eq!(invoice.prices[0].amount, 50);
    assert_eq!(invoice.asks, Asks::default());
    assert!(!invoice.flexible);
}

#[test]
fn a_digital_good_listed_in_euros_is_sold_at_its_stars_price_or_not_at_all() {
    let mut fiat = catalog()[3].clone();
    assert!(matches!(
        invoice(&fiat, SaleSource::App),
        Err(NotShareable::Price(CheckoutError::NoStarsPrice(_)))
    ));
    fiat.variants[0].stars_price = Some(app::money::Money::new(7, Currency::parse("XTR").unwrap()));
    let invoice = invoice(&fiat, SaleSource::App).unwrap();
    assert_eq!((invoice.currency.as_str(), invoice.prices[0].amount), ("XTR", 7));
}

#[test]
fn products_needing_a_choice_are_not_shareable_but_can_be_opened() {
    let catalog = catalog();
    let options = invoice(&catalog[5], SaleSource::App).unwrap_err();
    assert!(matches!(options, NotShareable::Options(_)) && options.needs_choice());
    let time = invoice(&catalog[1], SaleSource::App).unwrap_err();
    assert!(matches!(time, NotShareable::Time(_)) && time.needs_choice());
    for (kind, expected) in [
        (ProductKind::Ticket, "ticket"),
        (ProductKind::Subscription, "subscription"),
    ] {
        let error = invoice(&product(9, 100, "XTR", 1, kind), SaleSource::App).unwrap_err();
        assert!(error.to_string().contains(expected), "{error}");
        assert!(error.needs_choice());
    }
}

#[test]
fn a_price_telegram_refuses_is_not_shareable_and_not_a_choice() {
    let cheap = product(9, 1, "EUR", 1, ProductKind::Parcel);
    let error = invoice(&cheap, SaleSource::App).unwrap_err();
    assert!(matches!(
        error,
        NotShareable::Price(CheckoutError::BelowMinimum { .. })
    ));
    assert!(!error.needs_choice());
}

#[test]
fn long_names_are_cut_to_telegrams_limits_and_plain_http_photos_are_left_out() {
    let mut long = product(9, 500, "EUR", 1, ProductKind::Parcel);
    long.name = "A".repeat(40);
    long.description = "é".repeat(300);
    long.photo.url = "http://cdn.example/p.jpg".into();
    let invoice = invoice(&long, SaleSource::App).unwrap();
    assert_eq!(invoice.title.chars().count(), 32);
    assert!(invoice.title.ends_with('…'));
    assert_eq!(invoice.description.chars().count(), 255);
    assert_eq!(invoice.photo, None);
}

#[test]
fn a_pre_checkout_must_pay_the_price_now_plus_shipping() {
    let mug = invoice(&catalog()[0], SaleSource::App).unwrap();
    assert_eq!(
        judge_pre_checkout(&mug, "Mug", "EUR", 2400 + 500, Some(500)),
        Ok(())
    );
    assert_eq!(
        judge_pre_checkout(&mug, "Mug", "EUR", 2400, None),
        Err(SharedRefusal::NoShipping)
    );
    for (currency, total) in [("EUR", 2300 + 500), ("USD", 2400 + 500), ("EUR", 2400 + 600)] {
        assert_eq!(
            judge_pre_checkout(&mug, "Mug", currency, total, Some(500)),
            Err(SharedRefusal::PriceChanged { name: "Mug".into() }),
            "{currency} {total}"
        );
    }
    let ebook = invoice(&catalog()[2], SaleSource::App).unwrap();
    assert_eq!(judge_pre_checkout(&ebook, "E-book", "XTR", 50, None), Ok(()));
}

#[test]
fn the_merchant_reads_where_each_order_was_sold() {
    assert_eq!(
        where_sold(Locale::en, SaleSource::App, None),
        "Sold through a share from the Mini App."
    );
    assert_eq!(
        where_sold(Locale::en, SaleSource::Inline, None),
        "Sold through inline mode."
    );
    let post = SaleSource::Post(PostId(3));
    assert_eq!(
        where_sold(Locale::en, post, Some("Shop Friends")),
        "Sold by the post in Shop Friends."
    );
    assert_eq!(where_sold(Locale::en, post, None), "Sold by post #3.");
}
