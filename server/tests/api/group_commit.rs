//! Group commit of the bot's updates (`server::storage` group commit): on SQLite concurrent
//! updates share commits and none waits more than one commit behind a burst; on both engines
//! each update is durable before it is acknowledged, however the process ends, and an update
//! that fails leaves the others (of its batch, on SQLite) whole.

use crate::helpers::FreshDb;
use crate::process::{free_port, spawn, wait_for_health};
use server::storage::telegram::updates::Claim;
use server::storage::Db;
use std::collections::BTreeSet;
use std::sync::Arc;

/// Batching is SQLite's (PostgreSQL flushes concurrent commits together itself).
#[tokio::test]
async fn a_burst_shares_commits_and_none_waits_more_than_one_commit_behind_it() {
    fair(&FreshDb::sqlite()).await;
}

#[tokio::test]
async fn on_postgres_each_update_commits_on_its_own_before_it_returns() {
    let fresh = FreshDb::postgres().await;
    let db = Db::connect(&fresh.url).await.unwrap();
    for id in 1..=3 {
        let Claim::New(tx) = db.begin_update(id, "other", 0).await.unwrap() else {
            panic!("new");
        };
        tx.commit().await.unwrap();
        assert_eq!(db.update_commits(), id as u64);
        assert!(stored(&fresh).await.contains(&id), "durable when commit returns");
    }
}

crate::on_both_engines!(
    isolated,
    an_update_that_fails_leaves_its_batch_mates_committed_on_sqlite,
    an_update_that_fails_leaves_its_batch_mates_committed_on_postgres
);

crate::on_both_engines!(
    killed,
    every_update_answered_200_survives_the_process_being_killed_on_sqlite,
    every_update_answered_200_survives_the_process_being_killed_on_postgres
);

const BURST: i64 = 64;

/// The update ids stored.
async fn stored(fresh: &FreshDb) -> BTreeSet<i64> {
    let mut sql = crate::helpers::events::fixture_sql(fresh).await;
    let rows: Vec<(i64,)> = sqlx::query_as("SELECT update_id FROM telegram_updates")
        .fetch_all(&mut sql)
        .await
        .unwrap();
    rows.into_iter().map(|(id,)| id).collect()
}

async fn fair(fresh: &FreshDb) {
    let db = Arc::new(Db::connect(&fresh.url).await.unwrap());
    let before_burst = db.update_commits();
    let updates = (1..=BURST).map(|id| {
        let db = db.clone();
        tokio::spawn(async move {
            // Read as the update queues (no await between): the commits it saw happen.
            let arrived = db.update_commits();
            let Claim::New(mut tx) = db.begin_update(id, "other", 0).await.unwrap() else {
                panic!("update {id} is new");
            };
            tx.save_answer("{}").await.unwrap();
            tx.commit().await.unwrap();
            db.update_commits() - arrived
        })
    });
    let waited: Vec<u64> = futures::future::join_all(updates)
        .await
        .into_iter()
        .map(Result::unwrap)
        .collect();
    let commits = db.update_commits() - before_burst;
    assert!(
        waited.iter().all(|&w| (1..=2).contains(&w)),
        "each update is durable by the first commit after the one in flight when it came: {waited:?}"
    );
    assert!(
        commits * 4 <= BURST as u64,
        "{BURST} concurrent updates in {commits} commits"
    );
    assert_eq!(stored(fresh).await, (1..=BURST).collect());
}

async fn isolated(fresh: &FreshDb) {
    let db = Db::connect(&fresh.url).await.unwrap();
    let Claim::New(mut failing) = db.begin_update(1, "other", 0).await.unwrap() else {
        panic!("new");
    };
    failing.save_answer("{\"ok\":true}").await.unwrap();
    drop(failing); // as when its handler fails: not committed
    let Claim::New(kept) = db.begin_update(2, "other", 0).await.unwrap() else {
        panic!("new");
    };
    kept.commit().await.unwrap();
    assert_eq!(stored(fresh).await, BTreeSet::from([2]));
    // Delivered again, the failed update is new: nothing of it was kept.
    let Claim::New(again) = db.begin_update(1, "other", 0).await.unwrap() else {
        panic!("the failed update left nothing behind");
    };
    again.commit().await.unwrap();
    assert_eq!(stored(fresh).await, BTreeSet::from([1, 2]));
}

/// 16 senders deliver updates to the running binary as fast as it answers; it is killed
/// (SIGKILL) in the middle, once 200 were answered. Every update it answered 200 is stored.
async fn killed(fresh: &FreshDb) {
    const SECRET: &str = "kill-test-webhook-secret-0123456789";
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let mut child = spawn(
        dir.path(),
        &[
            ("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}")),
            ("DATABASE_URL", fresh.url.clone()),
            ("WEBHOOK_SECRET", SECRET.to_owned()),
        ],
    );
    let pid = child.id();
    wait_for_health(port, &mut child);
    let client = reqwest::Client::new();
    let url = format!("http://127.0.0.1:{port}/telegram/webhook");
    let count = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let senders = (0..16i64).map(|sender| {
        let (client, url, count) = (client.clone(), url.clone(), count.clone());
        tokio::spawn(async move {
            let mut answered = Vec::new();
            for n in 0.. {
                let id = 1_000_000 + sender * 100_000 + n;
                let sent = client
                    .post(&url)
                    .header("X-Telegram-Bot-Api-Secret-Token", SECRET)
                    .json(&serde_json::json!({ "update_id": id }))
                    .send()
                    .await;
                match sent {
                    Ok(response) if response.status() == 200 => {
                        answered.push(id);
                        count.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    }
                    Ok(response) => panic!("update {id}: {}", response.status()),
                    Err(_) => return answered, // the server is gone
                }
            }
            answered
        })
    });
    let senders: Vec<_> = senders.collect();
    // Killed once a good number were answered, however busy the machine is.
    let answered_some = async || match count.load(std::sync::atomic::Ordering::Relaxed) {
        n if n >= 200 => Ok(()),
        n => Err(n),
    };
    crate::helpers::wait_until(
        std::time::Duration::from_secs(60),
        "200 answered updates",
        answered_some,
    )
    .await;
    std::process::Command::new("kill")
        .args(["-KILL", &pid.to_string()])
        .status()
        .unwrap();
    let mut answered = BTreeSet::new();
    for sender in senders {
        answered.extend(sender.await.unwrap());
    }
    let _ = child.wait();
    assert!(
        answered.len() > 50,
        "only {} updates answered before the kill",
        answered.len()
    );
    let stored = stored(fresh).await;
    let lost: Vec<&i64> = answered.difference(&stored).collect();
    assert!(lost.is_empty(), "answered 200 but not stored: {lost:?}");
}
