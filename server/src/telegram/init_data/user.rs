//! What verified initData tells: who the user is, when they opened the app, and how.

use super::{Fields, InitDataError};
pub use app::identity::WebAppUser;

/// initData whose hash or signature checked out (<https://core.telegram.org/bots/webapps#webappinitdata>).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WebAppInitData {
    pub user: WebAppUser,
    /// When Telegram issued the data, unix seconds.
    pub auth_date: i64,
    /// `startapp` / `start_param` of the link that opened the app.
    pub start_param: Option<String>,
    // Signed but not read (the HMAC covers them): `query_id`, `chat_type`, `chat_instance`,
    // `receiver`, `chat`, `can_send_after`. The shop answers no inline query from the Mini App
    // and does not act on the chat it was opened from, so they are not copied out.
}

impl WebAppInitData {
    /// Reads the fields a shop needs, in one pass; `user` and `auth_date` are required.
    pub(super) fn from_fields(fields: &Fields) -> Result<Self, InitDataError> {
        let (mut auth_date, mut user, mut start_param) = (None, None, None);
        for (key, value) in fields.iter() {
            match key {
                "auth_date" => auth_date = Some(value),
                "user" => user = Some(value),
                "start_param" => start_param = Some(value.to_owned()),
                _ => {}
            }
        }
        let auth_date = auth_date
            .ok_or(InitDataError::MissingAuthDate)?
            .parse::<i64>()
            .map_err(|_| InitDataError::MalformedAuthDate)?;
        let user = user.ok_or(InitDataError::MissingUser)?;
        let user: WebAppUser = serde_json::from_str(user).map_err(|_| InitDataError::MalformedUser)?;
        if user.id.0 <= 0 || user.first_name.is_empty() {
            return Err(InitDataError::MalformedUser);
        }
        Ok(WebAppInitData {
            user,
            auth_date,
            start_param,
        })
    }
}
