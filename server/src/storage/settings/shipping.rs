//! The merchant's shipping rates (`shipping_options`), keyed by country and id. The shipping
//! and pre-checkout queries read the same rows (`UpdateTx::shipping_rates`), so a rate saved
//! here is offered to the next buyer who gives an address in its country.

use crate::shop::settings::shipping::{CountryCode, RateId, RateTerms, ShippingRate};
use crate::storage::catalog::corrupt;
use crate::storage::{Db, StorageError};
use app::money::Currency;
use sqlx::Row;

impl Db {
    /// Every rate, by country, then in the order the buyer sees them.
    pub async fn all_shipping_rates(&self) -> Result<Vec<ShippingRate>, StorageError> {
        let rows = sqlx::query(
            "SELECT country_code, id, title, price_minor, currency, position FROM shipping_options
             ORDER BY country_code, position, id",
        )
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(rate_from_row).collect()
    }

    /// Adds a rate. False when the country already has a rate with its id.
    pub async fn add_shipping_rate(&self, rate: &ShippingRate) -> Result<bool, StorageError> {
        let added = sqlx::query(
            "INSERT INTO shipping_options (country_code, id, title, price_minor, currency, position)
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (country_code, id) DO NOTHING",
        )
        .bind(rate.country_code.as_str())
        .bind(rate.id.as_str())
        .bind(&rate.terms.title)
        .bind(rate.terms.price_minor)
        .bind(rate.terms.currency.as_str())
        .bind(rate.terms.position)
        .execute(self.pool())
        .await?
        .rows_affected();
        Ok(added == 1)
    }

    /// Changes a rate's terms. False when there is no such rate.
    pub async fn update_shipping_rate(
        &self,
        country: &CountryCode,
        id: &RateId,
        terms: &RateTerms,
    ) -> Result<bool, StorageError> {
        let updated = sqlx::query(
            "UPDATE shipping_options SET title = $1, price_minor = $2, currency = $3, position = $4
             WHERE country_code = $5 AND id = $6",
        )
        .bind(&terms.title)
        .bind(terms.price_minor)
        .bind(terms.currency.as_str())
        .bind(terms.position)
        .bind(country.as_str())
        .bind(id.as_str())
        .execute(self.pool())
        .await?
        .rows_affected();
        Ok(updated == 1)
    }

    /// Removes a rate. False when there is no such rate. Paid orders keep the option's id.
    pub async fn delete_shipping_rate(
        &self,
        country: &CountryCode,
        id: &RateId,
    ) -> Result<bool, StorageError> {
        let deleted = sqlx::query("DELETE FROM shipping_options WHERE country_code = $1 AND id = $2")
            .bind(country.as_str())
            .bind(id.as_str())
            .execute(self.pool())
            .await?
            .rows_affected();
        Ok(deleted == 1)
    }
}

fn rate_from_row(row: &sqlx::any::AnyRow) -> Result<ShippingRate, StorageError> {
    let country: String = row.try_get("country_code")?;
    let id: String = row.try_get("id")?;
    let currency: String = row.try_get("currency")?;
    Ok(ShippingRate {
        country_code: CountryCode::parse(&country).map_err(|e| corrupt("shipping country", e))?,
        id: RateId::parse(&id).map_err(|e| corrupt("shipping option id", e))?,
        terms: RateTerms {
            title: row.try_get("title")?,
            price_minor: row.try_get("price_minor")?,
            currency: Currency::parse(&currency).map_err(|e| corrupt("currency", e))?,
            position: row.try_get("position")?,
        },
    })
}
