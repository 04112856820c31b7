//! The merchant's catalog: products as the back office reads them, archived ones included,
//! and what its writes share. Categories are in [`super::categories`], product writes and
//! photos in [`super::products`], variants in [`super::variants`], stock in [`super::stock`].
//!
//! What the database must decide (a slug already taken, a category still holding products)
//! comes back as a [`CatalogConflict`], decided by the statement that writes (`ON CONFLICT`, a
//! conditional `DELETE`), never by a read before it. Must not: parse the merchant's input,
//! which arrives as `crate::shop::catalog::input` types.

use crate::shop::catalog::input::{CategoryId, Description, Name, PhotoId};
use crate::shop::catalog::merchant::{ProductRecord, VariantRecord};
use crate::shop::catalog::{PhotoRef, Slug};
use crate::storage::catalog::{corrupt, dimension, kind};
use crate::storage::{Db, StorageError};
use app::catalog::{ProductId, VariantId};
use app::money::Currency;
use sqlx::any::AnyRow;
use sqlx::Row;

/// Takes the product's row lock for the rest of `tx`, so changes to one product's variants
/// and photos are made one after another on PostgreSQL too (SQLite's write transaction
/// already serialises them). False when there is no such product.
pub(in crate::storage) async fn lock_product(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    id: ProductId,
) -> Result<bool, StorageError> {
    let locked = sqlx::query("UPDATE products SET position = position WHERE id = $1")
        .bind(id.0)
        .execute(&mut **tx)
        .await?;
    Ok(locked.rows_affected() == 1)
}

/// Why the catalog as stored refused a write the merchant asked for (the HTTP layer answers
/// 404 or 409); `app::api::Refusal` is the other side of that answer, as the page reads it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CatalogConflict {
    /// No such category, product, variant or photo.
    NotFound,
    SlugTaken,
    /// The category named for a product does not exist.
    NoSuchCategory,
    CategoryNotEmpty,
    VariantNameTaken,
    /// An empty variant name beside other variants.
    UnnamedVariant,
    /// An order line names the variant.
    VariantOrdered,
    LastVariant,
    /// The adjustment would take the stock below zero; the stock as it is.
    StockNegative {
        stock: i64,
    },
}

/// A write's result: done (with what it made), or refused.
pub type Outcome<T> = Result<T, CatalogConflict>;

/// Which products a list holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Archived {
    /// On sale only.
    No,
    Only,
    /// On sale and archived.
    Both,
}

/// What to change in a category or product; `None` keeps a field as it is.
#[derive(Default)]
pub struct Change {
    /// A new kind (`products.fulfilment`).
    pub kind: Option<crate::shop::kind::ProductKind>,
    pub category_id: Option<CategoryId>,
    pub name: Option<Name>,
    pub slug: Option<Slug>,
    pub description: Option<Description>,
    pub position: Option<i64>,
}

macro_rules! product_columns {
    () => {
        "SELECT p.id, p.slug, p.category_id, p.name, p.description, p.currency, p.position,
                p.archived_at, p.fulfilment, p.photo_url, p.photo_width, p.photo_height, p.photo_alt
         FROM products p JOIN categories c ON c.id = p.category_id "
    };
}

macro_rules! variant_columns {
    () => {
        "SELECT id, product_id, name, price_minor, stars_price, stock, position FROM variants "
    };
}

macro_rules! photo_columns {
    () => {
        "SELECT id, product_id, url, width, height, alt FROM product_photos "
    };
}

const PRODUCTS: &str = concat!(
    product_columns!(),
    "WHERE (p.archived_at IS NULL AND $1 = 1) OR (p.archived_at IS NOT NULL AND $2 = 1)
     ORDER BY c.position, c.id, p.position, p.id"
);
const PRODUCT: &str = concat!(product_columns!(), "WHERE p.id = $1");

/// True when `error` is a unique constraint refusing the write.
pub(in crate::storage) fn is_unique_violation(error: &sqlx::Error) -> bool {
    error.as_database_error().is_some_and(|e| e.is_unique_violation())
}

