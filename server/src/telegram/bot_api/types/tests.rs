use super::*;
use crate::telegram::bot_api::spec::BotApiSpec;
use serde_json::{json, Value};

fn user() -> Value {
    json!({ "id": 1001, "is_bot": false, "first_name": "Ada", "language_code": "en", "is_premium": true })
}

#[test]
fn a_pre_checkout_query_parses_with_its_order_info() {
    let update: Update = serde_json::from_value(json!({ "update_id": 7, "pre_checkout_query": {
        "id": "q1", "from": user(), "currency": "EUR", "total_amount": 5490, "invoice_payload": "order:3",
        "shipping_option_id": "express", "order_info": { "name": "Ada", "shipping_address": {
            "country_code": "DE", "state": "", "city": "Berlin", "street_line1": "Unter den Linden 1",
            "street_line2": "", "post_code": "10117" } } } }))
    .unwrap();
    assert_eq!(update.kind(), UpdateKind::PreCheckoutQuery);
    let query = update.pre_checkout_query.unwrap();
    assert_eq!(query.total_amount, 5490);
    assert_eq!(
        query.order_info.unwrap().shipping_address.unwrap().country_code,
        "DE"
    );
}

#[test]
fn payment_messages_parse() {
    let paid: Update = serde_json::from_value(json!({ "update_id": 8, "message": {
        "message_id": 5, "date": 1, "from": user(), "chat": { "id": 1001, "type": "private", "first_name": "Ada" },
        "successful_payment": { "currency": "XTR", "total_amount": 50, "invoice_payload": "order:4",
            "telegram_payment_charge_id": "stx1", "provider_payment_charge_id": "" } } }))
    .unwrap();
    assert_eq!(paid.kind(), UpdateKind::Message);
    assert_eq!(
        paid.message
            .unwrap()
            .successful_payment
            .unwrap()
            .telegram_payment_charge_id,
        "stx1"
    );
    let refunded: Update = serde_json::from_value(json!({ "update_id": 9, "message": {
        "message_id": 6, "date": 1, "chat": { "id": 1001, "type": "private" },
        "refunded_payment": { "currency": "XTR", "total_amount": 50, "invoice_payload": "order:4",
            "telegram_payment_charge_id": "stx1" } } }))
    .unwrap();
    assert_eq!(
        refunded.message.unwrap().refunded_payment.unwrap().total_amount,
        50
    );
}

#[test]
fn shipping_queries_and_callback_queries_parse() {
    let shipping: Update = serde_json::from_value(json!({ "update_id": 10, "shipping_query": {
        "id": "s1", "from": user(), "invoice_payload": "order:1", "shipping_address": {
            "country_code": "FR", "state": "", "city": "Paris", "street_line1": "1 rue", "street_line2": "",
            "post_code": "75001" } } }))
    .unwrap();
    assert_eq!(shipping.kind(), UpdateKind::ShippingQuery);
    let callback: Update = serde_json::from_value(json!({ "update_id": 11, "callback_query": {
        "id": "c1", "from": user(), "chat_instance": "x", "data": "more" } }))
    .unwrap();
    assert_eq!(callback.kind(), UpdateKind::CallbackQuery);
}

#[test]
fn updates_of_unknown_kinds_still_parse() {
    let update: Update = serde_json::from_value(json!({ "update_id": 12,
        "message_reaction": { "chat": { "id": 1, "type": "private" } } }))
    .unwrap();
    assert_eq!(update.kind(), UpdateKind::Other);
}

/// Every field name in each sample exists in Telegram's spec for the type it is named after.
fn fields_are_telegrams(samples: Vec<(&str, Value)>) {
    let spec = BotApiSpec::get();
    for (name, sample) in samples {
        let fields = spec
            .type_fields(name)
            .unwrap_or_else(|| panic!("the spec has no type {name}"));
        for key in sample.as_object().unwrap().keys() {
            assert!(
                fields.contains(&key.as_str()),
                "{name}.{key} is not in Telegram's spec"
            );
        }
    }
}

/// An update, its user, message and chat, and a button press.
#[test]
fn the_update_and_message_fields_are_telegrams() {
    fields_are_telegrams(vec![
        (
            "Update",
            serde_json::to_value(Update {
                message: Some(Message::default()),
                ..Update::default()
            })
            .unwrap(),
        ),
        (
            "User",
            serde_json::to_value(User {
                last_name: Some("L".into()),
                username: Some("u".into()),
                language_code: Some("en".into()),
                ..User::default()
            })
            .unwrap(),
        ),
        (
            "Message",
            serde_json::to_value(Message {
                from: Some(User::default()),
                text: Some("t".into()),
                successful_payment: Some(SuccessfulPayment::default()),
                refunded_payment: Some(RefundedPayment::default()),
                ..Message::default()
            })
            .unwrap(),
        ),
        (
            "CallbackQuery",
            serde_json::to_value(CallbackQuery {
                data: Some("d".into()),
                ..CallbackQuery::default()
            })
            .unwrap(),
        ),
        ("Chat", serde_json::to_value(Chat::default()).unwrap()),
    ]);
}

