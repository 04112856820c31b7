//! What the bot says: the welcome with its shop button, receipts, refund notices, the salon's
//! moves and cancellations of appointments, and the merchant's sale alerts, as queued outbox
//! messages (JSON of [`OutgoingMessage`]).

use super::BotSettings;
use crate::shop::appointments::desk::RefundDue;
use crate::shop::appointments::Appointment;
use crate::shop::currencies::CurrencyTable;
use crate::shop::events::TimeZone;
use crate::shop::order::OrderRecord;
use crate::telegram::bot_api::{InlineKeyboardMarkup, SendMessage};
use app::identity::ChatId;
use app::money::Money;
use serde::{Deserialize, Serialize};

/// What waits in the outbox for a chat (the outbox row's): a message, a document, or a Stars
/// refund owed to the chat's user. Untagged, so the messages queued before documents and
/// refunds existed read as they were written.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Outgoing {
    /// `refundStarPayment` of this charge of the chat's user.
    RefundStars {
        refund_stars_charge_id: String,
    },
    /// A digital good delivered after payment (`crate::telegram::updates::delivery`).
    Delivery {
        delivery: OutgoingDelivery,
    },
    /// `sendDocument`: a text file (an appointment's calendar file) with a caption.
    Document {
        document: OutgoingDocument,
        caption: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reply_markup: Option<InlineKeyboardMarkup>,
    },
    /// `createChatInviteLink` for chat `invite_to` (a link that `creates_join_request`,
    /// named `invite_name`), then `sendMessage` of `text` with a button to that link to the
    /// row's chat: a subscriber's way into the chat their subscription grants.
    Invite {
        invite_to: i64,
        invite_name: String,
        text: String,
        button: String,
    },
    /// `approveChatJoinRequest` of this user in the row's chat.
    ApproveJoin {
        approve_join_user_id: i64,
    },
    /// `declineChatJoinRequest` of this user in the row's chat.
    DeclineJoin {
        decline_join_user_id: i64,
    },
    /// `banChatMember`, then `unbanChatMember` with `only_if_banned`, of this user in the
    /// row's chat: removed, and free to join again (through a new join request).
    RemoveMember {
        remove_member_user_id: i64,
    },
    Message(OutgoingMessage),
}

impl Outgoing {
    /// As the outbox stores it.
    pub fn json(&self) -> String {
        serde_json::to_string(self).expect("outgoing requests serialize")
    }
}

/// A file the bot sends, kept in the outbox whole (a calendar file is a few hundred bytes).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OutgoingDocument {
    pub file_name: String,
    pub content: String,
}

/// A digital good on its way to its buyer: a file sent with `sendDocument` (by Telegram's
/// file id once it was uploaded, else uploaded from `DELIVERY_DIR`) with `text` as caption,
/// or `text` as a message (a key, a link).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OutgoingDelivery {
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<DeliveryFile>,
    #[serde(default)]
    pub protect_content: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reply_markup: Option<InlineKeyboardMarkup>,
}

/// A delivery file as the outbox names it: its stored content hash and the buyer's file name.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DeliveryFile {
    pub hash: String,
    pub file_name: String,
}

/// A bot message waiting in the outbox; the chat is the outbox row's.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OutgoingMessage {
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reply_markup: Option<InlineKeyboardMarkup>,
}

impl OutgoingMessage {
    /// The sendMessage call that delivers it to `chat_id`.
    pub fn into_request(self, chat_id: ChatId) -> SendMessage {
        SendMessage {
            chat_id: chat_id.into(),
            text: self.text,
            reply_markup: self.reply_markup,
            ..SendMessage::default()
        }
    }

    /// The message as the outbox stores it.
    pub(super) fn json(self) -> String {
        serde_json::to_string(&self).expect("messages serialize")
    }
}

fn with_button(text: String, label: &str, url: String) -> String {
    OutgoingMessage {
        text,
        reply_markup: Some(InlineKeyboardMarkup::web_app_button(label, url)),
    }
    .json()
}

pub(super) fn plain(text: String) -> String {
    OutgoingMessage {
        text,
        reply_markup: None,
    }
    .json()
}

fn money(minor: i64, order: &OrderRecord) -> String {
    CurrencyTable::telegram().format(Money::new(minor, order.currency))
}

