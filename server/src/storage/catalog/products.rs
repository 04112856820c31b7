//! The merchant's product writes: a new product (placeholder photo, its variants and their
//! initial stock in one transaction), edits, archiving, and photos.

use crate::shop::catalog::input::{CategoryId, Description, Name, PhotoId};
use crate::shop::catalog::photo::PLACEHOLDER;
use crate::shop::catalog::{PhotoRef, Slug};
use crate::shop::kind::ProductKind;
use crate::storage::catalog::merchant::{
    is_unique_violation, lock_product, CatalogConflict, Change, Outcome,
};
use crate::storage::catalog::variants::{insert_variant, NewVariant};
use crate::storage::{Db, StorageError};
use app::catalog::ProductId;
use app::identity::UserId;
use app::money::Currency;

/// A product to create; it shows the placeholder photo until one is uploaded.
pub struct NewProduct {
    pub category_id: CategoryId,
    pub name: Name,
    pub slug: Slug,
    pub description: Description,
    pub currency: Currency,
    pub kind: ProductKind,
    /// The chat a subscription grants (`crate::shop::subscriptions::Plan`); none for other kinds.
    pub grants_chat_id: Option<i64>,
    /// At least one, checked by `catalog_input::check_variant_names`.
    pub variants: Vec<NewVariant>,
}

async fn category_exists(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    id: CategoryId,
) -> Result<bool, StorageError> {
    let found: Option<(i64,)> = sqlx::query_as("SELECT id FROM categories WHERE id = $1")
        .bind(id.0)
        .fetch_optional(&mut **tx)
        .await?;
    Ok(found.is_some())
}

impl Db {
    /// Creates a product, last in its category, with its variants in the order given; each
    /// variant's stock is recorded as an "initial stock" movement by `admin_id`.
    #[tracing::instrument(skip_all, fields(admin_id = %admin_id))]
    pub async fn create_product(
        &self,
        new: &NewProduct,
        admin_id: UserId,
        now: i64,
    ) -> Result<Outcome<ProductId>, StorageError> {
        let mut tx = self.write_tx().await?;
        let id = match insert_product(&mut tx, new, admin_id, now).await? {
            Ok(id) => id,
            Err(conflict) => return Ok(Err(conflict)),
        };
        tx.commit().await?;
        Ok(Ok(id))
    }
}

/// Inserts a product and its variants inside `tx` (see [`Db::create_product`]).
pub(in crate::storage) async fn insert_product(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    new: &NewProduct,
    admin_id: UserId,
    now: i64,
) -> Result<Outcome<ProductId>, StorageError> {
    if !category_exists(tx, new.category_id).await? {
        return Ok(Err(CatalogConflict::NoSuchCategory));
    }
    let (url, width, height) = PLACEHOLDER;
    let id: Option<(i64,)> = sqlx::query_as(
        "INSERT INTO products (category_id, slug, name, description, currency, photo_url,
                               photo_width, photo_height, position, created_at, fulfilment)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8,
                 (SELECT COALESCE(MAX(position), -1) + 1 FROM products WHERE category_id = $1), $9, $10)
         ON CONFLICT (slug) DO NOTHING RETURNING id",
    )
    .bind(new.category_id.0)
    .bind(new.slug.as_str())
    .bind(new.name.as_str())
    .bind(new.description.as_str())
    .bind(new.currency.as_str())
    .bind(url)
    .bind(i64::from(width))
    .bind(i64::from(height))
    .bind(now)
    .bind(new.kind.as_str())
    .fetch_optional(&mut **tx)
    .await?;
    let Some((id,)) = id else {
        return Ok(Err(CatalogConflict::SlugTaken));
    };
    if let Some(chat_id) = new.grants_chat_id {
        crate::storage::subscriptions::insert_plan(tx, id, chat_id).await?;
    }
    for (position, variant) in new.variants.iter().enumerate() {
        let inserted = insert_variant(tx, ProductId(id), variant, position as i64, admin_id, now).await?;
        if inserted.is_none() {
            return Ok(Err(CatalogConflict::VariantNameTaken));
        }
    }
    Ok(Ok(ProductId(id)))
}

