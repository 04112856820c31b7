//! Orders made by shared invoices (`crate::shop::shared_invoice`) and the admin's posts of
//! them. A shared invoice's pre-checkout query makes its own order for its payer, taking one
//! unit in the update's transaction ([`UpdateTx::create_shared_order`]); the payment then
//! finds that order again by its payer, source and variant ([`UpdateTx::shared_order_for_payment`]).
//! Unlike a checkout it replaces none of the buyer's orders: each payment is an order of its
//! own, held for the charge like an accepted checkout and released by the expiry job
//! (`Db::expire_orders`) when no payment follows.

use crate::shop::order::{BuyerName, OrderRecord};
use crate::shop::shared_invoice::{PostId, SaleSource};
use crate::storage::orders::history::record_step;
use crate::storage::orders::reservations::{stock_of, take_stock, UnitPrice};
use crate::storage::orders::{load_order, lock_order};
use crate::storage::telegram::updates::UpdateTx;
use crate::storage::{Db, StorageError};
use app::catalog::{ProductId, VariantId};
use app::identity::{ChatId, UserId};
use app::money::Currency;
use app::orders::{OrderId, OrderStatus};
use sqlx::Row;

/// The order a shared invoice's accepted pre-checkout makes: one unit of one variant.
pub struct SharedOrder<'a> {
    pub buyer_id: UserId,
    pub buyer: &'a BuyerName,
    pub source: SaleSource,
    pub product_id: ProductId,
    pub variant_id: VariantId,
    /// The line's name (product, and variant in brackets when it has one).
    pub name: &'a str,
    pub currency: Currency,
    pub unit_minor: i64,
    pub needs_shipping: bool,
    pub now: i64,
    /// When its unit goes back to stock if no payment came.
    pub expires_at: i64,
}

/// The unit a shared order wanted is gone (or its price changed meanwhile): how many are left.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Unavailable {
    pub available: i64,
}

/// An admin's post of a shared invoice, as the merchant lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PostRecord {
    pub id: PostId,
    pub chat_id: ChatId,
    pub chat_title: String,
    pub message_id: Option<i64>,
    pub product_id: ProductId,
    pub variant_id: VariantId,
    pub multi_chat: bool,
    pub created_at: i64,
    /// The orders it brought that were paid (refunded ones included), and their total.
    pub paid_orders: Vec<OrderId>,
}

/// A new post, before Telegram sent it.
pub struct NewPost<'a> {
    pub chat_id: ChatId,
    pub chat_title: &'a str,
    pub product_id: ProductId,
    pub variant_id: VariantId,
    pub multi_chat: bool,
    pub posted_by: UserId,
    pub now: i64,
}

impl UpdateTx {
    /// Makes the order of a shared invoice's payment, taking its unit if one is left at
    /// `order.unit_minor`; nothing changes otherwise.
    pub async fn create_shared_order(
        &mut self,
        order: &SharedOrder<'_>,
    ) -> Result<Result<OrderId, Unavailable>, StorageError> {
        let conn = self.connection();
        crate::storage::orders::buyers::remember(conn, order.buyer_id, order.buyer, order.now).await?;
        let unit = UnitPrice::new(order.unit_minor, order.currency.is_stars());
        if !take_stock(conn, order.variant_id, 1, Some(unit)).await? {
            let available = stock_of(conn, order.variant_id).await?;
            return Ok(Err(Unavailable { available }));
        }
        let (id,): (i64,) = sqlx::query_as(
            "INSERT INTO orders (buyer_id, status, currency, items_minor, max_tip_minor, needs_shipping,
                                 created_at, expires_at, updated_at, source)
             VALUES ($1, 'awaiting_payment', $2, $3, 0, $4, $5, $6, $5, $7) RETURNING id",
        )
        .bind(order.buyer_id.0)
        .bind(order.currency.as_str())
        .bind(order.unit_minor)
        .bind(i64::from(order.needs_shipping))
        .bind(order.now)
        .bind(order.expires_at)
        .bind(order.source.to_string())
        .fetch_one(&mut *conn)
        .await?;
        sqlx::query(
            "INSERT INTO order_lines (order_id, product_id, variant_id, name, unit_minor, quantity, stocked)
             VALUES ($1, $2, $3, $4, $5, 1, 1)",
        )
        .bind(id)
        .bind(order.product_id.0)
        .bind(order.variant_id.0)
        .bind(order.name)
        .bind(order.unit_minor)
        .execute(&mut *conn)
        .await?;
        record_step(conn, OrderId(id), OrderStatus::AwaitingPayment, order.now).await?;
        Ok(Ok(OrderId(id)))
    }

    /// The order a payment of shared invoice `source`/`variant` by `buyer` pays: the newest of
    /// theirs made by that invoice's pre-checkout and not paid yet (awaiting payment, or
    /// expired when the charge came late), locked until the end of the transaction.
    pub async fn shared_order_for_payment(
        &mut self,
        buyer: UserId,
        source: SaleSource,
        variant: VariantId,
    ) -> Result<Option<OrderRecord>, StorageError> {
        let backend = self.backend();
        let conn = self.connection();
        let id: Option<(i64,)> = sqlx::query_as(
            "SELECT o.id FROM orders o
             WHERE o.buyer_id = $1 AND o.source = $2 AND o.status IN ('awaiting_payment', 'expired')
               AND EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = o.id AND l.variant_id = $3)
             ORDER BY o.id DESC LIMIT 1",
        )
        .bind(buyer.0)
        .bind(source.to_string())
        .bind(variant.0)
        .fetch_optional(&mut *conn)
        .await?;
        let Some((id,)) = id else {
            return Ok(None);
        };
        lock_order(conn, backend, OrderId(id)).await?;
        load_order(conn, OrderId(id)).await
    }

    /// The title of the chat post `id` went to, if there is such a post.
    pub async fn post_chat_title(&mut self, id: PostId) -> Result<Option<String>, StorageError> {
        let title: Option<(String,)> = sqlx::query_as("SELECT chat_title FROM posts WHERE id = $1")
            .bind(id.0)
            .fetch_optional(self.connection())
            .await?;
        Ok(title.map(|(t,)| t))
    }
}

