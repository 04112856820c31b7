//! Group commit for the bot's updates: concurrent updates share one durable commit, and each
//! is told it is durable only once that commit is done.
//!
//! Every update's effects must be committed, to a commit that survives a power cut, before its
//! webhook answers 200 (`crate::storage::telegram::updates`). One commit per update makes the
//! disk's flush rate the shop's payment rate on a disk whose flush costs milliseconds, and on
//! SQLite, whose writers take turns, a waiting writer sleeps in SQLite's busy handler (1, 2, 5,
//! 10… ms) instead of waiting in line. (On a disk that flushes in a fraction of a millisecond,
//! as on the benchmark machine, the updates are CPU-bound and batching measured within noise:
//! README, Benchmarks.)
//!
//! So updates take turns here instead, in arrival order (a fair async mutex, no sleeping), each
//! inside one open write transaction, each in a savepoint of its own: an update that fails is
//! rolled back to its savepoint without touching the others. When an update is done it
//! releases its savepoint, leaves a waiter and lets the next one in. The committer takes its turn
//! like an update does, behind the updates that arrived before it asked: it commits everything
//! since the last commit in one flush and wakes their waiters with the outcome. An update that
//! arrives while the committer waits for its turn joins the next batch, so none waits more than
//! one commit behind a burst; an update alone is committed at once (no timer, no added delay).
//!
//! A crash before the commit loses the whole batch, and none of it was answered 200; a failed
//! commit fails every update in the batch (each answers 5xx, and Telegram delivers it again).
//!
//! On SQLite only. PostgreSQL runs concurrent transactions side by side and its WAL writer
//! already flushes concurrent commits together; batching them here would serialise updates
//! that need not wait for each other (and hold row locks across a whole batch) for no saving:
//! measured, the same run's paid orders per second were within noise either way. There each
//! update has a transaction of its own, committed before it answers, as before.
//!
//! Must not: hold the turn across anything but this database's statements (a network call
//! would stall every update behind it), or decide what an update writes.

use crate::storage::{Db, StorageError};
use sqlx::{Any, Executor, Transaction};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Weak};
use tokio::sync::{oneshot, Mutex, Notify, OwnedMutexGuard};

/// The outcome of a batch's commit, as each of its updates hears it.
type Outcome = Result<(), Arc<str>>;

/// The shared write transaction, and who waits for it to be committed.
#[derive(Default)]
pub(in crate::storage) struct Batch {
    tx: Option<Transaction<'static, Any>>,
    /// The savepoint of an update that ended without finishing (an error, a dropped future):
    /// rolled back by whoever takes the next turn.
    undo: Option<String>,
    waiters: Vec<oneshot::Sender<Outcome>>,
    /// Savepoints taken, for unique names.
    taken: u64,
}

/// The turn order and the committer's wake-up call; one per database.
#[derive(Debug)]
pub(in crate::storage) struct GroupCommit {
    /// Whether updates share commits; otherwise each has a transaction of its own.
    batched: bool,
    batch: Arc<Mutex<Batch>>,
    kick: Arc<Notify>,
    /// Batches committed so far.
    commits: Arc<AtomicU64>,
}

impl std::fmt::Debug for Batch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Batch")
            .field("open", &self.tx.is_some())
            .field("waiters", &self.waiters.len())
            .finish()
    }
}

impl GroupCommit {
    /// A group commit with its committer running (until the database is dropped).
    pub(in crate::storage) fn start(batched: bool) -> Self {
        let batch = Arc::new(Mutex::new(Batch::default()));
        let kick = Arc::new(Notify::new());
        let commits = Arc::new(AtomicU64::new(0));
        tokio::spawn(committer(Arc::downgrade(&batch), kick.clone(), commits.clone()));
        GroupCommit {
            batched,
            batch,
            kick,
            commits,
        }
    }

    /// How many batches were committed so far.
    pub(in crate::storage) fn commits(&self) -> u64 {
        self.commits.load(Ordering::Acquire)
    }
}

/// One update's turn in the shared transaction, inside its own savepoint.
pub(in crate::storage) struct Turn {
    /// `None` once the turn is over, or when the update has a transaction of its own.
    batch: Option<OwnedMutexGuard<Batch>>,
    /// The update's own transaction, when updates do not share commits.
    alone: Option<Transaction<'static, Any>>,
    savepoint: String,
    kick: Arc<Notify>,
    commits: Arc<AtomicU64>,
}

