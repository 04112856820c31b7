use super::*;
use crate::shop::checkout::PricedCart;
use crate::shop::invoice::TipPreset;
use crate::shop::kind::ProductKind;
use crate::shop::tips::Tipping;
use app::orders::OrderId;

/// The request the shop sends for order `id` of `cart`.
fn invoice(id: OrderId, cart: &PricedCart, provider_token: &str, tipping: &Tipping) -> CreateInvoiceLink {
    CreateInvoiceLink::for_invoice(&Invoice::for_order(id, cart, tipping, Locale::en), provider_token)
}

use crate::shop::test_catalog::{priced_cart as cart, priced_line as line};

fn tips() -> TipPreset {
    TipPreset::parse(1000, "500,100,200").unwrap()
}

#[test]
fn stars_invoices_have_one_price_and_nothing_else() {
    let cart = cart(
        "XTR",
        vec![
            line(1, 50, 2, ProductKind::Digital),
            line(2, 120, 1, ProductKind::Digital),
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
            line(1, 2400, 2, ProductKind::Parcel),
            line(2, 3500, 1, ProductKind::Appointment),
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
    let cart = cart("EUR", vec![line(1, 1800, 2, ProductKind::Ticket)]);
    let invoice = invoice(OrderId(4), &cart, "t", &Tipping::None);
    assert_eq!(invoice.need_email, Some(true));
    assert_eq!(invoice.is_flexible, None);
    assert_eq!(invoice.max_tip_amount, None);
}

#[test]
fn long_descriptions_are_cut_to_255_characters() {
    let lines = (1..=40)
        .map(|id| line(id, 100, 1, ProductKind::Digital))
        .collect();
    let invoice = invoice(OrderId(5), &cart("EUR", lines), "t", &Tipping::None);
    assert_eq!(invoice.description.chars().count(), 255);
    assert!(invoice.description.ends_with('…'));
}

#[test]
fn a_promo_code_is_a_negative_line_that_telegram_sums_with_the_rest() {
    let mut cart = cart("EUR", vec![line(1, 2400, 2, ProductKind::Parcel)]);
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

#[test]
fn the_request_is_byte_for_byte_what_the_shop_always_sent() {
    let mut euros = cart(
        "EUR",
        vec![
            line(1, 2400, 2, ProductKind::Parcel),
            line(2, 1800, 1, ProductKind::Ticket),
        ],
    );
    euros.promo = Some((
        crate::shop::promo_codes::PromoCode::parse("welcome10").unwrap(),
        660,
    ));
    let request = invoice(OrderId(12), &euros, "provider-token", &Tipping::InSheet(tips()));
    assert_eq!(
        serde_json::to_string(&request).unwrap(),
        r#"{"title":"Order #12","description":"2 × Thing 1, 1 × Thing 2","payload":"order:12","provider_token":"provider-token","currency":"EUR","prices":[{"label":"2 × Thing 1","amount":4800},{"label":"1 × Thing 2","amount":1800},{"label":"Promo code WELCOME10","amount":-660}],"max_tip_amount":1000,"suggested_tip_amounts":[100,200,500],"need_name":true,"need_email":true,"need_shipping_address":true,"is_flexible":true}"#
    );
    let stars = cart("XTR", vec![line(3, 50, 2, ProductKind::Digital)]);
    let request = invoice(OrderId(13), &stars, "provider-token", &Tipping::None);
    assert_eq!(
        serde_json::to_string(&request).unwrap(),
        r#"{"title":"Order #13","description":"2 × Thing 3","payload":"order:13","provider_token":"","currency":"XTR","prices":[{"label":"Order #13","amount":100}]}"#
    );
}

#[test]
fn a_subscription_invoice_is_one_stars_price_with_telegrams_thirty_day_period() {
    use crate::shop::subscriptions::SubscriptionPayload;
    use app::subscriptions::SubscriptionId;
    let name = "A club with a very long name that goes on";
    let request =
        CreateInvoiceLink::for_subscription(SubscriptionPayload(SubscriptionId(5)), name, 250, Locale::en);
    assert_eq!(request.payload, "sub:5");
    assert_eq!(request.subscription_period, Some(2_592_000));
    assert_eq!(request.currency, "XTR");
    assert_eq!(request.provider_token.as_deref(), Some(""));
    assert_eq!(request.prices.len(), 1);
    assert_eq!(request.prices[0].amount, 250);
    assert_eq!(request.title.chars().count(), 32);
    assert!(request.max_tip_amount.is_none() && request.need_name.is_none());
}

#[test]
fn a_subscription_invoice_is_worded_in_the_subscribers_language() {
    use crate::shop::subscriptions::SubscriptionPayload;
    use app::subscriptions::SubscriptionId;
    let request =
        CreateInvoiceLink::for_subscription(SubscriptionPayload(SubscriptionId(5)), "Club", 250, Locale::fr);
    assert_eq!(request.prices[0].label, "1 mois");
    assert_eq!(
        request.description,
        "Club : un mois d’abonnement, renouvelé tous les 30 jours"
    );
}

mod shared {
    use crate::shop::currencies::CurrencyTable;
    use crate::shop::shared_invoice::{PostId, SaleSource, SharedInvoice};
    use crate::shop::test_catalog::catalog;
    use crate::telegram::bot_api::spec::BotApiSpec;
    use crate::telegram::bot_api::{InputInvoiceMessageContent, Method, Recipient, SendInvoice};
    use app::identity::ChatId;

    fn content(index: usize, token: &str) -> InputInvoiceMessageContent {
        let all = catalog();
        let product = &all[index];
        let source = SaleSource::Post(PostId(4));
        let invoice =
            SharedInvoice::for_variant(product, source, "https://shop.example", CurrencyTable::telegram())
                .unwrap();
        InputInvoiceMessageContent::for_shared(&invoice, token)
    }

    #[test]
    fn a_shared_parcel_is_one_line_with_the_providers_token_and_its_photo() {
        let content = content(0, "provider-token");
        assert_eq!(
            serde_json::to_string(&content).unwrap(),
            r#"{"title":"Thing 1","description":"Thing 1","payload":"buy:1:post4","provider_token":"provider-token","currency":"EUR","prices":[{"label":"Thing 1","amount":2400}],"photo_url":"https://shop.example/x.svg","photo_width":1,"photo_height":1,"need_name":true,"need_shipping_address":true,"is_flexible":true}"#
        );
    }

    #[test]
    fn a_shared_stars_good_has_an_empty_token() {
        let content = content(2, "provider-token");
        assert_eq!(content.provider_token.as_deref(), Some(""));
        assert_eq!(content.currency, "XTR");
        assert!(content.need_name.is_none() && content.is_flexible.is_none());
    }

    #[test]
    fn send_invoice_with_and_without_a_start_parameter_keeps_to_the_spec() {
        for start_parameter in [None, Some("p_1".to_owned())] {
            let request = SendInvoice {
                chat_id: Recipient::Id(ChatId(-1_001_000_000_001)),
                content: content(0, "provider-token"),
                start_parameter: start_parameter.clone(),
            };
            let json = serde_json::to_value(&request).unwrap();
            assert_eq!(
                json["payload"], "buy:1:post4",
                "the content is flattened into the request"
            );
            assert_eq!(json.get("start_parameter").is_some(), start_parameter.is_some());
            assert_eq!(BotApiSpec::get().check_request(SendInvoice::NAME, &json), Ok(()));
        }
    }

    #[test]
    fn the_content_is_a_valid_inline_invoice() {
        let content = serde_json::to_value(content(0, "provider-token")).unwrap();
        let spec = BotApiSpec::get();
        assert!(spec.is_valid("InputInvoiceMessageContent", &content), "{content}");
    }
}
