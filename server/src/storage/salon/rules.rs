//! The salon's booking rules, kept as `shop_settings` columns (the defaults while the row or
//! the change is missing).

use crate::shop::appointments::{BookingRules, TypedRules};
use crate::shop::settings::ShopSettings;
use crate::storage::catalog::corrupt;
use crate::storage::{Db, StorageError};
use sqlx::Row;

impl Db {
    /// The salon's booking rules, or the defaults while none were saved.
    pub async fn booking_rules(&self) -> Result<BookingRules, StorageError> {
        let row = sqlx::query(
            "SELECT booking_horizon_days, booking_min_notice_minutes, booking_step_minutes,
                    booking_self_service_minutes, booking_refund_cancellations
             FROM shop_settings WHERE id = 1",
        )
        .fetch_optional(self.pool())
        .await?;
        let Some(row) = row else {
            return Ok(BookingRules::default());
        };
        let typed = TypedRules {
            horizon_days: Some(row.try_get("booking_horizon_days")?),
            min_notice_minutes: Some(row.try_get("booking_min_notice_minutes")?),
            step_minutes: Some(row.try_get("booking_step_minutes")?),
            self_service_minutes: Some(row.try_get("booking_self_service_minutes")?),
            refund_cancellations: Some(row.try_get::<i64, _>("booking_refund_cancellations")? != 0),
        };
        BookingRules::parse(&typed).map_err(|e| corrupt("booking rules", e))
    }

    /// Saves the salon's booking rules.
    pub async fn save_booking_rules(&self, rules: &BookingRules, now: i64) -> Result<(), StorageError> {
        let defaults = ShopSettings::default();
        sqlx::query(
            "INSERT INTO shop_settings (id, name, currency, notification_chat_id, booking_horizon_days,
                 booking_min_notice_minutes, booking_step_minutes, booking_self_service_minutes,
                 booking_refund_cancellations, updated_at)
             VALUES (1, $1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (id) DO UPDATE
             SET booking_horizon_days = excluded.booking_horizon_days,
                 booking_min_notice_minutes = excluded.booking_min_notice_minutes,
                 booking_step_minutes = excluded.booking_step_minutes,
                 booking_self_service_minutes = excluded.booking_self_service_minutes,
                 booking_refund_cancellations = excluded.booking_refund_cancellations,
                 updated_at = excluded.updated_at",
        )
        .bind(defaults.name.as_str())
        .bind(defaults.currency.as_str())
        .bind(defaults.notification_chat_id.map(|chat| chat.0))
        .bind(rules.horizon_days())
        .bind(rules.min_notice_minutes())
        .bind(rules.step_minutes())
        .bind(rules.self_service_minutes())
        .bind(i64::from(rules.refund_cancellations()))
        .bind(now)
        .execute(self.pool())
        .await?;
        Ok(())
    }
}
