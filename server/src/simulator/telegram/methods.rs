//! The Bot API methods the stand-in answers, with Telegram's envelope: `{"ok":true,"result":…}`
//! or `{"ok":false,"error_code":…,"description":…}`. Every request is first checked against
//! the published Bot API spec.

use super::chats::Target;
use super::html::Formatted;
use super::request::{self, Upload};
use super::{bad_request, html, FakeTelegram, Refusal, Webhook, BOT_NAME, BOT_USERNAME};
use crate::telegram::bot_api::spec::BotApiSpec;
use axum::extract::{Path, Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};
use std::collections::HashMap;
use subtle::ConstantTimeEq;

type Answer = Result<Value, Refusal>;

/// `POST /bot<token>/<method>` with its parameters as JSON, a form, a query string or
/// multipart (with uploaded files).
pub(super) async fn call(
    State(telegram): State<FakeTelegram>,
    Path((bot, method)): Path<(String, String)>,
    request: Request,
) -> Response {
    let token = bot.strip_prefix("bot").unwrap_or_default();
    if !bool::from(token.as_bytes().ct_eq(telegram.inner.token.as_bytes())) {
        return envelope(Err((StatusCode::UNAUTHORIZED, "Unauthorized".into())));
    }
    let call = match request::read(&method, request).await {
        Ok(call) => call,
        Err(refused) => return envelope(Err(refused)),
    };
    if let Err(violations) = BotApiSpec::get().check_request(&method, &call.params) {
        let list: Vec<String> = violations.iter().map(ToString::to_string).collect();
        return envelope(Err(bad_request(list.join("; "))));
    }
    envelope(answer(&telegram, &method, call.params, call.uploads).await)
}

fn envelope(answer: Answer) -> Response {
    match answer {
        Ok(result) => Json(json!({ "ok": true, "result": result })).into_response(),
        Err((status, description)) => (
            status,
            Json(json!({ "ok": false, "error_code": status.as_u16(), "description": description })),
        )
            .into_response(),
    }
}

async fn answer(
    telegram: &FakeTelegram,
    method: &str,
    params: Value,
    mut uploads: HashMap<String, Upload>,
) -> Answer {
    match method {
        "getMe" => Ok(json!({
            "id": telegram.inner.bot_id, "is_bot": true, "first_name": BOT_NAME,
            "username": BOT_USERNAME, "can_join_groups": true, "can_read_all_group_messages": false,
            "supports_inline_queries": true, "can_connect_to_business": false,
            "has_main_web_app": true
        })),
        "setWebhook" => set_webhook(telegram, &params),
        "deleteWebhook" => {
            telegram.with_state(|s| s.webhook = None);
            Ok(json!(true))
        }
        "getWebhookInfo" => Ok(webhook_info(telegram)),
        "getUpdates" => Ok(telegram.take_updates(&params).await),
        "createInvoiceLink" => create_invoice_link(telegram, params),
        "sendInvoice" => telegram.send_invoice(params),
        "answerShippingQuery" | "answerPreCheckoutQuery" => answer_query(telegram, method, params),
        "sendMessage" => send_message(telegram, params),
        "sendPhoto" => send_photo(telegram, params, &mut uploads).await,
        "sendDocument" => send_document(telegram, params, &mut uploads),
        "getChat" => Ok(Target::find(&params["chat_id"])?.full_info()),
        "getChatMember" => telegram.chat_member(&params),
        "setChatMenuButton" => set_menu_button(telegram, &params),
        "setMyCommands" => set_commands(telegram, &params),
        "setMyDescription" => set_profile(telegram, &params, "description", 512),
        "setMyShortDescription" => set_profile(telegram, &params, "short_description", 120),
        "answerCallbackQuery" => Ok(json!(true)),
        "refundStarPayment" => telegram.refund(&params).await,
        "editUserStarSubscription" => telegram.edit_subscription(&params),
        "createChatInviteLink" => telegram.create_invite_link(&params),
        "approveChatJoinRequest" | "declineChatJoinRequest" | "banChatMember" | "unbanChatMember" => {
            telegram.manage_member(method, &params)
        }
        "answerInlineQuery" => telegram.answer_inline_query(params),
        "savePreparedInlineMessage" => telegram.save_prepared(params),
        other => Err((
            StatusCode::NOT_FOUND,
            format!("Not Found: the simulator does not do {other}"),
        )),
    }
}

