//! Storage: one sqlx `AnyPool` over SQLite (the embedded default) or PostgreSQL.
//!
//! Queries are checked at run time, written in the SQL both backends accept (`$N` placeholders,
//! BIGINT and TEXT columns, unix-millisecond UTC times), and the same tests run against both;
//! compile-time macros could check only one backend per build. Migrations are kept per backend
//! and run at start-up; a failure stops the shop. SQLite runs in WAL mode with
//! `synchronous=FULL`, so a committed transaction survives a power cut.
//! Must not: hold shop rules — those live in `crate::shop`.

pub mod carts;
pub mod catalog;
pub mod delivery;
mod error;
pub mod events;
pub mod figures;
pub mod leases;
pub mod orders;
pub mod promo_codes;
pub mod rate_limits;
pub mod salon;
mod seed;
pub mod settings;
pub mod sign_in;
pub mod subscriptions;
pub mod telegram;
pub mod vouchers;

pub use error::StorageError;

use sqlx::any::AnyPoolOptions;
use sqlx::{AnyConnection, AnyPool, Executor};
use std::time::Duration;

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

/// Which database engine is behind the pool.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    /// Tells the backend from a `DATABASE_URL`.
    pub fn of(url: &str) -> Result<Self, StorageError> {
        if url.starts_with("sqlite:") {
            Ok(Backend::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Ok(Backend::Postgres)
        } else {
            Err(StorageError::UnsupportedUrl)
        }
    }
}

/// A migrated database, cheap to clone (the pool is shared).
#[derive(Clone, Debug)]
pub struct Db {
    pool: AnyPool,
    backend: Backend,
    /// The bot's updates' shared commits (`telegram::group_commit`).
    group_commit: std::sync::Arc<telegram::group_commit::GroupCommit>,
    /// What this process knows of the catalog's version (`catalog::version`).
    version_watch: std::sync::Arc<catalog::version::VersionWatch>,
}

impl Db {
    /// Connects, configures durability, and runs the migrations.
    pub async fn connect(url: &str) -> Result<Self, StorageError> {
        sqlx::any::install_default_drivers();
        let backend = Backend::of(url)?;
        let url = match backend {
            Backend::Sqlite => prepare_sqlite_url(url)?,
            Backend::Postgres => url.to_owned(),
        };
        // The catalog version's reads have a connection of their own (`catalog::version`);
        // every release of one of the shop's connections may follow a write.
        let version_pool = AnyPoolOptions::new()
            .max_connections(1)
            .acquire_timeout(Duration::from_secs(10))
            .after_connect(move |conn, _| Box::pin(async move { configure(conn, backend).await }))
            .connect_lazy(&url)
            .map_err(StorageError::Connect)?;
        let version_watch = std::sync::Arc::new(catalog::version::VersionWatch::new(version_pool));
        let released = version_watch.clone();
        let pool = AnyPoolOptions::new()
            .max_connections(if backend == Backend::Sqlite { 8 } else { 16 })
            .acquire_timeout(Duration::from_secs(10))
            .after_connect(move |conn, _| Box::pin(async move { configure(conn, backend).await }))
            .after_release(move |_, _| {
                released.touch();
                Box::pin(async { Ok(true) })
            })
            .connect(&url)
            .await
            .map_err(StorageError::Connect)?;
        let migrator = match backend {
            Backend::Sqlite => &SQLITE_MIGRATIONS,
            Backend::Postgres => &POSTGRES_MIGRATIONS,
        };
        migrator.run(&pool).await?;
        // SQLite's writers take turns anyway, so sharing their commits only saves flushes;
        // PostgreSQL runs updates side by side and already flushes concurrent commits together
        // (see `telegram::group_commit`).
        let batched = backend == Backend::Sqlite;
        let group_commit = std::sync::Arc::new(telegram::group_commit::GroupCommit::start(batched));
        Ok(Db {
            pool,
            backend,
            group_commit,
            version_watch,
        })
    }

    /// The engine behind this database.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// The group commit of the bot's updates.
    pub(in crate::storage) fn group_commit(&self) -> &telegram::group_commit::GroupCommit {
        &self.group_commit
    }

    /// The catalog version's watch.
    pub(in crate::storage) fn version_watch(&self) -> &catalog::version::VersionWatch {
        &self.version_watch
    }

    /// How many group commits of the bot's updates were made since start (each may hold
    /// several updates).
    pub fn update_commits(&self) -> u64 {
        self.group_commit.commits()
    }

    /// The connection pool, for the query modules of this layer.
    pub(crate) fn pool(&self) -> &AnyPool {
        &self.pool
    }

