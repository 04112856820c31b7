//! The simulated payment sheet's side of paying an invoice: asking the bot for shipping
//! options, the pre-checkout query with Telegram's 10-second deadline, the charge, and Star
//! refunds — each delivered to the bot as the update Telegram would send.

use super::FakeTelegram;
use crate::simulator::TEST_USERS;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use serde::Deserialize;
use serde_json::{json, Value};
use std::time::Duration;
use tokio::sync::oneshot;

/// Telegram waits this long for a bot's answer to a shipping or pre-checkout query.
const ANSWER_DEADLINE: Duration = Duration::from_secs(10);

type Reply = Result<Json<Value>, (StatusCode, Json<Value>)>;

fn refuse(status: StatusCode, message: impl Into<String>) -> (StatusCode, Json<Value>) {
    (
        status,
        Json(json!({ "error": { "code": "simulator", "message": message.into() } })),
    )
}

/// `POST /invoices/{slug}/shipping`: the shopper entered an address.
#[derive(Debug, Deserialize)]
pub struct ShippingRequest {
    pub user_id: i64,
    pub shipping_address: Value,
}

/// What the shopper does in the payment sheet.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PayOutcome {
    /// The card goes through.
    #[default]
    Pay,
    /// The provider declines the card after the bot accepted the pre-checkout query.
    Fail,
}

/// `POST /invoices/{slug}/pay`: the shopper pressed Pay.
#[derive(Debug, Deserialize)]
pub struct PayRequest {
    pub user_id: i64,
    #[serde(default)]
    pub outcome: PayOutcome,
    #[serde(default)]
    pub shipping_option_id: Option<String>,
    #[serde(default)]
    pub tip_amount: i64,
    /// name, phone_number, email, shipping_address as the invoice asked for them.
    #[serde(default)]
    pub order_info: Option<Value>,
}

pub(super) fn user(id: i64) -> Value {
    match TEST_USERS.iter().find(|u| u.id == id) {
        Some(u) => json!({ "id": id, "is_bot": false, "first_name": u.first_name,
                           "last_name": u.last_name, "username": u.username, "language_code": u.language_code }),
        None => json!({ "id": id, "is_bot": false, "first_name": "Tester" }),
    }
}

impl FakeTelegram {
    fn invoice(&self, slug: &str) -> Result<Value, (StatusCode, Json<Value>)> {
        self.with_state(|s| s.invoices.get(slug).cloned())
            .ok_or_else(|| refuse(StatusCode::NOT_FOUND, format!("no invoice {slug}")))
    }

    /// Delivers a query and waits for the bot's answer; `None` if none came in time.
    async fn ask(&self, kind: &str, query: Value) -> Option<Value> {
        self.ask_with_id(kind, query).await.map(|(_, answer)| answer)
    }

    /// As [`Self::ask`], with the id the query was given.
    pub(super) async fn ask_with_id(&self, kind: &str, mut query: Value) -> Option<(String, Value)> {
        let id = format!("{kind}{}", self.next_id());
        query["id"] = json!(id);
        let (answered, answer) = oneshot::channel();
        self.with_state(|s| s.pending.insert(id.clone(), answered));
        let (telegram, update) = (self.clone(), json!({ kind: query }));
        tokio::spawn(async move { telegram.deliver(update).await });
        let answer = tokio::time::timeout(ANSWER_DEADLINE, answer).await.ok()?.ok();
        self.with_state(|s| s.pending.remove(&id));
        answer.map(|answer| (id, answer))
    }

