//! The merchant's figures: the dashboard's takings, orders and best sellers, and the sales
//! funnel the storefront records.

pub mod dashboard;
pub mod funnel;
