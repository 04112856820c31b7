//! Orders as stored. This module creates an order with its stock reserved
//! ([`reservations`]; an event's tickets within its quotas and capacity, with their attendees'
//! names: `crate::storage::events::checkout`) in place of the buyer's previous unpaid one, reads it back, and gives stock back when an unpaid order expires; its
//! children keep the [`history`] (timeline, a buyer's list), the [`buyers`] as Telegram named
//! them, and the [`merchant`]'s list and moves.

pub mod buyers;
pub mod history;
pub mod merchant;
pub(crate) mod reservations;

use crate::shop::checkout::{CheckoutError, PricedCart};
use crate::shop::order::OrderRecord;
use crate::shop::promo_codes::PromoError;
use crate::storage::catalog::corrupt;
use crate::storage::events::checkout::{hold_tickets, save_attendees, GivenNames};
use crate::storage::orders::history::{record_step, timeline};
use crate::storage::orders::reservations::{
    give_back_promo_use, give_back_stock, hold_promo_use, stock_of, take_stock, UnitPrice,
};
use crate::storage::{Backend, Db, StorageError};
use app::catalog::{ProductId, VariantId};
use app::identity::UserId;
use app::money::{Currency, Money};
use app::orders::{OrderId, OrderLineView, OrderStatus};
use sqlx::any::AnyRow;
use sqlx::{Any, Row, Transaction};

/// A new order awaiting payment.
pub struct NewOrder<'a> {
    pub buyer_id: UserId,
    /// What Telegram calls the buyer, kept for the merchant's order list.
    pub buyer: &'a crate::shop::order::BuyerName,
    pub cart: &'a PricedCart,
    /// The tip chosen in the app (0 when none, or when Telegram's sheet asks for it).
    pub tip_minor: i64,
    pub max_tip_minor: i64,
    pub now: i64,
    pub expires_at: i64,
    /// The attendees' names given for tickets, by ticket type (see
    /// `crate::storage::events::checkout`).
    pub attendees: &'a GivenNames,
    /// The appointments its service lines book (their lines hold no stock).
    pub bookings: &'a [crate::shop::appointments::booking::Booking],
}

