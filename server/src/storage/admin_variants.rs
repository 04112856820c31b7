//! The merchant's variants and their stock. Stock changes by hand only through an adjustment:
//! one conditional `UPDATE … WHERE stock + delta >= 0` (so two adjustments at once cannot take
//! it below zero) and its movement row, in one transaction; the history is those rows.

use super::admin_catalog::{is_foreign_key_violation, is_unique_violation, lock_product, Outcome, Refusal};
use super::{Db, StorageError};
use crate::shop::catalog_input::{StockAdjustment, VariantName, INITIAL_STOCK};
use app::catalog::{ProductId, VariantId};
use app::money::Money;
use serde::Serialize;
use sqlx::{Any, Row, Transaction};

/// A variant to create.
pub struct NewVariant {
    pub name: VariantName,
    pub price: Money,
    /// Recorded as an "initial stock" movement when above zero.
    pub stock: i64,
}

/// What to change in a variant; `None` keeps a field as it is. Stock is not among them.
#[derive(Default)]
pub struct VariantChange {
    pub name: Option<VariantName>,
    pub price: Option<Money>,
    pub position: Option<i64>,
}

/// One change to a variant's stock made by an admin.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct StockMovement {
    pub id: i64,
    pub delta: i64,
    pub stock_after: i64,
    pub reason: String,
    /// The admin's Telegram user id.
    pub admin_id: i64,
    /// Unix ms, UTC.
    pub created_at: i64,
}

/// The most movements a history shows, newest first.
const HISTORY: i64 = 500;

/// Inserts a variant at `position` with its initial-stock movement; `None` when the product
/// already has a variant of that name.
pub(super) async fn insert_variant(
    tx: &mut Transaction<'static, Any>,
    product: ProductId,
    variant: &NewVariant,
    position: i64,
    admin_id: i64,
    now: i64,
) -> Result<Option<VariantId>, StorageError> {
    let id: Option<(i64,)> = sqlx::query_as(
        "INSERT INTO variants (product_id, name, price_minor, stock, position) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (product_id, name) DO NOTHING RETURNING id",
    )
    .bind(product.0)
    .bind(variant.name.as_str())
    .bind(variant.price.minor)
    .bind(variant.stock)
    .bind(position)
    .fetch_optional(&mut **tx)
    .await?;
    let Some((id,)) = id else { return Ok(None) };
    if variant.stock > 0 {
        record_movement(tx, VariantId(id), variant.stock, variant.stock, INITIAL_STOCK, admin_id, now).await?;
    }
    Ok(Some(VariantId(id)))
}

async fn record_movement(
    tx: &mut Transaction<'static, Any>,
    variant: VariantId,
    delta: i64,
    stock_after: i64,
    reason: &str,
    admin_id: i64,
    now: i64,
) -> Result<StockMovement, StorageError> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO stock_movements (variant_id, delta, stock_after, reason, admin_id, created_at)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(variant.0)
    .bind(delta)
    .bind(stock_after)
    .bind(reason)
    .bind(admin_id)
    .bind(now)
    .fetch_one(&mut **tx)
    .await?;
    Ok(StockMovement {
        id,
        delta,
        stock_after,
        reason: reason.to_owned(),
        admin_id,
        created_at: now,
    })
}

