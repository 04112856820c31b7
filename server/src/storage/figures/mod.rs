//! The merchant's figures: the dashboard's takings, orders and best sellers, and the sales
//! funnel the storefront records; and the operator's gauges for `/metrics` (`gauges`).

pub mod dashboard;
pub mod funnel;
pub mod gauges;