/// Telegram wants https; the simulator also takes the local http address it runs on.
fn reachable(url: &str) -> bool {
    url.starts_with("https://") || url.starts_with("http://127.0.0.1") || url.starts_with("http://localhost")
}

/// Only the default button (no `chat_id`) is kept: the shop sets no per-chat buttons.
fn set_menu_button(telegram: &FakeTelegram, params: &Value) -> Answer {
    let button = params
        .get("menu_button")
        .cloned()
        .unwrap_or(json!({"type": "default"}));
    if button["type"] == "web_app" && !reachable(button["web_app"]["url"].as_str().unwrap_or("")) {
        return Err(bad_request("BUTTON_URL_INVALID"));
    }
    if params.get("chat_id").is_none() {
        telegram.with_state(|s| s.menu_button = Some(button));
    }
    Ok(json!(true))
}

/// Telegram's rules for a command list: at most 100, each named by 1–32 of `a-z0-9_` and
/// described in 1–256 characters. Kept per language, shown in the webhook's info.
fn set_commands(telegram: &FakeTelegram, params: &Value) -> Answer {
    let commands = params["commands"].as_array().cloned().unwrap_or_default();
    let named = |c: &Value| {
        let name = c["command"].as_str().unwrap_or_default();
        let described = c["description"].as_str().unwrap_or_default().chars().count();
        let lawful = name
            .chars()
            .all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '_');
        (1..=32).contains(&name.len()) && lawful && (1..=256).contains(&described)
    };
    if commands.len() > 100 || !commands.iter().all(named) {
        return Err(bad_request("BOT_COMMAND_INVALID"));
    }
    let language = params["language_code"].as_str().unwrap_or_default().to_owned();
    telegram.with_state(|s| s.commands.insert(language, Value::Array(commands)));
    Ok(json!(true))
}

/// setMyDescription (`field` `description`, at most 512 characters) and
/// setMyShortDescription (`short_description`, 120): kept by language, an empty text removing
/// that language's own.
fn set_profile(telegram: &FakeTelegram, params: &Value, field: &str, max: usize) -> Answer {
    let text = params[field].as_str().unwrap_or_default();
    if text.chars().count() > max {
        return Err(bad_request(format!("{} is too long", field.to_uppercase())));
    }
    let language = params["language_code"].as_str().unwrap_or_default().to_owned();
    telegram.with_state(|s| {
        let profile = s.profile.entry(language).or_default();
        match text.is_empty() {
            true => profile.remove(field),
            false => profile.insert(field.to_owned(), json!(text)),
        }
    });
    Ok(json!(true))
}

fn set_webhook(telegram: &FakeTelegram, params: &Value) -> Answer {
    let url = params["url"].as_str().unwrap_or_default();
    if url.is_empty() {
        telegram.with_state(|s| s.webhook = None);
        return Ok(json!(true));
    }
    if !reachable(url) {
        return Err(bad_request(
            "bad webhook: An HTTPS URL must be provided for webhook",
        ));
    }
    let webhook = Webhook {
        url: url.to_owned(),
        secret: params["secret_token"].as_str().map(str::to_owned),
    };
    telegram.with_state(|s| s.webhook = Some(webhook));
    Ok(json!(true))
}

fn webhook_info(telegram: &FakeTelegram) -> Value {
    telegram.with_state(|s| {
        let failed = s.failed_deliveries.last().cloned();
        json!({
            "url": s.webhook.as_ref().map(|w| w.url.clone()).unwrap_or_default(),
            "has_custom_certificate": false,
            "pending_update_count": s.queue.len(),
            "last_error_message": failed,
            "menu_button": s.menu_button.clone(),
            "commands": s.commands.clone(),
            "profile": s.profile.clone(),
        })
    })
}

fn create_invoice_link(telegram: &FakeTelegram, invoice: Value) -> Answer {
    check_invoice(&invoice)?;
    let slug = format!("sim{}", telegram.next_id());
    telegram.with_state(|s| s.invoices.insert(slug.clone(), invoice));
    Ok(json!(format!("https://t.me/${slug}")))
}

