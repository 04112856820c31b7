//! The merchant's view of orders: every buyer's orders, filtered and paged, and the moves the
//! merchant makes (shipped, delivered, cancelled before payment), each written with its
//! timeline step and the buyer's bot message in one transaction.
//!
//! Must not decide which moves are allowed: `crate::shop::order::apply` does.

use crate::shop::order::OrderBackOffice;
use crate::shop::order::OrderHeadline;
use crate::shop::order::OrderRecord;
use crate::shop::order::{apply, IllegalTransition, OrderEvent};
use crate::shop::payment_provider::PaymentProvider;
use crate::storage::catalog::corrupt;
use crate::storage::orders::history::record_step;
use crate::storage::orders::reservations::{give_back_promo_use, give_back_stock};
use crate::storage::orders::{load_order_for_update, provider_from_row};
use crate::storage::telegram::outbox::queue;
use crate::storage::telegram::updates::{record_ledger, LedgerEntry};
use crate::storage::{Db, StorageError};
use app::identity::UserId;
use app::money::Currency;
use app::orders::{OrderId, OrderStatus};
use sqlx::Row;

// Each condition is always there and switched off by a NULL parameter, so one SQL text serves
// every filter on both engines.
macro_rules! filtered {
    () => {
        "($1 IS NULL OR o.status = $1) AND ($2 IS NULL OR o.created_at >= $2)
         AND ($3 IS NULL OR o.created_at < $3) AND ($4 IS NULL OR o.id = $4 OR o.buyer_id = $4)
         AND ($5 IS NULL OR EXISTS (SELECT 1 FROM buyers b WHERE b.id = o.buyer_id
              AND (LOWER(b.name) LIKE $5 ESCAPE '\\' OR LOWER(b.username) LIKE $5 ESCAPE '\\')))"
    };
}

const COUNT: &str = concat!("SELECT COUNT(*) AS n FROM orders o WHERE ", filtered!());

const PAGE: &str = concat!(
    "SELECT o.id, o.buyer_id, o.status, o.currency, o.created_at,
            o.items_minor - o.discount_minor + o.shipping_minor + o.tip_minor AS total_minor,
            (SELECT name FROM order_lines l WHERE l.order_id = o.id ORDER BY l.product_id LIMIT 1) AS first_item,
            (SELECT CAST(SUM(quantity) AS BIGINT) FROM order_lines l WHERE l.order_id = o.id) AS item_count,
            (SELECT name FROM buyers b WHERE b.id = o.buyer_id) AS buyer_name, o.payment_mismatch,
            o.provider_name, o.provider_mode
     FROM orders o WHERE ",
    filtered!(),
    " ORDER BY o.id DESC LIMIT $6 OFFSET $7"
);

fn bind_filter<'q>(
    query: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments>,
    filter: &OrderFilter,
) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments> {
    query
        .bind(filter.status.map(|s| s.as_str().to_owned()))
        .bind(filter.from)
        .bind(filter.to)
        .bind(filter.id)
        .bind(
            filter
                .name
                .as_deref()
                .map(crate::storage::orders::buyers::contains_pattern),
        )
}

/// Which orders the merchant asks for; every field narrows the list.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OrderFilter {
    pub status: Option<OrderStatus>,
    /// Created at or after (unix ms).
    pub from: Option<i64>,
    /// Created before (unix ms).
    pub to: Option<i64>,
    /// An order id or a buyer's Telegram id.
    pub id: Option<i64>,
    /// Part of a buyer's name or @username, in any case.
    pub name: Option<String>,
    /// 1-based.
    pub page: i64,
    pub per_page: i64,
}

/// One page of orders, newest first, and how many match in all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OrderPage {
    pub orders: Vec<MerchantOrder>,
    pub total: i64,
}

/// An order in the merchant's list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MerchantOrder {
    pub headline: OrderHeadline,
    pub buyer_id: UserId,
    /// '' when no checkout recorded it.
    pub buyer_name: String,
    /// Why money reported for it is not its payment, when that happened.
    pub payment_mismatch: Option<String>,
    /// The payment provider its invoice was sent through; `None` for Stars.
    pub provider: Option<PaymentProvider>,
}

