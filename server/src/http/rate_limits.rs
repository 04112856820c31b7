//! Per-buyer rate limits on the shopper's requests that cost the shop most: checkout (an order,
//! its reservation, and a `createInvoiceLink` call to Telegram) and the promo preview (a cart
//! priced and a code looked up). A buyer over a limit is answered `429 rate_limited` with
//! `Retry-After` in whole seconds.
//!
//! Keyed by the verified Telegram user (initData's user id), never the IP: shoppers behind one
//! carrier's NAT share an address, and one shopper can change theirs. The counting is
//! `crate::storage::rate_limits` (in the database, so all replicas share it); the rule is
//! `crate::shop::rate_limit`.

use super::ApiError;
use crate::clock::now_ms;
use crate::shop::rate_limit::{Limited, Quota, Verdict};
use crate::storage::Db;
use app::error_code::ErrorCode;
use app::identity::UserId;
use std::time::Duration;

/// The quota of each limited request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RateLimits {
    pub checkout: Quota,
    pub promo_preview: Quota,
}

impl RateLimits {
    /// Counts `buyer`'s request of kind `what`; `Err` (429) when over its quota.
    pub async fn admit(&self, db: &Db, what: Limited, buyer: UserId) -> Result<(), ApiError> {
        let quota = match what {
            Limited::Checkout => self.checkout,
            Limited::PromoPreview => self.promo_preview,
        };
        match db.hit_rate_limit(&what.key(buyer.0), quota, now_ms()).await? {
            Verdict::Allowed => Ok(()),
            Verdict::Refused { retry_after_secs } => {
                tracing::info!(%buyer, ?what, retry_after_secs, "a buyer is over a rate limit");
                crate::metrics::rate_limited(what.name());
                Err(ApiError::too_many_requests(
                    ErrorCode::RateLimited,
                    format!("Too many attempts in a short time. Please try again in {retry_after_secs} s."),
                    retry_after_secs,
                ))
            }
        }
    }
}

/// Forgets the limits' rows that no longer hold anyone back, once a minute; runs until aborted.
pub async fn forget_old(db: Db) {
    loop {
        match db.forget_rate_limits(now_ms()).await {
            Ok(0) => {}
            Ok(forgotten) => tracing::debug!(forgotten, "rate limit rows forgotten"),
            Err(error) => tracing::warn!(%error, "could not forget old rate limit rows"),
        }
        tokio::time::sleep(Duration::from_secs(60)).await;
    }
}
