//! The storage layer's one error type.

/// Why a storage operation failed. Messages are for logs and start-up failures, never for
/// shoppers: the HTTP layer turns these into an opaque 500/503.
#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    #[error("DATABASE_URL must be a sqlite://<file> or postgres:// URL")]
    UnsupportedUrl,
    #[error("could not create the database directory {dir}: {source}")]
    CreateDir { dir: String, source: std::io::Error },
    #[error("could not connect to the database: {0}")]
    Connect(#[source] sqlx::Error),
    #[error("database migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("database query failed: {0}")]
    Query(#[from] sqlx::Error),
    /// A status change found the order no longer in the status it was read in: someone else
    /// moved it first. Not expected while the order's row is locked (`orders::lock_order`);
    /// the transaction is dropped and the caller's retry reads the order again (a webhook
    /// answers 5xx, so Telegram redelivers).
    #[error("order {0} was moved by someone else meanwhile; try again")]
    MovedMeanwhile(i64),
    /// The shared commit of a batch of updates failed (or was abandoned); nothing of the
    /// batch was kept.
    #[error("the group commit failed: {0}")]
    GroupCommit(String),
    #[error("the database holds an invalid {what}: {detail}")]
    Corrupt { what: &'static str, detail: String },
}
