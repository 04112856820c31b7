//! The Bot API objects the shop reads and sends (<https://core.telegram.org/bots/api#available-types>),
//! with Telegram's own field names. Fields the shop does not need are ignored when parsing,
//! so new Telegram fields never break an update.

use app::identity::{ChatId, UserId};
use serde::{Deserialize, Serialize};

/// What the payment sheet collects is the shop's record of a buyer's delivery details too: one
/// definition, kept in the domain (`crate::shop::order`), with Telegram's names and layout.
pub use crate::shop::order::{OrderInfo, ShippingAddress};

/// An incoming update (<https://core.telegram.org/bots/api#update>): at most one of the
/// optional fields is present.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Update {
    pub update_id: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<Message>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub callback_query: Option<CallbackQuery>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shipping_query: Option<ShippingQuery>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pre_checkout_query: Option<PreCheckoutQuery>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chat_join_request: Option<ChatJoinRequest>,
    /// Bot API 10.2: a user's payment subscription changed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subscription: Option<BotSubscriptionUpdated>,
    /// Someone typed `@<bot> …` in a chat.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inline_query: Option<InlineQuery>,
}

/// Which kind of update it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UpdateKind {
    Message,
    CallbackQuery,
    ShippingQuery,
    PreCheckoutQuery,
    ChatJoinRequest,
    Subscription,
    InlineQuery,
    /// A kind the shop does not handle (poll, chat_member, …).
    Other,
}

impl UpdateKind {
    /// The kind as Telegram names its field (`pre_checkout_query`), or `other`.
    pub fn name(self) -> &'static str {
        match self {
            UpdateKind::Message => "message",
            UpdateKind::CallbackQuery => "callback_query",
            UpdateKind::ShippingQuery => "shipping_query",
            UpdateKind::PreCheckoutQuery => "pre_checkout_query",
            UpdateKind::ChatJoinRequest => "chat_join_request",
            UpdateKind::Subscription => "subscription",
            UpdateKind::InlineQuery => "inline_query",
            UpdateKind::Other => "other",
        }
    }
}

impl Update {
    /// The kind, from the field that is present.
    pub fn kind(&self) -> UpdateKind {
        if self.pre_checkout_query.is_some() {
            UpdateKind::PreCheckoutQuery
        } else if self.shipping_query.is_some() {
            UpdateKind::ShippingQuery
        } else if self.message.is_some() {
            UpdateKind::Message
        } else if self.callback_query.is_some() {
            UpdateKind::CallbackQuery
        } else if self.chat_join_request.is_some() {
            UpdateKind::ChatJoinRequest
        } else if self.subscription.is_some() {
            UpdateKind::Subscription
        } else if self.inline_query.is_some() {
            UpdateKind::InlineQuery
        } else {
            UpdateKind::Other
        }
    }
}

/// A Telegram user or bot (<https://core.telegram.org/bots/api#user>).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct User {
    pub id: UserId,
    #[serde(default)]
    pub is_bot: bool,
    pub first_name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language_code: Option<String>,
}

/// A chat (<https://core.telegram.org/bots/api#chat>); a private chat's id is the user's id.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Chat {
    pub id: ChatId,
    #[serde(rename = "type")]
    pub kind: String,
}

/// A message (<https://core.telegram.org/bots/api#message>).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Message {
    pub message_id: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<User>,
    pub chat: Chat,
    pub date: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub successful_payment: Option<SuccessfulPayment>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refunded_payment: Option<RefundedPayment>,
}

/// A received payment (<https://core.telegram.org/bots/api#successfulpayment>).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SuccessfulPayment {
    pub currency: String,
    pub total_amount: i64,
    pub invoice_payload: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subscription_expiration_date: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_recurring: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_first_recurring: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shipping_option_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order_info: Option<OrderInfo>,
    pub telegram_payment_charge_id: String,
    /// Empty for Telegram Stars.
    #[serde(default)]
    pub provider_payment_charge_id: String,
}

/// A change to a user's payment subscription toward the bot, Bot API 10.2
/// (<https://core.telegram.org/bots/api#botsubscriptionupdated>): identified only by the user
/// and the invoice payload.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BotSubscriptionUpdated {
    pub user: User,
    pub invoice_payload: String,
    /// `canceled` (the user cancelled), `active` (re-enabled) or `failed` (a renewal's
    /// payment failed).
    pub state: String,
}

/// A request to join a chat (<https://core.telegram.org/bots/api#chatjoinrequest>), answered
/// with approveChatJoinRequest or declineChatJoinRequest.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChatJoinRequest {
    pub chat: Chat,
    pub from: User,
    /// A private chat with the user, open for 5 minutes for the bot to write in.
    pub user_chat_id: i64,
    pub date: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bio: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invite_link: Option<ChatInviteLink>,
}

