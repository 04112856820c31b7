//! The organiser's changes to events, each in one transaction with the event locked: a new
//! event (its product, ticket types and details together), its details, a ticket type's
//! rules, closing sales, the door staff, and cancelling — which revokes every voucher,
//! cancels the orders still awaiting payment, records the card refunds, and queues a message
//! to each buyer, all with the event's new state; Stars are refunded by the caller through
//! the Bot API afterwards.

use super::{load_event, sync_stock, PAID};
use crate::shop::events::{Event, EventDetails, EventState, TicketRules};
use crate::shop::invalid::Invalid;
use crate::shop::order::OrderRecord;
use crate::storage::catalog::merchant::CatalogConflict;
use crate::storage::catalog::products::{insert_product, NewProduct};
use crate::storage::orders::merchant::record_card_refund;
use crate::storage::orders::{load_order_for_update, release};
use crate::storage::telegram::outbox::queue;
use crate::storage::{Db, StorageError};
use app::catalog::{ProductId, VariantId};
use app::identity::UserId;
use app::orders::{OrderId, OrderStatus};

/// Why the organiser's change was not made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    NoSuchEvent,
    NoSuchTicketType,
    /// A cancelled event stays as it is.
    Cancelled,
    /// A capacity or quota below the tickets already sold and held (`taken`).
    BelowTaken {
        taken: i64,
    },
    /// The product could not be made (no such category, slug taken…).
    Catalog(CatalogConflict),
    /// The details as changed break a rule.
    Invalid(Invalid),
}

/// A change's outcome: the event as it now is, or why it was not changed.
pub type Organised<T> = Result<T, Refusal>;

/// A paid order of a cancelled event whose Stars must be refunded through the Bot API.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StarsToRefund {
    pub order_id: OrderId,
    pub buyer: UserId,
    pub charge_id: String,
}

/// What the buyers of a cancelled event are told: `(order, amount paid, paid in Stars)`.
pub type CancelNotice<'a> = &'a (dyn Fn(&OrderRecord, i64, bool) -> String + Send + Sync);

/// What card refunds of a cancelled event are recorded under: the payment provider refunds them.
pub const CANCELLED_REFERENCE: &str = "event cancelled: to refund with the payment provider";

impl Db {
    /// Creates an event: its `ticket` product with one variant per ticket type (`rules` in the
    /// same order), and its details.
    #[tracing::instrument(skip_all, fields(admin_id = %admin_id))]
    pub async fn create_event(
        &self,
        product: &NewProduct,
        details: &EventDetails,
        rules: &[TicketRules],
        admin_id: UserId,
        now: i64,
    ) -> Result<Organised<Event>, StorageError> {
        let mut tx = self.write_tx().await?;
        let id = match insert_product(&mut tx, product, admin_id, now).await? {
            Ok(id) => id,
            Err(conflict) => return Ok(Err(Refusal::Catalog(conflict))),
        };
        save_details(&mut tx, id, details, now).await?;
        let variants: Vec<(i64,)> =
            sqlx::query_as("SELECT id FROM variants WHERE product_id = $1 ORDER BY position, id")
                .bind(id.0)
                .fetch_all(&mut *tx)
                .await?;
        for ((variant,), rules) in variants.into_iter().zip(rules) {
            save_rules(&mut tx, id, VariantId(variant), rules).await?;
        }
        let event = locked(&mut tx, self, id)
            .await?
            .ok_or(StorageError::MovedMeanwhile(id.0))?;
        sync_stock(&mut tx, &event).await?;
        tx.commit().await?;
        Ok(Ok(event))
    }

    /// Replaces event `id`'s details with `change` of them (read under the lock); the capacity
    /// never below its tickets sold and held.
    pub async fn update_event(
        &self,
        id: ProductId,
        change: impl FnOnce(&EventDetails) -> Result<EventDetails, Invalid>,
        now: i64,
    ) -> Result<Organised<Event>, StorageError> {
        let mut tx = self.write_tx().await?;
        let Some(event) = locked(&mut tx, self, id).await? else {
            return Ok(Err(Refusal::NoSuchEvent));
        };
        if event.state == EventState::Cancelled {
            return Ok(Err(Refusal::Cancelled));
        }
        let details = match change(&event.details) {
            Ok(details) => details,
            Err(invalid) => return Ok(Err(Refusal::Invalid(invalid))),
        };
        let taken = event.taken().total();
        if details.capacity.get() < taken {
            return Ok(Err(Refusal::BelowTaken { taken }));
        }
        save_details(&mut tx, id, &details, now).await?;
        finish(tx, self, id).await
    }

