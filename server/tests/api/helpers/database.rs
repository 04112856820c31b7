//! Fresh databases, one per test: a SQLite file in a temporary directory, or a new database on
//! the test PostgreSQL server. Both are gone when the test ends, passed or failed: the
//! directory with its `TempDir`, the PostgreSQL database by [`FreshDb`]'s `Drop`.

use sqlx::{Connection, Executor};
use std::sync::atomic::{AtomicU32, Ordering};

/// PostgreSQL for tests: `TEST_POSTGRES_URL` (scripts/test.sh sets it), else the machine's own
/// server. Never skipped: if neither answers, the tests fail.
pub fn postgres_admin_url() -> String {
    std::env::var("TEST_POSTGRES_URL").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into())
}

/// A database used by one test only.
pub struct FreshDb {
    pub url: String,
    _dir: Option<tempfile::TempDir>,
    postgres_name: Option<String>,
}

impl FreshDb {
    /// A new SQLite file in a temporary directory.
    pub fn sqlite() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let url = format!("sqlite://{}", dir.path().join("shop.db").display());
        FreshDb {
            url,
            _dir: Some(dir),
            postgres_name: None,
        }
    }

    /// A new database on the test PostgreSQL server.
    pub async fn postgres() -> Self {
        static COUNTER: AtomicU32 = AtomicU32::new(0);
        let admin = postgres_admin_url();
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .subsec_nanos();
        let name = format!(
            "shop_test_{}_{}_{nanos}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        );
        let mut conn = sqlx::PgConnection::connect(&admin)
            .await
            .unwrap_or_else(|e| panic!("PostgreSQL for tests is not reachable at TEST_POSTGRES_URL ({e}); scripts/test.sh sets one up"));
        conn.execute(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
            .await
            .expect("create test database");
        FreshDb {
            url: with_database(&admin, &name),
            _dir: None,
            postgres_name: Some(name),
        }
    }

    /// The PostgreSQL database's name; `None` for SQLite.
    pub fn postgres_name(&self) -> Option<&str> {
        self.postgres_name.as_deref()
    }

    /// Drops the PostgreSQL database now, even under a server still connected to it (SQLite
    /// files go with their temp dir). Without this call the database goes when `self` drops.
    pub async fn remove(mut self) {
        if let Some(name) = self.postgres_name.take() {
            drop_database(&name).await.expect("drop test database");
        }
    }
}

impl Drop for FreshDb {
    /// Drops the PostgreSQL database when the test ends, also when it failed: then this runs
    /// while the test's panic unwinds, so it must not panic itself (that would abort the
    /// whole test binary), and it cannot use the test's runtime, whose future is the one being
    /// dropped. A thread of its own with a runtime of its own does the drop, and is waited for.
    fn drop(&mut self) {
        let Some(name) = self.postgres_name.take() else {
            return;
        };
        let dropped = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .map_err(|e| e.to_string())?;
            runtime
                .block_on(drop_database(&name))
                .map_err(|e| format!("{name}: {e}"))
        })
        .join();
        match dropped {
            Ok(Ok(())) => {}
            Ok(Err(error)) => eprintln!("a test database could not be dropped: {error}"),
            Err(_) => eprintln!("dropping a test database panicked"),
        }
    }
}

/// `DROP DATABASE … WITH (FORCE)`: ends the sessions still connected to it (the test's server).
async fn drop_database(name: &str) -> Result<(), sqlx::Error> {
    let mut conn = sqlx::PgConnection::connect(&postgres_admin_url()).await?;
    conn.execute(sqlx::AssertSqlSafe(format!(
        "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
    )))
    .await?;
    conn.close().await
}

/// `postgres://u@h:5432/test?x` with the database name replaced.
fn with_database(url: &str, name: &str) -> String {
    let (base, query) = url
        .split_once('?')
        .map(|(b, q)| (b, Some(q)))
        .unwrap_or((url, None));
    let (server, _) = base.rsplit_once('/').expect("TEST_POSTGRES_URL names a database");
    match query {
        Some(q) => format!("{server}/{name}?{q}"),
        None => format!("{server}/{name}"),
    }
}

/// Whether the test PostgreSQL server has a database called `name`.
pub async fn postgres_has_database(name: &str) -> bool {
    let mut conn = sqlx::PgConnection::connect(&postgres_admin_url())
        .await
        .expect("admin connection");
    let found: Option<(i32,)> = sqlx::query_as("SELECT 1 FROM pg_database WHERE datname = $1")
        .bind(name)
        .fetch_optional(&mut conn)
        .await
        .expect("pg_database answers");
    found.is_some()
}

#[tokio::test]
async fn a_failing_tests_postgres_database_is_dropped_all_the_same() {
    use futures::FutureExt;
    let mut created = None;
    let failing_test = async {
        let fresh = FreshDb::postgres().await;
        let name = fresh.postgres_name().unwrap().to_owned();
        assert!(
            postgres_has_database(&name).await,
            "{name} exists while the test runs"
        );
        created = Some(name);
        panic!("the test fails");
    };
    let outcome = std::panic::AssertUnwindSafe(failing_test).catch_unwind().await;
    assert!(outcome.is_err(), "the test failed");
    let name = created.expect("the test got as far as its database");
    assert!(!postgres_has_database(&name).await, "{name} is dropped");
}

#[tokio::test]
async fn a_passing_tests_postgres_database_is_dropped_when_it_ends() {
    let fresh = FreshDb::postgres().await;
    let name = fresh.postgres_name().unwrap().to_owned();
    assert!(postgres_has_database(&name).await);
    drop(fresh);
    assert!(!postgres_has_database(&name).await, "{name} is dropped");
}