impl Turn {
    /// Waits for this update's turn and opens its savepoint (and the batch's transaction, for
    /// the first update of a batch).
    pub(in crate::storage) async fn take(db: &Db) -> Result<Turn, StorageError> {
        let group = db.group_commit();
        if !group.batched {
            return Ok(Turn {
                batch: None,
                alone: Some(db.write_tx().await?),
                savepoint: String::new(),
                kick: group.kick.clone(),
                commits: group.commits.clone(),
            });
        }
        let mut batch = group.batch.clone().lock_owned().await;
        settle(&mut batch).await;
        if batch.tx.is_none() {
            batch.tx = Some(db.write_tx().await?);
        }
        batch.taken += 1;
        let savepoint = format!("update_{}", batch.taken);
        let conn: &mut sqlx::AnyConnection = batch.tx.as_mut().expect("opened above");
        if let Err(error) = conn
            .execute(sqlx::AssertSqlSafe(format!("SAVEPOINT {savepoint}")))
            .await
        {
            fail(&mut batch, &error.to_string());
            return Err(error.into());
        }
        // The committer queues for its turn now, behind whoever already waits.
        group.kick.notify_one();
        Ok(Turn {
            batch: Some(batch),
            alone: None,
            savepoint,
            kick: group.kick.clone(),
            commits: group.commits.clone(),
        })
    }

    /// The shared transaction's connection.
    pub(in crate::storage) fn connection(&mut self) -> &mut sqlx::AnyConnection {
        if let Some(tx) = self.alone.as_mut() {
            return tx;
        }
        let batch = self.batch.as_mut().expect("a turn in progress");
        batch.tx.as_mut().expect("a turn holds an open transaction")
    }

    /// Keeps this update's effects and waits until the commit that holds them is done.
    pub(in crate::storage) async fn commit(mut self) -> Result<(), StorageError> {
        if let Some(tx) = self.alone.take() {
            tx.commit().await?;
            self.commits.fetch_add(1, Ordering::AcqRel);
            return Ok(());
        }
        let release = format!("RELEASE SAVEPOINT {}", self.savepoint);
        self.connection().execute(sqlx::AssertSqlSafe(release)).await?;
        let (done, outcome) = oneshot::channel();
        let mut batch = self.batch.take().expect("a turn in progress");
        batch.waiters.push(done);
        drop(batch);
        self.kick.notify_one();
        match outcome.await {
            Ok(Ok(())) => Ok(()),
            Ok(Err(why)) => Err(StorageError::GroupCommit(why.to_string())),
            Err(_) => Err(StorageError::GroupCommit("the batch ended uncommitted".into())),
        }
    }
}

impl Drop for Turn {
    /// A turn that ends without [`Turn::commit`] leaves its savepoint to be rolled back.
    fn drop(&mut self) {
        if let Some(mut batch) = self.batch.take() {
            batch.undo = Some(std::mem::take(&mut self.savepoint));
            drop(batch);
            self.kick.notify_one();
        }
    }
}

/// Rolls back an unfinished update's savepoint; when even that fails, the whole batch.
async fn settle(batch: &mut Batch) {
    let (Some(savepoint), Some(tx)) = (batch.undo.take(), batch.tx.as_mut()) else {
        return;
    };
    let conn: &mut sqlx::AnyConnection = tx;
    let rollback = format!("ROLLBACK TO SAVEPOINT {savepoint}");
    let release = format!("RELEASE SAVEPOINT {savepoint}");
    let undone = match conn.execute(sqlx::AssertSqlSafe(rollback)).await {
        Ok(_) => conn.execute(sqlx::AssertSqlSafe(release)).await.map(drop),
        Err(error) => Err(error),
    };
    if let Err(error) = undone {
        fail(batch, &format!("an update could not be rolled back: {error}"));
    }
}

/// Abandons the batch: its transaction rolled back, its updates told why.
fn fail(batch: &mut Batch, why: &str) {
    batch.tx = None;
    let why: Arc<str> = Arc::from(why);
    for waiter in batch.waiters.drain(..) {
        let _gone = waiter.send(Err(why.clone()));
    }
}

/// Commits each batch when its turn comes, until the database is dropped.
async fn committer(batch: Weak<Mutex<Batch>>, kick: Arc<Notify>, commits: Arc<AtomicU64>) {
    loop {
        kick.notified().await;
        let Some(batch) = batch.upgrade() else { return };
        let mut batch = batch.lock().await;
        settle(&mut batch).await;
        let Some(tx) = batch.tx.take() else { continue };
        let outcome: Outcome = tx.commit().await.map_err(|error| {
            tracing::warn!(%error, updates = batch.waiters.len(), "a group commit failed");
            Arc::from(error.to_string())
        });
        if outcome.is_ok() {
            commits.fetch_add(1, Ordering::AcqRel);
        }
        for waiter in batch.waiters.drain(..) {
            let _gone = waiter.send(outcome.clone());
        }
    }
}
