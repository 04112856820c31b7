//! The merchant's sign-in, as stored: the one-time links the bot's /admin command hands out
//! (written in that update's transaction), the browser sessions they open, and the Mini
//! App's sessions opened with its initData.
//! Only hashes of the tokens are kept (`crate::shop::sign_in`).
//!
//! Must not decide who is an admin or how long things live: the caller says.

use super::{Db, StorageError};
use crate::shop::sign_in::AdminSession;
use crate::storage::telegram::updates::UpdateTx;
use app::identity::{ChatId, UserId};
use sqlx::Row;

/// A session to open when a link is used.
#[derive(Clone, Debug)]
pub struct NewSession<'a> {
    pub token_hash: &'a str,
    pub csrf_token: &'a str,
    pub expires_at: i64,
}

impl UpdateTx {
    /// Queues the message that carries a sign-in link (scrubbed from the outbox once sent).
    pub async fn enqueue_secret_message(
        &mut self,
        chat_id: ChatId,
        request: &str,
        now: i64,
    ) -> Result<(), StorageError> {
        crate::storage::telegram::outbox::queue_secret(self.connection(), chat_id, request, now).await
    }

    /// Adds a sign-in link for `admin_id`, valid until `expires_at`.
    pub async fn add_login_link(
        &mut self,
        token_hash: &str,
        admin_id: UserId,
        now: i64,
        expires_at: i64,
    ) -> Result<(), StorageError> {
        sqlx::query(
            "INSERT INTO admin_login_links (token_hash, admin_id, created_at, expires_at)
             VALUES ($1, $2, $3, $4)",
        )
        .bind(token_hash)
        .bind(admin_id.0)
        .bind(now)
        .bind(expires_at)
        .execute(self.connection())
        .await?;
        Ok(())
    }
}

impl Db {
    /// Uses the link `token_hash` if it is unused and unexpired and its admin still passes
    /// `is_admin`, opening `session` in the same transaction: the admin's id, or `None` (the
    /// link then stays as it was, or used). Expired links and sessions are swept on the way.
    pub async fn redeem_login_link(
        &self,
        token_hash: &str,
        now: i64,
        is_admin: impl Fn(UserId) -> bool,
        session: NewSession<'_>,
    ) -> Result<Option<UserId>, StorageError> {
        let mut tx = self.pool().begin().await?;
        sqlx::query("DELETE FROM admin_login_links WHERE expires_at < $1")
            .bind(now)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM admin_sessions WHERE expires_at < $1")
            .bind(now)
            .execute(&mut *tx)
            .await?;
        // One conditional UPDATE: of two browsers racing with one link, one wins.
        let used = sqlx::query(
            "UPDATE admin_login_links SET used_at = $2
             WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2 RETURNING admin_id",
        )
        .bind(token_hash)
        .bind(now)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(admin_id) = used
            .map(|row| row.try_get::<i64, _>("admin_id"))
            .transpose()?
            .map(UserId)
        else {
            return Ok(None);
        };
        if !is_admin(admin_id) {
            tx.commit().await?;
            return Ok(None);
        }
        insert_session(&mut tx, admin_id, now, &session).await?;
        tx.commit().await?;
        Ok(Some(admin_id))
    }

    /// The unexpired session `token_hash`, if there is one.
    pub async fn admin_session(
        &self,
        token_hash: &str,
        now: i64,
    ) -> Result<Option<AdminSession>, StorageError> {
        let row = sqlx::query(
            "SELECT admin_id, csrf_token, expires_at FROM admin_sessions
             WHERE token_hash = $1 AND expires_at > $2",
        )
        .bind(token_hash)
        .bind(now)
        .fetch_optional(self.pool())
        .await?;
        row.map(|row| {
            Ok(AdminSession {
                admin_id: UserId(row.try_get("admin_id")?),
                csrf_token: row.try_get("csrf_token")?,
                expires_at: row.try_get("expires_at")?,
            })
        })
        .transpose()
    }

    /// Opens `session` for `admin_id` (the Mini App's, from its initData: the caller checked
    /// who it is). Expired sessions are swept on the way.
    pub async fn open_admin_session(
        &self,
        admin_id: UserId,
        now: i64,
        session: NewSession<'_>,
    ) -> Result<(), StorageError> {
        let mut tx = self.pool().begin().await?;
        sqlx::query("DELETE FROM admin_sessions WHERE expires_at < $1")
            .bind(now)
            .execute(&mut *tx)
            .await?;
        insert_session(&mut tx, admin_id, now, &session).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Ends the session `token_hash` (signing out); ending an unknown one is not an error.
    pub async fn end_admin_session(&self, token_hash: &str) -> Result<(), StorageError> {
        sqlx::query("DELETE FROM admin_sessions WHERE token_hash = $1")
            .bind(token_hash)
            .execute(self.pool())
            .await?;
        Ok(())
    }
}

/// Stores `session` for `admin_id` in `tx`.
async fn insert_session(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    admin_id: UserId,
    now: i64,
    session: &NewSession<'_>,
) -> Result<(), StorageError> {
    sqlx::query(
        "INSERT INTO admin_sessions (token_hash, admin_id, csrf_token, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(session.token_hash)
    .bind(admin_id.0)
    .bind(session.csrf_token)
    .bind(now)
    .bind(session.expires_at)
    .execute(&mut **tx)
    .await?;
    Ok(())
}
