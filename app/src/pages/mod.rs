//! The app's pages, one module each.

mod cart;
mod not_found;
mod order;
mod orders;
mod product;
mod storefront;

pub use cart::CartPage;
pub use not_found::NotFound;
pub use order::OrderPage;
pub use orders::OrdersPage;
pub use product::ProductPage;
pub use storefront::Storefront;
