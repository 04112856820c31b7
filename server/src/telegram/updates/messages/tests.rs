//! Every message builder in each of the bot's languages: its text comes from its key with
//! every placeholder filled, reads differently from English where the locale file's text does,
//! and writes amounts and dates as the storefront does in that language. And the locale files
//! themselves: every `bot_` key in each language, with English's placeholders.

use super::*;
use crate::shop::appointments::StaffId;
use app::appointments::AppointmentStatus;
use app::catalog::{ProductId, VariantId};
use app::identity::UserId;
use app::money::Currency;
use app::orders::{OrderId, OrderLineView, OrderStatus};
use std::collections::BTreeSet;

const LOCALES: [Locale; 4] = [Locale::en, Locale::zh, Locale::fr, Locale::ar];
/// 2027-03-30 08:30 UTC, a Tuesday.
const TUESDAY: i64 = 1_806_395_400_000;

fn code(locale: Locale) -> &'static str {
    crate::shop::settings::language_code(locale)
}

fn order(locale: Locale) -> OrderRecord {
    let currency = Currency::parse("EUR").unwrap();
    OrderRecord {
        id: OrderId(12),
        buyer_id: UserId(2001),
        status: OrderStatus::Paid,
        currency,
        items_minor: 2400,
        discount_minor: 0,
        promo_code: None,
        shipping_minor: 0,
        tip_minor: 0,
        max_tip_minor: 0,
        needs_shipping: false,
        reserved: true,
        created_at: 0,
        expires_at: 0,
        paid_at: Some(0),
        lines: vec![OrderLineView {
            product_id: ProductId(1),
            variant_id: VariantId(10),
            name: "Mug".into(),
            unit_price: Money::new(2400, currency),
            quantity: 1,
        }],
        timeline: Vec::new(),
        order_info: None,
        charge_id: Some("charge-12".into()),
        replaced_by: None,
        source: None,
        provider: None,
        buyer_language: code(locale).to_owned(),
    }
}

fn appointment(starts_at: i64, staff: &str) -> Appointment {
    Appointment {
        id: 1,
        order_id: OrderId(12),
        service_id: ProductId(7),
        service: "Haircut".into(),
        client_service: "Haircut".into(),
        variant_id: VariantId(70),
        staff_id: StaffId(1),
        staff: staff.into(),
        starts_at,
        ends_at: starts_at + 3_600_000,
        busy_until: starts_at + 3_600_000,
        status: AppointmentStatus::Booked,
    }
}

fn settings() -> BotSettings {
    BotSettings {
        shop_url: "https://shop.example/shop".into(),
        admin_url: "https://shop.example/admin".into(),
        privacy_url: "https://shop.example/privacy".into(),
        admins: vec![UserId(1)],
        username: Default::default(),
        payment_providers: Default::default(),
    }
}

/// The text (and button labels) of an outbox message.
fn text(json: &str) -> String {
    let outgoing: Outgoing = serde_json::from_str(json).unwrap();
    match outgoing {
        Outgoing::Message(message) => {
            let labels = message
                .reply_markup
                .iter()
                .flat_map(|m| m.inline_keyboard.iter().flatten())
                .map(|button| button.text.clone());
            std::iter::once(message.text)
                .chain(labels)
                .collect::<Vec<_>>()
                .join("\n")
        }
        other => panic!("not a message: {other:?}"),
    }
}

