//! What the bot says: the welcome with its shop button, receipts, order updates, refund
//! notices, pre-checkout refusals, the salon's moves and cancellations of appointments, and the
//! merchant's sale alerts, as queued outbox messages (JSON of [`OutgoingMessage`]).
//!
//! Every text is the storefront's translations (app/locales/*.json: `bot_*` for buyers,
//! `bot_m_*` for the merchant), in the reader's language: a buyer's Telegram `language_code`
//! (the update's, or as their last checkout gave it: [`OrderRecord::buyer_language`]), the
//! merchant's as `crate::shop::settings::MerchantReaders` chooses it; English otherwise.
//! Amounts are written as the storefront writes them in that language ([`amount`]: Telegram's
//! format for the currency, kept left to right inside Arabic sentences), dates by chrono's
//! locale data (`super::salon::when`).

use super::salon::when;
use super::BotSettings;
use crate::shop::appointments::booking::wall_clock;
use crate::shop::appointments::desk::RefundDue;
use crate::shop::appointments::Appointment;
use crate::shop::currencies::CurrencyTable;
use crate::shop::events::TimeZone;
use crate::shop::order::payment::Refusal;
use crate::shop::order::OrderRecord;
use crate::storage::salon::booking::Lost;
use crate::telegram::bot_api::{InlineKeyboardMarkup, SendMessage};
use app::i18n::{td_string, Locale};
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

/// The language the bot speaks for a Telegram `language_code` (English for `""` and any it
/// does not speak).
pub fn locale_of(language_code: &str) -> Locale {
    app::language::for_language_code(language_code)
}

/// An amount as the storefront shows it in `locale`: Telegram's format for the currency
/// (`24,00 €`, `$1,234.50`, `⭐ 250`), between left-to-right isolates inside Arabic text.
pub fn amount(locale: Locale, money: Money) -> String {
    app::language::ltr(locale, &CurrencyTable::telegram().format(money))
}

fn money(locale: Locale, minor: i64, order: &OrderRecord) -> String {
    amount(locale, Money::new(minor, order.currency))
}

/// The buyer's language for messages about `order`.
fn buyer(order: &OrderRecord) -> Locale {
    locale_of(&order.buyer_language)
}

fn order_url(shop_url: &str, order: &OrderRecord) -> String {
    format!("{shop_url}/orders/{}", order.id)
}

/// The answer to `/start`, naming the shop: a button that opens it, passing `start` on when given.
pub fn welcome(locale: Locale, settings: &BotSettings, shop_name: &str, start: &str) -> String {
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
        td_string!(locale, bot_welcome, shop = shop_name).to_string(),
        td_string!(locale, bot_open_shop),
        url,
    )
}

/// The buyer's receipt from the shop, in `locale`, with a button that opens the order in the
/// Mini App — where its `tickets` (the vouchers the payment issued) are shown as QR codes,
/// when it has any.
pub fn receipt(
    locale: Locale,
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
    let paid = td_string!(
        locale,
        bot_receipt,
        shop = shop_name,
        number = order.id.0,
        total = money(locale, paid_minor, order)
    );
    let mut text = format!("{paid}\n{}", lines.join("\n"));
    let one = app::language::is_one(locale, tickets);
    let label = match (tickets, one) {
        (0, _) => td_string!(locale, bot_view_order),
        (_, true) => td_string!(locale, bot_show_ticket_1),
        (_, false) => td_string!(locale, bot_show_ticket_n),
    };
    if tickets > 0 {
        let where_ = match one {
            true => td_string!(locale, bot_tickets_1),
            false => td_string!(locale, bot_tickets_n),
        };
        text.push_str(&format!("\n\n{where_}"));
    }
    with_button(text, label, order_url(&settings.shop_url, order))
}

/// Tells the buyer the merchant sent their order, with the merchant's note (e.g. tracking).
pub fn shipped(shop_url: &str, order: &OrderRecord, note: Option<&str>) -> String {
    let locale = buyer(order);
    let mut text = td_string!(locale, bot_shipped, number = order.id.0).to_string();
    if let Some(note) = note.filter(|n| !n.trim().is_empty()) {
        text.push_str(&format!("\n{}", note.trim()));
    }
    with_button(
        text,
        td_string!(locale, bot_view_order),
        order_url(shop_url, order),
    )
}

