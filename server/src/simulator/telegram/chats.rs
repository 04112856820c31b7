//! The chats the simulated bot can post in, and what Telegram tells a bot about them: private
//! chats with the test users, a channel where the bot is an administrator (`@shop_news`, where
//! events are announced), a group where it is only a member (so a shop can show "the bot is
//! not an admin there"), and a private channel without a username, "Makers' Club", which the
//! demo's subscription grants (its members, bans and join requests: `super::subscriptions`). `getChat` and `getChatMember` answer from here; any other chat is
//! "chat not found", as Telegram answers a bot about a chat it is not in.

use super::{bad_request, FakeTelegram, Refusal, BOT_NAME, BOT_USERNAME};
use crate::simulator::{SANDBOX_ADMIN, TEST_USERS};
use axum::Json;
use serde_json::{json, Value};

/// What the bot is in a chat.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum BotRole {
    /// May post (and edit and delete posts).
    Administrator,
    /// A plain member: may write in a group, may not manage it.
    Member,
}

/// A channel or group the bot was added to.
pub(super) struct Chat {
    pub id: i64,
    /// `channel` or `supergroup`.
    pub kind: &'static str,
    pub title: &'static str,
    pub username: &'static str,
    pub description: &'static str,
    pub bot: BotRole,
}

/// The simulator's channel and group; Camille (the sandbox's merchant) owns both, the other
/// test users are members.
pub(super) const CHATS: &[Chat] = &[
    Chat {
        id: -1_001_000_000_001,
        kind: "channel",
        title: "Shop News",
        username: "shop_news",
        description: "Announcements from the shop: new goods and events.",
        bot: BotRole::Administrator,
    },
    Chat {
        id: -1_001_000_000_002,
        kind: "supergroup",
        title: "Shop Friends",
        username: "shop_friends",
        description: "The shop's customers talk here. The bot is a member, not an admin.",
        bot: BotRole::Member,
    },
    Chat {
        id: -1_001_000_000_003,
        kind: "channel",
        title: "Makers' Club",
        username: "",
        description: "The demo shop's members-only channel: its Stars subscribers are let in.",
        bot: BotRole::Administrator,
    },
];

/// A chat a request names: a private chat with a user, or one of [`CHATS`].
#[derive(Clone, Copy)]
pub(super) enum Target {
    Private(i64),
    Group(&'static Chat),
}

impl Target {
    /// Reads `chat_id` (a number, or `@username` for channels and groups) as Telegram does.
    pub fn find(chat_id: &Value) -> Result<Target, Refusal> {
        let not_found = || bad_request("chat not found");
        if let Some(id) = chat_id.as_i64() {
            if id > 0 {
                return Ok(Target::Private(id));
            }
            return CHATS
                .iter()
                .find(|c| c.id == id)
                .map(Target::Group)
                .ok_or_else(not_found);
        }
        let name = chat_id
            .as_str()
            .and_then(|s| s.strip_prefix('@'))
            .ok_or_else(not_found)?;
        CHATS
            .iter()
            .find(|c| !c.username.is_empty() && c.username.eq_ignore_ascii_case(name))
            .map(Target::Group)
            .ok_or_else(not_found)
    }

    pub fn id(self) -> i64 {
        match self {
            Target::Private(id) => id,
            Target::Group(chat) => chat.id,
        }
    }

    /// The `Chat` object of messages in it.
    pub fn json(self) -> Value {
        match self {
            Target::Private(id) => {
                let mut chat = json!({ "id": id, "type": "private" });
                if let Some(user) = TEST_USERS.iter().find(|u| u.id == id) {
                    chat["first_name"] = json!(user.first_name);
                    chat["last_name"] = json!(user.last_name);
                    chat["username"] = json!(user.username);
                }
                chat
            }
            // A private channel has no username.
            Target::Group(chat) if chat.username.is_empty() => json!({
                "id": chat.id, "type": chat.kind, "title": chat.title
            }),
            Target::Group(chat) => json!({
                "id": chat.id, "type": chat.kind, "title": chat.title, "username": chat.username
            }),
        }
    }

