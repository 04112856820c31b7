//! The service layer: what a request asks of the shop, carried out across the domain
//! (`crate::shop`), storage and Telegram, so that HTTP handlers only extract, call and answer.
//!
//! - [`checkout`] — a cart priced with its promo code and tip, its stock reserved in a new
//!   order, and Telegram's invoice link for it;
//! - [`promo_preview`] — what a promo code would take off a cart, before paying;
//! - [`subscriptions`] — a Stars subscription's invoice, and its renewal cancelled or
//!   re-enabled through Telegram;
//! - [`share`] — the products an inline query asks for, and messages prepared for the
//!   shopper's "Send to a chat";
//! - [`ShopBackend`] — the UI's `ShopService` contract, for the Leptos server functions;
//! - [`ServiceError`] — why a service refused or failed, which `crate::http` answers.
//!
//! May use `shop`, `storage` and `telegram`; `shop` must not use it. Must not: know HTTP
//! (statuses and JSON bodies are `crate::http`'s).

pub mod appointments;
mod backend;
mod booking;
pub mod checkout;
mod error;
pub mod promo_preview;
pub mod share;
pub mod subscriptions;

pub use backend::ShopBackend;
pub use error::ServiceError;
