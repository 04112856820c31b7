//! The shop's domain: what is for sale, what it costs, how prices are shown, and the rules of
//! checkout, orders and payments.
//!
//! Pure rules and types; I/O happens in `crate::storage`, `crate::telegram` and `crate::http`.

pub mod cart;
pub mod catalog;
pub mod catalog_input;
pub mod checkout;
pub mod currencies;
pub mod demo;
pub mod funnel;
pub mod invalid;
pub mod invoice;
pub mod order;
pub mod payments;
pub mod photo;
pub mod promo_codes;
mod service;
pub mod settings;
pub mod shipping;
pub mod sign_in;
#[cfg(test)]
mod test_catalog;
pub mod tips;

pub use service::ShopBackend;
