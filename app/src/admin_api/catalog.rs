//! The merchant's catalog: categories, products with their variants and photos, and stock
//! adjustments. Every answer about a product is the whole [`AdminProduct`] as it now is, so
//! the page redraws from one shape.

use super::present;
use crate::catalog::{CategoryId, PhotoId, ProductId, VariantId};
use crate::identity::UserId;
use crate::money::Currency;
use serde::{Deserialize, Serialize};

/// A product as the merchant edits it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminProduct {
    pub id: ProductId,
    pub slug: String,
    pub category_id: CategoryId,
    pub name: String,
    pub description: String,
    /// What all its variants are priced in.
    pub currency: Currency,
    /// `parcel`, `appointment`, `ticket` or `digital`.
    pub fulfilment: String,
    pub position: i64,
    /// Archived products are gone from the storefront, carts and checkout.
    pub archived: bool,
    /// The main photo (a placeholder until one is uploaded).
    pub photo: MainPhoto,
    /// The gallery after it.
    pub photos: Vec<AdminPhoto>,
    pub variants: Vec<AdminVariant>,
    /// Why cards may not pay for it, when its kind takes Telegram Stars only (digital goods,
    /// Telegram's developer terms §6.2) but it is listed in a fiat currency (stored before the
    /// rule): each variant then sells at its Stars price only, and one without
    /// (`needs_stars_price`) does not sell.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cards_refused: Option<String>,
}

/// A product's main photo: replaced by uploads, never deleted, so it has no id.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MainPhoto {
    pub url: String,
    pub width: u32,
    pub height: u32,
    pub alt: String,
}

/// A gallery photo.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminPhoto {
    pub id: PhotoId,
    pub url: String,
    pub width: u32,
    pub height: u32,
    pub alt: String,
}

/// A variant with its price as the storefront shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminVariant {
    pub id: VariantId,
    pub name: String,
    pub price_minor: i64,
    pub price_label: String,
    /// Whole Stars, for a variant of a fiat product that also takes Stars.
    pub stars_price: Option<i64>,
    /// `stars_price` formatted, e.g. `⭐ 250`.
    pub stars_label: Option<String>,
    pub stock: i64,
    pub position: i64,
    /// True when the product takes Stars only (`cards_refused`) and this variant has no Stars
    /// price yet: until the merchant sets one, nobody can buy it.
    #[serde(default)]
    pub needs_stars_price: bool,
}

/// `GET /api/admin/products`'s query: `archived` is `false` (default), `true` or `all`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProductsQuery {
    pub archived: Option<String>,
}

/// `GET /api/admin/products`'s answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProductList {
    pub products: Vec<AdminProduct>,
}

/// `POST /api/admin/products`'s body: a product with its variants.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreateProduct {
    pub category_id: i64,
    pub name: String,
    /// Made from the name when absent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub slug: Option<String>,
    #[serde(default)]
    pub description: String,
    pub currency: String,
    /// `parcel`, `appointment`, `ticket`, `digital` or `subscription`; by default `digital` for Stars (which
    /// are for digital goods) and `parcel` otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fulfilment: Option<String>,
    pub variants: Vec<CreateVariant>,
    /// A `subscription`'s private channel or group (its Telegram chat id, negative): its
    /// subscribers are let in, and removed when they stop paying. Other kinds name none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grants_chat_id: Option<i64>,
}

/// `PATCH /api/admin/products/{id}`'s body; absent fields stay as they are. `currency` may
/// only repeat the product's own.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UpdateProduct {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub category_id: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub slug: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub position: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    /// A new kind, `parcel` or `digital` (appointments and tickets are made by the salon's
    /// and the events' pages, and stay what they are); a digital product is priced in Stars.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fulfilment: Option<String>,
}

/// A new variant: `POST /api/admin/products/{id}/variants`'s body, and each of a new
/// product's variants.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreateVariant {
    #[serde(default)]
    pub name: String,
    pub price_minor: i64,
    #[serde(default)]
    pub stock: i64,
    /// Whole Stars, for a fiat product's variant that also takes Stars; absent or `null` for
    /// card payments only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stars_price: Option<i64>,
}

/// `PATCH /api/admin/variants/{id}`'s body; stock changes through adjustments only.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UpdateVariant {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub price_minor: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub position: Option<i64>,
    /// Absent keeps it, `null` removes it, a number of Stars sets it.
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub stars_price: Option<Option<i64>>,
}

/// `POST /api/admin/variants/{id}/stock`'s body: a signed change with its reason.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdjustStock {
    pub delta: i64,
    pub reason: String,
}

/// `POST /api/admin/variants/{id}/stock`'s answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Adjusted {
    /// The stock now.
    pub stock: i64,
    pub movement: StockMovement,
}

/// `GET /api/admin/variants/{id}/stock`: the stock and its movements, newest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StockHistory {
    pub stock: i64,
    pub movements: Vec<StockMovement>,
}

/// One change of a variant's stock.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
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

/// A category as the merchant sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminCategory {
    pub id: CategoryId,
    pub slug: String,
    pub name: String,
    pub position: i64,
    /// How many products on sale it holds.
    pub products: i64,
}

/// `GET /api/admin/categories`'s answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryList {
    pub categories: Vec<AdminCategory>,
}

/// `POST` and `PATCH /api/admin/categories[/{id}]`'s body: `name` (required to create),
/// `slug` (made from the name when absent), `position`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryFields {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub slug: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub position: Option<i64>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_product_reads_as_the_api_sends_it() {
        let json = r#"{"id":3,"slug":"mug","category_id":1,"name":"Mug","description":"",
            "currency":"EUR","fulfilment":"parcel","position":0,"archived":false,
            "photo":{"url":"/p.jpg","width":1,"height":1,"alt":""},
            "photos":[{"id":9,"url":"/p.jpg","width":1,"height":1,"alt":"A mug"}],
            "variants":[{"id":5,"name":"Blue","price_minor":1250,"price_label":"12,50 €",
                "stars_price":null,"stars_label":null,"stock":4,"position":0}]}"#;
        let product: AdminProduct = serde_json::from_str(json).unwrap();
        assert_eq!(product.variants[0].price_minor, 1250);
        assert_eq!(product.photos[0].alt, "A mug");
        assert_eq!(product.photos[0].id, PhotoId(9));
    }

    #[test]
    fn a_variant_change_tells_a_removed_stars_price_from_an_untouched_one() {
        let untouched: UpdateVariant = serde_json::from_str(r#"{"name":"Blue"}"#).unwrap();
        assert_eq!(untouched.stars_price, None);
        let removed: UpdateVariant = serde_json::from_str(r#"{"stars_price":null}"#).unwrap();
        assert_eq!(removed.stars_price, Some(None));
        let set: UpdateVariant = serde_json::from_str(r#"{"stars_price":250}"#).unwrap();
        assert_eq!(set.stars_price, Some(Some(250)));
        for change in [untouched, removed, set] {
            let again = serde_json::to_string(&change).unwrap();
            assert_eq!(
                serde_json::from_str::<UpdateVariant>(&again).unwrap(),
                change,
                "{again}"
            );
        }
    }
}