impl Db {
    /// Begins a transaction that will write. On SQLite it takes the write lock at once
    /// (`BEGIN IMMEDIATE`): a deferred transaction that reads first could not upgrade later
    /// if another connection wrote in between.
    pub(crate) async fn write_tx(&self) -> Result<Transaction<'static, Any>, StorageError> {
        Ok(match self.backend() {
            crate::storage::Backend::Sqlite => self.pool().begin_with("BEGIN IMMEDIATE").await?,
            crate::storage::Backend::Postgres => self.pool().begin().await?,
        })
    }

    /// Creates an order awaiting payment and reserves its stock, all or nothing. The lines
    /// must still cost what `cart` says; otherwise, or without enough stock, nothing changes.
    ///
    /// A buyer has at most one order awaiting payment: the new one replaces any before it,
    /// which is cancelled with its stock given back first (so the new order may take those
    /// units again), and the buyer's expired orders are marked replaced too, so none of them
    /// can take its stock again at pre-checkout.
    #[tracing::instrument(skip_all, fields(buyer_id = %order.buyer_id))]
    pub async fn create_order(
        &self,
        order: NewOrder<'_>,
    ) -> Result<Result<OrderId, CheckoutError>, StorageError> {
        let mut tx = self.write_tx().await?;
        // First, so two checkouts of one buyer take turns: on PostgreSQL the upsert locks the
        // buyer's row until commit (SQLite's write transaction is exclusive already), and the
        // second then sees the first's order as the one to replace.
        crate::storage::orders::buyers::remember(&mut tx, order.buyer_id, order.buyer, order.now).await?;
        let replaced = cancel_awaiting(&mut tx, order.buyer_id, order.now).await?;
        // Tickets next: their events are locked and counted before any stock is taken.
        let held = match hold_tickets(&mut tx, self.backend(), order.cart, order.attendees, order.now).await?
        {
            Ok(held) => held,
            Err(refusal) => return Ok(Err(refusal)),
        };
        let booked = |line: &crate::shop::checkout::PricedLine| {
            order.bookings.iter().any(|b| b.variant == line.variant_id)
        };
        for line in &order.cart.lines {
            let unit = UnitPrice::new(line.unit_minor, order.cart.currency.is_stars());
            // A booked service takes no units, but must still cost what it was priced at.
            let units = if booked(line) { 0 } else { line.quantity };
            if !take_stock(&mut tx, line.variant_id, units, Some(unit)).await? {
                let available = stock_of(&mut tx, line.variant_id).await?;
                return Ok(Err(CheckoutError::SoldOut {
                    name: line.name.clone(),
                    available,
                }));
            }
        }
        let (id,): (i64,) = sqlx::query_as(
            "INSERT INTO orders (buyer_id, status, currency, items_minor, max_tip_minor, needs_shipping,
                                 created_at, expires_at, updated_at, discount_minor, promo_code, tip_minor)
             VALUES ($1, 'awaiting_payment', $2, $3, $4, $5, $6, $7, $6, $8, $9, $10) RETURNING id",
        )
        .bind(order.buyer_id.0)
        .bind(order.cart.currency.as_str())
        .bind(order.cart.items_total)
        .bind(order.max_tip_minor)
        .bind(i64::from(order.cart.needs_shipping()))
        .bind(order.now)
        .bind(order.expires_at)
        .bind(order.cart.promo.as_ref().map_or(0, |(_, off)| *off))
        .bind(
            order
                .cart
                .promo
                .as_ref()
                .map(|(code, _)| code.as_str().to_owned()),
        )
        .bind(order.tip_minor)
        .fetch_one(&mut *tx)
        .await?;
        record_step(&mut tx, OrderId(id), OrderStatus::AwaitingPayment, order.now).await?;
        save_attendees(&mut tx, OrderId(id), &held).await?;
        for line in &order.cart.lines {
            sqlx::query(
                "INSERT INTO order_lines (order_id, product_id, variant_id, name, unit_minor, quantity, stocked)
                 VALUES ($1, $2, $3, $4, $5, $6, $7)",
            )
            .bind(id)
            .bind(line.product_id.0)
            .bind(line.variant_id.0)
            .bind(&line.name)
            .bind(line.unit_minor)
            .bind(line.quantity)
            .bind(i64::from(!booked(line)))
            .execute(&mut *tx)
            .await?;
        }
        if let Err(taken) = crate::storage::salon::booking::hold(
            &mut tx,
            OrderId(id),
            order.bookings,
            order.now,
            order.expires_at,
        )
        .await?
        {
            return Ok(Err(taken));
        }
        if !hold_promo_use(&mut tx, OrderId(id)).await? {
            // Dropping the transaction gives the stock taken above back.
            return Ok(Err(CheckoutError::Promo(PromoError::UsedUp)));
        }
        mark_replaced(&mut tx, order.buyer_id, &replaced, OrderId(id)).await?;
        tx.commit().await?;
        Ok(Ok(OrderId(id)))
    }

    /// The units (variant, units) held by `buyer`'s orders awaiting payment, which their next
    /// checkout gives back.
    pub async fn units_held_by(&self, buyer: UserId) -> Result<Vec<(VariantId, i64)>, StorageError> {
        let rows: Vec<(i64, i64)> = sqlx::query_as(
            "SELECT l.variant_id, l.quantity FROM order_lines l JOIN orders o ON o.id = l.order_id
             WHERE o.buyer_id = $1 AND o.status = 'awaiting_payment' AND l.stocked = 1",
        )
        .bind(buyer.0)
        .fetch_all(self.pool())
        .await?;
        Ok(rows
            .into_iter()
            .map(|(id, units)| (VariantId(id), units))
            .collect())
    }

    /// Remembers the invoice link Telegram made for an order.
    pub async fn set_invoice_link(&self, id: OrderId, link: &str) -> Result<(), StorageError> {
        sqlx::query("UPDATE orders SET invoice_link = $1 WHERE id = $2")
            .bind(link)
            .bind(id.0)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// Cancels an unpaid order and gives its stock back, e.g. when no invoice could be made.
    /// Returns whether it was cancelled.
    pub async fn cancel_unpaid(&self, id: OrderId, now: i64) -> Result<bool, StorageError> {
        let mut tx = self.write_tx().await?;
        let cancelled = release(&mut tx, id, OrderStatus::Cancelled, now).await?;
        tx.commit().await?;
        Ok(cancelled)
    }

    /// Expires every order still awaiting payment whose reservation ran out by `now`, giving
    /// its stock back. Returns how many expired. Every replica runs this: on PostgreSQL the
    /// due orders are locked with `FOR UPDATE SKIP LOCKED`, so replicas (and a payment being
    /// recorded meanwhile) never wait on each other, and [`release`] moves an order only from
    /// awaiting payment, so none is expired twice.
    #[tracing::instrument(skip_all)]
    pub async fn expire_orders(&self, now: i64) -> Result<u64, StorageError> {
        const BATCH: i64 = 200;
        let mut expired = 0;
        loop {
            let mut tx = self.write_tx().await?;
            let due: Vec<(i64,)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
                "SELECT id FROM orders WHERE status = 'awaiting_payment' AND expires_at <= $1
                 ORDER BY id LIMIT {BATCH}{}",
                skip_locked(self.backend())
            )))
            .bind(now)
            .fetch_all(&mut *tx)
            .await?;
            for (id,) in &due {
                if release(&mut tx, OrderId(*id), OrderStatus::Expired, now).await? {
                    expired += 1;
                }
            }
            tx.commit().await?;
            if (due.len() as i64) < BATCH {
                return Ok(expired);
            }
        }
    }

    /// The order with `id`, if any.
    pub async fn order(&self, id: OrderId) -> Result<Option<OrderRecord>, StorageError> {
        let mut conn = self.pool().acquire().await?;
        load_order(&mut conn, id).await
    }
}

