//! The figures of the merchant's dashboard: takings per day, orders per status, the products
//! that sell most. Money taken counts orders paid, shipped or delivered (not refunded).

use crate::shop::figures::{DayTakings, TopProduct};
use crate::storage::{Db, StorageError};
use sqlx::Row;

/// Statuses whose money the shop keeps (a macro, for `concat!`: sqlx takes static SQL only).
macro_rules! taken {
    () => {
        "('paid', 'shipped', 'delivered')"
    };
}

impl Db {
    /// Takings per UTC day and currency for orders paid at or after `since` (unix ms).
    pub async fn takings_by_day(&self, since: i64) -> Result<Vec<DayTakings>, StorageError> {
        let sql = concat!(
            "SELECT paid_at / 86400000 AS day, currency,
                    CAST(SUM(items_minor - discount_minor + shipping_minor + tip_minor) AS BIGINT) AS minor
             FROM orders WHERE status IN ",
            taken!(),
            " AND paid_at >= $1 GROUP BY paid_at / 86400000, currency ORDER BY day, currency"
        );
        let rows = sqlx::query(sql).bind(since).fetch_all(self.pool()).await?;
        rows.iter()
            .map(|row| {
                Ok(DayTakings {
                    day: row.try_get("day")?,
                    currency: row.try_get("currency")?,
                    minor: row.try_get("minor")?,
                })
            })
            .collect()
    }

    /// How many orders are in each status.
    pub async fn orders_by_status(&self) -> Result<Vec<(String, i64)>, StorageError> {
        let rows = sqlx::query("SELECT status, COUNT(*) AS n FROM orders GROUP BY status ORDER BY status")
            .fetch_all(self.pool())
            .await?;
        rows.iter()
            .map(|row| Ok((row.try_get("status")?, row.try_get("n")?)))
            .collect()
    }

    /// The `limit` products sold in the most units (orders whose money was kept).
    pub async fn top_products(&self, limit: i64) -> Result<Vec<TopProduct>, StorageError> {
        let sql = concat!(
            "SELECT l.product_id, p.name, CAST(SUM(l.quantity) AS BIGINT) AS units
             FROM order_lines l JOIN orders o ON o.id = l.order_id JOIN products p ON p.id = l.product_id
             WHERE o.status IN ",
            taken!(),
            " GROUP BY l.product_id, p.name ORDER BY units DESC, l.product_id LIMIT $1"
        );
        let rows = sqlx::query(sql).bind(limit).fetch_all(self.pool()).await?;
        rows.iter()
            .map(|row| {
                Ok(TopProduct {
                    product_id: row.try_get("product_id")?,
                    name: row.try_get("name")?,
                    units: row.try_get("units")?,
                })
            })
            .collect()
    }
}