/// Every message the bot builds, in `locale`, by name.
fn every_message(locale: Locale) -> Vec<(&'static str, String)> {
    let order = order(locale);
    let utc = TimeZone::utc();
    let before = appointment(TUESDAY, "Anna");
    let after = appointment(TUESDAY + 86_400_000, "Malik");
    let lost = [Lost {
        staff: "Anna".into(),
        starts_at: TUESDAY,
    }];
    let card = RefundDue::Card { minor: 2400 };
    let url = "https://shop.example/shop";
    let mut all = vec![
        ("welcome", text(&welcome(locale, &settings(), "Ada's", "p_1"))),
        (
            "receipt",
            text(&receipt(locale, &settings(), "Ada's", &order, 2400, 0)),
        ),
        (
            "receipt_ticket",
            text(&receipt(locale, &settings(), "Ada's", &order, 2400, 1)),
        ),
        (
            "receipt_tickets",
            text(&receipt(locale, &settings(), "Ada's", &order, 2400, 3)),
        ),
        ("shipped", text(&shipped(url, &order, Some("Tracking 123")))),
        ("delivered", text(&delivered(url, &order))),
        ("cancelled", text(&cancelled(&order))),
        ("refund_notice", text(&refund_notice(&order, 2400))),
        (
            "event_cancelled_stars",
            text(&event_cancelled("Gala", &order, 2400, true)),
        ),
        (
            "event_cancelled_card",
            text(&event_cancelled("Gala", &order, 2400, false)),
        ),
        ("sold_out", sold_out(locale, "Mug")),
        ("time_taken", time_taken(locale, &utc, "Anna", TUESDAY)),
        (
            "merchant_sale",
            text(&merchant_sale(locale, "Ada's", &order, 2400, true, None)),
        ),
        (
            "appointment_lost_stars",
            text(&appointment_lost(&order, &lost, &utc, true)),
        ),
        (
            "appointment_lost_card",
            text(&appointment_lost(&order, &lost, &utc, false)),
        ),
        (
            "appointment_lost_alert",
            text(&appointment_lost_alert(locale, &order, &lost, &utc, false)),
        ),
        (
            "appointment_moved",
            text(&appointment_moved(locale, url, &before, &after, &utc)),
        ),
        (
            "salon_cancelled_card",
            text(&appointment_cancelled_by_salon(&before, &order, &card, &utc)),
        ),
        (
            "salon_cancelled_part",
            text(&appointment_cancelled_by_salon(
                &before,
                &order,
                &RefundDue::Part { minor: 2400 },
                &utc,
            )),
        ),
        (
            "refund_due_card",
            text(&appointment_refund_due(locale, &before, &order, &card, &utc).unwrap()),
        ),
        (
            "refund_due_part",
            text(
                &appointment_refund_due(locale, &before, &order, &RefundDue::Part { minor: 2400 }, &utc)
                    .unwrap(),
            ),
        ),
    ];
    for why in [
        Refusal::OtherAccount,
        Refusal::AlreadyPaid,
        Refusal::Replaced,
        Refusal::Cancelled,
        Refusal::Changed,
        Refusal::NoShippingOption,
    ] {
        all.push(("refusal", refusal(locale, &why)));
    }
    all
}

#[test]
fn every_message_fills_every_placeholder_in_every_language() {
    for locale in LOCALES {
        for (name, text) in every_message(locale) {
            assert!(!text.trim().is_empty(), "{name} in {locale:?}");
            assert!(
                !text.contains("{{") && !text.contains("}}"),
                "{name} in {locale:?} left a placeholder: {text}"
            );
        }
    }
}

#[test]
fn every_message_reads_in_its_language_not_english() {
    let english = every_message(Locale::en);
    for locale in [Locale::zh, Locale::fr, Locale::ar] {
        for ((name, theirs), (_, ours)) in every_message(locale).into_iter().zip(&english) {
            assert_ne!(&theirs, ours, "{name} in {locale:?} is the English text");
        }
    }
}

