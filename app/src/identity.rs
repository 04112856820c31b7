//! Who the shopper is, as the server verified from Telegram's initData, and the ids Telegram
//! gives users and chats.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A Telegram user's id (<https://core.telegram.org/bots/api#user>). It has at most 52
/// significant bits, so JSON carries it as a plain number.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct UserId(pub i64);

/// A Telegram chat's id (<https://core.telegram.org/bots/api#chat>): a private chat has its
/// user's id; groups and channels have negative ones.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ChatId(pub i64);

impl From<UserId> for ChatId {
    /// The private chat between the bot and `user`.
    fn from(user: UserId) -> Self {
        ChatId(user.0)
    }
}

impl fmt::Display for UserId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl fmt::Display for ChatId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// A Telegram user as initData describes them (<https://core.telegram.org/bots/webapps#webappuser>).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WebAppUser {
    pub id: UserId,
    pub first_name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language_code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_premium: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub photo_url: Option<String>,
}

/// `GET /api/me`: the verified user and the start parameter the app was opened with.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Me {
    pub user: WebAppUser,
    pub start_param: Option<String>,
}

/// `GET /api/me`'s whole answer: [`Me`] and, beside it, the shop's name. The storefront
/// decodes only the [`Me`] part (its first open has no bytes to spare for the rest).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Launch {
    #[serde(flatten)]
    pub me: Me,
    pub shop_name: String,
}
