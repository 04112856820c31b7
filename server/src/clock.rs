//! The wall clock, read in one place: times are unix milliseconds (UTC) in storage and on the
//! wire, unix seconds where Telegram counts in seconds (initData's `auth_date`).
//!
//! Must not: format or zone times (the pages do, in the shopper's locale).

use std::time::{SystemTime, UNIX_EPOCH};

/// Now, in milliseconds since the unix epoch.
pub fn now_ms() -> i64 {
    let since_epoch = SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default();
    i64::try_from(since_epoch.as_millis()).unwrap_or(i64::MAX)
}

/// Now, in whole seconds since the unix epoch.
pub fn now_secs() -> i64 {
    now_ms() / 1000
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seconds_and_milliseconds_tell_the_same_time() {
        let (ms, secs) = (now_ms(), now_secs());
        assert!(ms > 1_700_000_000_000, "after November 2023: {ms}");
        assert!((secs - ms / 1000).abs() <= 1);
    }
}