/// What became of a move the merchant asked for.
#[derive(Clone, Debug, PartialEq)]
pub enum Moved {
    Done(Box<OrderRecord>),
    NoSuchOrder,
    Refused(IllegalTransition),
}

impl OrderFilter {
    /// How many orders come before the page: `(page - 1) × per_page`, which the HTTP layer
    /// checked fits in an `i64` ([`OrderFilter::offset_fits`]); saturating all the same.
    pub fn offset(&self) -> i64 {
        (self.page.saturating_sub(1)).saturating_mul(self.per_page)
    }

    /// Whether the page's offset is a number the database can take.
    pub fn offset_fits(page: i64, per_page: i64) -> bool {
        page.checked_sub(1)
            .and_then(|before| before.checked_mul(per_page))
            .is_some()
    }
}

impl Db {
    /// The orders `filter` selects, newest first, each with its buyer's id.
    pub async fn merchant_orders(&self, filter: &OrderFilter) -> Result<OrderPage, StorageError> {
        let total: i64 = bind_filter(sqlx::query(COUNT), filter)
            .fetch_one(self.pool())
            .await?
            .try_get("n")?;
        let rows = bind_filter(sqlx::query(PAGE), filter)
            .bind(filter.per_page)
            .bind(filter.offset())
            .fetch_all(self.pool())
            .await?;
        let orders = rows.iter().map(headline).collect::<Result<_, _>>()?;
        Ok(OrderPage { orders, total })
    }

    /// Moves order `id` by `event` if the order's status allows it, queueing `message(order)`
    /// for its buyer in the same transaction. Cancelling gives the stock back. The order is
    /// locked as it is read, so a payment or the expiry job racing the move waits for it (and
    /// then finds the order moved), or the move waits and is judged on what they left.
    pub async fn merchant_move(
        &self,
        id: OrderId,
        event: OrderEvent,
        message: impl FnOnce(&OrderRecord) -> String,
        now: i64,
    ) -> Result<Moved, StorageError> {
        let mut tx = self.write_tx().await?;
        let Some(mut order) = load_order_for_update(&mut tx, self.backend(), id).await? else {
            return Ok(Moved::NoSuchOrder);
        };
        let to = match apply(order.status, event) {
            Ok(to) => to,
            Err(illegal) => return Ok(Moved::Refused(illegal)),
        };
        let message = message(&order);
        enter(&mut tx, &mut order, to, message, now).await?;
        tx.commit().await?;
        Ok(Moved::Done(Box::new(order)))
    }
}

impl Db {
    /// Order `id`'s chosen shipping option and provider charge id (its buyer is in its record).
    pub async fn back_office(&self, id: OrderId) -> Result<Option<OrderBackOffice>, StorageError> {
        let row = sqlx::query(
            "SELECT o.shipping_option_id, o.payment_mismatch,
                    (SELECT provider_charge_id FROM payments p
                     WHERE p.order_id = o.id AND p.kind = 'charge' ORDER BY p.id LIMIT 1) AS provider_charge_id
             FROM orders o WHERE o.id = $1",
        )
        .bind(id.0)
        .fetch_optional(self.pool())
        .await?;
        row.map(|row| {
            Ok(OrderBackOffice {
                shipping_option_id: row.try_get("shipping_option_id")?,
                provider_charge_id: row.try_get("provider_charge_id")?,
                payment_mismatch: row.try_get("payment_mismatch")?,
            })
        })
        .transpose()
    }
}

impl Db {
    /// Records that the merchant refunded card-paid order `id` with the payment provider
    /// (the Bot API cannot refund card payments): the ledger's refund under the charge's
    /// Telegram id with the provider's `reference`, the order refunded, its timeline step and
    /// `message(order)` to the buyer, in one transaction. A charge is refunded once.
    pub async fn merchant_refund(
        &self,
        id: OrderId,
        reference: &str,
        message: impl FnOnce(&OrderRecord, i64) -> String,
        now: i64,
    ) -> Result<Moved, StorageError> {
        let mut tx = self.write_tx().await?;
        let Some(mut order) = load_order_for_update(&mut tx, self.backend(), id).await? else {
            return Ok(Moved::NoSuchOrder);
        };
        let paid = order.items_minor - order.discount_minor + order.shipping_minor + order.tip_minor;
        let message = message(&order, paid);
        if let Err(illegal) = record_card_refund(&mut tx, &mut order, reference, message, now).await? {
            return Ok(Moved::Refused(illegal));
        }
        tx.commit().await?;
        Ok(Moved::Done(Box::new(order)))
    }
}

