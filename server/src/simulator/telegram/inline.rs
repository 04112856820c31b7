//! Inline mode and prepared messages, as Telegram plays them for the simulated users.
//!
//! - `@<bot> mug` typed in a chat's composer: `POST /inline/queries` delivers the
//!   `inline_query` update and waits for the bot's `answerInlineQuery` (whose results are
//!   checked as Telegram checks them); `POST /inline/queries/{id}/choose` posts the chosen
//!   result into the chat as the user's message `via_bot` — an invoice there can be paid by
//!   anyone in the chat (`/invoices/{slug}/pay`, the slug in the message's `simulator_invoice`).
//! - `savePreparedInlineMessage` keeps a message for one user until it expires (an hour, or
//!   what `POST /prepared/lifetime` set); the client's share dialog reads it at
//!   `GET /prepared/{id}?user_id=` (the chats it may go to) and sends it with
//!   `POST /prepared/{id}/send`. An expired one is refused `MESSAGE_EXPIRED`, as the Mini App
//!   would be told.

use super::chats::{Target, CHATS};
use super::methods::{check_buttons, check_invoice};
use super::payment::user;
use super::{bad_request, FakeTelegram, Refusal};
use crate::simulator::{SANDBOX_ADMIN, TEST_USERS};
use crate::telegram::bot_api::spec::BotApiSpec;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::Json;
use serde::Deserialize;
use serde_json::{json, Value};
use std::collections::{HashMap, HashSet};

/// How long a prepared message lives unless a test says otherwise.
const DEFAULT_LIFETIME_SECS: i64 = 3600;

/// The results of answered inline queries and the prepared messages.
#[derive(Default)]
pub(super) struct InlineState {
    /// Answered queries: query id → (who asked, the bot's results).
    answered: HashMap<String, (i64, Vec<Value>)>,
    /// Prepared messages by id.
    prepared: HashMap<String, Prepared>,
    /// Seconds a new prepared message lives; `None`: [`DEFAULT_LIFETIME_SECS`].
    lifetime: Option<i64>,
}

/// A message saved with savePreparedInlineMessage.
#[derive(Clone)]
struct Prepared {
    user_id: i64,
    result: Value,
    /// The kinds of chat it may be sent to: `private`, `group` (and supergroup), `channel`.
    allowed: HashSet<&'static str>,
    /// Unix seconds.
    expires_at: i64,
}

type Reply = Result<Json<Value>, (StatusCode, Json<Value>)>;

fn refuse(status: StatusCode, code: &str, message: impl Into<String>) -> (StatusCode, Json<Value>) {
    (
        status,
        Json(json!({ "error": { "code": code, "message": message.into() } })),
    )
}

impl FakeTelegram {
    /// `answerInlineQuery`: the results of a query still waiting for them.
    pub(super) fn answer_inline_query(&self, params: Value) -> Result<Value, Refusal> {
        let results = params["results"].as_array().cloned().unwrap_or_default();
        if results.len() > 50 {
            return Err(bad_request("RESULTS_TOO_MUCH"));
        }
        let mut ids = HashSet::new();
        for result in &results {
            check_result(result)?;
            if !ids.insert(result["id"].as_str().unwrap_or_default()) {
                return Err(bad_request("RESULT_ID_DUPLICATE"));
            }
        }
        if params["next_offset"].as_str().is_some_and(|o| o.len() > 64) {
            return Err(bad_request("NEXT_OFFSET_INVALID"));
        }
        let id = params["inline_query_id"].as_str().unwrap_or_default().to_owned();
        match self.with_state(|s| s.pending.remove(&id)) {
            Some(waiting) => {
                let _ = waiting.send(params);
                Ok(json!(true))
            }
            None => Err(bad_request(
                "query is too old and response timeout expired or query ID is invalid",
            )),
        }
    }

