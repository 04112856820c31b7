//! Telegram: what the shop needs to trust and speak Telegram's protocols.
//!
//! - [`init_data`] — validating the Mini App's launch data (HMAC-SHA256 with the bot token, or
//!   Telegram's Ed25519 signature for services without the token);
//! - [`bot_api`] — a typed Bot API client, and Telegram's spec as a request checker;
//! - [`invoice`] — the shop's invoice as a createInvoiceLink request;
//! - [`offer`] — a product offered in a chat: an invoice anyone there can pay, or a card;
//! - [`updates`] — the bot's updates: payments recorded exactly once, queries answered;
//! - [`outbox`] — sending the bot messages queued by updates;
//! - [`bot`] — the bot at run time: webhook registration or long polling, background tasks;
//! - [`profile`] — the bot's description and short description in each language.

pub mod announcement;
pub mod bot;
pub mod bot_api;
pub mod init_data;
pub mod invoice;
pub mod offer;
pub mod outbox;
pub mod profile;
pub mod updates;
