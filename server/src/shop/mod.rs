//! The shop's domain: what is for sale, what it costs, how prices are shown, and the rules of
//! checkout, orders and payments.
//!
//! Pure rules and types, the bottom layer: imports nothing from `crate::storage`,
//! `crate::telegram`, `crate::http` or `crate::service`, which do the I/O. A product kind's
//! rules are in [`kind`].

pub mod appointments;
pub mod cart;
pub mod catalog;
pub mod checkout;
pub mod currencies;
pub mod delivery;
pub mod demo;
pub mod events;
pub mod figures;
pub mod funnel;
pub mod invalid;
pub mod invoice;
pub mod kind;
pub mod order;
pub mod promo_codes;
pub mod rate_limit;
pub mod settings;
pub mod shared_invoice;
pub mod sign_in;
pub mod subscriptions;
#[cfg(test)]
pub(crate) mod test_catalog;
pub mod tips;
pub mod vouchers;