/// An invite link (<https://core.telegram.org/bots/api#chatinvitelink>).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChatInviteLink {
    pub invite_link: String,
    pub creator: User,
    pub creates_join_request: bool,
    pub is_primary: bool,
    pub is_revoked: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expire_date: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub member_limit: Option<i64>,
}

/// A refunded payment (<https://core.telegram.org/bots/api#refundedpayment>).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RefundedPayment {
    pub currency: String,
    pub total_amount: i64,
    pub invoice_payload: String,
    pub telegram_payment_charge_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider_payment_charge_id: Option<String>,
}

/// A shipping query for a flexible invoice (<https://core.telegram.org/bots/api#shippingquery>).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShippingQuery {
    pub id: String,
    pub from: User,
    pub invoice_payload: String,
    pub shipping_address: ShippingAddress,
}

/// The last check before a charge (<https://core.telegram.org/bots/api#precheckoutquery>):
/// answer within 10 seconds.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreCheckoutQuery {
    pub id: String,
    pub from: User,
    pub currency: String,
    pub total_amount: i64,
    pub invoice_payload: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shipping_option_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order_info: Option<OrderInfo>,
}

/// A press on an inline button with callback data (<https://core.telegram.org/bots/api#callbackquery>).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallbackQuery {
    pub id: String,
    pub from: User,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data: Option<String>,
}

/// A query typed in a chat's message field after the bot's @username
/// (<https://core.telegram.org/bots/api#inlinequery>), answered with answerInlineQuery.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InlineQuery {
    pub id: String,
    pub from: User,
    /// The text after `@<bot> `, up to 256 characters.
    pub query: String,
    /// Where the results should continue: the `next_offset` of the previous answer, or empty.
    pub offset: String,
    /// `sender`, `private`, `group`, `supergroup` or `channel`; absent from secret chats.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chat_type: Option<String>,
}

/// One result of an inline query (<https://core.telegram.org/bots/api#inlinequeryresult>): the
/// shop answers with articles only, whose message is an invoice or a card with a button.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum InlineQueryResult {
    Article(InlineQueryResultArticle),
}

/// A result that sends `input_message_content` (<https://core.telegram.org/bots/api#inlinequeryresultarticle>).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InlineQueryResultArticle {
    /// 1–64 bytes, unique among the answer's results.
    pub id: String,
    pub title: String,
    pub input_message_content: InputMessageContent,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reply_markup: Option<InlineKeyboardMarkup>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thumbnail_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thumbnail_width: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thumbnail_height: Option<i64>,
}

/// What a chosen inline result sends (<https://core.telegram.org/bots/api#inputmessagecontent>).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum InputMessageContent {
    /// An invoice anyone in the chat can pay.
    Invoice(Box<InputInvoiceMessageContent>),
    /// A text message (the card of a product chosen in the Mini App).
    Text(InputTextMessageContent),
}

impl Default for InputMessageContent {
    fn default() -> Self {
        InputMessageContent::Text(InputTextMessageContent::default())
    }
}

/// A text message sent by an inline result (<https://core.telegram.org/bots/api#inputtextmessagecontent>).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InputTextMessageContent {
    /// 1–4096 characters.
    pub message_text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parse_mode: Option<String>,
}

/// A message saved for a Mini App's user to send (<https://core.telegram.org/bots/api#preparedinlinemessage>).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreparedInlineMessage {
    pub id: String,
    /// Unix seconds; an expired message can no longer be sent.
    pub expiration_date: i64,
}

/// A portion of a price (<https://core.telegram.org/bots/api#labeledprice>), in minor units.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LabeledPrice {
    pub label: String,
    pub amount: i64,
}

/// An invoice's content (<https://core.telegram.org/bots/api#inputinvoicemessagecontent>): what
/// an inline result or a prepared message posts, and — with a chat — what `sendInvoice` sends
/// ([`super::SendInvoice`] flattens it). Optional fields are left out when `None`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InputInvoiceMessageContent {
    /// 1–32 characters.
    pub title: String,
    /// 1–255 characters.
    pub description: String,
    /// 1–128 bytes, handed back in payment updates.
    pub payload: String,
    /// The payment provider's token; empty for Telegram Stars.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider_token: Option<String>,
    pub currency: String,
    pub prices: Vec<LabeledPrice>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_tip_amount: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suggested_tip_amounts: Option<Vec<i64>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub photo_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub photo_width: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub photo_height: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub need_name: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub need_phone_number: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub need_email: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub need_shipping_address: Option<bool>,
    /// The price depends on the shipping option (shipping queries follow).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_flexible: Option<bool>,
}

/// A shipping option (<https://core.telegram.org/bots/api#shippingoption>).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShippingOption {
    pub id: String,
    pub title: String,
    pub prices: Vec<LabeledPrice>,
}

