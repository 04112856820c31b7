//! What the bot keeps: Telegram updates recorded exactly once with their effects
//! ([`updates`]), and the outbox of messages written in those transactions and sent afterwards
//! ([`outbox`]).

pub mod outbox;
pub mod updates;
