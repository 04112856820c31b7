//! Every request the Bot API client can build, and every one the shop builds, checked against
//! Telegram's machine-readable Bot API 10.1 spec: method names, parameter names, required
//! parameters, JSON types. Which methods there are comes from the client itself
//! ([`METHODS`], built by the same list that lets a type be sent): a method without a sample
//! here fails the test.

use app::identity::{ChatId, UserId};
use serde_json::Value;
use server::shop::checkout::{PricedCart, PricedLine};
use server::shop::invoice::{Invoice, TipPreset};
use server::shop::kind::ProductKind;
use server::shop::tips::Tipping;
use server::telegram::bot_api::spec::{BotApiSpec, SpecViolation};
use server::telegram::bot_api::*;
use std::collections::BTreeSet;

/// The methods whose samples were checked.
#[derive(Default)]
struct Checked(BTreeSet<&'static str>);

impl Checked {
    /// Checks a sample request against the spec, and notes its method as checked.
    fn check<M: Method>(&mut self, request: &M) {
        let params = serde_json::to_value(request).unwrap();
        if let Err(problems) = BotApiSpec::get().check_request(M::NAME, &params) {
            panic!("{} breaks the spec: {problems:?}\n{params}", M::NAME);
        }
        self.0.insert(M::NAME);
    }
}

fn prices() -> Vec<LabeledPrice> {
    vec![LabeledPrice {
        label: "2 × Mug".into(),
        amount: 4800,
    }]
}

fn every_option_of_every_method(checked: &mut Checked) {
    the_webhook_and_update_methods(checked);
    the_invoice_link(checked);
    the_shipping_and_pre_checkout_answers(checked);
    the_messages_and_the_menu_button(checked);
    the_star_refund_and_the_callback_answer(checked);
    an_event_announced_in_a_channel(checked);
    a_subscription_and_its_private_channel(checked);
    an_inline_answer_and_a_prepared_message(checked);
    a_shared_invoice_posted_into_a_group(checked);
}

/// A product's shared invoice as the merchant posts it (`sendInvoice`): multi-chat (no
/// `start_parameter`) and single-chat (with one), the chat looked up first (`getChat`); the
/// same content is a valid `InputInvoiceMessageContent` for inline results.
fn a_shared_invoice_posted_into_a_group(checked: &mut Checked) {
    use app::catalog::{ProductId, VariantId};
    use app::money::{Currency, Money};
    use server::shop::catalog::{PhotoRef, Product, Slug, Variant};
    use server::shop::currencies::CurrencyTable;
    use server::shop::shared_invoice::{PostId, SaleSource, SharedInvoice};
    let eur = Currency::parse("EUR").unwrap();
    let mug = Product {
        id: ProductId(1),
        category: Slug::parse("handmade").unwrap(),
        slug: Slug::parse("blue-mug").unwrap(),
        name: "Blue Glazed Mug".into(),
        description: "Wheel-thrown stoneware, 350 ml.".into(),
        currency: eur,
        variants: vec![Variant {
            id: VariantId(1),
            name: String::new(),
            price: Money::new(2400, eur),
            stock: 12,
            stars_price: None,
        }],
        photo: PhotoRef {
            url: "/media/mug.jpg".into(),
            width: 640,
            height: 480,
            alt: String::new(),
        },
        photos: Vec::new(),
        kind: ProductKind::Parcel,
    };
    let source = SaleSource::Post(PostId(5));
    let invoice =
        SharedInvoice::for_variant(&mug, source, "https://shop.example", CurrencyTable::telegram()).unwrap();
    let content = InputInvoiceMessageContent::for_shared(&invoice, "284685063:TEST:abc");
    assert!(
        BotApiSpec::get().is_valid(
            "InputInvoiceMessageContent",
            &serde_json::to_value(&content).unwrap()
        ),
        "{content:?}"
    );
    checked.check(&GetChat {
        chat_id: ChatId(-1_001_000_000_002).into(),
    });
    for start_parameter in [None, Some("p_1".to_owned())] {
        checked.check(&SendInvoice {
            chat_id: ChatId(-1_001_000_000_002).into(),
            content: content.clone(),
            start_parameter,
        });
    }
}

/// A product as the catalog holds it: one variant at `prices[0]`, or one per price.
fn product(id: i64, kind: ProductKind, prices: &[i64]) -> server::shop::catalog::Product {
    use app::catalog::{ProductId, VariantId};
    use app::money::{Currency, Money};
    use server::shop::catalog::{PhotoRef, Product, Slug, Variant};
    let eur = Currency::parse("EUR").unwrap();
    Product {
        id: ProductId(id),
        category: Slug::parse("handmade").unwrap(),
        slug: Slug::parse(&format!("thing-{id}")).unwrap(),
        name: "Blue Glazed Mug".into(),
        description: "Stoneware, 350 ml.".into(),
        currency: eur,
        variants: prices
            .iter()
            .zip(1..)
            .map(|(&minor, n)| Variant {
                id: VariantId(id * 10 + n),
                name: if prices.len() > 1 {
                    format!("Size {n}")
                } else {
                    String::new()
                },
                price: Money::new(minor, eur),
                stock: 5,
                stars_price: None,
            })
            .collect(),
        photo: PhotoRef {
            url: "/products/blue-mug.svg".into(),
            width: 600,
            height: 600,
            alt: String::new(),
        },
        photos: Vec::new(),
        kind,
    }
}

/// The bot's answer to an inline query (an invoice and a card) and a prepared message, as
/// `telegram::offer` builds them for a French user.
fn an_inline_answer_and_a_prepared_message(checked: &mut Checked) {
    use server::config::PaymentProviders;
    use server::shop::shared_invoice::SaleSource;
    use server::telegram::offer::{ProductLinks, Shelf};
    let links = ProductLinks {
        bot_username: Some("shop_bot".into()),
        short_name: Some("store".into()),
        shop_url: "https://shop.example/shop".into(),
    };
    let shelf = Shelf::new("fr", links, PaymentProviders::sandbox());
    let mug = product(1, ProductKind::Parcel, &[2400]);
    let sizes = product(2, ProductKind::Parcel, &[1000, 1500]);
    let invoice = shelf.result(&mug, SaleSource::Inline);
    let card = shelf.result(&sizes, SaleSource::Inline);
    checked.check(&AnswerInlineQuery {
        inline_query_id: "q1".into(),
        results: vec![invoice, card.clone()],
        cache_time: Some(30),
        is_personal: Some(true),
        next_offset: Some("10".into()),
    });
    for result in [shelf.result(&mug, SaleSource::App), card] {
        checked.check(&SavePreparedInlineMessage {
            user_id: UserId(1001),
            result,
            allow_user_chats: Some(true),
            allow_bot_chats: Some(false),
            allow_group_chats: Some(true),
            allow_channel_chats: Some(true),
        });
    }
}

/// A Stars subscription's invoice as the shop builds it, renewal cancelled through Telegram,
/// and the private channel it grants: the invite link, join requests answered, a lapsed
/// member removed (banned, then unbanned only if banned).
fn a_subscription_and_its_private_channel(checked: &mut Checked) {
    use app::subscriptions::SubscriptionId;
    use server::shop::subscriptions::SubscriptionPayload;
    let invoice = CreateInvoiceLink::for_subscription(
        SubscriptionPayload(SubscriptionId(3)),
        "Makers' Club",
        150,
        app::i18n::Locale::en,
    );
    assert_eq!(invoice.subscription_period, Some(2_592_000));
    checked.check(&invoice);
    checked.check(&EditUserStarSubscription {
        user_id: UserId(1001),
        telegram_payment_charge_id: "stx1".into(),
        is_canceled: true,
    });
    let club = || ChatId(-1_001_000_000_003).into();
    checked.check(&CreateChatInviteLink {
        chat_id: club(),
        name: Some("Makers' Club".into()),
        expire_date: Some(1_900_000_000),
        member_limit: Some(1),
        creates_join_request: Some(true),
    });
    checked.check(&ApproveChatJoinRequest {
        chat_id: club(),
        user_id: UserId(1001),
    });
    checked.check(&DeclineChatJoinRequest {
        chat_id: club(),
        user_id: UserId(1002),
    });
    checked.check(&BanChatMember {
        chat_id: club(),
        user_id: UserId(1001),
        until_date: Some(0),
        revoke_messages: Some(false),
    });
    checked.check(&UnbanChatMember {
        chat_id: club(),
        user_id: UserId(1001),
        only_if_banned: Some(true),
    });
}

/// Bot API 10.2's additions, as the shop reads them, are Telegram's: the supplement spec
/// (../shared/telegram/bot-api-10.2-subscriptions.json, merged into the 10.1 spec) knows
/// `BotSubscriptionUpdated` and `Update.subscription`, and the updates the shop parses are
/// valid for it.
#[test]
fn the_10_2_subscription_types_follow_the_supplement_spec() {
    let spec = BotApiSpec::get();
    let ours = serde_json::to_value(BotSubscriptionUpdated {
        user: User {
            id: UserId(1001),
            first_name: "Ada".into(),
            ..User::default()
        },
        invoice_payload: "sub:3".into(),
        state: "active".into(),
    })
    .unwrap();
    assert!(spec.is_valid("BotSubscriptionUpdated", &ours), "{ours}");
    let update = serde_json::json!({ "update_id": 1, "subscription": ours });
    assert!(spec.is_valid("Update", &update));
    let fields = spec.type_fields("BotSubscriptionUpdated").unwrap();
    assert_eq!(fields, ["user", "invoice_payload", "state"]);
    // What 10.1 alone did not have.
    assert!(!spec.is_valid(
        "Update",
        &serde_json::json!({ "update_id": 1, "subscriptions": ours })
    ));
    let allowed = server::telegram::bot::ALLOWED_UPDATES;
    assert!(allowed.contains(&"subscription") && allowed.contains(&"chat_join_request"));
    let names = spec.type_fields("Update").unwrap();
    assert!(allowed.iter().all(|kind| names.contains(kind)), "{allowed:?}");
}

/// GetMe, the webhook and long polling, with every option.
fn the_webhook_and_update_methods(checked: &mut Checked) {
    let updates = Some(vec!["message".to_owned(), "pre_checkout_query".to_owned()]);
    checked.check(&GetMe::default());
    checked.check(&SetWebhook {
        url: "https://shop.example/telegram/webhook".into(),
        max_connections: Some(40),
        allowed_updates: updates.clone(),
        drop_pending_updates: Some(false),
        secret_token: Some("s3cret".into()),
    });
    checked.check(&DeleteWebhook {
        drop_pending_updates: Some(true),
    });
    checked.check(&GetWebhookInfo::default());
    checked.check(&GetUpdates {
        offset: Some(7),
        limit: Some(100),
        timeout: Some(25),
        allowed_updates: updates,
    });
}

/// An invoice link asking for everything, tips and photo included.
fn the_invoice_link(checked: &mut Checked) {
    checked.check(&CreateInvoiceLink {
        title: "Order #1".into(),
        description: "2 × Mug".into(),
        payload: "order:1".into(),
        provider_token: Some("provider".into()),
        currency: "EUR".into(),
        prices: prices(),
        subscription_period: None,
        max_tip_amount: Some(1000),
        suggested_tip_amounts: Some(vec![100, 200]),
        provider_data: Some("{}".into()),
        photo_url: Some("https://shop.example/p.png".into()),
        photo_width: Some(600),
        photo_height: Some(600),
        need_name: Some(true),
        need_phone_number: Some(true),
        need_email: Some(true),
        need_shipping_address: Some(true),
        send_phone_number_to_provider: Some(false),
        send_email_to_provider: Some(false),
        is_flexible: Some(true),
    });
}

/// The answers to a shipping query (with its options) and a pre-checkout query (refused).
fn the_shipping_and_pre_checkout_answers(checked: &mut Checked) {
    let options = vec![ShippingOption {
        id: "express".into(),
        title: "Express".into(),
        prices: prices(),
    }];
    checked.check(&AnswerShippingQuery {
        shipping_query_id: "q".into(),
        ok: true,
        shipping_options: Some(options),
        error_message: None,
    });
    checked.check(&AnswerPreCheckoutQuery {
        pre_checkout_query_id: "q".into(),
        ok: false,
        error_message: Some("Sold out".into()),
    });
}

/// A message with every option, one to a @username, and the menu button.
fn the_messages_and_the_menu_button(checked: &mut Checked) {
    checked.check(&SendMessage {
        chat_id: ChatId(1001).into(),
        text: "Thank you!".into(),
        parse_mode: Some("HTML".into()),
        disable_notification: Some(true),
        protect_content: Some(false),
        reply_markup: Some(InlineKeyboardMarkup::web_app_button(
            "View order",
            "https://shop.example/shop/orders/1",
        )),
    });
    checked.check(&SendMessage {
        chat_id: Recipient::Username("@shop".into()),
        text: "Hi".into(),
        ..SendMessage::default()
    });
    checked.check(&SetChatMenuButton {
        chat_id: Some(ChatId(1001)),
        menu_button: Some(MenuButtonWebApp::new("Shop", "https://shop.example/shop")),
    });
    // The commands as the bot registers them at start-up, by default and in French.
    for (language_code, locale) in [(None, app::i18n::Locale::en), (Some("fr"), app::i18n::Locale::fr)] {
        checked.check(&SetMyCommands {
            commands: server::telegram::updates::bot_commands(locale),
            language_code: language_code.map(str::to_owned),
        });
    }
    // The profile as the bot sets it at start-up, in every language it speaks.
    for (language_code, locale) in server::telegram::profile::languages() {
        checked.check(&server::telegram::profile::description(
            language_code,
            locale,
            "Atelier Ada",
        ));
        checked.check(&server::telegram::profile::short_description(
            language_code,
            locale,
            "Atelier Ada",
        ));
    }
}

/// Publishing an event: the bot's membership of the channel, and the post as the shop builds
/// it, with the photo (its `photo` names the uploaded part) and as a message.
fn an_event_announced_in_a_channel(checked: &mut Checked) {
    use server::shop::events::{Capacity, Event, EventDetails, EventState, Schedule, TimeZone, Venue};
    use server::telegram::announcement::{link, Post};
    checked.check(&GetChatMember {
        chat_id: Recipient::Username("@jazz_lovers".into()),
        user_id: UserId(777),
    });
    let event = Event {
        id: app::catalog::ProductId(7),
        details: EventDetails {
            schedule: Schedule::parse(1_800_000_000_000, Some(1_800_010_000_000), None).unwrap(),
            venue: Venue {
                name: "Old Harbour Hall".into(),
                address: "Hafenstraße 1".into(),
                map_url: None,
            },
            capacity: Capacity::parse(100).unwrap(),
            named_tickets: true,
        },
        state: EventState::OnSale,
        ticket_types: Vec::new(),
        staff: Vec::new(),
    };
    let zone = TimeZone::parse("Europe/Berlin").unwrap();
    let post = Post {
        event: &event,
        name: "Jazz Night",
        description: "Doors at 19:00.",
        from: "18,00 €",
        time_zone: &zone,
        locale: app::i18n::Locale::fr,
    };
    let link = link("shop_bot", "store", event.id);
    checked.check(&post.photo(Recipient::Username("@jazz_lovers".into()), &link));
    checked.check(&post.message(ChatId(-1_001_234).into(), &link));
}

/// A Stars refund and the answer to a button press.
fn the_star_refund_and_the_callback_answer(checked: &mut Checked) {
    checked.check(&RefundStarPayment {
        user_id: UserId(1001),
        telegram_payment_charge_id: "stx1".into(),
    });
    checked.check(&AnswerCallbackQuery {
        callback_query_id: "c".into(),
        text: Some("Done".into()),
        show_alert: Some(false),
    });
    an_appointments_calendar_file(checked);
}

/// A booked appointment's confirmation: its calendar file (the uploaded part `document`)
/// with a caption and a button to the order.
fn an_appointments_calendar_file(checked: &mut Checked) {
    checked.check(&SendDocument {
        chat_id: ChatId(1001).into(),
        document: "attach://document".into(),
        caption: Some("Your appointment is booked".into()),
        protect_content: None,
        reply_markup: Some(InlineKeyboardMarkup::web_app_button(
            "View appointment",
            "https://shop.example/shop/orders/3",
        )),
    });
    a_digital_delivery(checked);
}

/// A paid digital good: its file uploaded the first time, then sent by Telegram's file id,
/// protected as the merchant asked; a licence key as a protected message.
fn a_digital_delivery(checked: &mut Checked) {
    let button = || {
        Some(InlineKeyboardMarkup::web_app_button(
            "Open the order",
            "https://shop.example/shop/orders/4",
        ))
    };
    for document in ["attach://document", "BQACAgSIM00000012"] {
        checked.check(&SendDocument {
            chat_id: ChatId(1001).into(),
            document: document.into(),
            caption: Some("Here is Recipe E-book.".into()),
            protect_content: Some(true),
            reply_markup: button(),
        });
    }
    checked.check(&SendMessage {
        chat_id: ChatId(1001).into(),
        text: "Your licence key for Presets: KEY-1".into(),
        protect_content: Some(true),
        reply_markup: button(),
        ..SendMessage::default()
    });
}

fn only_the_required_parameters(checked: &mut Checked) {
    checked.check(&SetWebhook {
        url: "https://shop.example/telegram/webhook".into(),
        ..SetWebhook::default()
    });
    checked.check(&DeleteWebhook::default());
    checked.check(&GetUpdates::default());
    checked.check(&CreateInvoiceLink {
        title: "t".into(),
        description: "d".into(),
        payload: "p".into(),
        currency: "XTR".into(),
        prices: prices(),
        ..CreateInvoiceLink::default()
    });
    checked.check(&AnswerShippingQuery {
        shipping_query_id: "q".into(),
        ok: false,
        error_message: Some("No".into()),
        ..Default::default()
    });
    checked.check(&AnswerPreCheckoutQuery {
        pre_checkout_query_id: "q".into(),
        ok: true,
        error_message: None,
    });
    checked.check(&SendMessage {
        chat_id: ChatId(1).into(),
        text: "hi".into(),
        ..SendMessage::default()
    });
    checked.check(&SetChatMenuButton::default());
    checked.check(&SetMyCommands::default());
    checked.check(&SetMyDescription::default());
    checked.check(&SetMyShortDescription::default());
    checked.check(&AnswerCallbackQuery {
        callback_query_id: "c".into(),
        ..AnswerCallbackQuery::default()
    });
}

#[test]
fn every_request_the_client_can_build_follows_the_spec() {
    let mut checked = Checked::default();
    every_option_of_every_method(&mut checked);
    only_the_required_parameters(&mut checked);
    let unchecked: Vec<_> = METHODS.iter().filter(|name| !checked.0.contains(*name)).collect();
    assert!(
        unchecked.is_empty(),
        "the client can call {unchecked:?}, but no sample here checks them against the spec"
    );
}

/// The createInvoiceLink request the shop sends for order `id` of `cart`.
fn invoice(id: app::orders::OrderId, cart: &PricedCart, token: &str, tipping: &Tipping) -> CreateInvoiceLink {
    CreateInvoiceLink::for_invoice(
        &Invoice::for_order(id, cart, tipping, app::i18n::Locale::en),
        token,
    )
}

#[test]
fn the_invoices_the_shop_builds_follow_the_spec() {
    let mut checked = Checked::default();
    let line = |kind, currency_unit| PricedLine {
        product_id: app::catalog::ProductId(1),
        variant_id: app::catalog::VariantId(1),
        name: "Blue Glazed Mug".into(),
        unit_minor: currency_unit,
        quantity: 2,
        kind,
    };
    let stars = PricedCart {
        currency: app::money::Currency::STARS,
        lines: vec![line(ProductKind::Digital, 50)],
        items_total: 100,
        promo: None,
    };
    checked.check(&invoice(app::orders::OrderId(1), &stars, "", &Tipping::None));
    let euros = PricedCart {
        currency: app::money::Currency::parse("EUR").unwrap(),
        lines: vec![line(ProductKind::Parcel, 2400), line(ProductKind::Ticket, 1800)],
        items_total: 8400,
        promo: Some((
            server::shop::promo_codes::PromoCode::parse("WELCOME10").unwrap(),
            840,
        )),
    };
    let tips = TipPreset::parse(1000, "100,200,500").unwrap();
    checked.check(&invoice(
        app::orders::OrderId(2),
        &euros,
        "provider",
        &Tipping::InSheet(tips),
    ));
    // A tip chosen in the app: a fixed "Tip" line, no tips in the sheet.
    checked.check(&invoice(
        app::orders::OrderId(3),
        &euros,
        "provider",
        &Tipping::Chosen(200),
    ));
}

#[test]
fn the_method_names_are_telegrams() {
    let spec = BotApiSpec::get();
    for name in METHODS {
        assert!(spec.has_method(name), "{name}");
    }
    let distinct: BTreeSet<_> = METHODS.iter().collect();
    assert_eq!(distinct.len(), METHODS.len(), "one request type per method");
}

#[test]
fn the_checker_catches_what_telegram_would_refuse() {
    let spec = BotApiSpec::get();
    let bad = |method: &str, params: Value| spec.check_request(method, &params).unwrap_err();
    let misspelt = bad("sendMessage", serde_json::json!({ "chat_id": 1, "txt": "hi" }));
    assert!(misspelt.contains(&SpecViolation::UnknownParameter {
        method: "sendMessage".into(),
        name: "txt".into()
    }));
    assert!(misspelt.contains(&SpecViolation::MissingParameter {
        method: "sendMessage".into(),
        name: "text".into()
    }));
    let text_for_number = bad(
        "refundStarPayment",
        serde_json::json!({ "user_id": "1001", "telegram_payment_charge_id": "x" }),
    );
    assert!(matches!(&text_for_number[0], SpecViolation::WrongType { path, .. } if path == "user_id"));
    let float_amount = serde_json::json!({ "title": "t", "description": "d", "payload": "p", "currency": "EUR",
                                            "prices": [{ "label": "x", "amount": 1.5 }] });
    assert!(
        matches!(&bad("createInvoiceLink", float_amount)[0], SpecViolation::WrongType { path, .. } if path == "prices")
    );
}
