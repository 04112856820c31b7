//! Stars subscriptions and private chats as the simulator plays them.
//!
//! Telegram's side of a subscription: paying a `subscription_period` invoice starts one
//! (`successful_payment` with `is_first_recurring` and an expiration 30 days on, see
//! `super::payment`); "advance 30 days" renews it (`is_recurring`, a new charge id, the
//! expiration 30 days further) unless renewal is cancelled; a failed renewal sends the
//! `subscription` update with state `failed` and no payment; the user cancelling or
//! re-enabling in Telegram sends `canceled` / `active`; the bot's `editUserStarSubscription`
//! changes renewal without an update, as Telegram does.
//!
//! A private chat's side: `createChatInviteLink` makes links; a user opening a link that
//! `creates_join_request` asks to join (`chat_join_request` to the bot); the bot's
//! `approveChatJoinRequest` makes them a member, `declineChatJoinRequest` drops the request,
//! `banChatMember` removes and bans, `unbanChatMember` lifts a ban. The member lists are served
//! at `/chats/{chat_id}/members` for the simulated client and tests.

use super::chats::Target;
use super::payment::user;
use super::{bad_request, FakeTelegram, Refusal};
use crate::simulator::SANDBOX_ADMIN;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::Json;
use serde::Deserialize;
use serde_json::{json, Value};
use std::collections::{BTreeSet, HashMap};

/// Telegram's one subscription period, in seconds.
pub(super) const PERIOD_SECS: i64 = 2_592_000;

/// A subscription a simulated user holds toward the bot.
#[derive(Clone, Debug)]
pub(super) struct SimSubscription {
    pub user_id: i64,
    pub invoice: Value,
    /// Unix seconds.
    pub expires: i64,
    pub canceled: bool,
    /// Every charge of it, oldest first: `editUserStarSubscription` may name any.
    pub charges: Vec<String>,
}

/// The members, bans and pending join requests of the simulated chats, and the invite links.
#[derive(Default)]
pub(super) struct Rooms {
    members: HashMap<i64, BTreeSet<i64>>,
    banned: HashMap<i64, BTreeSet<i64>>,
    requests: HashMap<i64, BTreeSet<i64>>,
    /// Invite link → (chat id, whether it creates join requests).
    links: HashMap<String, (i64, bool)>,
}

type Reply = Result<Json<Value>, (StatusCode, Json<Value>)>;

fn refuse(status: StatusCode, message: impl Into<String>) -> (StatusCode, Json<Value>) {
    (
        status,
        Json(json!({ "error": { "code": "simulator", "message": message.into() } })),
    )
}

/// Which subscription a client action is about: the user and the invoice payload, all that
/// Telegram names one by.
#[derive(Debug, Deserialize)]
pub struct SubscriptionRef {
    pub user_id: i64,
    pub invoice_payload: String,
}

impl FakeTelegram {
    /// Starts a subscription for `user_id` paying `invoice` with `charge`; its expiration.
    pub(super) fn start_subscription(&self, user_id: i64, invoice: &Value, charge: &str) -> i64 {
        let expires = crate::clock::now_secs() + PERIOD_SECS;
        let subscription = SimSubscription {
            user_id,
            invoice: invoice.clone(),
            expires,
            canceled: false,
            charges: vec![charge.to_owned()],
        };
        self.with_state(|s| s.subscriptions.push(subscription));
        expires
    }

    fn find_subscription(
        &self,
        which: &SubscriptionRef,
    ) -> Result<SimSubscription, (StatusCode, Json<Value>)> {
        self.with_state(|s| {
            s.subscriptions
                .iter()
                .rev()
                .find(|sub| sub.user_id == which.user_id && sub.invoice["payload"] == which.invoice_payload)
                .cloned()
        })
        .ok_or_else(|| refuse(StatusCode::NOT_FOUND, "no such subscription"))
    }

    fn update_subscription(&self, which: &SubscriptionRef, change: impl FnOnce(&mut SimSubscription)) {
        self.with_state(|s| {
            if let Some(sub) =
                s.subscriptions.iter_mut().rev().find(|sub| {
                    sub.user_id == which.user_id && sub.invoice["payload"] == which.invoice_payload
                })
            {
                change(sub);
            }
        });
    }

    /// Delivers Bot API 10.2's `subscription` update.
    async fn subscription_update(&self, which: &SubscriptionRef, state: &str) {
        let update = json!({ "subscription": { "user": user(which.user_id),
            "invoice_payload": which.invoice_payload, "state": state } });
        self.deliver(update).await;
    }

