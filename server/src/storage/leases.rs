//! Leases (`leases`): work that only one replica sharing the database may do at a time, such
//! as long polling Telegram's getUpdates (Telegram answers a second concurrent poller with
//! 409). A replica takes a lease until a deadline and renews it while it lives; a dead holder's
//! lease runs out and another replica takes it over.
//!
//! Must not: decide what is leased or for how long; the work's owner does.

use crate::storage::{Db, StorageError};

impl Db {
    /// Takes lease `name` for `holder` until `until`, or renews it: one conditional upsert, so
    /// of replicas asking at once exactly one gets a lease that is free, run out (by `now`) or
    /// already theirs. Returns whether `holder` holds it now.
    pub async fn take_lease(
        &self,
        name: &str,
        holder: &str,
        now: i64,
        until: i64,
    ) -> Result<bool, StorageError> {
        let taken = sqlx::query(
            "INSERT INTO leases (name, holder, expires_at) VALUES ($1, $2, $3)
             ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
             WHERE leases.holder = excluded.holder OR leases.expires_at <= $4",
        )
        .bind(name)
        .bind(holder)
        .bind(until)
        .bind(now)
        .execute(self.pool())
        .await?
        .rows_affected();
        Ok(taken == 1)
    }

    /// Gives lease `name` up, if `holder` holds it, so another replica can take it at once.
    pub async fn release_lease(&self, name: &str, holder: &str) -> Result<(), StorageError> {
        sqlx::query("DELETE FROM leases WHERE name = $1 AND holder = $2")
            .bind(name)
            .bind(holder)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// Who holds lease `name` at `now`, if anyone.
    pub async fn lease_holder(&self, name: &str, now: i64) -> Result<Option<String>, StorageError> {
        let holder: Option<(String,)> =
            sqlx::query_as("SELECT holder FROM leases WHERE name = $1 AND expires_at > $2")
                .bind(name)
                .bind(now)
                .fetch_optional(self.pool())
                .await?;
        Ok(holder.map(|(h,)| h))
    }
}
