//! The catalog as stored. This module reads what shoppers see — categories, products, their
//! variants and gallery photos, in display order; its children hold the merchant's side:
//! [`merchant`] (products as the back office reads them), [`categories`], [`products`],
//! [`variants`], [`stock`] (adjustments kept as history) and [`texts`] (the merchant's texts in the
//! shoppers' languages).

pub mod categories;
pub mod merchant;
pub mod products;
pub mod stock;
pub mod texts;
pub mod variants;
pub mod version;

use crate::shop::catalog::{Category, PhotoRef, Product, Slug, Variant};
use crate::shop::kind::ProductKind;
use crate::storage::{Db, StorageError};
use app::catalog::{ProductId, VariantId};
use app::money::{Currency, Money};
use sqlx::any::AnyRow;
use sqlx::Row;
use std::collections::HashMap;

impl Db {
    /// Every category and every product on sale (not archived) with its variants and further
    /// photos, each in display order. A product without variants (none in a database this
    /// shop wrote) is left out: nothing can be bought.
    #[tracing::instrument(skip_all)]
    pub async fn catalog(&self) -> Result<(Vec<Category>, Vec<Product>), StorageError> {
        let categories = sqlx::query("SELECT slug, name FROM categories ORDER BY position, id")
            .fetch_all(self.pool())
            .await?
            .iter()
            .map(category_from_row)
            .collect::<Result<_, _>>()?;
        let mut products = sqlx::query(
            "SELECT p.id, c.slug AS category, p.slug, p.name, p.description, p.currency,
                    p.photo_url, p.photo_width, p.photo_height, p.photo_alt, p.fulfilment
             FROM products p JOIN categories c ON c.id = p.category_id
             WHERE p.archived_at IS NULL
             ORDER BY c.position, c.id, p.position, p.id",
        )
        .fetch_all(self.pool())
        .await?
        .iter()
        .map(product_from_row)
        .collect::<Result<Vec<Product>, _>>()?;
        // Variants and photos each in one query, every row placed through an index by product
        // id: this runs on every page render and checkout, so not a scan of the products per row.
        let at: HashMap<ProductId, usize> = products.iter().enumerate().map(|(i, p)| (p.id, i)).collect();
        self.place_variants(&mut products, &at).await?;
        self.place_photos(&mut products, &at).await?;
        products.retain(|p| !p.variants.is_empty());
        Ok((categories, products))
    }

    /// Each product's variants, the options a shopper picks from.
    async fn place_variants(
        &self,
        products: &mut [Product],
        at: &HashMap<ProductId, usize>,
    ) -> Result<(), StorageError> {
        let variants = sqlx::query(
            "SELECT id, product_id, name, price_minor, stock, stars_price FROM variants ORDER BY product_id, position, id",
        )
        .fetch_all(self.pool())
        .await?;
        for row in &variants {
            let Some(&index) = at.get(&ProductId(row.try_get("product_id")?)) else {
                continue;
            };
            let product = &mut products[index];
            product.variants.push(Variant {
                id: VariantId(row.try_get("id")?),
                name: row.try_get("name")?,
                price: Money::new(row.try_get("price_minor")?, product.currency),
                stock: row.try_get("stock")?,
                stars_price: row
                    .try_get::<Option<i64>, _>("stars_price")?
                    .map(|stars| Money::new(stars, Currency::STARS)),
            });
        }
        Ok(())
    }

    /// The photos after each product's main one, for its page's gallery.
    async fn place_photos(
        &self,
        products: &mut [Product],
        at: &HashMap<ProductId, usize>,
    ) -> Result<(), StorageError> {
        let photos = sqlx::query(
            "SELECT product_id, url, width, height, alt FROM product_photos ORDER BY product_id, position, id",
        )
        .fetch_all(self.pool())
        .await?;
        for row in &photos {
            let Some(&index) = at.get(&ProductId(row.try_get("product_id")?)) else {
                continue;
            };
            products[index].photos.push(PhotoRef {
                url: row.try_get("url")?,
                width: dimension(row.try_get("width")?)?,
                height: dimension(row.try_get("height")?)?,
                alt: row.try_get("alt")?,
            });
        }
        Ok(())
    }
}

fn category_from_row(row: &AnyRow) -> Result<Category, StorageError> {
    Ok(Category {
        slug: slug(row.try_get("slug")?)?,
        name: row.try_get("name")?,
    })
}

fn product_from_row(row: &AnyRow) -> Result<Product, StorageError> {
    let currency: String = row.try_get("currency")?;
    let currency = Currency::parse(&currency).map_err(|e| corrupt("currency", e))?;
    Ok(Product {
        id: ProductId(row.try_get("id")?),
        category: slug(row.try_get("category")?)?,
        slug: slug(row.try_get("slug")?)?,
        name: row.try_get("name")?,
        description: row.try_get("description")?,
        currency,
        variants: Vec::new(),
        photo: main_photo(row)?,
        photos: Vec::new(),
        kind: kind(row)?,
    })
}

/// A product row's kind (`fulfilment`): the domain's parse is the only guard, the column has
/// no CHECK, so a name no kind answers to is reported as corrupt.
pub(super) fn kind(row: &AnyRow) -> Result<ProductKind, StorageError> {
    let name: String = row.try_get("fulfilment")?;
    ProductKind::parse(&name).ok_or_else(|| corrupt("fulfilment", name))
}

fn slug(text: String) -> Result<Slug, StorageError> {
    Slug::parse(&text).map_err(|e| corrupt("slug", e))
}

pub(in crate::storage) fn dimension(pixels: i64) -> Result<u32, StorageError> {
    u32::try_from(pixels).map_err(|e| corrupt("photo size", e))
}

pub(in crate::storage) fn corrupt(what: &'static str, detail: impl ToString) -> StorageError {
    StorageError::Corrupt {
        what,
        detail: detail.to_string(),
    }
}

/// A product row's main photo (`photo_url`, `photo_width`, `photo_height`, `photo_alt`).
pub(in crate::storage) fn main_photo(row: &sqlx::any::AnyRow) -> Result<PhotoRef, StorageError> {
    Ok(PhotoRef {
        url: row.try_get("photo_url")?,
        width: dimension(row.try_get("photo_width")?)?,
        height: dimension(row.try_get("photo_height")?)?,
        alt: row.try_get("photo_alt")?,
    })
}
