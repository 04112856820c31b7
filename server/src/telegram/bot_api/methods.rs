//! The Bot API methods the shop calls, one request struct each with Telegram's parameter
//! names (<https://core.telegram.org/bots/api#available-methods>). Optional parameters are
//! left out of the JSON when `None`. Amounts and ids are `i64`.

use super::types::{
    BotCommand, BotUser, ChatInfo, ChatInviteLink, ChatMember, InlineKeyboardMarkup, InlineQueryResult,
    InputInvoiceMessageContent, LabeledPrice, MenuButtonWebApp, PreparedInlineMessage, SentMessage,
    ShippingOption, Update, WebhookInfo,
};
use app::identity::{ChatId, UserId};
use serde::de::DeserializeOwned;
use serde::Serialize;

/// A Bot API method: its name, and what `result` holds on success. Sealed: it is implemented
/// only by the `methods!` list below, so every request the client can send is in [`METHODS`],
/// which the spec test walks.
pub trait Method: sealed::Sealed + Serialize {
    const NAME: &'static str;
    type Response: DeserializeOwned;
}

mod sealed {
    /// Implemented only by `methods!`: a request type outside its list cannot be sent.
    pub trait Sealed {}
}

/// Declares the request types the client can send: each implements [`Method`] with its name
/// and response, and the names make up [`METHODS`].
macro_rules! methods {
    ($($request:ident => $name:literal -> $response:ty,)*) => {
        $(
            impl sealed::Sealed for $request {}

            impl Method for $request {
                const NAME: &'static str = $name;
                type Response = $response;
            }
        )*

        /// Telegram's name of every method the client can call, one per request type.
        pub const METHODS: &[&str] = &[$($name),*];
    };
}

// The one list of the methods the client can call. A new method: its request struct below,
// and a line here; the spec test then fails until it checks a sample of it.
methods! {
    GetMe => "getMe" -> BotUser,
    SetWebhook => "setWebhook" -> bool,
    DeleteWebhook => "deleteWebhook" -> bool,
    GetWebhookInfo => "getWebhookInfo" -> WebhookInfo,
    GetUpdates => "getUpdates" -> Vec<Update>,
    CreateInvoiceLink => "createInvoiceLink" -> String,
    SendInvoice => "sendInvoice" -> SentMessage,
    AnswerShippingQuery => "answerShippingQuery" -> bool,
    AnswerPreCheckoutQuery => "answerPreCheckoutQuery" -> bool,
    SendMessage => "sendMessage" -> serde_json::Value,
    SetChatMenuButton => "setChatMenuButton" -> bool,
    SetMyCommands => "setMyCommands" -> bool,
    SetMyDescription => "setMyDescription" -> bool,
    SetMyShortDescription => "setMyShortDescription" -> bool,
    RefundStarPayment => "refundStarPayment" -> bool,
    AnswerCallbackQuery => "answerCallbackQuery" -> bool,
    GetChatMember => "getChatMember" -> ChatMember,
    GetChat => "getChat" -> ChatInfo,
    SendPhoto => "sendPhoto" -> SentMessage,
    SendDocument => "sendDocument" -> SentMessage,
    CreateChatInviteLink => "createChatInviteLink" -> ChatInviteLink,
    ApproveChatJoinRequest => "approveChatJoinRequest" -> bool,
    DeclineChatJoinRequest => "declineChatJoinRequest" -> bool,
    BanChatMember => "banChatMember" -> bool,
    UnbanChatMember => "unbanChatMember" -> bool,
    EditUserStarSubscription => "editUserStarSubscription" -> bool,
    AnswerInlineQuery => "answerInlineQuery" -> bool,
    SavePreparedInlineMessage => "savePreparedInlineMessage" -> PreparedInlineMessage,
}

/// <https://core.telegram.org/bots/api#getme>
#[derive(Clone, Debug, Default, Serialize)]
pub struct GetMe {}

/// <https://core.telegram.org/bots/api#setwebhook>
#[derive(Clone, Debug, Default, Serialize)]
pub struct SetWebhook {
    pub url: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_connections: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub allowed_updates: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub drop_pending_updates: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub secret_token: Option<String>,
}

/// <https://core.telegram.org/bots/api#deletewebhook>
#[derive(Clone, Debug, Default, Serialize)]
pub struct DeleteWebhook {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub drop_pending_updates: Option<bool>,
}

/// <https://core.telegram.org/bots/api#getwebhookinfo>
#[derive(Clone, Debug, Default, Serialize)]
pub struct GetWebhookInfo {}

