//! A digital variant's delivery as the merchant sets it up under
//! `/api/admin/variants/{id}/delivery`: a file (uploaded as multipart), a licence-key pool
//! (uploaded as text, one key per line) or a text/link, and the keys given so far.

use crate::catalog::VariantId;
use crate::orders::OrderId;
use serde::{Deserialize, Serialize};

/// What a variant delivers, and its key pool.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminDelivery {
    pub variant_id: VariantId,
    /// `file`, `keys`, `text`, or `none` before the merchant set one.
    pub kind: String,
    #[serde(default)]
    pub file_name: Option<String>,
    #[serde(default)]
    pub file_size: Option<i64>,
    #[serde(default)]
    pub text: Option<String>,
    pub protect_content: bool,
    /// The merchant is warned when the free keys fall to this many.
    pub low_stock_at: i64,
    /// Keys not given yet: the variant's stock, for a key pool.
    pub free_keys: i64,
    /// Keys given to orders, newest first (at most 200).
    #[serde(default)]
    pub given: Vec<GivenKey>,
}

/// A key given to an order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GivenKey {
    pub key: String,
    pub order_id: OrderId,
    /// Unix ms.
    pub assigned_at: i64,
    /// Unix ms: the order was refunded, so the key was revoked.
    #[serde(default)]
    pub refunded_at: Option<i64>,
}

/// `POST /api/admin/variants/{id}/delivery/keys`: keys to add to the pool, one per line.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UploadKeys {
    pub keys: String,
}

/// `PUT /api/admin/variants/{id}/delivery`: a text/link delivery, or the options of any.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetDelivery {
    /// The text revealed after payment; makes the delivery a text one.
    #[serde(default)]
    pub text: Option<String>,
    #[serde(default)]
    pub protect_content: Option<bool>,
    #[serde(default)]
    pub low_stock_at: Option<i64>,
}

/// `POST /api/admin/variants/{id}/delivery/keys`'s answer: how many keys were new.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeysAdded {
    pub added: i64,
    /// Keys already in the pool, or repeated in the upload.
    pub duplicates: i64,
    pub delivery: AdminDelivery,
}
