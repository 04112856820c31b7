//! The catalog's version: a counter the database's triggers raise in the same transaction as
//! every write to a table the storefront's catalog is made of (`0032_catalog_version.sql`),
//! whoever writes — this process, another replica, an operator's shell. An answer built from the
//! catalog (`http::catalog_cache`) stays right while the version it was built at is still the
//! database's.
//!
//! Reading the version is itself a query, so it is read only when it may have changed: after
//! this process released a pool connection (which may have committed a write) or was told of a
//! write ([`Db::catalog_may_change`], the HTTP layer's hook for a write request answered before
//! its connection went back to the pool), and otherwise at most once per [`FRESH_FOR`] — the
//! delay before a write by another process shows. Reads go through a pool of their own, whose
//! releases do not count as writes.
//!
//! Must not: know what the catalog's answers are.

use crate::storage::{Db, StorageError};
use sqlx::AnyPool;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// How long a version read stays current when this process has written nothing since: the
/// longest a write by another process (a replica, a shell on the SQLite file) takes to show.
pub const FRESH_FOR: Duration = Duration::from_millis(2);

/// The catalog's version as the database holds it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CatalogVersion(pub i64);

/// What this process knows of the version, shared by every clone of the [`Db`].
#[derive(Debug)]
pub(in crate::storage) struct VersionWatch {
    /// Raised on every release of a pool connection and every write request answered.
    activity: AtomicU64,
    /// The last version read: at which `activity`, when (the read's start) and what.
    last: Mutex<Option<(u64, Instant, CatalogVersion)>>,
    /// One connection for the reads, outside the shop's pool.
    pool: AnyPool,
    /// One read at a time: callers that arrive during a read wait for it or the next one.
    reading: tokio::sync::Mutex<()>,
}

impl VersionWatch {
    pub(in crate::storage) fn new(pool: AnyPool) -> Self {
        VersionWatch {
            activity: AtomicU64::new(0),
            last: Mutex::new(None),
            pool,
            reading: tokio::sync::Mutex::new(()),
        }
    }

    pub(in crate::storage) async fn close(&self) {
        self.pool.close().await;
    }

    /// Something in this process may have written (a pool connection came back).
    pub(in crate::storage) fn touch(&self) {
        self.activity.fetch_add(1, Ordering::AcqRel);
    }
}

impl Db {
    /// The catalog's version now: any write committed before this call is counted in it, except
    /// one by another process in the last [`FRESH_FOR`].
    pub async fn catalog_version(&self) -> Result<CatalogVersion, StorageError> {
        let watch = self.version_watch();
        let arrived = Instant::now();
        // Read before the query: a write released after this point raises `activity`, so the
        // next call reads again even if this read missed that write.
        let activity = watch.activity.load(Ordering::Acquire);
        let last = || *watch.last.lock().expect("never poisoned");
        if let Some((seen, at, version)) = last() {
            if seen == activity && at.elapsed() < FRESH_FOR {
                return Ok(version);
            }
        }
        let _turn = watch.reading.lock().await;
        // A read that started after this call arrived counts every write committed before it.
        if let Some((_, at, version)) = last() {
            if at >= arrived {
                return Ok(version);
            }
        }
        let activity = watch.activity.load(Ordering::Acquire);
        let started = Instant::now();
        let (version,): (i64,) = sqlx::query_as("SELECT version FROM catalog_version WHERE id = 1")
            .fetch_one(&watch.pool)
            .await?;
        let version = CatalogVersion(version);
        *watch.last.lock().expect("never poisoned") = Some((activity, started, version));
        Ok(version)
    }

    /// Tells the watch that this process may just have changed the catalog (a write request's
    /// answer is on its way), so the next [`Db::catalog_version`] reads the database.
    pub fn catalog_may_change(&self) {
        self.version_watch().touch();
    }

    /// When the catalog next changes by itself: the earliest moment after `now` at which an
    /// event's product leaves the storefront ([`Db::events_shown_until`], the rule the catalog
    /// applies).
    pub async fn catalog_changes_by_itself_at(&self, now: i64) -> Result<Option<i64>, StorageError> {
        let shown_until = self.events_shown_until().await?;
        Ok(shown_until.into_values().filter(|&until| until > now).min())
    }
}