/// Telegram's rules for an invoice (createInvoiceLink's or sendInvoice's): Stars take one
/// price and no provider token, fiat a token; a payload of 1–128 bytes; a positive total.
pub(super) fn check_invoice(invoice: &Value) -> Result<(), Refusal> {
    let stars = invoice["currency"] == "XTR";
    let prices = invoice["prices"].as_array().map_or(0, Vec::len);
    if stars && prices != 1 {
        return Err(bad_request(
            "exactly one price must be specified for payments in Telegram Stars",
        ));
    }
    if stars && invoice["provider_token"].as_str().is_some_and(|t| !t.is_empty()) {
        return Err(bad_request(
            "provider_token must be empty for payments in Telegram Stars",
        ));
    }
    if !stars && invoice["provider_token"].as_str().unwrap_or_default().is_empty() {
        return Err(bad_request("PAYMENT_PROVIDER_INVALID"));
    }
    if let Some(period) = invoice.get("subscription_period").and_then(Value::as_i64) {
        if period != super::subscriptions::PERIOD_SECS {
            return Err(bad_request("SUBSCRIPTION_PERIOD_INVALID"));
        }
        let amount = invoice["prices"][0]["amount"].as_i64().unwrap_or_default();
        if !stars || amount > 10_000 {
            return Err(bad_request(
                "SUBSCRIPTION_EXPORT_MISSING: a subscription is at most 10000 Stars",
            ));
        }
    }
    let payload = invoice["payload"].as_str().unwrap_or_default();
    if payload.is_empty() || payload.len() > 128 {
        return Err(bad_request("invoice payload must be 1-128 bytes"));
    }
    if prices == 0
        || invoice["prices"]
            .as_array()
            .into_iter()
            .flatten()
            .any(|p| !p["amount"].is_i64())
        // Lines may be negative (a discount), but not the sum.
        || invoice["prices"].as_array().into_iter().flatten().filter_map(|p| p["amount"].as_i64()).sum::<i64>() <= 0
    {
        return Err(bad_request("CURRENCY_TOTAL_AMOUNT_INVALID"));
    }
    Ok(())
}

fn answer_query(telegram: &FakeTelegram, method: &str, params: Value) -> Answer {
    let key = if method == "answerShippingQuery" {
        "shipping_query_id"
    } else {
        "pre_checkout_query_id"
    };
    let id = params[key].as_str().unwrap_or_default().to_owned();
    if params["ok"] == false && params["error_message"].as_str().unwrap_or_default().is_empty() {
        return Err(bad_request("error_message is required when ok is false"));
    }
    let waiting = telegram.with_state(|s| {
        s.answers.push(params.clone());
        s.pending.remove(&id)
    });
    match waiting {
        Some(waiting) => {
            let _ = waiting.send(params);
            Ok(json!(true))
        }
        None => Err(bad_request(
            "query is too old and response timeout expired or query ID is invalid",
        )),
    }
}

/// `sendMessage`: to a user, the channel or the group.
fn send_message(telegram: &FakeTelegram, params: Value) -> Answer {
    let target = Target::find(&params["chat_id"])?;
    let text = formatted(params["text"].as_str().unwrap_or_default(), &params)?;
    if text.text.trim().is_empty() {
        return Err(bad_request("message text is empty"));
    }
    if text.text.chars().count() > 4096 {
        return Err(bad_request("message is too long"));
    }
    let mut message = telegram.message_to(target, &params)?;
    message["text"] = json!(text.text);
    if !text.entities.is_empty() {
        message["entities"] = json!(text.entities);
    }
    Ok(telegram.post(target, message))
}

/// `sendPhoto`: a photo with its caption and buttons.
async fn send_photo(telegram: &FakeTelegram, params: Value, uploads: &mut HashMap<String, Upload>) -> Answer {
    let target = Target::find(&params["chat_id"])?;
    let caption = formatted(params["caption"].as_str().unwrap_or_default(), &params)?;
    if caption.text.chars().count() > 1024 {
        return Err(bad_request("message caption is too long"));
    }
    let mut message = telegram.message_to(target, &params)?;
    message["photo"] = telegram
        .photo(params["photo"].as_str().unwrap_or_default(), uploads)
        .await?;
    if !caption.text.is_empty() {
        message["caption"] = json!(caption.text);
    }
    if !caption.entities.is_empty() {
        message["caption_entities"] = json!(caption.entities);
    }
    Ok(telegram.post(target, message))
}

