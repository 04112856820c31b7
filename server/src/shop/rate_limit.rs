//! Per-buyer rate limits as a generic cell rate algorithm (GCRA): a [`Quota`] lets a buyer
//! make `burst` requests at once, then one more every `every_ms`. The state is one number per
//! buyer and limit, the theoretical arrival time (TAT): when the next request would be on
//! time if the buyer kept to the steady rate.
//!
//! A hit at `now` is let through when `TAT ≤ now + (burst - 1) · every`, and moves the TAT to
//! `max(TAT, now) + every`; a refused hit leaves it as it was. Storage applies this rule in one
//! atomic statement (`crate::storage::rate_limits`, so every replica of the shop counts the
//! same hits); this module owns the numbers and tells how long a refused buyer waits.
//!
//! Pure: no clock, no I/O.

/// How many requests a buyer may make: `burst` at once, then one per `every_ms`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Quota {
    burst: u32,
    every_ms: i64,
}

/// Whether a hit was let through.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    Allowed,
    /// Refused; the buyer may try again in this many whole seconds (at least 1).
    Refused {
        retry_after_secs: u64,
    },
}

impl Quota {
    /// `burst` requests at once (at least 1), then one per `every_ms` (at least 1 ms).
    pub fn new(burst: u32, every_ms: i64) -> Self {
        Quota {
            burst: burst.max(1),
            every_ms: every_ms.max(1),
        }
    }

    /// The emission interval: how far each allowed hit moves the TAT.
    pub fn every_ms(&self) -> i64 {
        self.every_ms
    }

    /// How far ahead of now the TAT may be for a hit to be let through: `(burst - 1) · every`.
    pub fn tolerance_ms(&self) -> i64 {
        i64::from(self.burst - 1).saturating_mul(self.every_ms)
    }

    /// The TAT after a hit at `now` with `tat` before it (`None`: no hit yet, or forgotten),
    /// and whether it was let through. Storage runs the same rule in SQL; this is its
    /// reference, which the unit tests below pin down.
    pub fn hit(&self, tat: Option<i64>, now: i64) -> (i64, bool) {
        match tat {
            Some(tat) if tat > now + self.tolerance_ms() => (tat, false),
            Some(tat) => (tat.max(now) + self.every_ms, true),
            None => (now + self.every_ms, true),
        }
    }

    /// The verdict on a hit at `now` that left the TAT at `tat`, let through or not.
    pub fn verdict(&self, tat: i64, allowed: bool, now: i64) -> Verdict {
        if allowed {
            return Verdict::Allowed;
        }
        // The next hit is let through once now + tolerance reaches the TAT.
        let wait_ms = (tat - self.tolerance_ms() - now).max(1);
        let secs = (wait_ms as u64).div_ceil(1000).max(1);
        Verdict::Refused {
            retry_after_secs: secs,
        }
    }
}

/// What is rate-limited, each with its own quota and key space.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Limited {
    /// `POST /api/checkout`: each makes an order and asks Telegram for an invoice link.
    Checkout,
    /// `POST /api/promo`: each prices a cart and looks a promo code up.
    PromoPreview,
}

impl Limited {
    /// The limit's name: `checkout` or `promo`.
    pub fn name(self) -> &'static str {
        match self {
            Limited::Checkout => "checkout",
            Limited::PromoPreview => "promo",
        }
    }

    /// The stored key of this limit for buyer `user_id`, e.g. `checkout:1001`.
    pub fn key(self, user_id: i64) -> String {
        format!("{}:{user_id}", self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Hits at the given times; which were let through.
    fn run(quota: Quota, times: &[i64]) -> Vec<bool> {
        let mut tat = None;
        times
            .iter()
            .map(|&now| {
                let (next, allowed) = quota.hit(tat, now);
                tat = Some(next);
                allowed
            })
            .collect()
    }

    #[test]
    fn a_burst_goes_through_then_one_per_interval() {
        let quota = Quota::new(5, 6_000);
        let at_once = run(quota, &[0; 7]);
        assert_eq!(at_once, [true, true, true, true, true, false, false]);
        // After the burst, one more each 6 s.
        let later = run(quota, &[0, 0, 0, 0, 0, 5_999, 6_000, 6_001, 12_000]);
        assert_eq!(later, [true, true, true, true, true, false, true, false, true]);
    }

    #[test]
    fn a_quiet_buyer_gets_the_whole_burst_back() {
        let quota = Quota::new(2, 1_000);
        assert_eq!(
            run(quota, &[0, 0, 0, 2_000, 2_000, 2_000]),
            [true, true, false, true, true, false]
        );
    }

    #[test]
    fn a_refused_buyer_is_told_the_whole_seconds_to_wait() {
        let quota = Quota::new(5, 6_000);
        let mut tat = None;
        for _ in 0..5 {
            tat = Some(quota.hit(tat, 0).0);
        }
        let (tat, allowed) = quota.hit(tat, 0);
        assert!(!allowed);
        assert_eq!(
            quota.verdict(tat, allowed, 0),
            Verdict::Refused { retry_after_secs: 6 }
        );
        assert_eq!(
            quota.verdict(tat, allowed, 5_500),
            Verdict::Refused { retry_after_secs: 1 }
        );
        assert_eq!(
            quota.verdict(tat, allowed, 5_999),
            Verdict::Refused { retry_after_secs: 1 },
            "never 0"
        );
        assert_eq!(quota.verdict(tat, true, 0), Verdict::Allowed);
    }

    #[test]
    fn keys_name_the_limit_and_the_buyer() {
        assert_eq!(Limited::Checkout.key(1001), "checkout:1001");
        assert_eq!(Limited::PromoPreview.key(1002), "promo:1002");
    }
}
