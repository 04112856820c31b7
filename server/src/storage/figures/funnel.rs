//! The sales funnel: the storefront's steps (`funnel_events`, one row per kind, buyer and UTC
//! day) and the counts per step, the later ones read from `orders`.
//!
//! Recording is for the merchant's figures, never at the shopper's expense: it runs in the
//! background, a failure is a logged warning, and under load events are dropped rather than
//! queued without bound.

use crate::clock::now_ms;
use crate::shop::funnel::{Funnel, FunnelEvent};
use crate::storage::{Db, StorageError};
use app::identity::UserId;
use sqlx::Row;
use tokio::sync::Semaphore;

const DAY_MS: i64 = 86_400_000;

/// Recordings in flight at once; more are dropped (with a debug log).
static IN_FLIGHT: Semaphore = Semaphore::const_new(32);

impl Db {
    /// Records that `buyer` reached `event` at `now`, once per UTC day.
    pub async fn record_funnel(
        &self,
        event: FunnelEvent,
        buyer: UserId,
        now: i64,
    ) -> Result<(), StorageError> {
        sqlx::query(
            "INSERT INTO funnel_events (kind, buyer_id, day, at) VALUES ($1, $2, $3, $4)
             ON CONFLICT (kind, day, buyer_id) DO NOTHING",
        )
        .bind(event.as_str())
        .bind(buyer.0)
        .bind(now.div_euclid(DAY_MS))
        .bind(now)
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// Records `event` for `buyer` in the background: the caller answers its shopper at once,
    /// and a storage failure is only logged.
    pub fn note_funnel(&self, event: FunnelEvent, buyer: UserId) {
        let Ok(permit) = IN_FLIGHT.try_acquire() else {
            tracing::debug!(kind = event.as_str(), "funnel busy; event dropped");
            return;
        };
        let db = self.clone();
        tokio::spawn(async move {
            let _permit = permit;
            if let Err(error) = db.record_funnel(event, buyer, now_ms()).await {
                tracing::warn!(%error, kind = event.as_str(), "could not record a funnel event");
            }
        });
    }

    /// Records an addition to the cart when a save took it from `before` units to `after`.
    pub fn note_cart_saved(&self, buyer: UserId, before: i64, after: i64) {
        if let Some(event) = FunnelEvent::added_to_cart(before, after) {
            self.note_funnel(event, buyer);
        }
    }

    /// Distinct buyers per step since `since` (unix ms, the start of a UTC day): opened and
    /// added to cart from the storefront's events, invoice created from the orders created,
    /// paid from the orders paid.
    pub async fn funnel(&self, since: i64) -> Result<Funnel, StorageError> {
        let row = sqlx::query(
            "SELECT
               (SELECT COUNT(DISTINCT buyer_id) FROM funnel_events WHERE kind = 'opened' AND day >= $1) AS opened,
               (SELECT COUNT(DISTINCT buyer_id) FROM funnel_events WHERE kind = 'added_to_cart' AND day >= $1)
                   AS added_to_cart,
               (SELECT COUNT(DISTINCT buyer_id) FROM orders WHERE created_at >= $2) AS invoice_created,
               (SELECT COUNT(DISTINCT buyer_id) FROM orders WHERE paid_at >= $2) AS paid",
        )
        .bind(since.div_euclid(DAY_MS))
        .bind(since)
        .fetch_one(self.pool())
        .await?;
        Ok(Funnel {
            opened: row.try_get("opened")?,
            added_to_cart: row.try_get("added_to_cart")?,
            invoice_created: row.try_get("invoice_created")?,
            paid: row.try_get("paid")?,
        })
    }
}
