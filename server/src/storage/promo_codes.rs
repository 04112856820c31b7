//! Promo codes (`promo_codes`): a code's record, read on the pool for checkout or inside an
//! update's transaction for the pre-checkout re-check; and the merchant's list, additions and
//! changes (active, uses, expiry), made in a transaction that re-reads the code, so a change
//! never undoes a use counted meanwhile. Codes are never deleted: orders name the code they used.

use super::{Db, StorageError};
use crate::shop::promo_codes::terms::PromoPatch;
use crate::shop::promo_codes::{Off, Promo, PromoCode};
use crate::shop::settings::Invalid;
use crate::storage::catalog::corrupt;
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
pub(in crate::storage) async fn promo_on(
    conn: &mut sqlx::AnyConnection,
    code: &str,
) -> Result<Option<Promo>, StorageError> {
    let row = sqlx::query(SELECT).bind(code).fetch_optional(conn).await?;
    row.as_ref().map(promo_from_row).transpose()
}

pub(in crate::storage) fn promo_from_row(row: &AnyRow) -> Result<Promo, StorageError> {
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

/// What became of a change to a code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Patched {
    Done(Promo),
    NoSuchCode,
    Refused(Invalid),
}

impl Db {
    /// Every promo code, by code.
    pub async fn promo_codes(&self) -> Result<Vec<Promo>, StorageError> {
        let rows = sqlx::query(
            "SELECT code, percent_off, amount_off_minor, currency, min_items_minor, max_uses, uses,
                    starts_at, expires_at, active
             FROM promo_codes ORDER BY code",
        )
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(promo_from_row).collect()
    }

    /// Adds a code. False when the shop has that code already.
    pub async fn add_promo(&self, promo: &Promo, now: i64) -> Result<bool, StorageError> {
        let (percent, amount) = match promo.off {
            Off::Percent(percent) => (Some(percent), None),
            Off::Amount(amount) => (None, Some(amount)),
        };
        let added = sqlx::query(
            "INSERT INTO promo_codes (code, percent_off, amount_off_minor, currency, min_items_minor,
                                      max_uses, uses, starts_at, expires_at, active, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, 0, $7, $8, $9, $10) ON CONFLICT (code) DO NOTHING",
        )
        .bind(promo.code.as_str())
        .bind(percent)
        .bind(amount)
        .bind(promo.currency.map(|c| c.as_str().to_owned()))
        .bind(promo.min_items_minor)
        .bind(promo.max_uses)
        .bind(promo.starts_at)
        .bind(promo.expires_at)
        .bind(i64::from(promo.active))
        .bind(now)
        .execute(self.pool())
        .await?
        .rows_affected();
        Ok(added == 1)
    }

    /// Applies `patch` to `code` if the result keeps its terms valid.
    pub async fn patch_promo(&self, code: &PromoCode, patch: &PromoPatch) -> Result<Patched, StorageError> {
        let mut tx = self.write_tx().await?;
        let Some(promo) = promo_on(&mut tx, code.as_str()).await? else {
            return Ok(Patched::NoSuchCode);
        };
        let patched = match patch.apply(&promo) {
            Ok(patched) => patched,
            Err(invalid) => return Ok(Patched::Refused(invalid)),
        };
        sqlx::query("UPDATE promo_codes SET active = $1, max_uses = $2, expires_at = $3 WHERE code = $4")
            .bind(i64::from(patched.active))
            .bind(patched.max_uses)
            .bind(patched.expires_at)
            .bind(code.as_str())
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(Patched::Done(patched))
    }
}
