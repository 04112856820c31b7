//! An order's history: the timeline of statuses it entered (written in the transaction that
//! moved it), and a buyer's list of orders, newest first.

use crate::shop::order::OrderHeadline;
use crate::storage::catalog::corrupt;
use crate::storage::{Db, StorageError};
use app::identity::UserId;
use app::money::Currency;
use app::orders::{OrderId, OrderStatus, OrderStep};
use sqlx::Row;

/// How many orders a buyer's list shows: a shopper looks back months, not years.
pub const RECENT_ORDERS: i64 = 50;

/// Notes that order `id` entered `status` at `at`; call it in the transaction that moved it.
pub(in crate::storage) async fn record_step(
    conn: &mut sqlx::AnyConnection,
    id: OrderId,
    status: OrderStatus,
    at: i64,
) -> Result<(), StorageError> {
    sqlx::query("INSERT INTO order_events (order_id, status, at) VALUES ($1, $2, $3)")
        .bind(id.0)
        .bind(status.as_str())
        .bind(at)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// The statuses order `id` went through, oldest first.
pub(in crate::storage) async fn timeline(
    conn: &mut sqlx::AnyConnection,
    id: OrderId,
) -> Result<Vec<OrderStep>, StorageError> {
    sqlx::query("SELECT status, at FROM order_events WHERE order_id = $1 ORDER BY id")
        .bind(id.0)
        .fetch_all(&mut *conn)
        .await?
        .iter()
        .map(|row| {
            let status: String = row.try_get("status")?;
            Ok(OrderStep {
                status: OrderStatus::parse(&status).ok_or_else(|| corrupt("order event", &status))?,
                at: row.try_get("at")?,
            })
        })
        .collect()
}

impl Db {
    /// The buyer's most recent orders (at most [`RECENT_ORDERS`]), newest first.
    pub async fn buyer_orders(&self, buyer_id: UserId) -> Result<Vec<OrderHeadline>, StorageError> {
        let mut conn = self.pool().acquire().await?;
        headlines(&mut conn, buyer_id, RECENT_ORDERS).await
    }
}

impl crate::storage::telegram::updates::UpdateTx {
    /// The buyer's `limit` most recent orders, newest first, read in the update's transaction.
    pub async fn buyer_orders(
        &mut self,
        buyer_id: UserId,
        limit: i64,
    ) -> Result<Vec<OrderHeadline>, StorageError> {
        headlines(self.connection(), buyer_id, limit).await
    }
}

/// Buyer `buyer_id`'s `limit` most recent orders, newest first.
async fn headlines(
    conn: &mut sqlx::AnyConnection,
    buyer_id: UserId,
    limit: i64,
) -> Result<Vec<OrderHeadline>, StorageError> {
    let rows = sqlx::query(
            "SELECT o.id, o.status, o.currency, o.items_minor - o.discount_minor + o.shipping_minor + o.tip_minor AS total_minor,
                    o.created_at,
                    (SELECT name FROM order_lines l WHERE l.order_id = o.id ORDER BY l.product_id LIMIT 1)
                        AS first_item,
                    (SELECT CAST(SUM(quantity) AS BIGINT) FROM order_lines l WHERE l.order_id = o.id)
                        AS item_count
             FROM orders o WHERE o.buyer_id = $1 ORDER BY o.id DESC LIMIT $2",
        )
        .bind(buyer_id.0)
        .bind(limit)
        .fetch_all(conn)
        .await?;
    rows.iter()
        .map(|row| {
            let status: String = row.try_get("status")?;
            let currency: String = row.try_get("currency")?;
            Ok(OrderHeadline {
                id: OrderId(row.try_get("id")?),
                status: OrderStatus::parse(&status).ok_or_else(|| corrupt("order status", &status))?,
                currency: Currency::parse(&currency).map_err(|e| corrupt("currency", e))?,
                total_minor: row.try_get("total_minor")?,
                first_item: row.try_get("first_item")?,
                item_count: row.try_get("item_count")?,
                created_at: row.try_get("created_at")?,
            })
        })
        .collect()
}
