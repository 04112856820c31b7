//! Components shared by the pages.

mod add_to_cart;
mod cart_badge;
mod moment;
mod product_card;
mod top_bar;
mod with_catalog;

pub use add_to_cart::AddToCart;
pub use cart_badge::CartBadge;
pub use moment::{iso_utc, Moment};
pub use product_card::ProductCard;
pub use top_bar::TopBar;
pub use with_catalog::WithCatalog;