/// <https://core.telegram.org/bots/api#getupdates>: long polling when there is no webhook.
#[derive(Clone, Debug, Default, Serialize)]
pub struct GetUpdates {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub offset: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<i64>,
    /// Seconds to wait for an update.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timeout: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub allowed_updates: Option<Vec<String>>,
}

/// <https://core.telegram.org/bots/api#createinvoicelink>
#[derive(Clone, Debug, Default, Serialize)]
pub struct CreateInvoiceLink {
    /// 1–32 characters.
    pub title: String,
    /// 1–255 characters.
    pub description: String,
    /// 1–128 bytes, handed back in payment updates.
    pub payload: String,
    /// Empty for Telegram Stars.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub provider_token: Option<String>,
    pub currency: String,
    pub prices: Vec<LabeledPrice>,
    /// Seconds between a subscription's charges: Telegram takes 2592000 (30 days) only, for
    /// a Stars invoice of at most 10,000 Stars.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subscription_period: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_tip_amount: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suggested_tip_amounts: Option<Vec<i64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub provider_data: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub photo_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub photo_width: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub photo_height: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub need_name: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub need_phone_number: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub need_email: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub need_shipping_address: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub send_phone_number_to_provider: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub send_email_to_provider: Option<bool>,
    /// The price depends on the shipping option (shipping queries follow).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub is_flexible: Option<bool>,
}

/// <https://core.telegram.org/bots/api#sendinvoice>: an invoice posted into a chat. Without a
/// `start_parameter` it is a multi-chat invoice (forwarded copies keep their Pay button); with
/// one, forwarded copies carry a deep link to the bot (`/start <parameter>`) instead.
#[derive(Clone, Debug, Default, Serialize)]
pub struct SendInvoice {
    pub chat_id: Recipient,
    #[serde(flatten)]
    pub content: InputInvoiceMessageContent,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_parameter: Option<String>,
}

/// <https://core.telegram.org/bots/api#getchat>: what a chat is (its type and title).
#[derive(Clone, Debug, Default, Serialize)]
pub struct GetChat {
    pub chat_id: Recipient,
}

/// <https://core.telegram.org/bots/api#answershippingquery>
#[derive(Clone, Debug, Default, Serialize)]
pub struct AnswerShippingQuery {
    pub shipping_query_id: String,
    pub ok: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shipping_options: Option<Vec<ShippingOption>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error_message: Option<String>,
}

/// <https://core.telegram.org/bots/api#answerprecheckoutquery>: within 10 seconds.
#[derive(Clone, Debug, Default, Serialize)]
pub struct AnswerPreCheckoutQuery {
    pub pre_checkout_query_id: String,
    pub ok: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error_message: Option<String>,
}

/// Where a message goes, as the Bot API's `chat_id` takes it ("Integer or String"): a chat's
/// id, or `@username` for public chats.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Recipient {
    Id(ChatId),
    Username(String),
}

impl Default for Recipient {
    fn default() -> Self {
        Recipient::Id(ChatId(0))
    }
}

impl From<ChatId> for Recipient {
    fn from(id: ChatId) -> Self {
        Recipient::Id(id)
    }
}

/// <https://core.telegram.org/bots/api#sendmessage>
#[derive(Clone, Debug, Default, Serialize)]
pub struct SendMessage {
    pub chat_id: Recipient,
    pub text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parse_mode: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub disable_notification: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub protect_content: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reply_markup: Option<InlineKeyboardMarkup>,
}

/// <https://core.telegram.org/bots/api#setchatmenubutton>
#[derive(Clone, Debug, Default, Serialize)]
pub struct SetChatMenuButton {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub chat_id: Option<ChatId>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub menu_button: Option<MenuButtonWebApp>,
}

/// <https://core.telegram.org/bots/api#setmycommands>: the commands for users whose
/// Telegram speaks `language_code` (all others when `None`).
#[derive(Clone, Debug, Default, Serialize)]
pub struct SetMyCommands {
    pub commands: Vec<BotCommand>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub language_code: Option<String>,
}

/// <https://core.telegram.org/bots/api#setmydescription>: what an empty chat with the bot
/// shows (0–512 characters), for users whose Telegram speaks `language_code` (all others
/// when `None`).
#[derive(Clone, Debug, Default, Serialize)]
pub struct SetMyDescription {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub language_code: Option<String>,
}

/// <https://core.telegram.org/bots/api#setmyshortdescription>: the bot's profile page and
/// shared links (0–120 characters), per `language_code` as [`SetMyDescription`].
#[derive(Clone, Debug, Default, Serialize)]
pub struct SetMyShortDescription {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub short_description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub language_code: Option<String>,
}