/// Tells the buyer their order arrived (as the merchant recorded it).
pub fn delivered(shop_url: &str, order: &OrderRecord) -> String {
    let locale = buyer(order);
    let text = td_string!(locale, bot_delivered, number = order.id.0).to_string();
    with_button(
        text,
        td_string!(locale, bot_view_order),
        order_url(shop_url, order),
    )
}

/// Tells the buyer the merchant cancelled their unpaid order.
pub fn cancelled(order: &OrderRecord) -> String {
    plain(td_string!(buyer(order), bot_cancelled, number = order.id.0).to_string())
}

/// Tells the buyer their payment came back.
pub fn refund_notice(order: &OrderRecord, refunded_minor: i64) -> String {
    let locale = buyer(order);
    let amount = money(locale, refunded_minor, order);
    plain(td_string!(locale, bot_refunded, amount, number = order.id.0).to_string())
}

/// Tells a buyer that `event` was cancelled and what becomes of their payment: Stars come
/// back through Telegram; a card payment through the payment provider.
pub fn event_cancelled(event: &str, order: &OrderRecord, paid_minor: i64, stars: bool) -> String {
    let locale = buyer(order);
    let (amount, number) = (money(locale, paid_minor, order), order.id.0);
    plain(match stars {
        true => td_string!(locale, bot_event_cancelled_stars, event, amount, number).to_string(),
        false => td_string!(locale, bot_event_cancelled_card, event, amount, number).to_string(),
    })
}

/// What the shopper reads in Telegram's payment sheet when a pre-checkout query may not go
/// ahead, in `locale`.
pub fn refusal(locale: Locale, refusal: &Refusal) -> String {
    match refusal {
        Refusal::OtherAccount => td_string!(locale, bot_refuse_other_account),
        Refusal::AlreadyPaid => td_string!(locale, bot_refuse_paid),
        Refusal::Replaced => td_string!(locale, bot_refuse_replaced),
        Refusal::Cancelled => td_string!(locale, bot_refuse_cancelled),
        Refusal::Changed => td_string!(locale, bot_refuse_changed),
        Refusal::NoShippingOption => td_string!(locale, bot_refuse_shipping),
    }
    .to_owned()
}

/// The refusal when an item of an order sold out while its reservation had lapsed.
pub fn sold_out(locale: Locale, name: &str) -> String {
    td_string!(locale, bot_refuse_sold_out, name).to_string()
}

/// `staff`'s time at `at` (`15:30 with Anna`), on the salon's clock.
fn time_with(locale: Locale, zone: &TimeZone, staff: &str, at: i64) -> String {
    td_string!(locale, bot_time_with, time = wall_clock(zone, at), staff).to_string()
}

/// The refusal when an appointment's lapsed hold could not take its time (`staff` at `at`)
/// again: someone else booked it.
pub fn time_taken(locale: Locale, zone: &TimeZone, staff: &str, at: i64) -> String {
    td_string!(locale, bot_refuse_taken, time = wall_clock(zone, at), staff).to_string()
}

/// Tells the merchant, in `locale`, about a sale in their shop.
pub fn merchant_sale(
    locale: Locale,
    shop_name: &str,
    order: &OrderRecord,
    paid_minor: i64,
    stock_short: bool,
    sold_where: Option<&str>,
) -> String {
    let mut text = td_string!(
        locale,
        bot_m_sale,
        shop = shop_name,
        number = order.id.0,
        total = money(locale, paid_minor, order)
    )
    .to_string();
    // A shared invoice's sale says where it was sold ("Sold by the post in Shop Friends.").
    if let Some(place) = sold_where {
        text.push(' ');
        text.push_str(place);
    }
    // A test-mode provider's payment moved no money: the merchant must not ship on it.
    if let Some(provider) = order.provider.as_ref().filter(|provider| provider.is_test()) {
        let provider = provider.name.as_str();
        text.push_str(&format!("\n{}", td_string!(locale, bot_m_test_payment, provider)));
    }
    if stock_short {
        text.push_str(&format!("\n{}", td_string!(locale, bot_m_stock_short)));
    }
    plain(text)
}

/// A Stars payment the shop cannot honour, for the outbox to refund (`refundStarPayment` of
/// the chat's user).
pub fn refund_stars(charge_id: &str) -> String {
    serde_json::to_string(&Outgoing::RefundStars {
        refund_stars_charge_id: charge_id.to_owned(),
    })
    .expect("refunds serialize")
}