    /// Sets a ticket type's quota and per-order maximum; the quota never below its tickets
    /// sold and held.
    pub async fn set_ticket_rules(
        &self,
        id: ProductId,
        variant: VariantId,
        rules: &TicketRules,
    ) -> Result<Organised<Event>, StorageError> {
        let mut tx = self.write_tx().await?;
        let Some(event) = locked(&mut tx, self, id).await? else {
            return Ok(Err(Refusal::NoSuchEvent));
        };
        let Some(ticket_type) = event.ticket_type(variant) else {
            return Ok(Err(Refusal::NoSuchTicketType));
        };
        if event.state == EventState::Cancelled {
            return Ok(Err(Refusal::Cancelled));
        }
        let taken = ticket_type.taken.total();
        if rules.quota.is_some_and(|quota| quota < taken) {
            return Ok(Err(Refusal::BelowTaken { taken }));
        }
        save_rules(&mut tx, id, variant, rules).await?;
        finish(tx, self, id).await
    }

    /// Closes event `id`'s sales (again is no change).
    pub async fn close_sales(&self, id: ProductId, now: i64) -> Result<Organised<Event>, StorageError> {
        let mut tx = self.write_tx().await?;
        let Some(event) = locked(&mut tx, self, id).await? else {
            return Ok(Err(Refusal::NoSuchEvent));
        };
        if event.state == EventState::Cancelled {
            return Ok(Err(Refusal::Cancelled));
        }
        set_state(&mut tx, id, EventState::SalesClosed, now).await?;
        finish(tx, self, id).await
    }

    /// Replaces who may scan event `id`'s tickets besides the admins.
    pub async fn set_event_staff(
        &self,
        id: ProductId,
        staff: &[UserId],
    ) -> Result<Organised<Vec<UserId>>, StorageError> {
        let mut tx = self.write_tx().await?;
        if locked(&mut tx, self, id).await?.is_none() {
            return Ok(Err(Refusal::NoSuchEvent));
        }
        sqlx::query("DELETE FROM event_staff WHERE product_id = $1")
            .bind(id.0)
            .execute(&mut *tx)
            .await?;
        for user in staff {
            sqlx::query("INSERT INTO event_staff (product_id, user_id) VALUES ($1, $2)")
                .bind(id.0)
                .bind(user.0)
                .execute(&mut *tx)
                .await?;
        }
        let staff = super::staff(&mut tx, id).await?;
        tx.commit().await?;
        Ok(Ok(staff))
    }

    /// Cancels event `id`: see the module's header. Returns the event and its paid orders
    /// whose Stars are still to be refunded — all of them again when the event was cancelled
    /// before (so a refund Telegram refused can be asked again; nothing else is repeated).
    pub async fn cancel_event(
        &self,
        id: ProductId,
        notice: CancelNotice<'_>,
        now: i64,
    ) -> Result<Organised<(Event, Vec<StarsToRefund>)>, StorageError> {
        let mut tx = self.write_tx().await?;
        let Some(event) = locked(&mut tx, self, id).await? else {
            return Ok(Err(Refusal::NoSuchEvent));
        };
        let first_time = event.state != EventState::Cancelled;
        if first_time {
            set_state(&mut tx, id, EventState::Cancelled, now).await?;
            sqlx::query(
                "UPDATE vouchers SET status = 'revoked', revoked_at = $1
                 WHERE product_id = $2 AND status <> 'revoked'",
            )
            .bind(now)
            .bind(id.0)
            .execute(&mut *tx)
            .await?;
            for order in orders_of(&mut tx, id, "('awaiting_payment')").await? {
                release(&mut tx, order, OrderStatus::Cancelled, now).await?;
            }
        }
        let mut stars = Vec::new();
        for order_id in orders_of(&mut tx, id, PAID).await? {
            let Some(mut order) = load_order_for_update(&mut tx, self.backend(), order_id).await? else {
                continue;
            };
            let paid = order.items_minor - order.discount_minor + order.shipping_minor + order.tip_minor;
            let in_stars = order.currency.is_stars();
            if in_stars {
                if first_time {
                    queue(&mut tx, order.buyer_id.into(), &notice(&order, paid, true), now).await?;
                }
                if let Some(charge_id) = order.charge_id.clone() {
                    stars.push(StarsToRefund {
                        order_id,
                        buyer: order.buyer_id,
                        charge_id,
                    });
                }
            } else {
                let message = notice(&order, paid, false);
                // Refused only for an order refunded meanwhile: nothing left to record.
                let _ = record_card_refund(&mut tx, &mut order, CANCELLED_REFERENCE, message, now).await?;
            }
        }
        let event = locked(&mut tx, self, id)
            .await?
            .ok_or(StorageError::MovedMeanwhile(id.0))?;
        tx.commit().await?;
        Ok(Ok((event, stars)))
    }
}