impl Db {
    /// Records a post about to be sent; its id goes into the invoice's payload.
    pub async fn create_post(&self, post: &NewPost<'_>) -> Result<PostId, StorageError> {
        let (id,): (i64,) = sqlx::query_as(
            "INSERT INTO posts (chat_id, chat_title, product_id, variant_id, multi_chat, posted_by, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        )
        .bind(post.chat_id.0)
        .bind(post.chat_title)
        .bind(post.product_id.0)
        .bind(post.variant_id.0)
        .bind(i64::from(post.multi_chat))
        .bind(post.posted_by.0)
        .bind(post.now)
        .fetch_one(self.pool())
        .await?;
        Ok(PostId(id))
    }

    /// Keeps the message id Telegram gave post `id`.
    pub async fn set_post_message(&self, id: PostId, message_id: i64) -> Result<(), StorageError> {
        sqlx::query("UPDATE posts SET message_id = $1 WHERE id = $2")
            .bind(message_id)
            .bind(id.0)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// Forgets post `id`, which Telegram did not send.
    pub async fn delete_post(&self, id: PostId) -> Result<(), StorageError> {
        sqlx::query("DELETE FROM posts WHERE id = $1 AND message_id IS NULL")
            .bind(id.0)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// Every post Telegram sent, newest first, with the paid orders each brought.
    pub async fn posts(&self) -> Result<Vec<PostRecord>, StorageError> {
        let rows = sqlx::query(
            "SELECT id, chat_id, chat_title, message_id, product_id, variant_id, multi_chat, created_at
             FROM posts WHERE message_id IS NOT NULL ORDER BY id DESC LIMIT 200",
        )
        .fetch_all(self.pool())
        .await?;
        let paid: Vec<(i64, String)> = sqlx::query_as(
            "SELECT id, source FROM orders WHERE source LIKE 'post%' AND paid_at IS NOT NULL ORDER BY id",
        )
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|row| {
                let id = PostId(row.try_get("id")?);
                let source = SaleSource::Post(id).to_string();
                Ok(PostRecord {
                    id,
                    chat_id: ChatId(row.try_get("chat_id")?),
                    chat_title: row.try_get("chat_title")?,
                    message_id: row.try_get("message_id")?,
                    product_id: ProductId(row.try_get("product_id")?),
                    variant_id: VariantId(row.try_get("variant_id")?),
                    multi_chat: row.try_get::<i64, _>("multi_chat")? != 0,
                    created_at: row.try_get("created_at")?,
                    paid_orders: paid
                        .iter()
                        .filter(|(_, s)| *s == source)
                        .map(|(order, _)| OrderId(*order))
                        .collect(),
                })
            })
            .collect()
    }

    /// The title of the chat post `id` went to, if there is such a post.
    pub async fn post_chat_title(&self, id: PostId) -> Result<Option<String>, StorageError> {
        let title: Option<(String,)> = sqlx::query_as("SELECT chat_title FROM posts WHERE id = $1")
            .bind(id.0)
            .fetch_optional(self.pool())
            .await?;
        Ok(title.map(|(t,)| t))
    }

    /// The groups and channels the shop posted into, newest first: (chat id, title).
    pub async fn posted_chats(&self) -> Result<Vec<(ChatId, String)>, StorageError> {
        let rows: Vec<(i64, String)> = sqlx::query_as(
            "SELECT chat_id, chat_title FROM posts p WHERE message_id IS NOT NULL
               AND id = (SELECT MAX(id) FROM posts q WHERE q.chat_id = p.chat_id AND q.message_id IS NOT NULL)
             ORDER BY id DESC",
        )
        .fetch_all(self.pool())
        .await?;
        Ok(rows.into_iter().map(|(id, title)| (ChatId(id), title)).collect())
    }
}
