//! The merchant's variants: added (with their initial stock recorded as a movement), renamed,
//! repriced, moved and deleted while no order names them. Stock adjustments are
//! [`super::stock`]'s.

use crate::shop::catalog::input::{VariantName, INITIAL_STOCK};
use crate::storage::catalog::merchant::{
    is_foreign_key_violation, is_unique_violation, lock_product, CatalogConflict, Outcome,
};
use crate::storage::catalog::stock::record_movement;
use crate::storage::{Db, StorageError};
use app::catalog::{ProductId, VariantId};
use app::identity::UserId;
use app::money::Money;
use sqlx::{Any, Transaction};

/// A variant to create.
pub struct NewVariant {
    pub name: VariantName,
    pub price: Money,
    /// Its price in Stars, for a variant of a fiat product that also takes Stars.
    pub stars_price: Option<Money>,
    /// Recorded as an "initial stock" movement when above zero.
    pub stock: i64,
}

/// What to change in a variant; `None` keeps a field as it is. Stock is not among them.
#[derive(Default)]
pub struct VariantChange {
    pub name: Option<VariantName>,
    pub price: Option<Money>,
    /// `Some(None)` removes the Stars price, `Some(Some(_))` sets it.
    pub stars_price: Option<Option<Money>>,
    pub position: Option<i64>,
}

/// Inserts a variant at `position` with its initial-stock movement; `None` when the product
/// already has a variant of that name.
pub(in crate::storage) async fn insert_variant(
    tx: &mut Transaction<'static, Any>,
    product: ProductId,
    variant: &NewVariant,
    position: i64,
    admin_id: UserId,
    now: i64,
) -> Result<Option<VariantId>, StorageError> {
    let id: Option<(i64,)> = sqlx::query_as(
        "INSERT INTO variants (product_id, name, price_minor, stock, position, stars_price)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (product_id, name) DO NOTHING RETURNING id",
    )
    .bind(product.0)
    .bind(variant.name.as_str())
    .bind(variant.price.minor)
    .bind(variant.stock)
    .bind(position)
    .bind(variant.stars_price.map(|stars| stars.minor))
    .fetch_optional(&mut **tx)
    .await?;
    let Some((id,)) = id else { return Ok(None) };
    if variant.stock > 0 {
        record_movement(
            tx,
            VariantId(id),
            variant.stock,
            variant.stock,
            INITIAL_STOCK,
            admin_id,
            now,
        )
        .await?;
    }
    Ok(Some(VariantId(id)))
}

/// The product variant `id` belongs to, locked for the rest of `tx`.
async fn locked_owner(
    tx: &mut Transaction<'static, Any>,
    id: VariantId,
) -> Result<Option<ProductId>, StorageError> {
    let owner: Option<(i64,)> = sqlx::query_as("SELECT product_id FROM variants WHERE id = $1")
        .bind(id.0)
        .fetch_optional(&mut **tx)
        .await?;
    let Some((product,)) = owner else { return Ok(None) };
    Ok(lock_product(tx, ProductId(product))
        .await?
        .then_some(ProductId(product)))
}

/// The names of a product's variants.
async fn names(tx: &mut Transaction<'static, Any>, product: ProductId) -> Result<Vec<String>, StorageError> {
    let rows: Vec<(String,)> = sqlx::query_as("SELECT name FROM variants WHERE product_id = $1")
        .bind(product.0)
        .fetch_all(&mut **tx)
        .await?;
    Ok(rows.into_iter().map(|(name,)| name).collect())
}

impl Db {
    /// The product variant `id` belongs to.
    pub async fn variant_owner(&self, id: VariantId) -> Result<Option<ProductId>, StorageError> {
        let owner: Option<(i64,)> = sqlx::query_as("SELECT product_id FROM variants WHERE id = $1")
            .bind(id.0)
            .fetch_optional(self.pool())
            .await?;
        Ok(owner.map(|(id,)| ProductId(id)))
    }

