//! What verified initData tells: who the user is, when they opened the app, and how.

use super::{Fields, InitDataError};
pub use app::identity::TelegramUser;

/// initData whose hash or signature checked out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerifiedInitData {
    pub user: TelegramUser,
    /// When Telegram issued the data, unix seconds.
    pub auth_date: i64,
    /// `startapp` / `start_param` of the link that opened the app.
    pub start_param: Option<String>,
    pub query_id: Option<String>,
    pub chat_type: Option<String>,
    pub chat_instance: Option<String>,
}

impl VerifiedInitData {
    /// Reads the fields a shop needs; `user` and `auth_date` are required.
    pub(super) fn from_fields(fields: &Fields<'_>) -> Result<Self, InitDataError> {
        let auth_date = fields.get("auth_date").ok_or(InitDataError::MissingAuthDate)?;
        let auth_date = auth_date
            .parse::<i64>()
            .map_err(|_| InitDataError::MalformedAuthDate)?;
        let user = fields.get("user").ok_or(InitDataError::MissingUser)?;
        let user: TelegramUser = serde_json::from_str(user).map_err(|_| InitDataError::MalformedUser)?;
        if user.id <= 0 || user.first_name.is_empty() {
            return Err(InitDataError::MalformedUser);
        }
        let text = |key| fields.get(key).map(str::to_owned);
        Ok(VerifiedInitData {
            user,
            auth_date,
            start_param: text("start_param"),
            query_id: text("query_id"),
            chat_type: text("chat_type"),
            chat_instance: text("chat_instance"),
        })
    }
}