    /// Checks that the database answers, and on SQLite that it can be written: a SQLite file
    /// held by another process (a backup, an operator's shell in a transaction) still answers
    /// reads in WAL mode while every payment would fail, so the probe takes the write lock
    /// (and lets it go at once), waiting at most [`PROBE_BUSY_MS`] for it.
    pub async fn ping(&self) -> Result<(), StorageError> {
        if self.backend != Backend::Sqlite {
            self.pool.execute("SELECT 1").await?;
            return Ok(());
        }
        let mut conn = self.pool.acquire().await?;
        conn.execute(sqlx::AssertSqlSafe(format!(
            "PRAGMA busy_timeout = {PROBE_BUSY_MS}"
        )))
        .await?;
        let probe = match conn.execute("BEGIN IMMEDIATE").await {
            Ok(_) => conn.execute("ROLLBACK").await.map(drop),
            Err(error) => Err(error),
        };
        // The connection goes back to the pool with the busy timeout the others have; if that
        // fails it is closed rather than returned.
        let reset = format!("PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}");
        if conn.execute(sqlx::AssertSqlSafe(reset)).await.is_err() {
            let _closed = conn.detach();
        }
        probe?;
        Ok(())
    }

    /// SQLite's `synchronous` level on a pooled connection (2 = FULL); `None` on PostgreSQL.
    pub async fn sqlite_synchronous(&self) -> Result<Option<i64>, StorageError> {
        if self.backend != Backend::Sqlite {
            return Ok(None);
        }
        let (level,): (i64,) = sqlx::query_as("PRAGMA synchronous").fetch_one(&self.pool).await?;
        Ok(Some(level))
    }

    /// Closes every connection; used on shutdown.
    pub async fn close(&self) {
        self.pool.close().await;
        self.version_watch.close().await;
    }
}

/// How long a SQLite statement waits for another connection's write lock before failing
/// (sqlx's default, set explicitly so the health probe can restore it).
const BUSY_TIMEOUT_MS: u64 = 5_000;
/// How long the health probe waits for SQLite's write lock: a busy shop holds it for
/// milliseconds, so a second means something else holds it.
const PROBE_BUSY_MS: u64 = 1_000;

/// Per-connection settings. For SQLite: WAL (readers never block the writer) and FULL sync,
/// which in WAL mode makes every commit durable across a power cut.
async fn configure(conn: &mut AnyConnection, backend: Backend) -> Result<(), sqlx::Error> {
    if backend == Backend::Sqlite {
        conn.execute("PRAGMA journal_mode = WAL").await?;
        conn.execute("PRAGMA synchronous = FULL").await?;
        conn.execute("PRAGMA foreign_keys = ON").await?;
        conn.execute(sqlx::AssertSqlSafe(format!(
            "PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}"
        )))
        .await?;
    }
    Ok(())
}

/// Creates the SQLite file's directory and asks sqlx to create the file if it is missing.
fn prepare_sqlite_url(url: &str) -> Result<String, StorageError> {
    let rest = url.trim_start_matches("sqlite:").trim_start_matches("//");
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    if path.is_empty() || path.starts_with(":memory:") {
        return Err(StorageError::UnsupportedUrl);
    }
    if let Some(dir) = std::path::Path::new(path)
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
    {
        std::fs::create_dir_all(dir).map_err(|source| StorageError::CreateDir {
            dir: dir.display().to_string(),
            source,
        })?;
    }
    Ok(match query {
        "" => format!("sqlite://{path}?mode=rwc"),
        q if q.contains("mode=") => url.to_owned(),
        q => format!("sqlite://{path}?{q}&mode=rwc"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_backend_is_told_by_the_url_scheme() {
        assert_eq!(Backend::of("sqlite://data/shop.db").unwrap(), Backend::Sqlite);
        assert_eq!(Backend::of("postgres://u@h/db").unwrap(), Backend::Postgres);
        assert_eq!(Backend::of("postgresql://u@h/db").unwrap(), Backend::Postgres);
        assert!(matches!(
            Backend::of("mysql://h/db"),
            Err(StorageError::UnsupportedUrl)
        ));
    }

    #[test]
    fn sqlite_urls_create_the_file_and_its_directory() {
        let dir = std::env::temp_dir().join(format!("shop-url-test-{}", std::process::id()));
        let file = dir.join("nested/shop.db");
        let url = prepare_sqlite_url(&format!("sqlite://{}", file.display())).unwrap();
        assert_eq!(url, format!("sqlite://{}?mode=rwc", file.display()));
        assert!(file.parent().unwrap().is_dir());
        let kept = prepare_sqlite_url(&format!("sqlite://{}?mode=ro", file.display())).unwrap();
        assert!(kept.ends_with("?mode=ro"));
        assert!(matches!(
            prepare_sqlite_url("sqlite::memory:"),
            Err(StorageError::UnsupportedUrl)
        ));
        std::fs::remove_dir_all(dir).unwrap();
    }
}
