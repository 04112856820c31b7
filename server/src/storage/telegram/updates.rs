//! Telegram updates, handled exactly once: [`Db::begin_update`] records the update id in a
//! transaction, and everything the update causes — order changes, ledger entries, bot
//! messages to send — is written in that same transaction through [`UpdateTx`]. A redelivered
//! update finds its id and has no second effect.
//!
//! Update ids are kept for [`UPDATE_IDS_KEPT`] only ([`Db::prune_updates`]): after a week
//! without updates Telegram may start its ids afresh at random, so an old id must not
//! swallow a new update. Payments do not lean on update ids at all
//! ([`Db::begin_payment_update`]): their charge id, unique in the ledger, never repeats.

use super::group_commit::Turn;
use crate::shop::order::OrderRecord;
use crate::storage::events::checkout::hold_tickets_again;
use crate::storage::orders::history::record_step;
use crate::storage::orders::load_order_for_update;
use crate::storage::orders::reservations::{
    count_paid_promo_use, give_back_promo_use, hold_promo_use, take_stock,
};
use crate::storage::{Backend, Db, StorageError};
use app::identity::ChatId;
use app::money::Currency;
use app::orders::{OrderId, OrderStatus};
use sqlx::Row;

/// Whether an update is new.
pub enum Claim {
    /// First delivery: apply its effects through the transaction, then commit.
    New(UpdateTx),
    /// Handled before; `answer` is what a query was answered then, to send again.
    Seen { answer: Option<String> },
}

/// A shipping option offered for a destination.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShippingRate {
    pub id: String,
    pub title: String,
    pub price_minor: i64,
}

/// A charge or refund as Telegram reported it.
pub struct LedgerEntry<'a> {
    pub order_id: Option<OrderId>,
    pub telegram_charge_id: &'a str,
    pub provider_charge_id: Option<&'a str>,
    pub currency: Currency,
    pub amount_minor: i64,
    pub now: i64,
}

/// What a successful payment changes on its order.
pub struct Payment<'a> {
    pub order_id: OrderId,
    pub shipping_option_id: Option<&'a str>,
    pub order_info: Option<String>,
    pub shipping_minor: i64,
    pub tip_minor: i64,
    /// True when the stock could not be taken again for a payment after expiry.
    pub stock_short: bool,
    pub now: i64,
}

/// How long an update's id is kept to recognise a redelivery: Telegram redelivers for at most
/// 24 hours, and restarts its ids only after a week without updates.
pub const UPDATE_IDS_KEPT: std::time::Duration = std::time::Duration::from_secs(48 * 3600);

impl Db {
    /// Starts handling a payment or refund update. Always a fresh transaction: whether its
    /// money was seen before is the ledger's to say (`UNIQUE (kind, telegram_charge_id)`,
    /// [`UpdateTx::record_ledger`]), never its update id, which Telegram may reuse. The id is
    /// still recorded (or refreshed), like any update's.
    pub async fn begin_payment_update(
        &self,
        update_id: i64,
        kind: &str,
        now: i64,
    ) -> Result<UpdateTx, StorageError> {
        let mut turn = Turn::take(self).await?;
        sqlx::query(
            "INSERT INTO telegram_updates (update_id, kind, received_at) VALUES ($1, $2, $3)
             ON CONFLICT (update_id) DO UPDATE
             SET kind = excluded.kind, received_at = excluded.received_at, answer = NULL",
        )
        .bind(update_id)
        .bind(kind)
        .bind(now)
        .execute(turn.connection())
        .await?;
        let backend = self.backend();
        Ok(UpdateTx {
            turn,
            update_id,
            backend,
        })
    }

    /// Forgets the ids of updates received before `before` (unix ms); returns how many.
    pub async fn prune_updates(&self, before: i64) -> Result<u64, StorageError> {
        let pruned = sqlx::query("DELETE FROM telegram_updates WHERE received_at < $1")
            .bind(before)
            .execute(self.pool())
            .await?
            .rows_affected();
        Ok(pruned)
    }