    /// Adds a variant at the end of product `id`'s; every variant of a product with several
    /// is named.
    pub async fn add_variant(
        &self,
        id: ProductId,
        variant: &NewVariant,
        admin_id: UserId,
        now: i64,
    ) -> Result<Outcome<VariantId>, StorageError> {
        let mut tx = self.write_tx().await?;
        if !lock_product(&mut tx, id).await? {
            return Ok(Err(CatalogConflict::NotFound));
        }
        let names = names(&mut tx, id).await?;
        if variant.name.is_empty() || names.iter().any(String::is_empty) {
            return Ok(Err(CatalogConflict::UnnamedVariant));
        }
        let (position,): (i64,) =
            sqlx::query_as("SELECT COALESCE(MAX(position), -1) + 1 FROM variants WHERE product_id = $1")
                .bind(id.0)
                .fetch_one(&mut *tx)
                .await?;
        let Some(variant) = insert_variant(&mut tx, id, variant, position, admin_id, now).await? else {
            return Ok(Err(CatalogConflict::VariantNameTaken));
        };
        tx.commit().await?;
        Ok(Ok(variant))
    }

    /// Changes a variant's name, price, Stars price or position; returns its product.
    pub async fn update_variant(
        &self,
        id: VariantId,
        change: &VariantChange,
    ) -> Result<Outcome<ProductId>, StorageError> {
        let mut tx = self.write_tx().await?;
        let Some(product) = locked_owner(&mut tx, id).await? else {
            return Ok(Err(CatalogConflict::NotFound));
        };
        if change.name.as_ref().is_some_and(VariantName::is_empty) && names(&mut tx, product).await?.len() > 1
        {
            return Ok(Err(CatalogConflict::UnnamedVariant));
        }
        let updated = sqlx::query(
            "UPDATE variants SET name = COALESCE($1, name), price_minor = COALESCE($2, price_minor),
                                 position = COALESCE($3, position),
                                 stars_price = CASE WHEN $4 = 1 THEN $5 ELSE stars_price END
             WHERE id = $6",
        )
        .bind(change.name.as_ref().map(|n| n.as_str().to_owned()))
        .bind(change.price.map(|p| p.minor))
        .bind(change.position)
        .bind(i64::from(change.stars_price.is_some()))
        .bind(change.stars_price.flatten().map(|stars| stars.minor))
        .bind(id.0)
        .execute(&mut *tx)
        .await;
        match updated {
            Ok(_) => {
                tx.commit().await?;
                Ok(Ok(product))
            }
            Err(e) if is_unique_violation(&e) => Ok(Err(CatalogConflict::VariantNameTaken)),
            Err(e) => Err(e.into()),
        }
    }

    /// Deletes a variant no order line names, unless it is its product's last; returns its
    /// product.
    pub async fn delete_variant(&self, id: VariantId) -> Result<Outcome<ProductId>, StorageError> {
        let mut tx = self.write_tx().await?;
        let Some(product) = locked_owner(&mut tx, id).await? else {
            return Ok(Err(CatalogConflict::NotFound));
        };
        let ordered: Option<(i64,)> =
            sqlx::query_as("SELECT order_id FROM order_lines WHERE variant_id = $1 LIMIT 1")
                .bind(id.0)
                .fetch_optional(&mut *tx)
                .await?;
        if ordered.is_some() {
            return Ok(Err(CatalogConflict::VariantOrdered));
        }
        if names(&mut tx, product).await?.len() <= 1 {
            return Ok(Err(CatalogConflict::LastVariant));
        }
        let deleted = sqlx::query("DELETE FROM variants WHERE id = $1")
            .bind(id.0)
            .execute(&mut *tx)
            .await;
        match deleted {
            Ok(_) => {
                tx.commit().await?;
                Ok(Ok(product))
            }
            // An order for it made in the meantime.
            Err(e) if is_foreign_key_violation(&e) => Ok(Err(CatalogConflict::VariantOrdered)),
            Err(e) => Err(e.into()),
        }
    }
}