/// The answer to `/start`, naming the shop: a button that opens it, passing `start` on when given.
pub fn welcome(settings: &BotSettings, shop_name: &str, start: &str) -> String {
    let url = match start {
        "" => settings.shop_url.clone(),
        start => {
            let query: String = form_urlencoded::Serializer::new(String::new())
                .append_pair("startapp", start)
                .finish();
            format!("{}?{query}", settings.shop_url)
        }
    };
    with_button(
        format!("Welcome to {shop_name}! Tap the button below to open the shop."),
        "Open the shop",
        url,
    )
}

/// The buyer's receipt from the shop, with a button that opens the order in the Mini App —
/// where its `tickets` (the vouchers the payment issued) are shown as QR codes, when it has any.
pub fn receipt(
    settings: &BotSettings,
    shop_name: &str,
    order: &OrderRecord,
    paid_minor: i64,
    tickets: u64,
) -> String {
    let lines: Vec<String> = order
        .lines
        .iter()
        .map(|line| format!("{} × {}", line.quantity, line.name))
        .collect();
    let mut text = format!(
        "Thank you for shopping at {shop_name}! Order #{} is paid: {}.\n{}",
        order.id,
        money(paid_minor, order),
        lines.join("\n")
    );
    let label = match tickets {
        0 => "View order",
        1 => "Show my ticket",
        _ => "Show my tickets",
    };
    if tickets > 0 {
        let what = if tickets == 1 {
            "Your ticket is"
        } else {
            "Your tickets are"
        };
        text.push_str(&format!(
            "\n\n🎟 {what} in the order: show the QR code at the door."
        ));
    }
    with_button(text, label, format!("{}/orders/{}", settings.shop_url, order.id))
}

/// Tells the buyer the merchant sent their order, with the merchant's note (e.g. tracking).
pub fn shipped(shop_url: &str, order: &OrderRecord, note: Option<&str>) -> String {
    let mut text = format!("Good news: order #{} is on its way.", order.id);
    if let Some(note) = note.filter(|n| !n.trim().is_empty()) {
        text.push_str(&format!("\n{}", note.trim()));
    }
    with_button(text, "View order", format!("{shop_url}/orders/{}", order.id))
}

/// Tells the buyer their order arrived (as the merchant recorded it).
pub fn delivered(shop_url: &str, order: &OrderRecord) -> String {
    let text = format!(
        "Order #{} was delivered. Thank you for shopping with us!",
        order.id
    );
    with_button(text, "View order", format!("{shop_url}/orders/{}", order.id))
}

/// Tells the buyer the merchant cancelled their unpaid order.
pub fn cancelled(order: &OrderRecord) -> String {
    plain(format!(
        "Order #{} was cancelled by the shop before payment; nothing was charged.",
        order.id
    ))
}

/// Tells the buyer their payment came back.
pub fn refund_notice(order: &OrderRecord, refunded_minor: i64) -> String {
    plain(format!(
        "Your payment of {} for order #{} was refunded.",
        money(refunded_minor, order),
        order.id
    ))
}

/// Tells a buyer that `event` was cancelled and what becomes of their payment: Stars come
/// back through Telegram; a card payment through the payment provider.
pub fn event_cancelled(event: &str, order: &OrderRecord, paid_minor: i64, stars: bool) -> String {
    let how = match stars {
        true => "Telegram returns it to you",
        false => "the payment provider returns it to your card",
    };
    plain(format!(
        "{event} is cancelled, and your tickets with it. Your payment of {} for order #{} is refunded: {how}.",
        money(paid_minor, order),
        order.id
    ))
}

/// Tells the merchant about a sale in their shop, where it was sold when a shared invoice sold
/// it; a test-mode provider's payment is labelled as such.
pub fn merchant_sale(
    shop_name: &str,
    order: &OrderRecord,
    paid_minor: i64,
    stock_short: bool,
    sold_where: Option<&str>,
) -> String {
    let warning = if stock_short {
        "\n⚠️ It was paid after its reservation ran out and the stock was gone: refund or restock."
    } else {
        ""
    };
    // A shared invoice's sale says where it was sold ("by the post in Shop Friends").
    let sold_where = sold_where.map_or_else(String::new, |place| format!(" Sold {place}."));
    // A test-mode provider's payment moved no money: the merchant must not ship on it.
    let test = match &order.provider {
        Some(provider) if provider.is_test() => {
            format!("\n🧪 TEST payment through {}: no money moved.", provider.name)
        }
        _ => String::new(),
    };
    plain(format!(
        "New sale at {shop_name}: order #{} paid, {}.{sold_where}{test}{warning}",
        order.id,
        money(paid_minor, order)
    ))
}

