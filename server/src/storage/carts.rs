//! Carts kept per Telegram user: read, and replaced whole in one transaction.

use super::{Db, StorageError};
use app::catalog::VariantId;
use app::identity::UserId;
use app::money::Currency;
use app::orders::{CheckoutLine, CheckoutRequest};
use sqlx::Row;

impl Db {
    /// The lines of `buyer`'s saved cart, by product id; empty if they never saved one.
    pub async fn cart(&self, buyer: UserId) -> Result<CheckoutRequest, StorageError> {
        let rows = sqlx::query(
            "SELECT variant_id, quantity FROM cart_lines WHERE buyer_id = $1 ORDER BY variant_id",
        )
        .bind(buyer.0)
        .fetch_all(self.pool())
        .await?;
        let lines = rows
            .iter()
            .map(|row| {
                Ok(CheckoutLine {
                    variant_id: VariantId(row.try_get("variant_id")?),
                    quantity: row.try_get("quantity")?,
                    attendees: Vec::new(),
                    appointment: None,
                })
            })
            .collect::<Result<_, StorageError>>()?;
        Ok(CheckoutRequest {
            lines,
            promo_code: None,
            tip_minor: None,
            pay_in_stars: false,
        })
    }

    /// Replaces `buyer`'s cart with `lines` (already checked), all or nothing; the units the
    /// cart held before (the funnel tells additions from other saves by them).
    pub async fn replace_cart(
        &self,
        buyer: UserId,
        lines: impl Iterator<Item = (VariantId, i64)>,
        now: i64,
    ) -> Result<i64, StorageError> {
        let mut tx = self.write_tx().await?;
        // Two saves of one cart at once: the second waits for the first, so the last one wins
        // whole. SQLite's write transaction already serialises them.
        if self.backend() == super::Backend::Postgres {
            sqlx::query("SELECT pg_advisory_xact_lock($1)")
                .bind(buyer.0)
                .execute(&mut *tx)
                .await?;
        }
        let removed: Vec<(i64,)> =
            sqlx::query_as("DELETE FROM cart_lines WHERE buyer_id = $1 RETURNING quantity")
                .bind(buyer.0)
                .fetch_all(&mut *tx)
                .await?;
        for (product, quantity) in lines {
            sqlx::query(
                "INSERT INTO cart_lines (buyer_id, variant_id, quantity, updated_at) VALUES ($1, $2, $3, $4)",
            )
            .bind(buyer.0)
            .bind(product.0)
            .bind(quantity)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(removed.iter().map(|(quantity,)| quantity).sum())
    }

    /// The lowest shipping price in `currency` to any destination, if the shop ships in it.
    pub async fn cheapest_shipping(&self, currency: Currency) -> Result<Option<i64>, StorageError> {
        let row =
            sqlx::query("SELECT MIN(price_minor) AS cheapest FROM shipping_options WHERE currency = $1")
                .bind(currency.as_str())
                .fetch_one(self.pool())
                .await?;
        Ok(row.try_get("cheapest")?)
    }
}