/// A Mini App to open (<https://core.telegram.org/bots/api#webappinfo>).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WebAppInfo {
    pub url: String,
}

/// One inline keyboard button (<https://core.telegram.org/bots/api#inlinekeyboardbutton>):
/// exactly one of `url`, `callback_data` or `web_app`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InlineKeyboardButton {
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub callback_data: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub web_app: Option<WebAppInfo>,
}

/// Buttons under a message (<https://core.telegram.org/bots/api#inlinekeyboardmarkup>).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InlineKeyboardMarkup {
    pub inline_keyboard: Vec<Vec<InlineKeyboardButton>>,
}

impl InlineKeyboardMarkup {
    /// One button that opens `url` (a `t.me` link opens the Mini App from any chat, where a
    /// `web_app` button works in private chats only).
    pub fn url_button(text: impl Into<String>, url: impl Into<String>) -> Self {
        InlineKeyboardMarkup {
            inline_keyboard: vec![vec![InlineKeyboardButton {
                text: text.into(),
                url: Some(url.into()),
                ..InlineKeyboardButton::default()
            }]],
        }
    }

    /// One button that opens the Mini App at `url`.
    pub fn web_app_button(text: impl Into<String>, url: impl Into<String>) -> Self {
        InlineKeyboardMarkup {
            inline_keyboard: vec![vec![InlineKeyboardButton {
                text: text.into(),
                web_app: Some(WebAppInfo { url: url.into() }),
                ..InlineKeyboardButton::default()
            }]],
        }
    }
}

/// The chat's menu button opening a Mini App (<https://core.telegram.org/bots/api#menubuttonwebapp>).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MenuButtonWebApp {
    /// Always `web_app`.
    #[serde(rename = "type")]
    pub kind: String,
    pub text: String,
    pub web_app: WebAppInfo,
}

impl MenuButtonWebApp {
    /// A menu button labelled `text` opening `url`.
    pub fn new(text: impl Into<String>, url: impl Into<String>) -> Self {
        MenuButtonWebApp {
            kind: "web_app".into(),
            text: text.into(),
            web_app: WebAppInfo { url: url.into() },
        }
    }
}

/// A command in the bot's menu (<https://core.telegram.org/bots/api#botcommand>).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BotCommand {
    /// 1–32 characters of `a-z`, `0-9` and `_`, without the slash.
    pub command: String,
    /// 1–256 characters.
    pub description: String,
}

/// The bot itself, as getMe answers.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BotUser {
    pub id: UserId,
    pub first_name: String,
    #[serde(default)]
    pub username: Option<String>,
}

/// The webhook's state (<https://core.telegram.org/bots/api#webhookinfo>).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WebhookInfo {
    pub url: String,
    #[serde(default)]
    pub pending_update_count: i64,
    #[serde(default)]
    pub last_error_date: Option<i64>,
    #[serde(default)]
    pub last_error_message: Option<String>,
}

#[cfg(test)]
mod tests;

/// A chat member as getChatMember answers (<https://core.telegram.org/bots/api#chatmember>):
/// the fields the shop reads.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
pub struct ChatMember {
    /// `creator`, `administrator`, `member`, `restricted`, `left` or `kicked`.
    pub status: String,
    /// For an administrator of a channel: whether it may post there.
    #[serde(default)]
    pub can_post_messages: Option<bool>,
}

impl ChatMember {
    /// True when the member may post in the chat as its administrator: the creator, or an
    /// administrator not denied posting (a channel's `can_post_messages`).
    pub fn can_post_as_admin(&self) -> bool {
        match self.status.as_str() {
            "creator" => true,
            "administrator" => self.can_post_messages != Some(false),
            _ => false,
        }
    }
}

/// What `getChat` tells of a chat (<https://core.telegram.org/bots/api#chatfullinfo>): the
/// fields the shop reads.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct ChatInfo {
    pub id: ChatId,
    /// `private`, `group`, `supergroup` or `channel`.
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub username: Option<String>,
}

impl ChatInfo {
    /// A group or supergroup, where members write.
    pub fn is_group(&self) -> bool {
        matches!(self.kind.as_str(), "group" | "supergroup")
    }

    /// A channel, where administrators post.
    pub fn is_channel(&self) -> bool {
        self.kind == "channel"
    }
}

/// A message the bot sent (<https://core.telegram.org/bots/api#message>): where, and its id.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct SentMessage {
    pub message_id: i64,
    pub chat: SentChat,
    /// The file, when the message is a document: its id sends it again without an upload.
    #[serde(default)]
    pub document: Option<SentDocument>,
}

/// The document of a [`SentMessage`] (<https://core.telegram.org/bots/api#document>).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct SentDocument {
    pub file_id: String,
}

/// The chat of a [`SentMessage`].
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct SentChat {
    pub id: i64,
}