    /// `getChat`'s answer, a `ChatFullInfo`.
    pub fn full_info(self) -> Value {
        let mut info = self.json();
        let extra = json!({
            "accent_color_id": 0, "max_reaction_count": 11,
            "accepted_gift_types": { "unlimited_gifts": false, "limited_gifts": false,
                "unique_gifts": false, "premium_subscription": false, "gifts_from_channels": false },
        });
        for (key, value) in extra.as_object().into_iter().flatten() {
            info[key] = value.clone();
        }
        if let Target::Group(chat) = self {
            info["description"] = json!(chat.description);
            info["has_visible_history"] = json!(true);
        }
        info
    }
}

impl FakeTelegram {
    /// The bot as a `User`.
    pub(super) fn bot_user(&self) -> Value {
        json!({ "id": self.inner.bot_id, "is_bot": true, "first_name": BOT_NAME, "username": BOT_USERNAME })
    }

    /// `getChatMember`: the bot's role, the owner, a member, or someone who left.
    pub(super) fn chat_member(&self, params: &Value) -> Result<Value, Refusal> {
        let target = Target::find(&params["chat_id"])?;
        let user_id = params["user_id"].as_i64().unwrap_or_default();
        let user = |id: i64| match TEST_USERS.iter().find(|u| u.id == id) {
            Some(u) => json!({ "id": id, "is_bot": false, "first_name": u.first_name,
                               "last_name": u.last_name, "username": u.username }),
            None => json!({ "id": id, "is_bot": false, "first_name": "Tester" }),
        };
        let known = TEST_USERS.iter().any(|u| u.id == user_id);
        let chat = match target {
            Target::Private(id) if user_id == id => return Ok(member(user(id))),
            Target::Private(_) if user_id == self.inner.bot_id => return Ok(member(self.bot_user())),
            Target::Private(_) => return Ok(json!({ "status": "left", "user": user(user_id) })),
            Target::Group(chat) => chat,
        };
        Ok(if user_id == self.inner.bot_id {
            match chat.bot {
                BotRole::Administrator => administrator(self.bot_user(), chat.kind == "channel"),
                BotRole::Member => member(self.bot_user()),
            }
        } else if user_id == SANDBOX_ADMIN.0 {
            json!({ "status": "creator", "user": user(user_id), "is_anonymous": false })
        } else if known {
            member(user(user_id))
        } else {
            json!({ "status": "left", "user": user(user_id) })
        })
    }
}

fn member(user: Value) -> Value {
    json!({ "status": "member", "user": user })
}

/// A `ChatMemberAdministrator` with the rights a bot is usually given to post.
fn administrator(user: Value, channel: bool) -> Value {
    let mut admin = json!({
        "status": "administrator", "user": user, "can_be_edited": false, "is_anonymous": false,
        "can_manage_chat": true, "can_delete_messages": true, "can_manage_video_chats": false,
        "can_restrict_members": false, "can_promote_members": false, "can_change_info": false,
        "can_invite_users": true, "can_post_stories": false, "can_edit_stories": false,
        "can_delete_stories": false,
    });
    if channel {
        admin["can_post_messages"] = json!(true);
        admin["can_edit_messages"] = json!(true);
    } else {
        admin["can_pin_messages"] = json!(true);
    }
    admin
}

/// `GET /channels`: the bot's username and the channel and group with the bot's role, for the
/// simulated client's channel view.
pub(super) async fn list() -> Json<Value> {
    let chats: Vec<Value> = CHATS
        .iter()
        .map(|chat| {
            let mut listed = Target::Group(chat).json();
            listed["bot_is_admin"] = json!(chat.bot == BotRole::Administrator);
            listed
        })
        .collect();
    Json(json!({ "bot_username": BOT_USERNAME, "chats": chats }))
}