    /// `savePreparedInlineMessage`: kept for its user until it expires.
    pub(super) fn save_prepared(&self, params: Value) -> Result<Value, Refusal> {
        let user_id = params["user_id"].as_i64().unwrap_or_default();
        if !TEST_USERS.iter().any(|u| u.id == user_id) {
            return Err(bad_request("USER_ID_INVALID"));
        }
        check_result(&params["result"])?;
        let allowed: HashSet<&'static str> = [
            ("allow_user_chats", "private"),
            ("allow_group_chats", "group"),
            ("allow_channel_chats", "channel"),
        ]
        .into_iter()
        .filter(|(flag, _)| params[*flag] == true)
        .map(|(_, kind)| kind)
        .collect();
        if allowed.is_empty() && params["allow_bot_chats"] != true {
            return Err(bad_request("PEER_TYPES_EMPTY: allow at least one kind of chat"));
        }
        let id = format!("prep{}", self.next_id());
        let lifetime = self.with_state(|s| s.inline.lifetime.unwrap_or(DEFAULT_LIFETIME_SECS));
        let expires_at = crate::clock::now_secs() + lifetime;
        let prepared = Prepared {
            user_id,
            result: params["result"].clone(),
            allowed,
            expires_at,
        };
        self.with_state(|s| s.inline.prepared.insert(id.clone(), prepared));
        Ok(json!({ "id": id, "expiration_date": expires_at }))
    }

    /// Posts `result` into `target` as `user_id`'s message sent via the bot; an invoice is
    /// kept under a slug of its own so anyone there can pay it.
    fn post_result(&self, user_id: i64, target: Target, result: &Value) -> Result<Value, Refusal> {
        let mut message = json!({
            "message_id": self.next_id(), "date": crate::clock::now_secs(), "chat": target.json(),
            "from": user(user_id), "via_bot": self.bot_user(),
        });
        let content = &result["input_message_content"];
        if content.get("payload").is_some() {
            let slug = format!("sim{}", self.next_id());
            message["invoice"] = json!({
                "title": content["title"], "description": content["description"],
                "start_parameter": "", "currency": content["currency"],
                "total_amount": super::payment::total(content),
            });
            if let Some(photo) = content.get("photo_url") {
                message["simulator_photo_url"] = photo.clone();
            }
            message["simulator_invoice"] = json!(slug);
            self.with_state(|s| s.invoices.insert(slug, content.clone()));
        } else {
            message["text"] = content["message_text"].clone();
        }
        if let Some(markup) = result.get("reply_markup").filter(|m| !m.is_null()) {
            message["reply_markup"] = markup.clone();
        }
        self.with_state(|s| s.chats.entry(target.id()).or_default().push(message.clone()));
        Ok(message)
    }
}

/// An inline result as Telegram checks it: its type's own fields (the spec's `type` is only
/// a string to it), an id of 1–64 bytes, an invoice Telegram would make, buttons it takes.
fn check_result(result: &Value) -> Result<(), Refusal> {
    let kind = result["type"].as_str().unwrap_or_default();
    let spec_type = match kind {
        "article" => "InlineQueryResultArticle",
        "photo" => "InlineQueryResultPhoto",
        "gif" => "InlineQueryResultGif",
        "document" => "InlineQueryResultDocument",
        _ => return Err(bad_request("RESULT_TYPE_INVALID")),
    };
    if !BotApiSpec::get().is_valid(spec_type, result) {
        return Err(bad_request(format!("RESULT_INVALID: not a valid {spec_type}")));
    }
    let id = result["id"].as_str().unwrap_or_default();
    if id.is_empty() || id.len() > 64 {
        return Err(bad_request("RESULT_ID_INVALID"));
    }
    let content = &result["input_message_content"];
    if content.get("payload").is_some() {
        check_invoice(content)?;
    }
    if content["message_text"]
        .as_str()
        .is_some_and(|t| t.trim().is_empty() || t.chars().count() > 4096)
    {
        return Err(bad_request("MESSAGE_EMPTY"));
    }
    if let Some(markup) = result.get("reply_markup") {
        // A result may be sent anywhere: its buttons must suit a group.
        check_buttons(Target::Group(&CHATS[1]), markup)?;
    }
    Ok(())
}

/// Whether `user_id` may post in `target`: their chat with the bot, a group they are in, a
/// channel they own.
fn may_post(user_id: i64, target: Target) -> bool {
    match target {
        Target::Private(id) => id == user_id,
        Target::Group(chat) if chat.kind == "channel" => user_id == SANDBOX_ADMIN.0,
        Target::Group(_) => TEST_USERS.iter().any(|u| u.id == user_id),
    }
}

/// The kind of chat as savePreparedInlineMessage's `allow_*` name them.
fn kind_of(target: Target) -> &'static str {
    match target {
        Target::Private(_) => "private",
        Target::Group(chat) if chat.kind == "channel" => "channel",
        Target::Group(_) => "group",
    }
}

/// `POST /inline/queries`: a user typed `@<bot> <query>` in a chat.
#[derive(Debug, Deserialize)]
pub struct InlineRequest {
    pub user_id: i64,
    #[serde(default)]
    pub query: String,
    #[serde(default)]
    pub offset: String,
    /// `sender`, `private`, `group`, `supergroup` or `channel`.
    #[serde(default)]
    pub chat_type: Option<String>,
}

pub(super) async fn query(State(telegram): State<FakeTelegram>, Json(request): Json<InlineRequest>) -> Reply {
    let mut query =
        json!({ "from": user(request.user_id), "query": request.query, "offset": request.offset });
    if let Some(kind) = &request.chat_type {
        query["chat_type"] = json!(kind);
    }
    let Some(answer) = telegram.ask_with_id("inline_query", query).await else {
        return Err(refuse(
            StatusCode::GATEWAY_TIMEOUT,
            "timeout",
            "The bot did not answer the inline query in time.",
        ));
    };
    let (id, answer) = answer;
    let results = answer["results"].as_array().cloned().unwrap_or_default();
    telegram.with_state(|s| s.inline.answered.insert(id.clone(), (request.user_id, results)));
    Ok(Json(json!({ "query_id": id, "answer": answer })))
}