    /// `editUserStarSubscription`: renewal cancelled or re-enabled, named by one of its charges.
    pub(super) fn edit_subscription(&self, params: &Value) -> Result<Value, Refusal> {
        let user_id = params["user_id"].as_i64().unwrap_or_default();
        let charge = params["telegram_payment_charge_id"].as_str().unwrap_or_default();
        let canceled = params["is_canceled"] == true;
        self.with_state(|s| {
            let sub = s
                .subscriptions
                .iter_mut()
                .find(|sub| sub.charges.iter().any(|c| c == charge))
                .ok_or_else(|| bad_request("CHARGE_ID_INVALID"))?;
            if sub.user_id != user_id {
                return Err(bad_request("USER_ID_INVALID"));
            }
            sub.canceled = canceled;
            s.edits.push(params.clone());
            Ok(json!(true))
        })
    }

    /// `createChatInviteLink` in a chat where the bot is an administrator.
    pub(super) fn create_invite_link(&self, params: &Value) -> Result<Value, Refusal> {
        let target = Target::find(&params["chat_id"])?;
        let Target::Group(chat) = target else {
            return Err(bad_request("chat not found"));
        };
        if chat.bot != super::chats::BotRole::Administrator {
            return Err(bad_request("not enough rights to manage chat invite link"));
        }
        let joins = params["creates_join_request"] == true;
        let link = format!("https://t.me/+sim{}", self.next_id());
        self.with_state(|s| s.rooms.links.insert(link.clone(), (chat.id, joins)));
        let mut answer = json!({ "invite_link": link, "creator": self.bot_user(),
            "creates_join_request": joins, "is_primary": false, "is_revoked": false });
        if let Some(name) = params["name"].as_str() {
            answer["name"] = json!(name);
        }
        Ok(answer)
    }

    /// `approveChatJoinRequest`, `declineChatJoinRequest`, `banChatMember`, `unbanChatMember`.
    pub(super) fn manage_member(&self, method: &str, params: &Value) -> Result<Value, Refusal> {
        let chat = Target::find(&params["chat_id"])?.id();
        let user_id = params["user_id"].as_i64().unwrap_or_default();
        let only_if_banned = params["only_if_banned"] == true;
        self.with_state(|s| {
            s.member_calls
                .push(json!({ "method": method, "chat_id": chat, "user_id": user_id }));
            let rooms = &mut s.rooms;
            match method {
                "approveChatJoinRequest" | "declineChatJoinRequest" => {
                    if !rooms.requests.entry(chat).or_default().remove(&user_id) {
                        return Err(bad_request("HIDE_REQUESTER_MISSING"));
                    }
                    if method == "approveChatJoinRequest" {
                        rooms.members.entry(chat).or_default().insert(user_id);
                    }
                }
                "banChatMember" => {
                    rooms.members.entry(chat).or_default().remove(&user_id);
                    rooms.banned.entry(chat).or_default().insert(user_id);
                }
                _ => {
                    let was_banned = rooms.banned.entry(chat).or_default().remove(&user_id);
                    // Without only_if_banned, Telegram removes a member too.
                    if !was_banned && !only_if_banned {
                        rooms.members.entry(chat).or_default().remove(&user_id);
                    }
                }
            }
            Ok(json!(true))
        })
    }

    /// The members of `chat` (its owner, Camille, always), the banned and the requests.
    pub fn members(&self, chat: i64) -> Value {
        self.with_state(|s| {
            let list = |map: &HashMap<i64, BTreeSet<i64>>| -> Vec<i64> {
                map.get(&chat)
                    .map(|set| set.iter().copied().collect())
                    .unwrap_or_default()
            };
            let mut members = list(&s.rooms.members);
            members.insert(0, SANDBOX_ADMIN.0);
            json!({ "members": members, "banned": list(&s.rooms.banned),
                    "join_requests": list(&s.rooms.requests) })
        })
    }
}

/// `POST /subscriptions/renew`: 30 days pass and Telegram charges the renewal.
pub(super) async fn renew(State(telegram): State<FakeTelegram>, Json(which): Json<SubscriptionRef>) -> Reply {
    let sub = telegram.find_subscription(&which)?;
    if sub.canceled {
        return Err(refuse(
            StatusCode::CONFLICT,
            "renewal is cancelled: Telegram charges nothing and the subscription runs out",
        ));
    }
    let charge = format!("stxSIMR{:08}", telegram.next_id());
    let expires = sub.expires + PERIOD_SECS;
    telegram.update_subscription(&which, |s| {
        s.expires = expires;
        s.charges.push(charge.clone());
    });
    let total = super::payment::total(&sub.invoice);
    telegram.with_state(|s| {
        s.star_charges
            .insert(charge.clone(), (which.user_id, sub.invoice.clone()))
    });
    let payment = json!({ "currency": "XTR", "total_amount": total,
        "invoice_payload": which.invoice_payload, "telegram_payment_charge_id": charge,
        "provider_payment_charge_id": "", "subscription_expiration_date": expires,
        "is_recurring": true });
    let message = json!({ "message_id": telegram.next_id(), "date": crate::clock::now_secs(),
        "from": user(which.user_id), "chat": { "id": which.user_id, "type": "private" },
        "successful_payment": payment });
    telegram.deliver(json!({ "message": message })).await;
    Ok(Json(
        json!({ "telegram_payment_charge_id": charge, "subscription_expiration_date": expires }),
    ))
}

