//! The merchant's side, under `/api/admin/` and the bot's /admin command: one module per
//! area of the back office.

mod catalog;
mod offers;
mod orders;
mod photos;
mod refunds;
mod settings;
mod sign_in;
