//! Stars subscriptions in the database: the chat a subscription product grants
//! (`subscription_plans`), each subscription from checkout on (`subscriptions`), what payments
//! and Telegram's `subscription` updates do to it (inside the update's transaction, see
//! `crate::storage::telegram::updates`), and the sweep that lapses unpaid ones — each once,
//! its member's removal queued in the outbox in the same transaction.

use crate::shop::subscriptions::Subscription;
use crate::storage::orders::skip_locked;
use crate::storage::telegram::outbox;
use crate::storage::telegram::updates::UpdateTx;
use crate::storage::{Backend, Db, StorageError};
use app::catalog::VariantId;
use app::identity::{ChatId, UserId};
use app::subscriptions::{SubscriptionId, SubscriptionStatus};
use sqlx::any::AnyRow;
use sqlx::Row;

/// The columns [`read`] takes, in its order.
const COLUMNS: &str =
    "id, buyer_id, language, name, chat_id, price_stars, status, renews, expires_at, charge_id";

fn read(row: &AnyRow) -> Result<Subscription, StorageError> {
    let status: String = row.try_get("status")?;
    Ok(Subscription {
        id: SubscriptionId(row.try_get("id")?),
        buyer_id: row.try_get("buyer_id")?,
        language: row.try_get("language")?,
        product_name: row.try_get("name")?,
        chat_id: row.try_get("chat_id")?,
        price_stars: row.try_get("price_stars")?,
        status: SubscriptionStatus::parse(&status).ok_or(StorageError::Corrupt {
            what: "subscription status",
            detail: status,
        })?,
        renews: row.try_get::<i64, _>("renews")? != 0,
        expires_at: row.try_get("expires_at")?,
        charge_id: row.try_get("charge_id")?,
    })
}

/// A subscription product's variant, as checkout needs it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OnSale {
    pub product_id: i64,
    pub name: String,
    pub chat_id: i64,
    pub price_minor: i64,
    pub currency: String,
}

/// What a variant is to checkout of a subscription.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Offer {
    /// No such variant on sale.
    Unknown,
    /// On sale, but not a subscription's.
    NotASubscription,
    Subscription(OnSale),
}

/// Records the chat a new subscription product grants, in the transaction creating it.
pub(in crate::storage) async fn insert_plan(
    conn: &mut sqlx::AnyConnection,
    product_id: i64,
    chat_id: i64,
) -> Result<(), StorageError> {
    sqlx::query("INSERT INTO subscription_plans (product_id, chat_id) VALUES ($1, $2)")
        .bind(product_id)
        .bind(chat_id)
        .execute(conn)
        .await?;
    Ok(())
}

impl Db {
    /// What variant `id` offers to a subscriber.
    pub async fn subscription_offer(&self, id: VariantId) -> Result<Offer, StorageError> {
        let row = sqlx::query(
            "SELECT p.id AS product_id, p.name, p.currency, p.fulfilment, v.price_minor, s.chat_id
             FROM variants v JOIN products p ON p.id = v.product_id
             LEFT JOIN subscription_plans s ON s.product_id = p.id
             WHERE v.id = $1 AND p.archived_at IS NULL",
        )
        .bind(id.0)
        .fetch_optional(self.pool())
        .await?;
        let Some(row) = row else {
            return Ok(Offer::Unknown);
        };
        let kind: String = row.try_get("fulfilment")?;
        let chat_id: Option<i64> = row.try_get("chat_id")?;
        let (true, Some(chat_id)) = (kind == "subscription", chat_id) else {
            return Ok(Offer::NotASubscription);
        };
        Ok(Offer::Subscription(OnSale {
            product_id: row.try_get("product_id")?,
            name: row.try_get("name")?,
            chat_id,
            price_minor: row.try_get("price_minor")?,
            currency: row.try_get("currency")?,
        }))
    }