/// `sendDocument`: an uploaded file (a calendar file, a digital good) with its caption and
/// buttons, kept and served at `/files/{file_id}` for the simulated client to open; or a file
/// sent before, by its file id (the same file, no upload). `protect_content` is shown on the
/// message (`has_protected_content`).
fn send_document(telegram: &FakeTelegram, params: Value, uploads: &mut HashMap<String, Upload>) -> Answer {
    let target = Target::find(&params["chat_id"])?;
    let caption = formatted(params["caption"].as_str().unwrap_or_default(), &params)?;
    if caption.text.chars().count() > 1024 {
        return Err(bad_request("message caption is too long"));
    }
    let source = params["document"]
        .as_str()
        .ok_or_else(|| bad_request("there is no document in the request"))?;
    let document = match source.strip_prefix("attach://") {
        Some(part) => {
            let upload = uploads
                .remove(part)
                .ok_or_else(|| bad_request("there is no document in the request"))?;
            if upload.bytes.is_empty() {
                return Err(bad_request("file must be non-empty"));
            }
            telegram.keep_document(upload)
        }
        None => telegram
            .sent_document(source)
            .ok_or_else(|| bad_request("wrong file identifier/HTTP URL specified"))?,
    };
    let mut message = telegram.message_to(target, &params)?;
    message["document"] = document;
    if !caption.text.is_empty() {
        message["caption"] = json!(caption.text);
    }
    Ok(telegram.post(target, message))
}

/// Text formatted as `parse_mode` says (HTML; none leaves it as written).
fn formatted(text: &str, params: &Value) -> Result<Formatted, Refusal> {
    match params["parse_mode"].as_str().unwrap_or_default() {
        "" => Ok(Formatted {
            text: text.to_owned(),
            entities: Vec::new(),
        }),
        "HTML" => html::parse(text).map_err(bad_request),
        "Markdown" | "MarkdownV2" => Err((
            StatusCode::NOT_IMPLEMENTED,
            "Not Implemented: the simulator formats HTML only".into(),
        )),
        _ => Err(bad_request("unsupported parse_mode")),
    }
}

impl FakeTelegram {
    /// A new message from the bot in `target`, with the request's buttons: in a channel it is
    /// the channel's post (`sender_chat`), elsewhere the bot's (`from`).
    pub(super) fn message_to(&self, target: Target, params: &Value) -> Answer {
        let mut message = json!({
            "message_id": self.next_id(), "date": crate::clock::now_secs(), "chat": target.json(),
        });
        match target {
            Target::Group(chat) if chat.kind == "channel" => message["sender_chat"] = target.json(),
            _ => message["from"] = self.bot_user(),
        }
        if let Some(markup) = params.get("reply_markup").filter(|m| !m.is_null()) {
            check_buttons(target, markup)?;
            message["reply_markup"] = markup.clone();
        }
        if params["protect_content"] == true {
            message["has_protected_content"] = json!(true);
        }
        Ok(message)
    }

    /// Keeps `message` in its chat; returns it.
    pub(super) fn post(&self, target: Target, message: Value) -> Value {
        self.with_state(|s| s.chats.entry(target.id()).or_default().push(message.clone()));
        message
    }
}

/// Inline buttons as Telegram takes them: `url` buttons with an http(s) or tg link, and
/// `web_app` buttons in private chats only.
pub(super) fn check_buttons(target: Target, markup: &Value) -> Result<(), Refusal> {
    let buttons = markup["inline_keyboard"].as_array().into_iter().flatten();
    for button in buttons.filter_map(Value::as_array).flatten() {
        if button.get("web_app").is_some() && !matches!(target, Target::Private(_)) {
            return Err(bad_request("BUTTON_TYPE_INVALID"));
        }
        if let Some(url) = button.get("url").and_then(Value::as_str) {
            let linkable = ["https://", "http://", "tg://"]
                .iter()
                .any(|scheme| url.starts_with(scheme));
            if !linkable || url.contains(char::is_whitespace) {
                return Err(bad_request("BUTTON_URL_INVALID"));
            }
        }
    }
    Ok(())
}

/// `GET /webhook`: the webhook the bot registered (getWebhookInfo without the token), so the
/// simulator page and tests can wait until the bot is reachable.
pub(super) async fn webhook(State(telegram): State<FakeTelegram>) -> Json<Value> {
    Json(webhook_info(&telegram))
}