/// ` FOR UPDATE SKIP LOCKED` on PostgreSQL, to append to a `SELECT` that leases rows to one
/// replica: rows another transaction holds are passed over. Nothing on SQLite, whose write
/// transactions (`Db::write_tx`) run one at a time anyway.
pub(in crate::storage) fn skip_locked(backend: Backend) -> &'static str {
    match backend {
        Backend::Postgres => " FOR UPDATE SKIP LOCKED",
        Backend::Sqlite => "",
    }
}

/// Locks order `id`'s row until the end of the transaction on `conn`, before it is read to be
/// changed: at PostgreSQL's READ COMMITTED a plain read would let a concurrent transaction
/// (a cancel, the expiry job, a payment) change the order between the read and the write.
/// Once the lock is had, the statements after it see the order as the last commit left it.
/// SQLite needs nothing: its write transactions (`Db::write_tx`) run one at a time.
pub(in crate::storage) async fn lock_order(
    conn: &mut sqlx::AnyConnection,
    backend: Backend,
    id: OrderId,
) -> Result<(), StorageError> {
    if backend == Backend::Postgres {
        sqlx::query("SELECT id FROM orders WHERE id = $1 FOR UPDATE")
            .bind(id.0)
            .fetch_optional(conn)
            .await?;
    }
    Ok(())
}

/// Locks ([`lock_order`]) and reads order `id` inside a transaction that will change it.
pub(in crate::storage) async fn load_order_for_update(
    conn: &mut sqlx::AnyConnection,
    backend: Backend,
    id: OrderId,
) -> Result<Option<OrderRecord>, StorageError> {
    lock_order(conn, backend, id).await?;
    load_order(conn, id).await
}

/// Moves an order awaiting payment to `to` (expired or cancelled) and gives its stock and its
/// promo code use back. Conditional on the status it leaves, so of two concurrent releases
/// (a cancel and the expiry job) only one gives anything back; returns whether this one did.
pub(in crate::storage) async fn release(
    tx: &mut Transaction<'static, Any>,
    id: OrderId,
    to: OrderStatus,
    now: i64,
) -> Result<bool, StorageError> {
    let moved = sqlx::query(
        "UPDATE orders SET status = $1, reserved = 0, updated_at = $2
         WHERE id = $3 AND status = 'awaiting_payment'",
    )
    .bind(to.as_str())
    .bind(now)
    .bind(id.0)
    .execute(&mut **tx)
    .await?
    .rows_affected();
    if moved == 1 {
        give_back_stock(tx, id).await?;
        give_back_promo_use(tx, id).await?;
        crate::storage::salon::booking::let_go(tx, id, to == OrderStatus::Cancelled).await?;
        record_step(tx, id, to, now).await?;
    }
    Ok(moved == 1)
}

/// Cancels every order of `buyer` still awaiting payment, giving its stock back (each move
/// conditional on the order still awaiting payment). Returns the orders cancelled.
async fn cancel_awaiting(
    tx: &mut Transaction<'static, Any>,
    buyer: UserId,
    now: i64,
) -> Result<Vec<OrderId>, StorageError> {
    let awaiting: Vec<(i64,)> = sqlx::query_as(
        "SELECT id FROM orders WHERE buyer_id = $1 AND status = 'awaiting_payment' ORDER BY id",
    )
    .bind(buyer.0)
    .fetch_all(&mut **tx)
    .await?;
    let mut cancelled = Vec::with_capacity(awaiting.len());
    for (id,) in awaiting {
        if release(tx, OrderId(id), OrderStatus::Cancelled, now).await? {
            tracing::info!(
                order_id = id,
                "the buyer checked out again: their unpaid order is replaced"
            );
            cancelled.push(OrderId(id));
        }
    }
    Ok(cancelled)
}

