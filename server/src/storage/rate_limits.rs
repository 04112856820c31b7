//! The rate limits' shared state (`rate_limits`): one row per limit and buyer holding its
//! GCRA theoretical arrival time (`crate::shop::rate_limit`).
//!
//! Kept in the database rather than in process memory (as `governor` keeps it) because the
//! shop may run as several replicas behind one load balancer: a limit held per process would
//! let a buyer through once per replica, and a restart would reset it. Each hit is one atomic
//! `INSERT … ON CONFLICT … DO UPDATE … RETURNING`, the same SQL on SQLite (3.35+) and
//! PostgreSQL, so two replicas counting one buyer at the same moment cannot both take the
//! last slot. Must not: decide the quota (the caller passes it).

use crate::shop::rate_limit::{Quota, Verdict};
use crate::storage::{Db, StorageError};

/// The GCRA step of `Quota::hit` in SQL: $1 key, $2 now, $3 the emission interval, $4 the
/// tolerance. A SET expression reads the row as it was, so `allowed` and `tat` are decided on
/// the same old TAT; a refused hit leaves the TAT where it was. CASE rather than
/// GREATEST/MAX, which the two engines spell differently.
const HIT: &str = "INSERT INTO rate_limits (key, tat, allowed) VALUES ($1, $2 + $3, 1)
    ON CONFLICT (key) DO UPDATE SET
        tat = CASE WHEN rate_limits.tat > $2 + $4 THEN rate_limits.tat
                   WHEN rate_limits.tat > $2 THEN rate_limits.tat + $3
                   ELSE $2 + $3 END,
        allowed = CASE WHEN rate_limits.tat > $2 + $4 THEN 0 ELSE 1 END
    RETURNING tat, allowed";

impl Db {
    /// Counts a hit on `key` at `now` under `quota`: let through, or refused with the seconds
    /// to wait.
    pub async fn hit_rate_limit(&self, key: &str, quota: Quota, now: i64) -> Result<Verdict, StorageError> {
        let (tat, allowed): (i64, i64) = sqlx::query_as(HIT)
            .bind(key)
            .bind(now)
            .bind(quota.every_ms())
            .bind(quota.tolerance_ms())
            .fetch_one(self.pool())
            .await?;
        Ok(quota.verdict(tat, allowed == 1, now))
    }

    /// Forgets the rows whose TAT has passed by `now`: such a buyer has their whole burst back,
    /// exactly as without a row. Returns how many were forgotten.
    pub async fn forget_rate_limits(&self, now: i64) -> Result<u64, StorageError> {
        Ok(sqlx::query("DELETE FROM rate_limits WHERE tat < $1")
            .bind(now)
            .execute(self.pool())
            .await?
            .rows_affected())
    }
}
