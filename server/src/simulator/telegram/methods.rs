//! The Bot API methods the stand-in answers, with Telegram's envelope: `{"ok":true,"result":…}`
//! or `{"ok":false,"error_code":…,"description":…}`. Every request is first checked against
//! the published Bot API spec.

use super::{FakeTelegram, Webhook};
use crate::telegram::bot_api::spec::BotApiSpec;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};
use subtle::ConstantTimeEq;

type Answer = Result<Value, (StatusCode, String)>;

fn bad_request(why: impl std::fmt::Display) -> (StatusCode, String) {
    (StatusCode::BAD_REQUEST, format!("Bad Request: {why}"))
}

/// `POST /bot<token>/<method>` with a JSON body (or none).
pub(super) async fn call(
    State(telegram): State<FakeTelegram>,
    Path((bot, method)): Path<(String, String)>,
    body: Bytes,
) -> Response {
    let token = bot.strip_prefix("bot").unwrap_or_default();
    if !bool::from(token.as_bytes().ct_eq(telegram.inner.token.as_bytes())) {
        return envelope(Err((StatusCode::UNAUTHORIZED, "Unauthorized".into())));
    }
    let params: Value = if body.is_empty() {
        json!({})
    } else {
        match serde_json::from_slice(&body) {
            Ok(params @ Value::Object(_)) => params,
            _ => return envelope(Err(bad_request("the body must be a JSON object"))),
        }
    };
    if let Err(violations) = BotApiSpec::get().check_request(&method, &params) {
        let list: Vec<String> = violations.iter().map(ToString::to_string).collect();
        return envelope(Err(bad_request(list.join("; "))));
    }
    envelope(answer(&telegram, &method, params).await)
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

async fn answer(telegram: &FakeTelegram, method: &str, params: Value) -> Answer {
    match method {
        "getMe" => Ok(json!({
            "id": telegram.inner.bot_id, "is_bot": true, "first_name": "Sandbox Shop",
            "username": "sandbox_shop_bot", "can_join_groups": false, "supports_inline_queries": false
        })),
        "setWebhook" => set_webhook(telegram, &params),
        "deleteWebhook" => {
            telegram.with_state(|s| s.webhook = None);
            Ok(json!(true))
        }
        "getWebhookInfo" => Ok(webhook_info(telegram)),
        "getUpdates" => Ok(telegram.take_updates(&params).await),
        "createInvoiceLink" => create_invoice_link(telegram, params),
        "answerShippingQuery" | "answerPreCheckoutQuery" => answer_query(telegram, method, params),
        "sendMessage" => Ok(send_message(telegram, params)),
        "setChatMenuButton" => set_menu_button(telegram, &params),
        "answerCallbackQuery" => Ok(json!(true)),
        "refundStarPayment" => telegram.refund(&params).await,
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
        })
    })
}

fn create_invoice_link(telegram: &FakeTelegram, invoice: Value) -> Answer {
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
    let slug = format!("sim{}", telegram.next_id());
    telegram.with_state(|s| s.invoices.insert(slug.clone(), invoice));
    Ok(json!(format!("https://t.me/${slug}")))
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

fn send_message(telegram: &FakeTelegram, params: Value) -> Value {
    let chat_id = params["chat_id"].as_i64().unwrap_or_default();
    let message = json!({
        "message_id": telegram.next_id(),
        "date": crate::clock::now_secs(),
        "chat": { "id": chat_id, "type": "private" },
        "from": { "id": telegram.inner.bot_id, "is_bot": true, "first_name": "Sandbox Shop" },
        "text": params["text"],
        "reply_markup": params["reply_markup"],
    });
    telegram.with_state(|s| s.chats.entry(chat_id).or_default().push(message.clone()));
    message
}

/// `GET /webhook`: the webhook the bot registered (getWebhookInfo without the token), so the
/// simulator page and tests can wait until the bot is reachable.
pub(super) async fn webhook(State(telegram): State<FakeTelegram>) -> Json<Value> {
    Json(webhook_info(&telegram))
}