/// The orders in `statuses` (an SQL list) holding tickets to event `id`.
async fn orders_of(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    id: ProductId,
    statuses: &str,
) -> Result<Vec<OrderId>, StorageError> {
    let rows: Vec<(i64,)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT DISTINCT o.id FROM orders o JOIN order_lines l ON l.order_id = o.id
         WHERE l.product_id = $1 AND o.status IN {statuses} ORDER BY o.id"
    )))
    .bind(id.0)
    .fetch_all(&mut **tx)
    .await?;
    Ok(rows.into_iter().map(|(id,)| OrderId(id)).collect())
}

/// Event `id` read with its row locked (see [`load_event`]).
async fn locked(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    db: &Db,
    id: ProductId,
) -> Result<Option<Event>, StorageError> {
    load_event(tx, db.backend(), id, true).await
}

/// Reads the event as changed, sets its types' stock from it, and commits.
async fn finish(
    mut tx: sqlx::Transaction<'static, sqlx::Any>,
    db: &Db,
    id: ProductId,
) -> Result<Organised<Event>, StorageError> {
    let event = locked(&mut tx, db, id)
        .await?
        .ok_or(StorageError::MovedMeanwhile(id.0))?;
    sync_stock(&mut tx, &event).await?;
    tx.commit().await?;
    Ok(Ok(event))
}

async fn set_state(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    id: ProductId,
    state: EventState,
    now: i64,
) -> Result<(), StorageError> {
    sqlx::query("UPDATE events SET state = $1, updated_at = $2 WHERE product_id = $3")
        .bind(state.as_str())
        .bind(now)
        .bind(id.0)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Writes event `id`'s details: a new event's, on sale (the column's default), or an existing
/// one's replaced, its state kept.
async fn save_details(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    id: ProductId,
    details: &EventDetails,
    now: i64,
) -> Result<(), StorageError> {
    sqlx::query(
        "INSERT INTO events (product_id, starts_at, ends_at, sales_close_at, venue_name, venue_address,
                             map_url, capacity, named_tickets, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         ON CONFLICT (product_id) DO UPDATE SET
             starts_at = excluded.starts_at, ends_at = excluded.ends_at,
             sales_close_at = excluded.sales_close_at, venue_name = excluded.venue_name,
             venue_address = excluded.venue_address, map_url = excluded.map_url,
             capacity = excluded.capacity, named_tickets = excluded.named_tickets,
             updated_at = excluded.updated_at",
    )
    .bind(id.0)
    .bind(details.schedule.starts_at)
    .bind(details.schedule.ends_at)
    .bind(details.schedule.sales_close_at)
    .bind(&details.venue.name)
    .bind(&details.venue.address)
    .bind(details.venue.map_url.as_deref())
    .bind(details.capacity.get())
    .bind(i64::from(details.named_tickets))
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

async fn save_rules(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    id: ProductId,
    variant: VariantId,
    rules: &TicketRules,
) -> Result<(), StorageError> {
    sqlx::query(
        "INSERT INTO ticket_types (variant_id, product_id, quota, max_per_order) VALUES ($1, $2, $3, $4)
         ON CONFLICT (variant_id) DO UPDATE SET quota = excluded.quota, max_per_order = excluded.max_per_order",
    )
    .bind(variant.0)
    .bind(id.0)
    .bind(rules.quota)
    .bind(rules.max_per_order)
    .execute(&mut **tx)
    .await?;
    Ok(())
}