/// A payment made and refunded, what the buyer gave, the shipping and pre-checkout queries,
/// and the prices and options of their answers.
#[test]
fn the_payment_fields_are_telegrams() {
    fields_are_telegrams(vec![
        (
            "SuccessfulPayment",
            serde_json::to_value(SuccessfulPayment {
                shipping_option_id: Some("s".into()),
                order_info: Some(OrderInfo::default()),
                subscription_expiration_date: Some(1),
                is_recurring: Some(true),
                is_first_recurring: Some(true),
                ..SuccessfulPayment::default()
            })
            .unwrap(),
        ),
        (
            "RefundedPayment",
            serde_json::to_value(RefundedPayment {
                provider_payment_charge_id: Some("p".into()),
                ..RefundedPayment::default()
            })
            .unwrap(),
        ),
        (
            "OrderInfo",
            serde_json::to_value(OrderInfo {
                name: Some("n".into()),
                phone_number: Some("1".into()),
                email: Some("e".into()),
                shipping_address: Some(ShippingAddress::default()),
            })
            .unwrap(),
        ),
        (
            "ShippingAddress",
            serde_json::to_value(ShippingAddress::default()).unwrap(),
        ),
        (
            "ShippingQuery",
            serde_json::to_value(ShippingQuery::default()).unwrap(),
        ),
        (
            "PreCheckoutQuery",
            serde_json::to_value(PreCheckoutQuery {
                shipping_option_id: Some("s".into()),
                order_info: Some(OrderInfo::default()),
                ..PreCheckoutQuery::default()
            })
            .unwrap(),
        ),
        (
            "LabeledPrice",
            serde_json::to_value(LabeledPrice::default()).unwrap(),
        ),
        (
            "ShippingOption",
            serde_json::to_value(ShippingOption::default()).unwrap(),
        ),
    ]);
}

/// The Mini App buttons (under a message, the menu) and the webhook's state.
#[test]
fn the_button_and_webhook_fields_are_telegrams() {
    fields_are_telegrams(vec![
        (
            "InlineKeyboardMarkup",
            serde_json::to_value(InlineKeyboardMarkup::web_app_button("t", "u")).unwrap(),
        ),
        (
            "MenuButtonWebApp",
            serde_json::to_value(MenuButtonWebApp::new("t", "u")).unwrap(),
        ),
        (
            "BotCommand",
            serde_json::to_value(BotCommand {
                command: "paysupport".into(),
                description: "Help with a payment".into(),
            })
            .unwrap(),
        ),
        (
            "WebhookInfo",
            serde_json::to_value(WebhookInfo::default()).unwrap(),
        ),
    ]);
}

/// Bot API 10.2's subscription update and the join requests the bot answers: every field of
/// ours is Telegram's, and a whole update as Telegram sends it is valid for the spec (10.1 with
/// the 10.2 supplement) and parses.
#[test]
fn the_subscription_and_join_request_fields_are_telegrams() {
    let changed = BotSubscriptionUpdated {
        user: User::default(),
        invoice_payload: "sub:1".into(),
        state: "canceled".into(),
    };
    let link = ChatInviteLink {
        name: Some("Club".into()),
        expire_date: Some(1),
        member_limit: Some(1),
        ..ChatInviteLink::default()
    };
    let request = ChatJoinRequest {
        bio: Some("b".into()),
        invite_link: Some(link.clone()),
        ..ChatJoinRequest::default()
    };
    let update = Update {
        subscription: Some(changed.clone()),
        chat_join_request: Some(request.clone()),
        ..Update::default()
    };
    fields_are_telegrams(vec![
        ("BotSubscriptionUpdated", serde_json::to_value(&changed).unwrap()),
        ("ChatJoinRequest", serde_json::to_value(&request).unwrap()),
        ("ChatInviteLink", serde_json::to_value(&link).unwrap()),
        ("Update", serde_json::to_value(&update).unwrap()),
    ]);
    let spec = BotApiSpec::get();
    let sent = json!({ "update_id": 3, "subscription": {
        "user": user(), "invoice_payload": "sub:4", "state": "failed" } });
    assert!(spec.is_valid("Update", &sent));
    let parsed: Update = serde_json::from_value(sent).unwrap();
    assert_eq!(parsed.kind(), UpdateKind::Subscription);
    assert_eq!(parsed.subscription.unwrap().state, "failed");
    let join = json!({ "update_id": 4, "chat_join_request": {
        "chat": { "id": -100123, "type": "channel", "title": "Club" }, "from": user(),
        "user_chat_id": 1001, "date": 1,
        "invite_link": { "invite_link": "https://t.me/+abc", "creator": user(),
                         "creates_join_request": true, "is_primary": false, "is_revoked": false } } });
    assert!(spec.is_valid("Update", &join));
    let parsed: Update = serde_json::from_value(join).unwrap();
    assert_eq!(parsed.kind(), UpdateKind::ChatJoinRequest);
}

#[test]
fn an_inline_query_parses_and_the_prepared_message_answer_reads() {
    let spec = BotApiSpec::get();
    let sent = json!({ "update_id": 5, "inline_query": {
        "id": "iq1", "from": user(), "query": "mug", "offset": "", "chat_type": "supergroup" } });
    assert!(spec.is_valid("Update", &sent));
    let parsed: Update = serde_json::from_value(sent).unwrap();
    assert_eq!(parsed.kind(), UpdateKind::InlineQuery);
    assert_eq!(parsed.kind().name(), "inline_query");
    let query = parsed.inline_query.unwrap();
    assert_eq!((query.query.as_str(), query.offset.as_str()), ("mug", ""));
    let prepared = json!({ "id": "p1", "expiration_date": 1_900_000_000 });
    assert!(spec.is_valid("PreparedInlineMessage", &prepared));
    let prepared: PreparedInlineMessage = serde_json::from_value(prepared).unwrap();
    assert_eq!(prepared.expiration_date, 1_900_000_000);
}