/// True when `error` is a foreign key refusing the write.
pub(in crate::storage) fn is_foreign_key_violation(error: &sqlx::Error) -> bool {
    error
        .as_database_error()
        .is_some_and(|e| e.is_foreign_key_violation())
}

impl Db {
    /// The products `archived` selects, in catalog order, with their variants and photos.
    pub async fn admin_products(&self, archived: Archived) -> Result<Vec<ProductRecord>, StorageError> {
        let (on_sale, archived) = match archived {
            Archived::No => (1, 0),
            Archived::Only => (0, 1),
            Archived::Both => (1, 1),
        };
        let rows = sqlx::query(PRODUCTS)
            .bind(on_sale)
            .bind(archived)
            .fetch_all(self.pool())
            .await?;
        let mut products = rows.iter().map(product_from_row).collect::<Result<Vec<_>, _>>()?;
        let variants = sqlx::query(concat!(variant_columns!(), "ORDER BY product_id, position, id"))
            .fetch_all(self.pool())
            .await?;
        let photos = sqlx::query(concat!(photo_columns!(), "ORDER BY product_id, position, id"))
            .fetch_all(self.pool())
            .await?;
        place(&mut products, &variants, &photos)?;
        Ok(products)
    }

    /// Product `id`, archived or not, with its variants and photos.
    pub async fn admin_product(&self, id: ProductId) -> Result<Option<ProductRecord>, StorageError> {
        let Some(row) = sqlx::query(PRODUCT)
            .bind(id.0)
            .fetch_optional(self.pool())
            .await?
        else {
            return Ok(None);
        };
        let mut product = [product_from_row(&row)?];
        let variants = sqlx::query(concat!(
            variant_columns!(),
            "WHERE product_id = $1 ORDER BY position, id"
        ))
        .bind(id.0)
        .fetch_all(self.pool())
        .await?;
        let photos = sqlx::query(concat!(
            photo_columns!(),
            "WHERE product_id = $1 ORDER BY position, id"
        ))
        .bind(id.0)
        .fetch_all(self.pool())
        .await?;
        place(&mut product, &variants, &photos)?;
        let [product] = product;
        Ok(Some(product))
    }
}

/// Puts each variant and photo row with its product.
fn place(products: &mut [ProductRecord], variants: &[AnyRow], photos: &[AnyRow]) -> Result<(), StorageError> {
    let at: std::collections::HashMap<i64, usize> =
        products.iter().enumerate().map(|(i, p)| (p.id.0, i)).collect();
    for row in variants {
        if let Some(&i) = at.get(&row.try_get::<i64, _>("product_id")?) {
            products[i].variants.push(VariantRecord {
                id: VariantId(row.try_get("id")?),
                name: row.try_get("name")?,
                price_minor: row.try_get("price_minor")?,
                stars_price: row.try_get("stars_price")?,
                stock: row.try_get("stock")?,
                position: row.try_get("position")?,
            });
        }
    }
    for row in photos {
        if let Some(&i) = at.get(&row.try_get::<i64, _>("product_id")?) {
            let photo = PhotoRef {
                url: row.try_get("url")?,
                width: dimension(row.try_get("width")?)?,
                height: dimension(row.try_get("height")?)?,
                alt: row.try_get("alt")?,
            };
            products[i].photos.push((PhotoId(row.try_get("id")?), photo));
        }
    }
    Ok(())
}

fn product_from_row(row: &AnyRow) -> Result<ProductRecord, StorageError> {
    let currency: String = row.try_get("currency")?;
    Ok(ProductRecord {
        id: ProductId(row.try_get("id")?),
        slug: row.try_get("slug")?,
        category_id: CategoryId(row.try_get("category_id")?),
        name: row.try_get("name")?,
        description: row.try_get("description")?,
        currency: Currency::parse(&currency).map_err(|e| corrupt("currency", e))?,
        position: row.try_get("position")?,
        archived: row.try_get::<Option<i64>, _>("archived_at")?.is_some(),
        kind: kind(row)?,
        photo: crate::storage::catalog::main_photo(row)?,
        photos: Vec::new(),
        variants: Vec::new(),
    })
}
