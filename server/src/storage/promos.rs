//! Promo code queries: a code's record, read on the pool for checkout or inside an update's
//! transaction for the pre-checkout re-check.

use super::catalog::corrupt;
use super::{Db, StorageError};
use crate::shop::promo::{Off, Promo, PromoCode};
use app::money::Currency;
use sqlx::any::AnyRow;
use sqlx::Row;

const SELECT: &str = "SELECT code, percent_off, amount_off_minor, currency, min_items_minor, max_uses, uses,
                             starts_at, expires_at, active
                      FROM promo_codes WHERE code = $1";

impl Db {
    /// The promo code `code`, if the shop has it.
    pub async fn promo(&self, code: &PromoCode) -> Result<Option<Promo>, StorageError> {
        let row = sqlx::query(SELECT)
            .bind(code.as_str())
            .fetch_optional(self.pool())
            .await?;
        row.as_ref().map(promo_from_row).transpose()
    }
}

/// Reads `code` on `conn` (a transaction's connection).
pub(super) async fn promo_on(
    conn: &mut sqlx::AnyConnection,
    code: &str,
) -> Result<Option<Promo>, StorageError> {
    let row = sqlx::query(SELECT).bind(code).fetch_optional(conn).await?;
    row.as_ref().map(promo_from_row).transpose()
}

pub(super) fn promo_from_row(row: &AnyRow) -> Result<Promo, StorageError> {
    let code: String = row.try_get("code")?;
    let percent: Option<i64> = row.try_get("percent_off")?;
    let amount: Option<i64> = row.try_get("amount_off_minor")?;
    let off = match (percent, amount) {
        (Some(percent), None) => Off::Percent(percent),
        (None, Some(amount)) => Off::Amount(amount),
        _ => return Err(corrupt("promo code", &code)),
    };
    let currency: Option<String> = row.try_get("currency")?;
    Ok(Promo {
        code: PromoCode::parse(&code).map_err(|e| corrupt("promo code", e))?,
        off,
        currency: currency
            .map(|c| Currency::parse(&c).map_err(|e| corrupt("currency", e)))
            .transpose()?,
        min_items_minor: row.try_get("min_items_minor")?,
        max_uses: row.try_get("max_uses")?,
        uses: row.try_get("uses")?,
        starts_at: row.try_get("starts_at")?,
        expires_at: row.try_get("expires_at")?,
        active: row.try_get::<i64, _>("active")? != 0,
    })
}
