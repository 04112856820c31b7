//! What the bot keeps: Telegram updates recorded exactly once with their effects
//! ([`updates`]), committed together with the other updates of the moment ([`group_commit`]), and the outbox of messages written in those transactions and sent afterwards
//! ([`outbox`]), and the messages prepared for Mini App users to share ([`prepared`]).

pub(in crate::storage) mod group_commit;
pub mod outbox;
pub mod prepared;
pub mod updates;
