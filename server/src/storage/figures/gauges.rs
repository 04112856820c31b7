//! Counts for the operator's metrics (`crate::metrics`), read at scrape time: the outbox's
//! backlog (orders by status come from the dashboard's query).

use crate::storage::telegram::outbox::MAX_ATTEMPTS;
use crate::storage::{Db, StorageError};

/// The outbox's messages not yet sent.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct OutboxBacklog {
    /// Still to be sent (or retried).
    pub pending: i64,
    /// Given up on after `MAX_ATTEMPTS` failed sends.
    pub given_up: i64,
}

impl Db {
    /// The outbox's unsent messages.
    pub async fn outbox_backlog(&self) -> Result<OutboxBacklog, StorageError> {
        let (pending, given_up): (i64, i64) = sqlx::query_as(
            "SELECT CAST(COALESCE(SUM(CASE WHEN attempts < $1 THEN 1 ELSE 0 END), 0) AS BIGINT),
                    CAST(COALESCE(SUM(CASE WHEN attempts >= $1 THEN 1 ELSE 0 END), 0) AS BIGINT)
             FROM outbox WHERE sent_at IS NULL",
        )
        .bind(MAX_ATTEMPTS)
        .fetch_one(self.pool())
        .await?;
        Ok(OutboxBacklog { pending, given_up })
    }
}
