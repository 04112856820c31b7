//! Who the shopper is, as the server verified from Telegram's initData.

use serde::{Deserialize, Serialize};

/// A Telegram user as initData describes them (<https://core.telegram.org/bots/webapps#webappuser>).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WebAppUser {
    pub id: i64,
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
