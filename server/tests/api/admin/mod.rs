//! The merchant's side, under `/api/admin/` and the bot's /admin command: one module per
//! area of the back office.

mod catalog;
mod language;
mod mini_app_session;
mod orders;
mod photos;
mod refunds;
mod settings;
mod shipping_rates;
mod sign_in;
mod tips_and_promo_codes;
