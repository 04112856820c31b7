//! The catalog as the merchant edits it: products with every variant and photo, archived ones
//! included, categories with how many products each holds, and the history of stock changes.

use super::PhotoRef;
use crate::shop::kind::ProductKind;
use app::catalog::{CategoryId, PhotoId, ProductId, VariantId};
use app::identity::UserId;
use app::money::Currency;

/// A product as the merchant edits it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProductRecord {
    pub id: ProductId,
    pub slug: String,
    pub category_id: CategoryId,
    pub name: String,
    pub description: String,
    pub currency: Currency,
    pub position: i64,
    pub archived: bool,
    pub kind: ProductKind,
    /// The main photo (the placeholder until one is uploaded).
    pub photo: PhotoRef,
    /// The gallery after the main photo, in display order.
    pub photos: Vec<(PhotoId, PhotoRef)>,
    pub variants: Vec<VariantRecord>,
}

/// A variant as the merchant edits it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VariantRecord {
    pub id: VariantId,
    pub name: String,
    pub price_minor: i64,
    /// Whole Stars, for a variant of a fiat product that also takes Stars.
    pub stars_price: Option<i64>,
    pub stock: i64,
    pub position: i64,
}

/// A category with how many products on sale it holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CategoryRecord {
    pub id: CategoryId,
    pub slug: String,
    pub name: String,
    pub position: i64,
    pub products: i64,
}

/// One change to a variant's stock made by an admin.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StockMovement {
    pub id: i64,
    pub delta: i64,
    pub stock_after: i64,
    pub reason: String,
    /// The admin's Telegram user id.
    pub admin_id: UserId,
    /// Unix ms, UTC.
    pub created_at: i64,
}
