//! Stock changed by hand, kept as history: one conditional `UPDATE … WHERE stock + delta >= 0`
//! (so two adjustments at once cannot take it below zero, and nothing is read first) and its
//! movement row, in one transaction; the history is those rows.

use crate::shop::catalog::input::StockAdjustment;
use crate::shop::catalog::merchant::StockMovement;
use crate::storage::catalog::merchant::{CatalogConflict, Outcome};
use crate::storage::{Db, StorageError};
use app::catalog::VariantId;
use app::identity::UserId;
use sqlx::{Any, Row, Transaction};

/// The most movements a history shows, newest first.
const HISTORY: i64 = 500;

/// Records a movement of `delta` units leaving `stock_after`.
pub(in crate::storage) async fn record_movement(
    tx: &mut Transaction<'static, Any>,
    variant: VariantId,
    delta: i64,
    stock_after: i64,
    reason: &str,
    admin_id: UserId,
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
    .bind(admin_id.0)
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

impl Db {
    /// Adjusts variant `id`'s stock by `adjustment` and records it, all or nothing; refused
    /// when the stock would go below zero.
    #[tracing::instrument(skip_all, fields(variant_id = id.0, admin_id = %admin_id))]
    pub async fn adjust_stock(
        &self,
        id: VariantId,
        adjustment: &StockAdjustment,
        admin_id: UserId,
        now: i64,
    ) -> Result<Outcome<StockMovement>, StorageError> {
        let mut tx = self.write_tx().await?;
        let after: Option<(i64,)> = sqlx::query_as(
            "UPDATE variants SET stock = stock + $1 WHERE id = $2 AND stock + $1 >= 0 RETURNING stock",
        )
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
                Some((stock,)) => CatalogConflict::StockNegative { stock },
                None => CatalogConflict::NotFound,
            }));
        };
        let movement = record_movement(
            &mut tx,
            id,
            adjustment.delta,
            after,
            &adjustment.reason,
            admin_id,
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(Ok(movement))
    }

    /// Variant `id`'s stock and its movements, newest first (at most 500).
    pub async fn stock_history(
        &self,
        id: VariantId,
    ) -> Result<Option<(i64, Vec<StockMovement>)>, StorageError> {
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
                    admin_id: UserId(row.try_get("admin_id")?),
                    created_at: row.try_get("created_at")?,
                })
            })
            .collect::<Result<_, StorageError>>()?;
        Ok(Some((stock, movements)))
    }
}