/// `POST /subscriptions/fail`: the renewal's payment fails (no Stars left).
pub(super) async fn fail(State(telegram): State<FakeTelegram>, Json(which): Json<SubscriptionRef>) -> Reply {
    telegram.find_subscription(&which)?;
    telegram.subscription_update(&which, "failed").await;
    Ok(Json(json!({ "state": "failed" })))
}

/// `POST /subscriptions/cancel`: the user cancels renewal in Telegram.
pub(super) async fn cancel(
    State(telegram): State<FakeTelegram>,
    Json(which): Json<SubscriptionRef>,
) -> Reply {
    telegram.find_subscription(&which)?;
    telegram.update_subscription(&which, |s| s.canceled = true);
    telegram.subscription_update(&which, "canceled").await;
    Ok(Json(json!({ "state": "canceled" })))
}

/// `POST /subscriptions/reenable`: the user re-enables renewal in Telegram.
pub(super) async fn reenable(
    State(telegram): State<FakeTelegram>,
    Json(which): Json<SubscriptionRef>,
) -> Reply {
    telegram.find_subscription(&which)?;
    telegram.update_subscription(&which, |s| s.canceled = false);
    telegram.subscription_update(&which, "active").await;
    Ok(Json(json!({ "state": "active" })))
}

#[derive(Debug, Deserialize)]
pub(super) struct Whose {
    user_id: Option<i64>,
}

/// `GET /subscriptions?user_id=`: a user's subscriptions (everyone's without one), with the
/// bot's `editUserStarSubscription` calls.
pub(super) async fn list(State(telegram): State<FakeTelegram>, Query(whose): Query<Whose>) -> Json<Value> {
    telegram.with_state(|s| {
        let subscriptions: Vec<Value> = s
            .subscriptions
            .iter()
            .filter(|sub| whose.user_id.is_none_or(|id| id == sub.user_id))
            .map(|sub| {
                json!({ "user_id": sub.user_id, "invoice_payload": sub.invoice["payload"],
                        "title": sub.invoice["title"], "expires": sub.expires,
                        "canceled": sub.canceled, "charges": sub.charges })
            })
            .collect();
        Json(json!({ "subscriptions": subscriptions, "edits": s.edits }))
    })
}

/// `POST /invite` with `{user_id, invite_link}`: the user opens an invite link. A link that
/// creates join requests sends the bot a `chat_join_request`; any other makes them a member.
pub(super) async fn open_invite(State(telegram): State<FakeTelegram>, Json(body): Json<Value>) -> Reply {
    let user_id = body["user_id"].as_i64().unwrap_or_default();
    let link = body["invite_link"].as_str().unwrap_or_default();
    let Some((chat, joins)) = telegram.with_state(|s| s.rooms.links.get(link).copied()) else {
        return Err(refuse(
            StatusCode::NOT_FOUND,
            "this invite link is invalid or expired",
        ));
    };
    let (banned, member) = telegram.with_state(|s| {
        let has =
            |map: &HashMap<i64, BTreeSet<i64>>| map.get(&chat).is_some_and(|set| set.contains(&user_id));
        (has(&s.rooms.banned), has(&s.rooms.members))
    });
    if banned {
        return Err(refuse(StatusCode::FORBIDDEN, "you were banned from this chat"));
    }
    if member {
        return Ok(Json(json!({ "status": "member" })));
    }
    if !joins {
        telegram.with_state(|s| s.rooms.members.entry(chat).or_default().insert(user_id));
        return Ok(Json(json!({ "status": "member" })));
    }
    telegram.with_state(|s| s.rooms.requests.entry(chat).or_default().insert(user_id));
    let chat_json = Target::find(&json!(chat))
        .map(Target::json)
        .unwrap_or(json!({ "id": chat }));
    let request = json!({ "chat": chat_json, "from": user(user_id), "user_chat_id": user_id,
        "date": crate::clock::now_secs(),
        "invite_link": { "invite_link": link, "creator": telegram.bot_user(),
            "creates_join_request": true, "is_primary": false, "is_revoked": false } });
    telegram.deliver(json!({ "chat_join_request": request })).await;
    Ok(Json(json!({ "status": "requested" })))
}

/// `GET /chats/{chat_id}/members`.
pub(super) async fn members(State(telegram): State<FakeTelegram>, Path(chat): Path<i64>) -> Json<Value> {
    Json(telegram.members(chat))
}

/// `GET /member_calls`: the bot's join answers, bans and unbans, oldest first, for tests.
pub(super) async fn member_calls(State(telegram): State<FakeTelegram>) -> Json<Value> {
    Json(Value::Array(telegram.with_state(|s| s.member_calls.clone())))
}