impl Db {
    /// Changes a product's category, name, slug, description or position.
    pub async fn update_product(&self, id: ProductId, change: &Change) -> Result<Outcome<()>, StorageError> {
        let mut tx = self.write_tx().await?;
        if let Some(category) = change.category_id {
            if !category_exists(&mut tx, category).await? {
                return Ok(Err(CatalogConflict::NoSuchCategory));
            }
        }
        let updated = sqlx::query(
            "UPDATE products SET category_id = COALESCE($1, category_id), name = COALESCE($2, name),
                    slug = COALESCE($3, slug), description = COALESCE($4, description),
                    position = COALESCE($5, position), fulfilment = COALESCE($6, fulfilment)
             WHERE id = $7",
        )
        .bind(change.category_id.map(|c| c.0))
        .bind(change.name.as_ref().map(|n| n.as_str().to_owned()))
        .bind(change.slug.as_ref().map(|s| s.as_str().to_owned()))
        .bind(change.description.as_ref().map(|d| d.as_str().to_owned()))
        .bind(change.position)
        .bind(change.kind.map(|kind| kind.as_str()))
        .bind(id.0)
        .execute(&mut *tx)
        .await;
        match updated {
            Ok(done) if done.rows_affected() == 1 => {
                tx.commit().await?;
                Ok(Ok(()))
            }
            Ok(_) => Ok(Err(CatalogConflict::NotFound)),
            Err(e) if is_unique_violation(&e) => Ok(Err(CatalogConflict::SlugTaken)),
            Err(e) => Err(e.into()),
        }
    }

    /// Archives product `id` (`Some(now)`; kept if already archived) or puts it back on sale
    /// (`None`). False when there is no such product.
    pub async fn set_archived(&self, id: ProductId, archived: Option<i64>) -> Result<bool, StorageError> {
        let updated = sqlx::query(
            "UPDATE products SET archived_at = CASE WHEN $1 IS NULL THEN NULL ELSE COALESCE(archived_at, $1) END
             WHERE id = $2",
        )
        .bind(archived)
        .bind(id.0)
        .execute(self.pool())
        .await?;
        Ok(updated.rows_affected() == 1)
    }

    /// Makes `photo` the product's main photo (the one before it stays on disk: its URL may
    /// be cached anywhere). False when there is no such product.
    pub async fn set_main_photo(&self, id: ProductId, photo: &PhotoRef) -> Result<bool, StorageError> {
        let updated = sqlx::query(
            "UPDATE products SET photo_url = $1, photo_width = $2, photo_height = $3, photo_alt = $4
             WHERE id = $5",
        )
        .bind(&photo.url)
        .bind(i64::from(photo.width))
        .bind(i64::from(photo.height))
        .bind(&photo.alt)
        .bind(id.0)
        .execute(self.pool())
        .await?;
        Ok(updated.rows_affected() == 1)
    }

    /// Adds `photo` at the end of the product's gallery; `None` when there is no such product.
    pub async fn add_gallery_photo(
        &self,
        id: ProductId,
        photo: &PhotoRef,
    ) -> Result<Option<PhotoId>, StorageError> {
        let mut tx = self.write_tx().await?;
        if !lock_product(&mut tx, id).await? {
            return Ok(None);
        }
        let (photo_id,): (i64,) = sqlx::query_as(
            "INSERT INTO product_photos (product_id, position, url, width, height, alt)
             VALUES ($1, (SELECT COALESCE(MAX(position), -1) + 1 FROM product_photos WHERE product_id = $1),
                     $2, $3, $4, $5)
             RETURNING id",
        )
        .bind(id.0)
        .bind(&photo.url)
        .bind(i64::from(photo.width))
        .bind(i64::from(photo.height))
        .bind(&photo.alt)
        .fetch_one(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(Some(PhotoId(photo_id)))
    }

    /// Removes gallery photo `photo` of product `id`; false when the product has no such photo.
    pub async fn delete_gallery_photo(&self, id: ProductId, photo: PhotoId) -> Result<bool, StorageError> {
        let deleted = sqlx::query("DELETE FROM product_photos WHERE id = $1 AND product_id = $2")
            .bind(photo.0)
            .bind(id.0)
            .execute(self.pool())
            .await?;
        Ok(deleted.rows_affected() == 1)
    }
}