    /// A new subscription awaiting its first payment.
    pub async fn create_subscription(
        &self,
        buyer: UserId,
        language: &str,
        offer: &OnSale,
        now: i64,
    ) -> Result<SubscriptionId, StorageError> {
        let (id,): (i64,) = sqlx::query_as(
            "INSERT INTO subscriptions (buyer_id, language, product_id, name, chat_id, price_stars,
                                        status, created_at, updated_at)
             VALUES ($1, $7, $2, $3, $4, $5, 'pending', $6, $6) RETURNING id",
        )
        .bind(buyer.0)
        .bind(offer.product_id)
        .bind(&offer.name)
        .bind(offer.chat_id)
        .bind(offer.price_minor)
        .bind(now)
        .bind(language)
        .fetch_one(self.pool())
        .await?;
        Ok(SubscriptionId(id))
    }

    /// Forgets a pending subscription Telegram made no invoice for.
    pub async fn drop_pending_subscription(&self, id: SubscriptionId) -> Result<(), StorageError> {
        sqlx::query("DELETE FROM subscriptions WHERE id = $1 AND status = 'pending'")
            .bind(id.0)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// Subscription `id`.
    pub async fn subscription(&self, id: SubscriptionId) -> Result<Option<Subscription>, StorageError> {
        let sql = format!("SELECT {COLUMNS} FROM subscriptions WHERE id = $1");
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(id.0)
            .fetch_optional(self.pool())
            .await?;
        row.as_ref().map(read).transpose()
    }

    /// `buyer`'s paid subscriptions (active or lapsed), newest first; every subscriber's when
    /// `buyer` is `None` (the merchant's list).
    pub async fn subscriptions(&self, buyer: Option<UserId>) -> Result<Vec<Subscription>, StorageError> {
        let whose = match buyer {
            Some(_) => "AND buyer_id = $1",
            None => "",
        };
        let sql =
            format!("SELECT {COLUMNS} FROM subscriptions WHERE status <> 'pending' {whose} ORDER BY id DESC");
        let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
        if let Some(buyer) = buyer {
            query = query.bind(buyer.0);
        }
        let rows = query.fetch_all(self.pool()).await?;
        rows.iter().map(read).collect()
    }

    /// Records that renewal of subscription `id` is on (`renews`) or cancelled, as Telegram
    /// accepted it.
    pub async fn set_renewal(&self, id: SubscriptionId, renews: bool, now: i64) -> Result<(), StorageError> {
        sqlx::query("UPDATE subscriptions SET renews = $1, updated_at = $2 WHERE id = $3")
            .bind(i64::from(renews))
            .bind(now)
            .bind(id.0)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// Lapses the active subscriptions whose period ended by `now`, each once: in one
    /// transaction with its status, the outbox gets what `render` says to send (the member's
    /// removal from the chat, the subscriber's notice). Returns how many lapsed.
    pub async fn lapse_subscriptions(
        &self,
        now: i64,
        render: impl Fn(&Subscription) -> Vec<(ChatId, String)>,
    ) -> Result<usize, StorageError> {
        let mut tx = self.write_tx().await?;
        let sql = format!(
            "SELECT {COLUMNS} FROM subscriptions WHERE status = 'active' AND expires_at <= $1
             ORDER BY id LIMIT 50{}",
            skip_locked(self.backend())
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(now)
            .fetch_all(&mut *tx)
            .await?;
        let due: Vec<Subscription> = rows.iter().map(read).collect::<Result<_, _>>()?;
        for subscription in &due {
            sqlx::query(
                "UPDATE subscriptions SET status = 'lapsed', updated_at = $1
                 WHERE id = $2 AND status = 'active'",
            )
            .bind(now)
            .bind(subscription.id.0)
            .execute(&mut *tx)
            .await?;
            for (chat, request) in render(subscription) {
                outbox::queue(&mut tx, chat, &request, now).await?;
            }
        }
        tx.commit().await?;
        Ok(due.len())
    }
}

impl UpdateTx {
    /// Subscription `id`, locked until the update commits (on PostgreSQL; SQLite's write
    /// transaction holds the whole database).
    pub async fn subscription(&mut self, id: SubscriptionId) -> Result<Option<Subscription>, StorageError> {
        let lock = match self.backend() {
            Backend::Postgres => " FOR UPDATE",
            Backend::Sqlite => "",
        };
        let sql = format!("SELECT {COLUMNS} FROM subscriptions WHERE id = $1{lock}");
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(id.0)
            .fetch_optional(self.connection())
            .await?;
        row.as_ref().map(read).transpose()
    }

    /// A charge paid subscription `id` until `expires_at`: it is active (again), renewing,
    /// and `charge_id` is the charge `editUserStarSubscription` will name.
    pub async fn subscription_paid(
        &mut self,
        id: SubscriptionId,
        expires_at: i64,
        charge_id: &str,
        now: i64,
    ) -> Result<(), StorageError> {
        sqlx::query(
            "UPDATE subscriptions SET status = 'active', expires_at = $1, charge_id = $2,
                    updated_at = $3 WHERE id = $4",
        )
        .bind(expires_at)
        .bind(charge_id)
        .bind(now)
        .bind(id.0)
        .execute(self.connection())
        .await?;
        Ok(())
    }

    /// Telegram says the subscriber cancelled (`renews` false) or re-enabled renewal.
    pub async fn subscription_renews(
        &mut self,
        id: SubscriptionId,
        renews: bool,
        now: i64,
    ) -> Result<(), StorageError> {
        sqlx::query("UPDATE subscriptions SET renews = $1, updated_at = $2 WHERE id = $3")
            .bind(i64::from(renews))
            .bind(now)
            .bind(id.0)
            .execute(self.connection())
            .await?;
        Ok(())
    }

    /// Telegram says a renewal's payment failed.
    pub async fn subscription_failed(&mut self, id: SubscriptionId, now: i64) -> Result<(), StorageError> {
        sqlx::query("UPDATE subscriptions SET failed_at = $1, updated_at = $1 WHERE id = $2")
            .bind(now)
            .bind(id.0)
            .execute(self.connection())
            .await?;
        Ok(())
    }

    /// Whether `user` has a subscription granting `chat` at `now`.
    pub async fn subscribed(&mut self, user: UserId, chat: ChatId, now: i64) -> Result<bool, StorageError> {
        let found: Option<(i64,)> = sqlx::query_as(
            "SELECT id FROM subscriptions
             WHERE buyer_id = $1 AND chat_id = $2 AND status = 'active' AND expires_at > $3 LIMIT 1",
        )
        .bind(user.0)
        .bind(chat.0)
        .bind(now)
        .fetch_optional(self.connection())
        .await?;
        Ok(found.is_some())
    }
}
