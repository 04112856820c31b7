//! The door's view of events: who may scan which (the `event_staff` the merchant named; the
//! admins are the caller's to know), and the events a member of the door staff sees with their
//! counts of tickets and check-ins.

use crate::storage::{Db, StorageError};
use app::events::{DoorEvent, EventId};
use app::identity::UserId;
use sqlx::Row;

/// Events not cancelled and not over by `$1`, each with its tickets (not revoked) and
/// check-ins; a filter and `ORDER BY` follow.
const DOOR_EVENTS: &str = "
    SELECT e.product_id, p.name, e.starts_at,
           COALESCE((SELECT s.time_zone FROM shop_settings s WHERE s.id = 1), 'UTC') AS time_zone,
           (SELECT COUNT(*) FROM vouchers v
            WHERE v.product_id = e.product_id AND v.status = 'checked_in') AS checked_in,
           (SELECT COUNT(*) FROM vouchers v
            WHERE v.product_id = e.product_id AND v.status <> 'revoked') AS tickets
    FROM events e JOIN products p ON p.id = e.product_id
    WHERE e.state <> 'cancelled' AND COALESCE(e.ends_at, e.starts_at) >= $1";

impl Db {
    /// Whether `user` is staff of `event`.
    pub async fn is_event_staff(&self, event: EventId, user: UserId) -> Result<bool, StorageError> {
        let row = sqlx::query("SELECT 1 AS one FROM event_staff WHERE product_id = $1 AND user_id = $2")
            .bind(event.0)
            .bind(user.0)
            .fetch_optional(self.pool())
            .await?;
        Ok(row.is_some())
    }

    /// Whether `user` is staff of any event.
    pub async fn is_any_event_staff(&self, user: UserId) -> Result<bool, StorageError> {
        let row = sqlx::query("SELECT 1 AS one FROM event_staff WHERE user_id = $1 LIMIT 1")
            .bind(user.0)
            .fetch_optional(self.pool())
            .await?;
        Ok(row.is_some())
    }

    /// Whether event `event` exists (whatever its state).
    pub async fn event_exists(&self, event: EventId) -> Result<bool, StorageError> {
        let row = sqlx::query("SELECT 1 AS one FROM events WHERE product_id = $1")
            .bind(event.0)
            .fetch_optional(self.pool())
            .await?;
        Ok(row.is_some())
    }

    /// The events not cancelled and not over by `still_on_since` (unix ms: their end, or their
    /// start when they have none) that `staff` may scan — all of them when `staff` is `None`
    /// (an admin) — soonest first.
    pub async fn door_events(
        &self,
        staff: Option<UserId>,
        still_on_since: i64,
    ) -> Result<Vec<DoorEvent>, StorageError> {
        let query = match staff {
            None => format!("{DOOR_EVENTS} ORDER BY e.starts_at, e.product_id"),
            Some(_) => format!(
                "{DOOR_EVENTS} AND EXISTS (SELECT 1 FROM event_staff s
                                          WHERE s.product_id = e.product_id AND s.user_id = $2)
                 ORDER BY e.starts_at, e.product_id"
            ),
        };
        let mut query = sqlx::query(sqlx::AssertSqlSafe(query)).bind(still_on_since);
        if let Some(user) = staff {
            query = query.bind(user.0);
        }
        let rows = query.fetch_all(self.pool()).await?;
        rows.iter()
            .map(|row| {
                Ok(DoorEvent {
                    id: app::catalog::ProductId(row.try_get("product_id")?),
                    name: row.try_get("name")?,
                    starts_at: row.try_get("starts_at")?,
                    time_zone: row.try_get("time_zone")?,
                    checked_in: row.try_get("checked_in")?,
                    tickets: row.try_get("tickets")?,
                })
            })
            .collect()
    }
}
