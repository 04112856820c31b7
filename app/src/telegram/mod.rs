//! The Mini App side of Telegram: launch parameters, the theme, and the event bridge to the
//! Telegram client (<https://core.telegram.org/bots/webapps>).
//!
//! The protocol is spoken from Rust, as tma.js does, instead of loading telegram-web-app.js:
//! nothing is fetched from Telegram's servers, so the local simulator and tests work offline.
//! `launch` and `theme` are pure and tested natively; `bridge` and `shell` touch the browser
//! and exist only in the hydrated build (no-ops during server rendering).

pub mod launch;
pub mod theme;

#[cfg(feature = "hydrate")]
pub(crate) mod bridge;
mod shell;

pub use shell::{provide_telegram, Greeting, Haptic, Telegram};
