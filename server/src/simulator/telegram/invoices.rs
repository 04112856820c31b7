//! Invoices posted into chats (`sendInvoice`, Telegram's Payments 2.0): the invoice message
//! appears in its group or channel with a Pay button that any member may press — the
//! simulated client picks who pays (`/invoices/{slug}/pay` with that user), so several users
//! can pay the same invoice. Forwarding copies it into another chat (`POST
//! /chats/{chat_id}/forward`): a multi-chat invoice (no `start_parameter`) keeps its Pay button;
//! a single-chat one gets a URL button with the bot's deep link (`t.me/<bot>?start=<parameter>`)
//! instead, as Telegram does.
//!
//! The chat feed (`GET /chats/{chat_id}`) shows each invoice message with `sim_invoice`, the
//! slug to pay it by; the Bot API answer is Telegram's `Message` without it.

use super::chats::Target;
use super::methods::check_invoice;
use super::payment::total;
use super::{bad_request, FakeTelegram, Refusal, BOT_USERNAME};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use serde::Deserialize;
use serde_json::{json, Value};

impl FakeTelegram {
    /// `sendInvoice`: the invoice as a message in its chat, kept to be paid by anyone there.
    pub(super) fn send_invoice(&self, params: Value) -> Result<Value, Refusal> {
        let target = Target::find(&params["chat_id"])?;
        check_invoice(&params)?;
        let start = params["start_parameter"].as_str().unwrap_or_default();
        let lawful = start.len() <= 64
            && start
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
        if !lawful {
            return Err(bad_request("START_PARAM_INVALID"));
        }
        let mut message = self.message_to(target, &params)?;
        message["invoice"] = json!({
            "title": params["title"], "description": params["description"], "start_parameter": start,
            "currency": params["currency"], "total_amount": total(&params),
        });
        let slug = format!("sim{}", self.next_id());
        self.with_state(|s| s.invoices.insert(slug.clone(), params));
        let mut shown = message.clone();
        shown["sim_invoice"] = json!(slug);
        self.post(target, shown);
        Ok(message)
    }
}

/// `POST /chats/{chat_id}/forward`: a user forwards a message into chat `chat_id`.
#[derive(Debug, Deserialize)]
pub struct Forward {
    pub from_chat_id: i64,
    pub message_id: i64,
}

/// Copies the message into the chat: an invoice keeps its Pay button when it is multi-chat,
/// and shows the bot's deep link instead when it has a `start_parameter`.
pub(super) async fn forward(
    State(telegram): State<FakeTelegram>,
    Path(chat_id): Path<i64>,
    Json(request): Json<Forward>,
) -> Result<Json<Value>, (StatusCode, Json<Value>)> {
    let refuse = |status: StatusCode, why: &str| {
        (
            status,
            Json(json!({ "error": { "code": "simulator", "message": why } })),
        )
    };
    let target = Target::find(&json!(chat_id)).map_err(|(_, why)| refuse(StatusCode::NOT_FOUND, &why))?;
    let from =
        Target::find(&json!(request.from_chat_id)).map_err(|(_, why)| refuse(StatusCode::NOT_FOUND, &why))?;
    let original = telegram
        .messages(request.from_chat_id)
        .into_iter()
        .find(|m| m["message_id"] == request.message_id)
        .ok_or_else(|| refuse(StatusCode::NOT_FOUND, "no such message"))?;
    let mut copy = original.clone();
    copy["message_id"] = json!(telegram.next_id());
    copy["chat"] = target.json();
    copy["date"] = json!(crate::clock::now_secs());
    copy["forward_origin"] = match from {
        Target::Group(chat) if chat.kind == "channel" => json!({
            "type": "channel", "chat": from.json(), "message_id": request.message_id, "date": original["date"],
        }),
        _ => json!({ "type": "chat", "sender_chat": from.json(), "date": original["date"] }),
    };
    let start = original["invoice"]["start_parameter"]
        .as_str()
        .unwrap_or_default();
    if !start.is_empty() {
        if let Some(fields) = copy.as_object_mut() {
            fields.remove("sim_invoice");
        }
        copy["reply_markup"] = json!({ "inline_keyboard": [[{
            "text": "Pay", "url": format!("https://t.me/{BOT_USERNAME}?start={start}")
        }]] });
    }
    Ok(Json(telegram.post(target, copy)))
}
