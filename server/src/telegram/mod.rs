//! Telegram: what the shop needs to trust and speak Telegram's protocols.
//!
//! - [`init_data`] — validating the Mini App's launch data (HMAC-SHA256 with the bot token, or
//!   Telegram's Ed25519 signature for services without the token).

pub mod init_data;