/// Records inside `tx` that card-paid `order` (locked by the caller) was refunded with the
/// payment provider under `reference`: the ledger's refund, the order refunded, its timeline
/// step and `message` to the buyer. Refused, with nothing written, when the order cannot be
/// refunded (not paid, no charge, or refunded already).
pub(in crate::storage) async fn record_card_refund(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    order: &mut OrderRecord,
    reference: &str,
    message: String,
    now: i64,
) -> Result<Result<(), IllegalTransition>, StorageError> {
    let refused = |from| IllegalTransition {
        from,
        event: OrderEvent::Refund,
    };
    let (Ok(to), Some(charge)) = (apply(order.status, OrderEvent::Refund), order.charge_id.clone()) else {
        return Ok(Err(refused(order.status)));
    };
    let paid = order.items_minor - order.discount_minor + order.shipping_minor + order.tip_minor;
    let refund = LedgerEntry {
        order_id: Some(order.id),
        telegram_charge_id: &charge,
        provider_charge_id: Some(reference),
        currency: order.currency,
        amount_minor: paid,
        now,
    };
    if !record_ledger(tx, "refund", &refund).await? {
        return Ok(Err(refused(OrderStatus::Refunded)));
    }
    enter(tx, order, to, message, now).await?;
    Ok(Ok(()))
}

/// Moves `order` to `to` inside `tx`: its status (a cancelled order's stock and promo code use
/// back, a refunded or cancelled order's vouchers revoked), its timeline step, and `message`
/// queued for its buyer. Conditional on the status it was read in:
/// [`StorageError::MovedMeanwhile`] if someone else moved it first.
async fn enter(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    order: &mut OrderRecord,
    to: OrderStatus,
    message: String,
    now: i64,
) -> Result<(), StorageError> {
    let moved = sqlx::query(
        "UPDATE orders SET status = $1, updated_at = $2,
                reserved = CASE WHEN $1 = 'cancelled' THEN 0 ELSE reserved END
         WHERE id = $3 AND status = $4",
    )
    .bind(to.as_str())
    .bind(now)
    .bind(order.id.0)
    .bind(order.status.as_str())
    .execute(&mut **tx)
    .await?
    .rows_affected();
    if moved != 1 {
        return Err(StorageError::MovedMeanwhile(order.id.0));
    }
    if to == OrderStatus::Cancelled {
        if order.reserved {
            give_back_stock(tx, order.id).await?;
        }
        give_back_promo_use(tx, order.id).await?;
    }
    crate::storage::vouchers::revoke_for(tx, order.id, to, now).await?;
    if to == OrderStatus::Refunded {
        crate::storage::delivery::revoke_keys(tx, order.id, now).await?;
    }
    record_step(tx, order.id, to, now).await?;
    order.status = to;
    queue(tx, order.buyer_id.into(), &message, now).await
}

fn headline(row: &sqlx::any::AnyRow) -> Result<MerchantOrder, StorageError> {
    let status: String = row.try_get("status")?;
    let currency: String = row.try_get("currency")?;
    let headline = OrderHeadline {
        id: OrderId(row.try_get("id")?),
        status: OrderStatus::parse(&status).ok_or_else(|| corrupt("order status", &status))?,
        currency: Currency::parse(&currency).map_err(|e| corrupt("currency", e))?,
        total_minor: row.try_get("total_minor")?,
        first_item: row
            .try_get::<Option<String>, _>("first_item")?
            .unwrap_or_default(),
        item_count: row.try_get::<Option<i64>, _>("item_count")?.unwrap_or(0),
        created_at: row.try_get("created_at")?,
    };
    let buyer_name = row.try_get::<Option<String>, _>("buyer_name")?;
    Ok(MerchantOrder {
        headline,
        buyer_id: UserId(row.try_get("buyer_id")?),
        buyer_name: buyer_name.unwrap_or_default(),
        payment_mismatch: row.try_get("payment_mismatch")?,
        provider: provider_from_row(row)?,
    })
}