/// `POST /inline/queries/{id}/choose`: the user picked a result to send to a chat.
#[derive(Debug, Deserialize)]
pub struct Choice {
    pub chat_id: Value,
    pub result_id: String,
}

pub(super) async fn choose(
    State(telegram): State<FakeTelegram>,
    Path(query_id): Path<String>,
    Json(choice): Json<Choice>,
) -> Reply {
    let Some((user_id, results)) = telegram.with_state(|s| s.inline.answered.get(&query_id).cloned()) else {
        return Err(refuse(
            StatusCode::NOT_FOUND,
            "unknown_query",
            "no such answered query",
        ));
    };
    let result = results
        .iter()
        .find(|r| r["id"] == choice.result_id.as_str())
        .ok_or_else(|| refuse(StatusCode::NOT_FOUND, "unknown_result", "no such result"))?;
    let target =
        Target::find(&choice.chat_id).map_err(|(_, why)| refuse(StatusCode::NOT_FOUND, "chat", why))?;
    if !may_post(user_id, target) {
        return Err(refuse(
            StatusCode::FORBIDDEN,
            "CHAT_WRITE_FORBIDDEN",
            "the user may not write there",
        ));
    }
    let message = telegram
        .post_result(user_id, target, result)
        .map_err(|(_, why)| refuse(StatusCode::BAD_REQUEST, "result", why))?;
    Ok(Json(message))
}

#[derive(Debug, Deserialize)]
pub struct Asker {
    pub user_id: i64,
}

/// `GET /prepared/{id}?user_id=`: the message, and the chats the user may send it to.
pub(super) async fn prepared(
    State(telegram): State<FakeTelegram>,
    Path(id): Path<String>,
    Query(asker): Query<Asker>,
) -> Reply {
    let prepared = usable(&telegram, &id, asker.user_id)?;
    let chats: Vec<Value> = std::iter::once(Target::Private(asker.user_id))
        .chain(CHATS.iter().map(Target::Group))
        .filter(|&t| may_post(asker.user_id, t) && prepared.allowed.contains(kind_of(t)))
        .map(Target::json)
        .collect();
    Ok(Json(json!({
        "id": id, "result": prepared.result, "expiration_date": prepared.expires_at, "chats": chats,
    })))
}

/// `POST /prepared/{id}/send` with `{user_id, chat_id}`.
#[derive(Debug, Deserialize)]
pub struct Send {
    pub user_id: i64,
    pub chat_id: Value,
}

pub(super) async fn send(
    State(telegram): State<FakeTelegram>,
    Path(id): Path<String>,
    Json(send): Json<Send>,
) -> Reply {
    let prepared = usable(&telegram, &id, send.user_id)?;
    let target =
        Target::find(&send.chat_id).map_err(|(_, why)| refuse(StatusCode::NOT_FOUND, "chat", why))?;
    if !may_post(send.user_id, target) || !prepared.allowed.contains(kind_of(target)) {
        return Err(refuse(
            StatusCode::FORBIDDEN,
            "MESSAGE_SEND_FAILED",
            "the message may not go to that chat",
        ));
    }
    let message = telegram
        .post_result(send.user_id, target, &prepared.result)
        .map_err(|(_, why)| refuse(StatusCode::BAD_REQUEST, "MESSAGE_SEND_FAILED", why))?;
    Ok(Json(message))
}

/// The prepared message `id` of `user_id`, unless unknown (or another user's) or expired.
fn usable(telegram: &FakeTelegram, id: &str, user_id: i64) -> Result<Prepared, (StatusCode, Json<Value>)> {
    let prepared = telegram
        .with_state(|s| s.inline.prepared.get(id).cloned())
        .filter(|p| p.user_id == user_id)
        .ok_or_else(|| refuse(StatusCode::NOT_FOUND, "UNKNOWN_ERROR", "no such prepared message"))?;
    if prepared.expires_at <= crate::clock::now_secs() {
        return Err(refuse(
            StatusCode::GONE,
            "MESSAGE_EXPIRED",
            "the prepared message expired",
        ));
    }
    Ok(prepared)
}

/// `POST /prepared/lifetime` with `{seconds}`: how long prepared messages made from now on live.
#[derive(Debug, Deserialize)]
pub struct Lifetime {
    pub seconds: i64,
}

pub(super) async fn lifetime(
    State(telegram): State<FakeTelegram>,
    Json(lifetime): Json<Lifetime>,
) -> Json<Value> {
    telegram.with_state(|s| s.inline.lifetime = Some(lifetime.seconds));
    Json(json!({ "seconds": lifetime.seconds }))
}