/// Notes that `by` replaced the orders `cancelled` for it, and the buyer's expired ones.
async fn mark_replaced(
    tx: &mut Transaction<'static, Any>,
    buyer: UserId,
    cancelled: &[OrderId],
    by: OrderId,
) -> Result<(), StorageError> {
    for id in cancelled {
        sqlx::query("UPDATE orders SET replaced_by = $1 WHERE id = $2")
            .bind(by.0)
            .bind(id.0)
            .execute(&mut **tx)
            .await?;
    }
    sqlx::query(
        "UPDATE orders SET replaced_by = $1
         WHERE buyer_id = $2 AND status = 'expired' AND replaced_by IS NULL AND id <> $1",
    )
    .bind(by.0)
    .bind(buyer.0)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Reads an order and its lines on `conn` (a pooled connection or a transaction).
pub(in crate::storage) async fn load_order(
    conn: &mut sqlx::AnyConnection,
    id: OrderId,
) -> Result<Option<OrderRecord>, StorageError> {
    let Some(row) = sqlx::query(
        "SELECT id, buyer_id, status, currency, items_minor, discount_minor, promo_code, shipping_minor,
                tip_minor, max_tip_minor,
                needs_shipping, reserved, created_at, expires_at, paid_at, order_info, replaced_by,
                (SELECT telegram_charge_id FROM payments p
                 WHERE p.order_id = orders.id AND p.kind = 'charge' ORDER BY p.id LIMIT 1) AS charge_id,
                COALESCE((SELECT language_code FROM buyers b WHERE b.id = orders.buyer_id), '') AS buyer_language
         FROM orders WHERE id = $1",
    )
    .bind(id.0)
    .fetch_optional(&mut *conn)
    .await?
    else {
        return Ok(None);
    };
    let mut order = order_from_row(&row)?;
    let lines = sqlx::query(
        "SELECT product_id, variant_id, name, unit_minor, quantity FROM order_lines
         WHERE order_id = $1 ORDER BY product_id, variant_id",
    )
    .bind(id.0)
    .fetch_all(&mut *conn)
    .await?;
    for line in lines {
        order.lines.push(OrderLineView {
            product_id: ProductId(line.try_get("product_id")?),
            variant_id: VariantId(line.try_get("variant_id")?),
            name: line.try_get("name")?,
            unit_price: Money::new(line.try_get("unit_minor")?, order.currency),
            quantity: line.try_get("quantity")?,
        });
    }
    order.timeline = timeline(conn, id).await?;
    Ok(Some(order))
}

fn order_from_row(row: &AnyRow) -> Result<OrderRecord, StorageError> {
    let status: String = row.try_get("status")?;
    let currency: String = row.try_get("currency")?;
    Ok(OrderRecord {
        id: OrderId(row.try_get("id")?),
        buyer_id: UserId(row.try_get("buyer_id")?),
        status: OrderStatus::parse(&status).ok_or_else(|| corrupt("order status", &status))?,
        currency: Currency::parse(&currency).map_err(|e| corrupt("currency", e))?,
        items_minor: row.try_get("items_minor")?,
        discount_minor: row.try_get("discount_minor")?,
        promo_code: row.try_get("promo_code")?,
        shipping_minor: row.try_get("shipping_minor")?,
        tip_minor: row.try_get("tip_minor")?,
        max_tip_minor: row.try_get("max_tip_minor")?,
        needs_shipping: row.try_get::<i64, _>("needs_shipping")? != 0,
        reserved: row.try_get::<i64, _>("reserved")? != 0,
        created_at: row.try_get("created_at")?,
        expires_at: row.try_get("expires_at")?,
        paid_at: row.try_get("paid_at")?,
        lines: Vec::new(),
        timeline: Vec::new(),
        order_info: row.try_get("order_info")?,
        charge_id: row.try_get("charge_id")?,
        replaced_by: row.try_get::<Option<i64>, _>("replaced_by")?.map(OrderId),
        buyer_language: row.try_get("buyer_language")?,
    })
}

impl Db {
    /// The tips offered in `currency`, if the merchant offers any.
    pub async fn tip_preset(&self, currency: Currency) -> Result<Option<(i64, String)>, StorageError> {
        Ok(
            sqlx::query_as("SELECT max_tip_minor, suggested FROM tip_presets WHERE currency = $1")
                .bind(currency.as_str())
                .fetch_optional(self.pool())
                .await?,
        )
    }
}
