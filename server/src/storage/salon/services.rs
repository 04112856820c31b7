//! Services as stored (`services`, `service_staff`): an `appointment` product's length and who
//! performs it at which variant. Must not: decide whether a product may be a service (the
//! handler checks its kind and variants against the catalog).

use crate::shop::appointments::staff::Service;
use crate::shop::appointments::{ServiceLength, StaffId};
use crate::storage::catalog::corrupt;
use crate::storage::{Db, StorageError};
use app::catalog::{ProductId, VariantId};
use sqlx::Row;

impl Db {
    /// Every service, by product id.
    pub async fn services(&self) -> Result<Vec<Service>, StorageError> {
        let rows = sqlx::query("SELECT product_id FROM services ORDER BY product_id")
            .fetch_all(self.pool())
            .await?;
        let mut services = Vec::with_capacity(rows.len());
        for row in rows {
            if let Some(service) = self.service(ProductId(row.try_get("product_id")?)).await? {
                services.push(service);
            }
        }
        Ok(services)
    }

    /// The products that are services, in one query (what the catalog needs to mark them).
    pub async fn service_ids(&self) -> Result<Vec<ProductId>, StorageError> {
        let rows: Vec<(i64,)> = sqlx::query_as("SELECT product_id FROM services ORDER BY product_id")
            .fetch_all(self.pool())
            .await?;
        Ok(rows.into_iter().map(|(id,)| ProductId(id)).collect())
    }

    /// Service `id`, if its product is one.
    pub async fn service(&self, id: ProductId) -> Result<Option<Service>, StorageError> {
        let row = sqlx::query("SELECT duration_minutes, buffer_minutes FROM services WHERE product_id = $1")
            .bind(id.0)
            .fetch_optional(self.pool())
            .await?;
        let Some(row) = row else { return Ok(None) };
        let length = ServiceLength::parse(row.try_get("duration_minutes")?, row.try_get("buffer_minutes")?)
            .map_err(|e| corrupt("service length", e))?;
        let staff = sqlx::query(
            "SELECT ss.staff_id, ss.variant_id FROM service_staff ss JOIN staff s ON s.id = ss.staff_id
             WHERE ss.product_id = $1 ORDER BY s.id",
        )
        .bind(id.0)
        .fetch_all(self.pool())
        .await?
        .iter()
        .map(|row| {
            Ok((
                StaffId(row.try_get("staff_id")?),
                VariantId(row.try_get("variant_id")?),
            ))
        })
        .collect::<Result<_, StorageError>>()?;
        Ok(Some(Service { id, length, staff }))
    }

    /// Saves `service`, its staff replacing any before, in one transaction.
    pub async fn save_service(&self, service: &Service, now: i64) -> Result<(), StorageError> {
        let mut tx = self.pool().begin().await?;
        sqlx::query(
            "INSERT INTO services (product_id, duration_minutes, buffer_minutes, updated_at)
             VALUES ($1, $2, $3, $4) ON CONFLICT (product_id) DO UPDATE
             SET duration_minutes = excluded.duration_minutes, buffer_minutes = excluded.buffer_minutes,
                 updated_at = excluded.updated_at",
        )
        .bind(service.id.0)
        .bind(service.length.duration_minutes())
        .bind(service.length.buffer_minutes())
        .bind(now)
        .execute(&mut *tx)
        .await?;
        sqlx::query("DELETE FROM service_staff WHERE product_id = $1")
            .bind(service.id.0)
            .execute(&mut *tx)
            .await?;
        for (staff, variant) in &service.staff {
            sqlx::query("INSERT INTO service_staff (product_id, staff_id, variant_id) VALUES ($1, $2, $3)")
                .bind(service.id.0)
                .bind(staff.0)
                .bind(variant.0)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }
}