/// The times that went to other clients while their holds had lapsed, `10:30 with Anna, …`.
fn times(locale: Locale, zone: &TimeZone, lost: &[Lost]) -> String {
    let times: Vec<String> = lost
        .iter()
        .map(|l| time_with(locale, zone, &l.staff, l.starts_at))
        .collect();
    times.join(", ")
}

/// Tells the client their payment arrived after their appointment's hold lapsed and its time
/// went to another client.
pub fn appointment_lost(order: &OrderRecord, lost: &[Lost], zone: &TimeZone, stars: bool) -> String {
    let locale = buyer(order);
    let times = times(locale, zone, lost);
    let first = td_string!(locale, bot_appointment_lost, number = order.id.0, times);
    let what = match stars {
        true => td_string!(locale, bot_refund_stars),
        false => td_string!(locale, bot_appointment_lost_card),
    };
    plain(format!("{first} {what}"))
}

/// Tells the merchant, in `locale`, an appointment was paid for after its time went to
/// someone else.
pub fn appointment_lost_alert(
    locale: Locale,
    order: &OrderRecord,
    lost: &[Lost],
    zone: &TimeZone,
    stars: bool,
) -> String {
    let times = times(locale, zone, lost);
    let first = td_string!(locale, bot_m_appointment_lost, number = order.id.0, times);
    let what = match stars {
        true => td_string!(locale, bot_m_lost_stars),
        false => td_string!(locale, bot_m_lost_card),
    };
    merchant_alert(&format!("{first} {what}"))
}

/// Tells the merchant about something that needs a human.
pub fn merchant_alert(text: &str) -> String {
    plain(format!("⚠️ {text}"))
}

/// Tells the client, in `locale`, the salon moved their appointment `before` to `after`
/// (times on the salon's clock, `zone`), with a button to the order.
pub fn appointment_moved(
    locale: Locale,
    shop_url: &str,
    before: &Appointment,
    after: &Appointment,
    zone: &TimeZone,
) -> String {
    let text = td_string!(
        locale,
        bot_appointment_moved,
        service = after.client_service.as_str(),
        when = when(locale, zone, after.starts_at),
        staff = after.staff.as_str(),
        before = when(locale, zone, before.starts_at),
        before_staff = before.staff.as_str()
    )
    .to_string();
    with_button(
        text,
        td_string!(locale, bot_view_order),
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
    let locale = buyer(order);
    let how = match refund {
        RefundDue::Stars { minor, .. } => td_string!(
            locale,
            bot_salon_refund_stars,
            amount = money(locale, *minor, order)
        )
        .to_string(),
        RefundDue::Card { minor } => td_string!(
            locale,
            bot_salon_refund_card,
            amount = money(locale, *minor, order)
        )
        .to_string(),
        RefundDue::Part { minor } => td_string!(
            locale,
            bot_salon_refund_part,
            number = order.id.0,
            amount = money(locale, *minor, order)
        )
        .to_string(),
        RefundDue::Nothing => String::new(),
    };
    let what = td_string!(
        locale,
        bot_salon_cancelled,
        service = appointment.client_service.as_str(),
        when = when(locale, zone, appointment.starts_at),
        staff = appointment.staff.as_str()
    );
    plain(format!("{what} {how}").trim_end().to_owned())
}

/// Tells the merchant, in `locale`, a cancelled appointment's refund is theirs to make: a card
/// payment (the Bot API cannot refund one) or the part of an order holding more. `None` when
/// Telegram refunds it, or nothing is owed.
pub fn appointment_refund_due(
    locale: Locale,
    appointment: &Appointment,
    order: &OrderRecord,
    refund: &RefundDue,
    zone: &TimeZone,
) -> Option<String> {
    let what = td_string!(
        locale,
        bot_m_appointment_cancelled,
        service = appointment.service.as_str(),
        when = when(locale, zone, appointment.starts_at),
        staff = appointment.staff.as_str(),
        number = order.id.0
    );
    let todo = match refund {
        RefundDue::Card { minor } => {
            td_string!(locale, bot_m_refund_card, amount = money(locale, *minor, order)).to_string()
        }
        RefundDue::Part { minor } => {
            td_string!(locale, bot_m_refund_part, amount = money(locale, *minor, order)).to_string()
        }
        RefundDue::Stars { .. } | RefundDue::Nothing => return None,
    };
    Some(merchant_alert(&format!("{what} {todo}")))
}

#[cfg(test)]
mod tests;