/// <https://core.telegram.org/bots/api#refundstarpayment>
#[derive(Clone, Debug, Default, Serialize)]
pub struct RefundStarPayment {
    pub user_id: UserId,
    pub telegram_payment_charge_id: String,
}

/// <https://core.telegram.org/bots/api#answercallbackquery>
#[derive(Clone, Debug, Default, Serialize)]
pub struct AnswerCallbackQuery {
    pub callback_query_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub show_alert: Option<bool>,
}

/// <https://core.telegram.org/bots/api#getchatmember>
#[derive(Clone, Debug, Default, Serialize)]
pub struct GetChatMember {
    pub chat_id: Recipient,
    pub user_id: UserId,
}

/// <https://core.telegram.org/bots/api#sendphoto>: sent as `multipart/form-data` with the
/// photo's bytes ([`crate::telegram::bot_api::BotApi::call_with_file`]), `photo` then naming
/// the uploaded part (`attach://photo`).
#[derive(Clone, Debug, Default, Serialize)]
pub struct SendPhoto {
    pub chat_id: Recipient,
    pub photo: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub caption: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parse_mode: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reply_markup: Option<InlineKeyboardMarkup>,
}

/// <https://core.telegram.org/bots/api#senddocument>: sent with the file's bytes
/// ([`crate::telegram::bot_api::BotApi::call_with_file`]), `document` then naming the uploaded
/// part (`attach://document`); e.g. an appointment's calendar file.
#[derive(Clone, Debug, Default, Serialize)]
pub struct SendDocument {
    pub chat_id: Recipient,
    /// `attach://<part>` for a file uploaded with the request, or a file id Telegram gave.
    pub document: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub caption: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub protect_content: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reply_markup: Option<InlineKeyboardMarkup>,
}

/// <https://core.telegram.org/bots/api#createchatinvitelink>: the bot must be an administrator
/// of the chat who may invite users.
#[derive(Clone, Debug, Default, Serialize)]
pub struct CreateChatInviteLink {
    pub chat_id: Recipient,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expire_date: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub member_limit: Option<i64>,
    /// Who opens the link asks to join (a `chat_join_request` the bot answers).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub creates_join_request: Option<bool>,
}

/// <https://core.telegram.org/bots/api#approvechatjoinrequest>
#[derive(Clone, Debug, Default, Serialize)]
pub struct ApproveChatJoinRequest {
    pub chat_id: Recipient,
    pub user_id: UserId,
}

/// <https://core.telegram.org/bots/api#declinechatjoinrequest>
#[derive(Clone, Debug, Default, Serialize)]
pub struct DeclineChatJoinRequest {
    pub chat_id: Recipient,
    pub user_id: UserId,
}

/// <https://core.telegram.org/bots/api#banchatmember>
#[derive(Clone, Debug, Default, Serialize)]
pub struct BanChatMember {
    pub chat_id: Recipient,
    pub user_id: UserId,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub until_date: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub revoke_messages: Option<bool>,
}

/// <https://core.telegram.org/bots/api#unbanchatmember>: with `only_if_banned`, a user who is
/// not banned is left as they are (not removed).
#[derive(Clone, Debug, Default, Serialize)]
pub struct UnbanChatMember {
    pub chat_id: Recipient,
    pub user_id: UserId,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub only_if_banned: Option<bool>,
}

/// <https://core.telegram.org/bots/api#edituserstarsubscription>: cancels or re-enables the
/// renewal of a user's subscription, named by one of its charges.
#[derive(Clone, Debug, Default, Serialize)]
pub struct EditUserStarSubscription {
    pub user_id: UserId,
    pub telegram_payment_charge_id: String,
    pub is_canceled: bool,
}

/// <https://core.telegram.org/bots/api#answerinlinequery>: at most 50 results.
#[derive(Clone, Debug, Default, Serialize)]
pub struct AnswerInlineQuery {
    pub inline_query_id: String,
    pub results: Vec<InlineQueryResult>,
    /// Seconds Telegram may keep the answer (300 when left out).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cache_time: Option<i64>,
    /// The answer is for the user who asked only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub is_personal: Option<bool>,
    /// The `offset` of the next page's query; empty when there are no more results.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_offset: Option<String>,
}

/// <https://core.telegram.org/bots/api#savepreparedinlinemessage>: a message `user_id` may
/// send from the Mini App (`shareMessage`) to the kinds of chats allowed.
#[derive(Clone, Debug, Serialize)]
pub struct SavePreparedInlineMessage {
    pub user_id: UserId,
    pub result: InlineQueryResult,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub allow_user_chats: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub allow_bot_chats: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub allow_group_chats: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub allow_channel_chats: Option<bool>,
}