    /// Starts handling update `update_id`; see [`Claim`].
    pub async fn begin_update(&self, update_id: i64, kind: &str, now: i64) -> Result<Claim, StorageError> {
        let mut turn = Turn::take(self).await?;
        let fresh = sqlx::query(
            "INSERT INTO telegram_updates (update_id, kind, received_at) VALUES ($1, $2, $3)
             ON CONFLICT (update_id) DO NOTHING",
        )
        .bind(update_id)
        .bind(kind)
        .bind(now)
        .execute(turn.connection())
        .await?
        .rows_affected();
        if fresh == 1 {
            let backend = self.backend();
            return Ok(Claim::New(UpdateTx {
                turn,
                update_id,
                backend,
            }));
        }
        let (answer,): (Option<String>,) =
            sqlx::query_as("SELECT answer FROM telegram_updates WHERE update_id = $1")
                .bind(update_id)
                .fetch_one(turn.connection())
                .await?;
        // The first delivery may still wait for its commit in this batch: its answer is given
        // again only once it is durable.
        turn.commit().await?;
        Ok(Claim::Seen { answer })
    }
}

/// The transaction of one update's effects: its turn in the group commit
/// ([`super::group_commit`]), inside a savepoint of its own.
pub struct UpdateTx {
    turn: Turn,
    update_id: i64,
    backend: Backend,
}

impl UpdateTx {
    /// The transaction's connection, for the other query modules of this layer.
    pub(in crate::storage) fn connection(&mut self) -> &mut sqlx::AnyConnection {
        self.turn.connection()
    }

    /// The database engine the transaction runs on.
    pub(in crate::storage) fn backend(&self) -> Backend {
        self.backend
    }

    /// Commits the update and all its effects (with the other updates of its batch), and
    /// returns once that commit is durable; only then may Telegram hear 200.
    pub async fn commit(self) -> Result<(), StorageError> {
        self.turn.commit().await
    }

    /// The order with `id`, read inside the transaction and locked until its end (on
    /// PostgreSQL; SQLite's write transaction holds the whole database), so what the update
    /// decides from it still holds when it writes: a cancel or the expiry job waits, and then
    /// finds the order moved.
    pub async fn order(&mut self, id: OrderId) -> Result<Option<OrderRecord>, StorageError> {
        let backend = self.backend;
        load_order_for_update(self.connection(), backend, id).await
    }

    /// The promo code `code`, read inside the transaction.
    pub async fn promo(
        &mut self,
        code: &str,
    ) -> Result<Option<crate::shop::promo_codes::Promo>, StorageError> {
        crate::storage::promo_codes::promo_on(self.connection(), code).await
    }

    /// Keeps the answer given to this update's query (JSON), to repeat on redelivery.
    pub async fn save_answer(&mut self, answer: &str) -> Result<(), StorageError> {
        sqlx::query("UPDATE telegram_updates SET answer = $1 WHERE update_id = $2")
            .bind(answer)
            .bind(self.update_id)
            .execute(self.connection())
            .await?;
        Ok(())
    }

    /// The options that ship to `country` in `currency`, in display order.
    pub async fn shipping_rates(
        &mut self,
        country: &str,
        currency: Currency,
    ) -> Result<Vec<ShippingRate>, StorageError> {
        let rows = sqlx::query(
            "SELECT id, title, price_minor FROM shipping_options
             WHERE country_code = $1 AND currency = $2 ORDER BY position, id",
        )
        .bind(country)
        .bind(currency.as_str())
        .fetch_all(self.connection())
        .await?;
        rows.iter()
            .map(|row| {
                Ok(ShippingRate {
                    id: row.try_get("id")?,
                    title: row.try_get("title")?,
                    price_minor: row.try_get("price_minor")?,
                })
            })
            .collect()
    }

