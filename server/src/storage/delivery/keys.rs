//! Licence-key pools: keys added by the merchant (each once per pool; the new ones added to
//! the variant's stock, which is the pool's free keys), given to a paid order's lines in the
//! payment's transaction ([`UpdateTx::give_keys`]) — on PostgreSQL skipping rows another
//! payment is giving (`FOR UPDATE SKIP LOCKED`), and never a key already given: the `UPDATE`
//! claims only rows whose `order_id` is still NULL — and marked refunded with their order.

use crate::shop::delivery::{crosses_low_stock, DeliveredItem};
use crate::storage::catalog::stock::record_movement;
use crate::storage::orders::skip_locked;
use crate::storage::telegram::updates::UpdateTx;
use crate::storage::{Db, StorageError};
use app::catalog::VariantId;
use app::identity::UserId;
use app::orders::OrderId;
use sqlx::Row;

/// What an upload of keys did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KeysUpload {
    /// Keys new to the pool (and to the variant's stock).
    pub added: i64,
    /// Keys the pool held already.
    pub duplicates: i64,
}

/// A key pool that fell to its warning level when keys were given.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LowPool {
    pub variant_id: VariantId,
    /// The line's name, e.g. `Photo Presets (Licence)`.
    pub name: String,
    pub free_keys: i64,
}

impl Db {
    /// Adds `keys` (distinct, parsed) to variant `variant`'s pool, makes it a key delivery,
    /// and adds the new ones to its stock with a movement, all in one transaction.
    #[tracing::instrument(skip_all, fields(variant_id = variant.0, admin_id = %admin))]
    pub async fn add_licence_keys(
        &self,
        variant: VariantId,
        keys: &[String],
        admin: UserId,
        now: i64,
    ) -> Result<KeysUpload, StorageError> {
        let mut tx = self.write_tx().await?;
        super::upsert(&mut tx, variant, &crate::shop::delivery::Delivery::Keys, now).await?;
        let mut added = 0;
        for key in keys {
            added += sqlx::query(
                "INSERT INTO licence_keys (variant_id, code, added_at) VALUES ($1, $2, $3)
                 ON CONFLICT (variant_id, code) DO NOTHING",
            )
            .bind(variant.0)
            .bind(key)
            .bind(now)
            .execute(&mut *tx)
            .await?
            .rows_affected() as i64;
        }
        if added > 0 {
            let (after,): (i64,) =
                sqlx::query_as("UPDATE variants SET stock = stock + $1 WHERE id = $2 RETURNING stock")
                    .bind(added)
                    .bind(variant.0)
                    .fetch_one(&mut *tx)
                    .await?;
            record_movement(&mut tx, variant, added, after, "licence keys added", admin, now).await?;
        }
        // Warned again once the pool falls to its level again.
        sqlx::query(
            "UPDATE variant_deliveries SET low_stock_warned = 0 WHERE variant_id = $1
             AND low_stock_at < (SELECT COUNT(*) FROM licence_keys WHERE variant_id = $1 AND order_id IS NULL)",
        )
        .bind(variant.0)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(KeysUpload {
            added,
            duplicates: keys.len() as i64 - added,
        })
    }
}