#[test]
fn amounts_are_written_as_the_storefront_writes_them() {
    let receipt = |locale: Locale| text(&receipt(locale, &settings(), "Ada's", &order(locale), 2400, 0));
    assert!(receipt(Locale::en)
        .starts_with("Thank you for shopping at Ada's! Order #12 is paid: 24,00 €.\n1 × Mug"));
    assert!(
        receipt(Locale::fr).contains("La commande n° 12 est payée : 24,00 €."),
        "{}",
        receipt(Locale::fr)
    );
    assert!(
        receipt(Locale::zh).contains("订单 #12 已付款：24,00 €。"),
        "{}",
        receipt(Locale::zh)
    );
    // Inside Arabic text the amount keeps its order between left-to-right isolates.
    assert!(
        receipt(Locale::ar).contains("\u{2066}24,00 €\u{2069}"),
        "{}",
        receipt(Locale::ar)
    );
    assert_eq!(amount(Locale::en, Money::new(250, Currency::STARS)), "⭐ 250");
    assert_eq!(
        amount(Locale::fr, Money::new(123_450, Currency::parse("USD").unwrap())),
        "$1,234.50"
    );
}

#[test]
fn dates_are_written_in_the_readers_language() {
    let moved = |locale: Locale| {
        let (before, after) = (appointment(TUESDAY, "Anna"), appointment(TUESDAY, "Malik"));
        text(&appointment_moved(locale, "u", &before, &after, &TimeZone::utc()))
    };
    assert!(
        moved(Locale::en).contains("Tuesday 30 March, 08:30 with Malik"),
        "{}",
        moved(Locale::en)
    );
    assert!(
        moved(Locale::fr).contains("mardi 30 mars"),
        "{}",
        moved(Locale::fr)
    );
    assert!(moved(Locale::zh).contains("3月"), "{}", moved(Locale::zh));
    assert!(moved(Locale::ar).contains("مارس"), "{}", moved(Locale::ar));
}

#[test]
fn a_buyer_without_a_language_we_speak_reads_english() {
    let mut order = order(Locale::en);
    for code in ["", "de", "pt-br"] {
        code.clone_into(&mut order.buyer_language);
        assert_eq!(
            text(&cancelled(&order)),
            "Order #12 was cancelled by the shop before payment; nothing was charged."
        );
    }
    "zh-hans".clone_into(&mut order.buyer_language);
    assert_eq!(
        text(&cancelled(&order)),
        "订单 #12 在付款前已被商店取消，未收取任何费用。"
    );
}

/// The locale files as the server reads them.
fn locale_file(locale: Locale) -> serde_json::Map<String, serde_json::Value> {
    let json = match locale {
        Locale::en => include_str!("../../../../../app/locales/en.json"),
        Locale::zh => include_str!("../../../../../app/locales/zh.json"),
        Locale::fr => include_str!("../../../../../app/locales/fr.json"),
        Locale::ar => include_str!("../../../../../app/locales/ar.json"),
    };
    serde_json::from_str(json).unwrap()
}

fn placeholders(text: &str) -> BTreeSet<String> {
    text.split("{{")
        .skip(1)
        .filter_map(|rest| rest.split_once("}}"))
        .map(|(name, _)| name.trim().to_owned())
        .collect()
}

/// Keys whose text is the same in every language: formats and punctuation, no words.
const SAME_EVERYWHERE: [&str; 2] = ["bot_paysupport_order", "bot_delivery_text"];

#[test]
fn every_bot_key_is_in_every_language_with_englishs_placeholders() {
    let english = locale_file(Locale::en);
    let bot_keys: Vec<(&String, &str)> = english
        .iter()
        .filter(|(key, _)| key.starts_with("bot_"))
        .map(|(key, value)| (key, value.as_str().unwrap()))
        .collect();
    assert!(bot_keys.len() > 80, "{}", bot_keys.len());
    for locale in [Locale::zh, Locale::fr, Locale::ar] {
        let theirs = locale_file(locale);
        for (key, text) in &bot_keys {
            let Some(translated) = theirs.get(*key).and_then(|v| v.as_str()) else {
                panic!("{key} is missing in {locale:?}");
            };
            assert_eq!(
                placeholders(translated),
                placeholders(text),
                "{key} in {locale:?}"
            );
            let same = SAME_EVERYWHERE.contains(&key.as_str()) || key.as_str() == "bot_when";
            if !same && !text.starts_with('%') {
                assert_ne!(translated, *text, "{key} in {locale:?} is the English text");
            }
        }
    }
}
