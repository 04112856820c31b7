//! The outbox: bot messages written in the transaction of what caused them (a payment's
//! receipt, say) and sent afterwards by `crate::telegram::outbox`. A sender leases the rows
//! it sends, so replicas sharing a PostgreSQL database do not send a message twice.

use crate::storage::{Db, StorageError};
use app::identity::ChatId;
use sqlx::Row;

/// A message waiting to be sent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QueuedMessage {
    pub id: i64,
    pub chat_id: ChatId,
    /// sendMessage parameters, JSON.
    pub request: String,
    pub attempts: i64,
}

/// After this many failed attempts a message is left for the merchant to look at.
pub const MAX_ATTEMPTS: i64 = 20;

/// Queues a bot message (sendMessage parameters as JSON) on `conn`, inside the transaction of
/// the change it tells about; the sender delivers it after the commit.
pub(in crate::storage) async fn queue(
    conn: &mut sqlx::AnyConnection,
    chat_id: ChatId,
    request: &str,
    now: i64,
) -> Result<(), StorageError> {
    insert(conn, chat_id, request, now, false).await
}

/// As [`queue`], for a message that carries a secret (a sign-in link): once sent, its text is
/// replaced, so the secret is in the database only until Telegram has it.
pub(in crate::storage) async fn queue_secret(
    conn: &mut sqlx::AnyConnection,
    chat_id: ChatId,
    request: &str,
    now: i64,
) -> Result<(), StorageError> {
    insert(conn, chat_id, request, now, true).await
}

async fn insert(
    conn: &mut sqlx::AnyConnection,
    chat_id: ChatId,
    request: &str,
    now: i64,
    secret: bool,
) -> Result<(), StorageError> {
    sqlx::query("INSERT INTO outbox (chat_id, request, created_at, secret) VALUES ($1, $2, $3, $4)")
        .bind(chat_id.0)
        .bind(request)
        .bind(now)
        .bind(i64::from(secret))
        .execute(conn)
        .await?;
    Ok(())
}

/// What a sent secret message's request becomes.
const SCRUBBED: &str = r#"{"text":"[a sign-in link, removed once sent]"}"#;

impl Db {
    /// Leases up to `limit` unsent messages until `now + lease_ms`, oldest first; a message
    /// leased by one replica is not leased by another until the lease runs out.
    pub async fn lease_outbox(
        &self,
        now: i64,
        lease_ms: i64,
        limit: i64,
    ) -> Result<Vec<QueuedMessage>, StorageError> {
        // The rows are picked and claimed in one statement; on PostgreSQL the pick skips rows
        // another replica is claiming (`FOR UPDATE SKIP LOCKED`) instead of queueing behind
        // it, and the outer conditions are checked again on the row as it is claimed.
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "UPDATE outbox SET claimed_until = $1
             WHERE id IN (SELECT id FROM outbox
                          WHERE sent_at IS NULL AND attempts < $3 AND (claimed_until IS NULL OR claimed_until < $2)
                          ORDER BY id LIMIT $4{})
               AND sent_at IS NULL AND (claimed_until IS NULL OR claimed_until < $2)
             RETURNING id, chat_id, request, attempts",
            crate::storage::orders::skip_locked(self.backend())
        )))
        .bind(now + lease_ms)
        .bind(now)
        .bind(MAX_ATTEMPTS)
        .bind(limit)
        .fetch_all(self.pool())
        .await?;
        let mut messages = rows
            .iter()
            .map(|row| {
                Ok(QueuedMessage {
                    id: row.try_get("id")?,
                    chat_id: ChatId(row.try_get("chat_id")?),
                    request: row.try_get("request")?,
                    attempts: row.try_get("attempts")?,
                })
            })
            .collect::<Result<Vec<_>, StorageError>>()?;
        messages.sort_by_key(|m| m.id);
        Ok(messages)
    }

    /// Records that messages `ids` were delivered to Telegram, in one statement.
    pub async fn mark_sent(&self, ids: &[i64], now: i64) -> Result<(), StorageError> {
        if ids.is_empty() {
            return Ok(());
        }
        // Ids are integers the outbox gave out: written into the statement, not bound, so one
        // statement serves any number of them on both engines.
        let listed = ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "UPDATE outbox SET sent_at = $1, request = CASE WHEN secret = 1 THEN $2 ELSE request END
             WHERE id IN ({listed})"
        )))
        .bind(now)
        .bind(SCRUBBED)
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// Records a failed attempt; the message is tried again after `retry_at`.
    pub async fn mark_failed(&self, id: i64, retry_at: i64) -> Result<(), StorageError> {
        sqlx::query("UPDATE outbox SET attempts = attempts + 1, claimed_until = $1 WHERE id = $2")
            .bind(retry_at)
            .bind(id)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// Messages sent to `chat_id`, oldest first: sendMessage parameters as JSON.
    pub async fn sent_messages(&self, chat_id: ChatId) -> Result<Vec<String>, StorageError> {
        let rows: Vec<(String,)> = sqlx::query_as(
            "SELECT request FROM outbox WHERE chat_id = $1 AND sent_at IS NOT NULL ORDER BY id",
        )
        .bind(chat_id.0)
        .fetch_all(self.pool())
        .await?;
        Ok(rows.into_iter().map(|(r,)| r).collect())
    }
}