/// The product variant `id` belongs to, locked for the rest of `tx`.
async fn locked_owner(tx: &mut Transaction<'static, Any>, id: VariantId) -> Result<Option<ProductId>, StorageError> {
    let owner: Option<(i64,)> = sqlx::query_as("SELECT product_id FROM variants WHERE id = $1")
        .bind(id.0)
        .fetch_optional(&mut **tx)
        .await?;
    let Some((product,)) = owner else { return Ok(None) };
    Ok(lock_product(tx, ProductId(product)).await?.then_some(ProductId(product)))
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
        admin_id: i64,
        now: i64,
    ) -> Result<Outcome<VariantId>, StorageError> {
        let mut tx = self.write_tx().await?;
        if !lock_product(&mut tx, id).await? {
            return Ok(Err(Refusal::NotFound));
        }
        let names = names(&mut tx, id).await?;
        if variant.name.is_empty() || names.iter().any(String::is_empty) {
            return Ok(Err(Refusal::UnnamedVariant));
        }
        let (position,): (i64,) =
            sqlx::query_as("SELECT COALESCE(MAX(position), -1) + 1 FROM variants WHERE product_id = $1")
                .bind(id.0)
                .fetch_one(&mut *tx)
                .await?;
        let Some(variant) = insert_variant(&mut tx, id, variant, position, admin_id, now).await? else {
            return Ok(Err(Refusal::VariantNameTaken));
        };
        tx.commit().await?;
        Ok(Ok(variant))
    }

    /// Changes a variant's name, price or position; returns its product.
    pub async fn update_variant(&self, id: VariantId, change: &VariantChange) -> Result<Outcome<ProductId>, StorageError> {
        let mut tx = self.write_tx().await?;
        let Some(product) = locked_owner(&mut tx, id).await? else {
            return Ok(Err(Refusal::NotFound));
        };
        if change.name.as_ref().is_some_and(VariantName::is_empty) && names(&mut tx, product).await?.len() > 1 {
            return Ok(Err(Refusal::UnnamedVariant));
        }
        let updated = sqlx::query(
            "UPDATE variants SET name = COALESCE($1, name), price_minor = COALESCE($2, price_minor),
                                 position = COALESCE($3, position)
             WHERE id = $4",
        )
        .bind(change.name.as_ref().map(|n| n.as_str().to_owned()))
        .bind(change.price.map(|p| p.minor))
        .bind(change.position)
        .bind(id.0)
        .execute(&mut *tx)
        .await;
        match updated {
            Ok(_) => {
                tx.commit().await?;
                Ok(Ok(product))
            }
            Err(e) if is_unique_violation(&e) => Ok(Err(Refusal::VariantNameTaken)),
            Err(e) => Err(e.into()),
        }
    }

    /// Deletes a variant no order line names, unless it is its product's last; returns its
    /// product.
    pub async fn delete_variant(&self, id: VariantId) -> Result<Outcome<ProductId>, StorageError> {
        let mut tx = self.write_tx().await?;
        let Some(product) = locked_owner(&mut tx, id).await? else {
            return Ok(Err(Refusal::NotFound));
        };
        let ordered: Option<(i64,)> = sqlx::query_as("SELECT order_id FROM order_lines WHERE variant_id = $1 LIMIT 1")
            .bind(id.0)
            .fetch_optional(&mut *tx)
            .await?;
        if ordered.is_some() {
            return Ok(Err(Refusal::VariantOrdered));
        }
        if names(&mut tx, product).await?.len() <= 1 {
            return Ok(Err(Refusal::LastVariant));
        }
        let deleted = sqlx::query("DELETE FROM variants WHERE id = $1").bind(id.0).execute(&mut *tx).await;
        match deleted {
            Ok(_) => {
                tx.commit().await?;
                Ok(Ok(product))
            }
            // An order for it made in the meantime.
            Err(e) if is_foreign_key_violation(&e) => Ok(Err(Refusal::VariantOrdered)),
            Err(e) => Err(e.into()),
        }
    }

    /// Adjusts variant `id`'s stock by `adjustment` and records it, all or nothing; refused
    /// when the stock would go below zero.
    #[tracing::instrument(skip_all, fields(variant_id = id.0, admin_id = admin_id))]
    pub async fn adjust_stock(
        &self,
        id: VariantId,
        adjustment: &StockAdjustment,
        admin_id: i64,
        now: i64,
    ) -> Result<Outcome<StockMovement>, StorageError> {
        let mut tx = self.write_tx().await?;
        let after: Option<(i64,)> =
            sqlx::query_as("UPDATE variants SET stock = stock + $1 WHERE id = $2 AND stock + $1 >= 0 RETURNING stock")
                .bind(adjustment.delta)
                .bind(id.0)
                .fetch_optional(&mut *tx)
                .await?;
        let Some((after,)) = after else {
            let stock: Option<(i64,)> = sqlx::query_as("SELECT stock FROM variants WHERE id = $1")
                .bind(id.0)
                .fetch_optional(&mut *tx)
                .await?;
            return Ok(Err(match stock {
                Some((stock,)) => Refusal::StockNegative { stock },
                None => Refusal::NotFound,
            }));
        };
        let movement = record_movement(&mut tx, id, adjustment.delta, after, &adjustment.reason, admin_id, now).await?;
        tx.commit().await?;
        Ok(Ok(movement))
    }

    /// Variant `id`'s stock and its movements, newest first (at most 500).
    pub async fn stock_history(&self, id: VariantId) -> Result<Option<(i64, Vec<StockMovement>)>, StorageError> {
        let stock: Option<(i64,)> = sqlx::query_as("SELECT stock FROM variants WHERE id = $1")
            .bind(id.0)
            .fetch_optional(self.pool())
            .await?;
        let Some((stock,)) = stock else { return Ok(None) };
        let rows = sqlx::query(
            "SELECT id, delta, stock_after, reason, admin_id, created_at FROM stock_movements
             WHERE variant_id = $1 ORDER BY id DESC LIMIT $2",
        )
        .bind(id.0)
        .bind(HISTORY)
        .fetch_all(self.pool())
        .await?;
        let movements = rows
            .iter()
            .map(|row| {
                Ok(StockMovement {
                    id: row.try_get("id")?,
                    delta: row.try_get("delta")?,
                    stock_after: row.try_get("stock_after")?,
                    reason: row.try_get("reason")?,
                    admin_id: row.try_get("admin_id")?,
                    created_at: row.try_get("created_at")?,
                })
            })
            .collect::<Result<_, StorageError>>()?;
        Ok(Some((stock, movements)))
    }
}