    /// `refundStarPayment`: gives the Stars back and tells the bot with `refunded_payment`.
    pub(super) async fn refund(&self, params: &Value) -> Result<Value, (StatusCode, String)> {
        let charge = params["telegram_payment_charge_id"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        let user_id = params["user_id"].as_i64().unwrap_or_default();
        let Some((payer, invoice)) = self.with_state(|s| s.star_charges.remove(&charge)) else {
            return Err((StatusCode::BAD_REQUEST, "Bad Request: CHARGE_NOT_FOUND".into()));
        };
        if payer != user_id {
            self.with_state(|s| s.star_charges.insert(charge, (payer, invoice)));
            return Err((StatusCode::BAD_REQUEST, "Bad Request: USER_ID_INVALID".into()));
        }
        let message = json!({
            "message_id": self.next_id(), "date": crate::clock::now_secs(),
            "from": user(payer), "chat": { "id": payer, "type": "private" },
            "refunded_payment": { "currency": "XTR", "total_amount": total(&invoice),
                "invoice_payload": invoice["payload"], "telegram_payment_charge_id": charge },
        });
        let telegram = self.clone();
        tokio::spawn(async move { telegram.deliver(json!({ "message": message })).await });
        Ok(json!(true))
    }
}

pub(super) fn total(invoice: &Value) -> i64 {
    invoice["prices"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|p| p["amount"].as_i64())
        .sum()
}

/// `GET /invoices/{slug}`: what the payment sheet shows.
pub(super) async fn show(State(telegram): State<FakeTelegram>, Path(slug): Path<String>) -> Reply {
    Ok(Json(telegram.invoice(&slug)?))
}

/// `POST /invoices/{slug}/shipping`: a shipping query for the address; the bot's options.
pub(super) async fn shipping(
    State(telegram): State<FakeTelegram>,
    Path(slug): Path<String>,
    Json(request): Json<ShippingRequest>,
) -> Reply {
    let invoice = telegram.invoice(&slug)?;
    if invoice["is_flexible"] != true {
        return Err(refuse(StatusCode::BAD_REQUEST, "this invoice has a fixed price"));
    }
    let query = json!({ "from": user(request.user_id), "invoice_payload": invoice["payload"],
                        "shipping_address": request.shipping_address });
    let answer = telegram
        .ask("shipping_query", query)
        .await
        .ok_or_else(|| refuse(StatusCode::GATEWAY_TIMEOUT, "the bot did not answer in time"))?;
    telegram.with_state(|s| {
        s.quotes
            .insert((slug, request.user_id), answer["shipping_options"].clone())
    });
    Ok(Json(answer))
}

/// `POST /invoices/{slug}/pay`: pre-checkout, then the charge and `successful_payment`.
pub(super) async fn pay(
    State(telegram): State<FakeTelegram>,
    Path(slug): Path<String>,
    Json(request): Json<PayRequest>,
) -> Reply {
    let invoice = telegram.invoice(&slug)?;
    let shipping = shipping_price(&telegram, &slug, &invoice, &request)?;
    if request.tip_amount < 0 || request.tip_amount > invoice["max_tip_amount"].as_i64().unwrap_or(0) {
        return Err(refuse(
            StatusCode::BAD_REQUEST,
            "the tip is above the invoice's maximum",
        ));
    }
    let total_amount = total(&invoice) + shipping + request.tip_amount;
    let mut query = json!({ "from": user(request.user_id), "currency": invoice["currency"],
                            "total_amount": total_amount, "invoice_payload": invoice["payload"] });
    if let Some(option) = &request.shipping_option_id {
        query["shipping_option_id"] = json!(option);
    }
    if let Some(info) = &request.order_info {
        query["order_info"] = info.clone();
    }
    let Some(answer) = telegram.ask("pre_checkout_query", query.clone()).await else {
        return Ok(Json(
            json!({ "status": "timeout", "error_message": "The bot did not answer in time." }),
        ));
    };
    if answer["ok"] != true {
        return Ok(Json(
            json!({ "status": "refused", "error_message": answer["error_message"] }),
        ));
    }
    if request.outcome == PayOutcome::Fail {
        return Ok(Json(
            json!({ "status": "failed", "error_message": "The card was declined." }),
        ));
    }
    let charge = charge(&telegram, &invoice, &request, query, total_amount).await;
    Ok(Json(
        json!({ "status": "paid", "telegram_payment_charge_id": charge }),
    ))
}

/// The chosen option's price from the bot's shipping answer; flexible invoices need one.
fn shipping_price(
    telegram: &FakeTelegram,
    slug: &str,
    invoice: &Value,
    request: &PayRequest,
) -> Result<i64, (StatusCode, Json<Value>)> {
    if invoice["is_flexible"] != true {
        return Ok(0);
    }
    let options = telegram.with_state(|s| s.quotes.get(&(slug.to_owned(), request.user_id)).cloned());
    let chosen = options
        .as_ref()
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .find(|o| Some(o["id"].as_str().unwrap_or_default()) == request.shipping_option_id.as_deref());
    let option = chosen.ok_or_else(|| {
        refuse(
            StatusCode::BAD_REQUEST,
            "choose one of the bot's shipping options",
        )
    })?;
    Ok(option["prices"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|p| p["amount"].as_i64())
        .sum())
}

/// Charges the shopper and delivers `successful_payment`; returns Telegram's charge id.
async fn charge(
    telegram: &FakeTelegram,
    invoice: &Value,
    request: &PayRequest,
    query: Value,
    total_amount: i64,
) -> String {
    let stars = invoice["currency"] == "XTR";
    let charge = format!(
        "{}{:08}",
        if stars { "stxSIM" } else { "SIM" },
        telegram.next_id()
    );
    let provider = if stars {
        String::new()
    } else {
        format!("prov_{:08}", telegram.next_id())
    };
    let mut payment = json!({ "currency": invoice["currency"], "total_amount": total_amount,
        "invoice_payload": invoice["payload"], "telegram_payment_charge_id": charge,
        "provider_payment_charge_id": provider });
    for key in ["shipping_option_id", "order_info"] {
        if !query[key].is_null() {
            payment[key] = query[key].clone();
        }
    }
    if stars {
        telegram.with_state(|s| {
            s.star_charges
                .insert(charge.clone(), (request.user_id, invoice.clone()))
        });
    }
    if invoice.get("subscription_period").is_some_and(Value::is_i64) {
        let expires = telegram.start_subscription(request.user_id, invoice, &charge);
        payment["subscription_expiration_date"] = json!(expires);
        payment["is_recurring"] = json!(true);
        payment["is_first_recurring"] = json!(true);
    }
    let message = json!({ "message_id": telegram.next_id(), "date": crate::clock::now_secs(),
        "from": user(request.user_id), "chat": { "id": request.user_id, "type": "private" },
        "successful_payment": payment });
    telegram.deliver(json!({ "message": message })).await;
    charge
}

impl FakeTelegram {
    /// The shopper `from` writes `text` to the bot (e.g. `/start p_3`); delivered as an update.
    pub async fn queue_message(&self, from: i64, text: &str) {
        let message = json!({ "message_id": self.next_id(), "date": crate::clock::now_secs(),
            "from": user(from), "chat": { "id": from, "type": "private" }, "text": text });
        self.deliver(json!({ "message": message })).await;
    }
}

/// `POST /chats/{chat_id}/messages` with `{"text": …}`: the shopper writes to the bot.
pub(super) async fn write(
    State(telegram): State<FakeTelegram>,
    Path(chat_id): Path<i64>,
    Json(body): Json<Value>,
) -> Reply {
    let text = body["text"].as_str().filter(|t| !t.is_empty());
    let text = text.ok_or_else(|| refuse(StatusCode::BAD_REQUEST, "a message needs a text"))?;
    telegram.queue_message(chat_id, text).await;
    Ok(Json(json!({ "ok": true })))
}

/// `GET /chats/{chat_id}`: the bot's messages in a chat, oldest first.
pub(super) async fn chat(State(telegram): State<FakeTelegram>, Path(chat_id): Path<i64>) -> Json<Value> {
    Json(Value::Array(telegram.messages(chat_id)))
}

/// `GET /answers`: every answer the bot gave to a query, oldest first.
pub(super) async fn answers(State(telegram): State<FakeTelegram>) -> Json<Value> {
    Json(Value::Array(telegram.with_state(|s| s.answers.clone())))
}
