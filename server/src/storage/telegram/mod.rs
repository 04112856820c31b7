//! What the bot keeps: Telegram updates recorded exactly once with their effects
//! ([`updates`]), and the outbox of messages written in those transactions and sent afterwards
//! ([`outbox`]), and the messages prepared for Mini App users to share ([`prepared`]).

pub mod outbox;
pub mod prepared;
pub mod updates;
