//! Waiting for what the shop does in the background (the outbox's messages, the expiry sweep,
//! the webhook's registration at start-up): a condition polled until a deadline, never a fixed
//! sleep, so a test is as fast as the shop and fails saying what it waited for.

use std::fmt::Debug;
use std::time::Duration;
use tokio::time::Instant;

/// How long a test waits for something the shop does in the background before it fails.
pub const PATIENCE: Duration = Duration::from_secs(10);

/// How often a condition is looked at again.
const POLL: Duration = Duration::from_millis(50);

/// Looks at `check` until it answers `Ok`, and returns that value. `Err` carries what was
/// seen instead: when `within` passes first, the test fails naming `what` it waited for and
/// the last thing seen.
pub async fn wait_until<T, E: Debug>(
    within: Duration,
    what: &str,
    mut check: impl AsyncFnMut() -> Result<T, E>,
) -> T {
    let deadline = Instant::now() + within;
    loop {
        match check().await {
            Ok(value) => return value,
            Err(seen) if Instant::now() >= deadline => {
                panic!("waited {within:?} for {what}, in vain; last seen: {seen:?}")
            }
            Err(_) => tokio::time::sleep(POLL).await,
        }
    }
}

#[tokio::test]
async fn a_wait_ends_as_soon_as_the_condition_holds() {
    let mut looks = 0;
    let answer = wait_until(PATIENCE, "the third look", async || {
        looks += 1;
        if looks == 3 {
            Ok("found")
        } else {
            Err(looks)
        }
    })
    .await;
    assert_eq!((answer, looks), ("found", 3));
}

#[tokio::test]
#[should_panic(expected = "waited 200ms for the impossible, in vain; last seen: \"still no\"")]
async fn a_wait_past_its_deadline_fails_saying_what_it_waited_for() {
    wait_until(Duration::from_millis(200), "the impossible", async || {
        Err::<(), _>("still no")
    })
    .await;
}
