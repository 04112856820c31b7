//! The app's pages, one module each.

mod cart;
mod not_found;
mod storefront;

pub use cart::CartPage;
pub use not_found::NotFound;
pub use storefront::Storefront;
