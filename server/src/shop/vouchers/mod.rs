//! Vouchers: what a paid ticket (and later an appointment) becomes — a secret code, shown as a
//! QR code whose text the shop signs, and checked at the door exactly once.
//!
//! - [`code`]: the code, its alphabet without look-alikes, how it is shown and typed;
//! - [`key`]: the shop's Ed25519 key and its published public half;
//! - [`qr_text`]: the signed QR text format (`T1.<event>.<code>.<signature>`), read back;
//! - [`qr`]: the QR code drawn as SVG;
//! - [`check_in`]: the scan's nonce, the verdict on a voucher, who may scan;
//! - [`record`]: a voucher with its event's details, and the view its holder sees.
//!
//! Pure rules and values: storage issues, revokes and checks vouchers in; nothing here does
//! I/O beyond drawing from the OS random source.

pub mod check_in;
pub mod code;
pub mod key;
pub mod qr;
pub mod qr_text;
pub mod record;

pub use code::VoucherCode;
pub use key::{PublicKey, ShopKey};
pub use record::{Voucher, STILL_ON_MS};
