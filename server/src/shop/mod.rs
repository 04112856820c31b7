//! The shop's domain: what is for sale, what it costs, and how prices are shown.
//!
//! Pure rules and types; I/O happens in `crate::storage` and `crate::http`.

pub mod catalog;
pub mod currencies;
pub mod demo;
mod service;

pub use service::ShopBackend;
