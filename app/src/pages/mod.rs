//! The app's pages, one module each.

mod cart;
mod delivery;
pub mod events;
#[cfg(feature = "hydrate")]
mod intl;
pub mod lazy;
mod not_found;
mod order;
mod orders;
mod paying;
mod product;
mod send;
pub mod services;
mod settings;
mod settings_button;
mod storefront;
mod subscriptions;
mod zoned;

pub use not_found::NotFound;
pub use settings_button::SettingsButton;
pub use storefront::Storefront;