    /// Takes the stock of an order whose reservation was given back, all lines or none (an
    /// event's tickets within its quotas and capacity, and at pre-checkout while its sales are
    /// open), and
    /// sets it awaiting payment again — a step of its timeline at `step_at`, when given (not
    /// when it is being paid in the same transaction). Returns the name of a line that is no
    /// longer available, if any. Conditional on the order still being as it was read
    /// (`order.status`, not reserved): otherwise [`StorageError::MovedMeanwhile`].
    pub async fn reserve_again(
        &mut self,
        order: &OrderRecord,
        step_at: Option<i64>,
    ) -> Result<Option<String>, StorageError> {
        // An event's tickets are counted against its quotas and capacity first (and, at
        // pre-checkout, its sales must still be open), with the event locked.
        let backend = self.backend;
        if let Some(gone) = hold_tickets_again(self.connection(), backend, order, step_at).await? {
            return Ok(Some(gone));
        }
        // A booked service's line holds no stock: its time is taken again by its claims.
        let unstocked: Vec<(i64,)> =
            sqlx::query_as("SELECT variant_id FROM order_lines WHERE order_id = $1 AND stocked = 0")
                .bind(order.id.0)
                .fetch_all(self.connection())
                .await?;
        let stocked: Vec<_> = order
            .lines
            .iter()
            .filter(|l| !unstocked.contains(&(l.variant_id.0,)))
            .collect();
        for (at, line) in stocked.iter().enumerate() {
            if !take_stock(self.connection(), line.variant_id, line.quantity, None).await? {
                for taken in &stocked[..at] {
                    sqlx::query("UPDATE variants SET stock = stock + $1 WHERE id = $2")
                        .bind(taken.quantity)
                        .bind(taken.variant_id.0)
                        .execute(self.connection())
                        .await?;
                }
                return Ok(Some(line.name.clone()));
            }
        }
        let moved = sqlx::query(
            "UPDATE orders SET reserved = 1, status = 'awaiting_payment'
             WHERE id = $1 AND status = $2 AND reserved = 0",
        )
        .bind(order.id.0)
        .bind(order.status.as_str())
        .execute(self.connection())
        .await?
        .rows_affected();
        if moved != 1 {
            // Dropping the transaction gives the stock taken above back.
            return Err(StorageError::MovedMeanwhile(order.id.0));
        }
        if let (Some(at), true) = (step_at, order.status != OrderStatus::AwaitingPayment) {
            record_step(self.connection(), order.id, OrderStatus::AwaitingPayment, at).await?;
        }
        Ok(None)
    }

    /// Takes one use of the order's promo code for it, unless it holds one already or has no
    /// code (an order whose unpaid reservation lapsed gave its use back). False when the code
    /// is used up: one conditional `UPDATE`, so concurrent orders never count past `max_uses`.
    pub async fn hold_promo_use(&mut self, id: OrderId) -> Result<bool, StorageError> {
        hold_promo_use(self.connection(), id).await
    }

    /// Gives back the promo code use the order holds, if any.
    pub async fn give_back_promo_use(&mut self, id: OrderId) -> Result<(), StorageError> {
        give_back_promo_use(self.connection(), id).await
    }

    /// Holds an order's reservation until `until` at least (while Telegram charges).
    pub async fn hold_until(&mut self, id: OrderId, until: i64) -> Result<(), StorageError> {
        sqlx::query("UPDATE orders SET expires_at = $1 WHERE id = $2 AND expires_at < $1")
            .bind(until)
            .bind(id.0)
            .execute(self.connection())
            .await?;
        Ok(())
    }

    /// Adds a charge or refund to the ledger. False when Telegram's charge id is already
    /// there: the same money reported twice.
    pub async fn record_ledger(&mut self, kind: &str, entry: &LedgerEntry<'_>) -> Result<bool, StorageError> {
        record_ledger(self.connection(), kind, entry).await
    }

    /// Marks an order paid: its reservation becomes a sale. Conditional on the order being
    /// payable (awaiting payment or expired), else [`StorageError::MovedMeanwhile`].
    pub async fn mark_paid(&mut self, payment: &Payment<'_>) -> Result<(), StorageError> {
        // The use of its promo code counts, if the order does not hold one already (it lapsed
        // and no pre-checkout query took it again): the payment happened whatever the limit.
        count_paid_promo_use(self.connection(), payment.order_id).await?;
        let moved = sqlx::query(
            "UPDATE orders SET status = 'paid', reserved = 0, paid_at = $1, updated_at = $1,
                    shipping_option_id = $2, order_info = $3, shipping_minor = $4, tip_minor = $5,
                    stock_short = $6
             WHERE id = $7 AND status IN ('awaiting_payment', 'expired')",
        )
        .bind(payment.now)
        .bind(payment.shipping_option_id)
        .bind(payment.order_info.as_deref())
        .bind(payment.shipping_minor)
        .bind(payment.tip_minor)
        .bind(i64::from(payment.stock_short))
        .bind(payment.order_id.0)
        .execute(self.connection())
        .await?
        .rows_affected();
        if moved != 1 {
            return Err(StorageError::MovedMeanwhile(payment.order_id.0));
        }
        self.take_paid_lines_out_of_cart(payment.order_id).await?;
        record_step(
            self.connection(),
            payment.order_id,
            OrderStatus::Paid,
            payment.now,
        )
        .await
    }

