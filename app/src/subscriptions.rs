//! Wire types of Stars subscriptions, as the shopper's API (`/api/subscriptions…`) and the
//! merchant's (`/api/admin/subscriptions…`) carry them: a monthly membership paid in Telegram
//! Stars that grants a private channel or group.
//!
//! What a subscription is and when it renews is the server's to decide, from Telegram's
//! payment and `subscription` updates; the page only shows it and asks for changes.

use serde::{Deserialize, Serialize};

/// A subscription's id in the shop's database.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct SubscriptionId(pub i64);

impl std::fmt::Display for SubscriptionId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

/// Where a subscription is in its life.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SubscriptionStatus {
    /// Checked out; the first payment has not arrived.
    Pending,
    /// Paid until its `expires_at`.
    Active,
    /// Ran out unpaid; its member was removed from the chat it granted.
    Lapsed,
}

impl SubscriptionStatus {
    /// As stored and sent: `pending`, `active` or `lapsed`.
    pub const fn as_str(self) -> &'static str {
        match self {
            SubscriptionStatus::Pending => "pending",
            SubscriptionStatus::Active => "active",
            SubscriptionStatus::Lapsed => "lapsed",
        }
    }

    /// The status a stored name names.
    pub fn parse(name: &str) -> Option<Self> {
        [Self::Pending, Self::Active, Self::Lapsed]
            .into_iter()
            .find(|s| s.as_str() == name)
    }
}

/// `POST /api/subscriptions`'s body: subscribe to a subscription product's variant.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubscribeRequest {
    pub variant_id: i64,
}

/// `POST /api/subscriptions`'s answer: the new (pending) subscription and its invoice, with
/// `subscription_period` set, to open with `openInvoice`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubscribeResponse {
    pub subscription_id: SubscriptionId,
    pub invoice_link: String,
}

/// A subscription as its subscriber and the merchant see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubscriptionView {
    pub id: SubscriptionId,
    /// The product's name, e.g. "Makers' Club".
    pub name: String,
    /// The monthly price, in Stars.
    pub price_stars: i64,
    pub status: SubscriptionStatus,
    /// False once the subscriber (or the merchant) cancelled renewal: it stays active until
    /// `expires_at`, then lapses.
    pub renews: bool,
    /// When the paid month ends, unix ms; none before the first payment.
    pub expires_at: Option<i64>,
    /// The subscriber (their Telegram user id); the merchant's list shows it.
    pub user_id: i64,
}

/// `GET /api/subscriptions` (the buyer's) and `GET /api/admin/subscriptions` (every one).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubscriptionList {
    pub subscriptions: Vec<SubscriptionView>,
}

/// `POST /api/subscriptions/{id}/renewal`'s body: cancel (`false`) or re-enable (`true`)
/// renewal. The answer is the subscription as it then is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RenewalChange {
    pub renews: bool,
}
