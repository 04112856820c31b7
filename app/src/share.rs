//! The wire type of "Send to a chat": `POST /api/products/{id}/share` answers with the message
//! the server prepared with Telegram (`savePreparedInlineMessage`) for the shopper to send,
//! which the app hands to Telegram (`web_app_send_prepared_message`) until it expires.

use serde::{Deserialize, Serialize};

/// A message Telegram keeps for the shopper to send to a chat of their choice.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreparedMessage {
    /// Telegram's id of the prepared message.
    pub id: String,
    /// When Telegram forgets it (its `expiration_date`), unix ms: an expired id is never
    /// used, the app asks for a new one.
    pub expires_at: i64,
}

impl PreparedMessage {
    /// Whether it may still be handed to Telegram at `now` (unix ms), with a minute to spare
    /// for the shopper to pick a chat.
    pub fn usable_at(&self, now: i64) -> bool {
        self.expires_at - SPARE_MS > now
    }
}

/// How long before its expiry a prepared message is no longer handed out: the shopper needs
/// time to choose a chat.
pub const SPARE_MS: i64 = 60_000;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_is_not_used_in_its_last_minute() {
        let message = PreparedMessage {
            id: "p1".into(),
            expires_at: 1_000_000,
        };
        assert!(message.usable_at(1_000_000 - SPARE_MS - 1));
        assert!(!message.usable_at(1_000_000 - SPARE_MS));
        assert!(!message.usable_at(2_000_000));
    }
}
