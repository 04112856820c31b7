//! Digital goods delivered on payment: what a digital variant delivers ([`Delivery`]) — a file
//! the merchant uploaded, a licence key from its pool, or a text revealed after payment — the
//! rules of its uploads ([`file`], [`keys`]), and the signed, expiring download links the order
//! page offers ([`token`]).
//!
//! Pure: no I/O. Storing deliveries is `crate::storage::delivery`'s, sending them the bot's.

pub mod file;
pub mod keys;
pub mod token;

use app::catalog::VariantId;
use app::orders::OrderId;

/// What a digital variant delivers once paid.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Delivery {
    /// A file, stored by its content's hash.
    File(StoredFile),
    /// A licence key from the variant's pool, one per unit sold.
    Keys,
    /// A text or link, revealed after payment.
    Text(String),
}

/// A file the merchant uploaded as a variant's delivery.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredFile {
    /// Hex SHA-256 of its bytes: its name under `DELIVERY_DIR`.
    pub hash: String,
    /// The name the buyer receives it under.
    pub file_name: String,
    pub size: i64,
}

/// A variant's delivery as the merchant set it up.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VariantDelivery {
    pub variant_id: VariantId,
    pub delivery: Delivery,
    /// Telegram forbids forwarding and saving what the bot sends (`protect_content`).
    pub protect_content: bool,
    /// The merchant is warned when the free keys fall to this many.
    pub low_stock_at: i64,
}

/// What a paid order line delivers to its buyer, as the bot sends it and the order page shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Delivered {
    pub order_id: OrderId,
    pub variant_id: VariantId,
    /// The line's product and variant, e.g. `Recipe E-book (EPUB and PDF)`.
    pub name: String,
    pub protect_content: bool,
    pub what: DeliveredItem,
}

/// The item itself.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DeliveredItem {
    File(StoredFile),
    /// The keys given to the line, one per unit; `refunded` once the order was refunded.
    Keys {
        keys: Vec<String>,
        refunded: bool,
    },
    Text(String),
}

/// Whether giving keys away left the pool at or below its warning level, and it was not
/// warned about since it last rose above: the merchant is warned once per crossing.
pub fn crosses_low_stock(free_keys: i64, low_stock_at: i64, warned: bool) -> bool {
    !warned && free_keys <= low_stock_at
}

#[cfg(test)]
mod tests {
    use super::crosses_low_stock;

    #[test]
    fn the_low_stock_warning_comes_once_per_crossing() {
        assert!(!crosses_low_stock(6, 5, false), "above the level");
        assert!(crosses_low_stock(5, 5, false), "at the level");
        assert!(!crosses_low_stock(4, 5, true), "warned already");
        assert!(crosses_low_stock(0, 5, false));
    }
}
