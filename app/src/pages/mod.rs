//! The app's pages, one module each.

mod cart;
pub mod events;
pub mod lazy;
mod not_found;
mod order;
mod orders;
mod paying;
mod product;
mod storefront;

pub use not_found::NotFound;
pub use storefront::Storefront;