/// A Stars payment the shop cannot honour, for the outbox to refund (`refundStarPayment` of
/// the chat's user).
pub fn refund_stars(charge_id: &str) -> String {
    serde_json::to_string(&Outgoing::RefundStars {
        refund_stars_charge_id: charge_id.to_owned(),
    })
    .expect("refunds serialize")
}

/// Tells the client their payment arrived after their appointment's hold lapsed and its time
/// (`times`, e.g. `15:30 with Anna`) went to another client.
pub fn appointment_lost(order: &OrderRecord, times: &[String], stars: bool) -> String {
    let what = match stars {
        true => "Your Stars are being refunded.",
        false => "The salon will refund you or offer you another time.",
    };
    plain(format!(
        "Sorry: your payment for order #{} arrived after its hold had lapsed, and {} was booked by another client meanwhile. {what}",
        order.id,
        times.join(", ")
    ))
}

/// Tells the merchant an appointment was paid for after its time went to someone else.
pub fn appointment_lost_alert(order: &OrderRecord, times: &[String], stars: bool) -> String {
    let what = match stars {
        true => "Its Stars are refunded automatically.",
        false => "Refund the client with the payment provider, or offer another time.",
    };
    format!(
        "Order #{} was paid after its hold lapsed, and {} went to another client meanwhile: it was not double-booked. {what}",
        order.id,
        times.join(", ")
    )
}

/// Tells the merchant about something that needs a human.
pub fn merchant_alert(text: &str) -> String {
    plain(format!("⚠️ {text}"))
}

/// Tells the client the salon moved their appointment `before` to `after` (times on the
/// salon's clock, `zone`), with a button to the order.
pub fn appointment_moved(
    shop_url: &str,
    before: &Appointment,
    after: &Appointment,
    zone: &TimeZone,
) -> String {
    let text = format!(
        "The salon moved your appointment: {} is now on {} with {} (it was on {} with {}).",
        after.service,
        zone.format(after.starts_at),
        after.staff,
        zone.format(before.starts_at),
        before.staff
    );
    with_button(
        text,
        "View order",
        format!("{shop_url}/orders/{}", after.order_id),
    )
}

/// Tells the client the salon cancelled `appointment` of `order`, and what becomes of their
/// money (`refund`).
pub fn appointment_cancelled_by_salon(
    appointment: &Appointment,
    order: &OrderRecord,
    refund: &RefundDue,
    zone: &TimeZone,
) -> String {
    let how = match refund {
        RefundDue::Stars { minor, .. } => format!(
            " Your payment of {} is refunded through Telegram.",
            money(*minor, order)
        ),
        RefundDue::Card { minor } => format!(
            " The salon refunds your payment of {} to your card.",
            money(*minor, order)
        ),
        RefundDue::Part { minor } => format!(
            " The salon refunds its part of order #{}, {}.",
            order.id,
            money(*minor, order)
        ),
        RefundDue::Nothing => String::new(),
    };
    plain(format!(
        "Sorry: the salon cancelled your appointment, {} on {} with {}.{how}",
        appointment.service,
        zone.format(appointment.starts_at),
        appointment.staff
    ))
}

/// Tells the merchant a cancelled appointment's refund is theirs to make: a card payment (the
/// Bot API cannot refund one) or the part of an order holding more. `None` when Telegram
/// refunds it, or nothing is owed.
pub fn appointment_refund_due(
    appointment: &Appointment,
    order: &OrderRecord,
    refund: &RefundDue,
    zone: &TimeZone,
) -> Option<String> {
    let what = format!(
        "The appointment {} on {} with {} (order #{}) is cancelled.",
        appointment.service,
        zone.format(appointment.starts_at),
        appointment.staff,
        order.id
    );
    let todo = match refund {
        RefundDue::Card { minor } => format!(
            "Refund {} with the payment provider, then record its reference on the order's page.",
            money(*minor, order)
        ),
        RefundDue::Part { minor } => format!(
            "The order holds more than this appointment: refund its part, {}, by hand.",
            money(*minor, order)
        ),
        RefundDue::Stars { .. } | RefundDue::Nothing => return None,
    };
    Some(merchant_alert(&format!("{what} {todo}")))
}