impl UpdateTx {
    /// Gives paid order `order` a key per unit of each of its lines delivered from a key pool
    /// (those it holds already count), in the payment's transaction. Returns the pools that
    /// fell to their warning level now, each once per crossing.
    #[tracing::instrument(skip_all, fields(order_id = %order))]
    pub async fn give_keys(&mut self, order: OrderId, now: i64) -> Result<Vec<LowPool>, StorageError> {
        let skip = skip_locked(self.backend());
        let conn = self.connection();
        let lines = sqlx::query(
            "SELECT l.variant_id, l.name, l.quantity, d.low_stock_at, d.low_stock_warned
             FROM order_lines l JOIN variant_deliveries d ON d.variant_id = l.variant_id
             WHERE l.order_id = $1 AND d.kind = 'keys' ORDER BY l.variant_id",
        )
        .bind(order.0)
        .fetch_all(&mut *conn)
        .await?;
        let mut low = Vec::new();
        for line in &lines {
            let variant: i64 = line.try_get("variant_id")?;
            let quantity: i64 = line.try_get("quantity")?;
            let (held,): (i64,) =
                sqlx::query_as("SELECT COUNT(*) FROM licence_keys WHERE variant_id = $1 AND order_id = $2")
                    .bind(variant)
                    .bind(order.0)
                    .fetch_one(&mut *conn)
                    .await?;
            let given = sqlx::query(sqlx::AssertSqlSafe(format!(
                "UPDATE licence_keys SET order_id = $1, assigned_at = $2
                 WHERE id IN (SELECT id FROM licence_keys WHERE variant_id = $3 AND order_id IS NULL
                              ORDER BY id LIMIT $4{skip})
                   AND order_id IS NULL"
            )))
            .bind(order.0)
            .bind(now)
            .bind(variant)
            .bind((quantity - held).max(0))
            .execute(&mut *conn)
            .await?
            .rows_affected() as i64;
            if held + given < quantity {
                tracing::error!(
                    variant_id = variant,
                    missing = quantity - held - given,
                    "a key pool ran dry"
                );
            }
            let (free,): (i64,) = sqlx::query_as(
                "SELECT COUNT(*) FROM licence_keys WHERE variant_id = $1 AND order_id IS NULL",
            )
            .bind(variant)
            .fetch_one(&mut *conn)
            .await?;
            let (level, warned): (i64, i64) =
                (line.try_get("low_stock_at")?, line.try_get("low_stock_warned")?);
            if crosses_low_stock(free, level, warned == 1) {
                sqlx::query("UPDATE variant_deliveries SET low_stock_warned = 1 WHERE variant_id = $1")
                    .bind(variant)
                    .execute(&mut *conn)
                    .await?;
                low.push(LowPool {
                    variant_id: VariantId(variant),
                    name: line.try_get("name")?,
                    free_keys: free,
                });
            }
        }
        Ok(low)
    }

    /// Marks refunded order `order`'s keys refunded; how many.
    pub async fn revoke_keys(&mut self, order: OrderId, now: i64) -> Result<u64, StorageError> {
        revoke_keys(self.connection(), order, now).await
    }

    /// What order `order` delivers, read in this transaction.
    pub async fn order_deliveries(
        &mut self,
        order: OrderId,
    ) -> Result<Vec<crate::shop::delivery::Delivered>, StorageError> {
        super::order_deliveries(self.connection(), order).await
    }
}

/// Marks order `order`'s keys refunded on `conn`, in the transaction that refunds it.
pub(in crate::storage) async fn revoke_keys(
    conn: &mut sqlx::AnyConnection,
    order: OrderId,
    now: i64,
) -> Result<u64, StorageError> {
    let revoked =
        sqlx::query("UPDATE licence_keys SET refunded_at = $2 WHERE order_id = $1 AND refunded_at IS NULL")
            .bind(order.0)
            .bind(now)
            .execute(conn)
            .await?
            .rows_affected();
    Ok(revoked)
}

/// The keys order `order` was given for `variant`, oldest first.
pub(super) async fn given(
    conn: &mut sqlx::AnyConnection,
    order: OrderId,
    variant: VariantId,
) -> Result<DeliveredItem, StorageError> {
    let rows = sqlx::query(
        "SELECT code, refunded_at FROM licence_keys WHERE order_id = $1 AND variant_id = $2 ORDER BY id",
    )
    .bind(order.0)
    .bind(variant.0)
    .fetch_all(conn)
    .await?;
    let mut keys = Vec::with_capacity(rows.len());
    let mut refunded = false;
    for row in &rows {
        keys.push(row.try_get("code")?);
        refunded |= row.try_get::<Option<i64>, _>("refunded_at")?.is_some();
    }
    Ok(DeliveredItem::Keys { keys, refunded })
}