    /// What was paid for leaves the buyer's saved cart, in the payment's transaction, so a
    /// shopper who closed the Mini App before it learned of the payment does not find the
    /// bought items waiting there. Units added beyond what was bought stay.
    async fn take_paid_lines_out_of_cart(&mut self, order: OrderId) -> Result<(), StorageError> {
        sqlx::query(
            "DELETE FROM cart_lines
             WHERE buyer_id = (SELECT buyer_id FROM orders WHERE id = $1)
               AND quantity <= (SELECT l.quantity FROM order_lines l
                                WHERE l.order_id = $1 AND l.variant_id = cart_lines.variant_id)",
        )
        .bind(order.0)
        .execute(self.connection())
        .await?;
        sqlx::query(
            "UPDATE cart_lines SET quantity = quantity -
                (SELECT l.quantity FROM order_lines l WHERE l.order_id = $1 AND l.variant_id = cart_lines.variant_id)
             WHERE buyer_id = (SELECT buyer_id FROM orders WHERE id = $1)
               AND variant_id IN (SELECT variant_id FROM order_lines WHERE order_id = $1)",
        )
        .bind(order.0)
        .execute(self.connection())
        .await?;
        Ok(())
    }

    /// Flags order `id` for the merchant: money arrived for it that is not its payment
    /// (`reason`, as the merchant reads it, added to any reason before). The order's status
    /// stays as it was.
    pub async fn flag_payment_mismatch(
        &mut self,
        id: OrderId,
        reason: &str,
        now: i64,
    ) -> Result<(), StorageError> {
        sqlx::query(
            "UPDATE orders SET updated_at = $2, payment_mismatch =
                CASE WHEN payment_mismatch IS NULL THEN $1 ELSE payment_mismatch || '; ' || $1 END
             WHERE id = $3",
        )
        .bind(reason)
        .bind(now)
        .bind(id.0)
        .execute(self.connection())
        .await?;
        Ok(())
    }

    /// Moves an order from `from` (the status it was read in) to `to`, a transition the domain
    /// allowed (a refunded order's vouchers revoked with it); [`StorageError::MovedMeanwhile`]
    /// if it is no longer `from`.
    pub async fn set_status(
        &mut self,
        id: OrderId,
        from: OrderStatus,
        to: OrderStatus,
        now: i64,
    ) -> Result<(), StorageError> {
        let moved =
            sqlx::query("UPDATE orders SET status = $1, updated_at = $2 WHERE id = $3 AND status = $4")
                .bind(to.as_str())
                .bind(now)
                .bind(id.0)
                .bind(from.as_str())
                .execute(self.connection())
                .await?
                .rows_affected();
        if moved != 1 {
            return Err(StorageError::MovedMeanwhile(id.0));
        }
        crate::storage::vouchers::revoke_for(self.connection(), id, to, now).await?;
        record_step(self.connection(), id, to, now).await
    }

    /// Queues a bot message (sendMessage parameters as JSON) to send after commit.
    pub async fn enqueue_message(
        &mut self,
        chat_id: ChatId,
        request: &str,
        now: i64,
    ) -> Result<(), StorageError> {
        crate::storage::telegram::outbox::queue(self.connection(), chat_id, request, now).await
    }
}

/// Adds a charge or refund to the ledger on `conn`; false when Telegram's charge id is there
/// already for that kind (`UNIQUE (kind, telegram_charge_id)`).
pub(in crate::storage) async fn record_ledger(
    conn: &mut sqlx::AnyConnection,
    kind: &str,
    entry: &LedgerEntry<'_>,
) -> Result<bool, StorageError> {
    let inserted = sqlx::query(
        "INSERT INTO payments (order_id, kind, telegram_charge_id, provider_charge_id, currency,
                               amount_minor, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (kind, telegram_charge_id) DO NOTHING",
    )
    .bind(entry.order_id.map(|id| id.0))
    .bind(kind)
    .bind(entry.telegram_charge_id)
    .bind(entry.provider_charge_id)
    .bind(entry.currency.as_str())
    .bind(entry.amount_minor)
    .bind(entry.now)
    .execute(conn)
    .await?
    .rows_affected();
    Ok(inserted == 1)
}
