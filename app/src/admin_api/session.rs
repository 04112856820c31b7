//! Who is signed in: `GET /api/admin/session`.

use crate::identity::UserId;
use serde::{Deserialize, Serialize};

/// `GET /api/admin/session`'s answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    /// The admin's Telegram user id.
    pub user_id: UserId,
    pub via: SignedInVia,
    /// To send in `X-CSRF-Token` with every change; `null` with initData, which needs none.
    pub csrf_token: Option<String>,
}

/// How the admin proved who they are.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SignedInVia {
    /// The Mini App's initData (`Authorization: tma …`).
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
