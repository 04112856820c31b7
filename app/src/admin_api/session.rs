//! Who is signed in: `GET /api/admin/session`; and the Mini App's sign-in,
//! `POST /api/admin/session` with its fresh initData, which answers the same with a token.

use crate::identity::UserId;
use serde::{Deserialize, Serialize};

/// `GET /api/admin/session`'s answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    /// The admin's Telegram user id.
    pub user_id: UserId,
    pub via: SignedInVia,
    /// To send in `X-CSRF-Token` with every change; `null` for the Mini App, which needs none.
    pub csrf_token: Option<String>,
    /// Only in the answer to `POST /api/admin/session`: the Mini App's session token, sent as
    /// `Authorization: Bearer <token>` with every later admin request (initData is accepted
    /// only to open the session, and only a few minutes old).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token: Option<String>,
}

/// How the admin proved who they are.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SignedInVia {
    /// The Mini App, with the session its initData opened (`Authorization: Bearer …`).
    Telegram,
    /// A browser session from a one-time sign-in link (a cookie).
    Session,
}

impl SignedInVia {
    /// As the wire carries it: `telegram` or `session`.
    pub fn as_str(self) -> &'static str {
        match self {
            SignedInVia::Telegram => "telegram",
            SignedInVia::Session => "session",
        }
    }
}
