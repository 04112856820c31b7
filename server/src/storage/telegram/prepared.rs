//! Prepared inline messages (`prepared_messages`): the last one saved with Telegram for a user
//! and a product, so "Send to a chat" tapped again before it expires shares the same message.
//! Must not: decide what the message holds or how long before its expiry it is still worth
//! handing out (the caller passes the moment it must outlive).

use crate::storage::{Db, StorageError};
use app::catalog::ProductId;
use app::identity::UserId;

/// A message Telegram keeps for a user to send.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Prepared {
    /// Telegram's id of the message.
    pub id: String,
    /// When Telegram forgets it, unix ms.
    pub expires_at: i64,
}

impl Db {
    /// The message prepared for `user` and `product` from the request hashed `request_hash`,
    /// if it is still valid after `valid_after` (unix ms).
    pub async fn prepared_message(
        &self,
        user: UserId,
        product: ProductId,
        request_hash: &str,
        valid_after: i64,
    ) -> Result<Option<Prepared>, StorageError> {
        let row: Option<(String, i64)> = sqlx::query_as(
            "SELECT prepared_id, expires_at FROM prepared_messages
             WHERE user_id = $1 AND product_id = $2 AND request_hash = $3 AND expires_at > $4",
        )
        .bind(user.0)
        .bind(product.0)
        .bind(request_hash)
        .bind(valid_after)
        .fetch_optional(self.pool())
        .await?;
        Ok(row.map(|(id, expires_at)| Prepared { id, expires_at }))
    }

    /// Keeps `prepared` as the message for `user` and `product`, replacing the one before.
    pub async fn keep_prepared_message(
        &self,
        user: UserId,
        product: ProductId,
        request_hash: &str,
        prepared: &Prepared,
    ) -> Result<(), StorageError> {
        sqlx::query(
            "INSERT INTO prepared_messages (user_id, product_id, request_hash, prepared_id, expires_at)
             VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (user_id, product_id) DO UPDATE SET
                 request_hash = excluded.request_hash, prepared_id = excluded.prepared_id,
                 expires_at = excluded.expires_at",
        )
        .bind(user.0)
        .bind(product.0)
        .bind(request_hash)
        .bind(&prepared.id)
        .bind(prepared.expires_at)
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// Forgets the messages Telegram has forgotten (expired before `now`); how many.
    pub async fn forget_expired_prepared_messages(&self, now: i64) -> Result<u64, StorageError> {
        let done = sqlx::query("DELETE FROM prepared_messages WHERE expires_at <= $1")
            .bind(now)
            .execute(self.pool())
            .await?;
        Ok(done.rows_affected())
    }
}
