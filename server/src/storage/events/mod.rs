//! Events as stored (`events`, `ticket_types`, `event_staff`, counted from `order_lines`,
//! `orders` and `vouchers`): reading an event with its tickets sold, held and checked in
//! ([`Db::event`], [`Db::events`]), the organiser's changes ([`organiser`]), and the checkout
//! hook that holds tickets within their quota and the event's capacity ([`checkout`]).
//!
//! Tickets are counted, not kept as counters: paid ones are the lines of paid (or later)
//! orders, held ones those of orders awaiting payment that hold their stock. Every checkout
//! of an event's tickets locks the event's row first (`FOR UPDATE` on PostgreSQL; SQLite's
//! write transactions run one at a time), so two buyers never both count the last seat.
//! Must not: decide what a valid event is (`crate::shop::events`).

pub mod checkout;
pub mod organiser;

use crate::shop::events::{
    Capacity, Event, EventDetails, EventState, Schedule, Taken, TicketRules, TicketType, Venue,
};
use crate::storage::catalog::corrupt;
use crate::storage::{Backend, Db, StorageError};
use app::catalog::{ProductId, VariantId};
use app::identity::UserId;
use sqlx::any::AnyRow;
use sqlx::Row;
use std::collections::HashMap;

/// The order statuses whose lines are paid tickets.
pub(in crate::storage) const PAID: &str = "('paid', 'shipped', 'delivered')";

const SELECT_EVENT: &str = "SELECT e.product_id, e.starts_at, e.ends_at, e.sales_close_at, e.venue_name,
        e.venue_address, e.map_url, e.capacity, e.named_tickets, e.state
     FROM events e";

impl Db {
    /// Event `id` with its ticket types and staff, if there is one.
    pub async fn event(&self, id: ProductId) -> Result<Option<Event>, StorageError> {
        let mut conn = self.pool().acquire().await?;
        load_event(&mut conn, self.backend(), id, false).await
    }

    /// Every event, soonest first; with `upcoming_after`, only those the storefront lists at
    /// that time: not past (not ended, or not started when they have no end), not cancelled.
    pub async fn events(&self, upcoming_after: Option<i64>) -> Result<Vec<Event>, StorageError> {
        let mut conn = self.pool().acquire().await?;
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "{SELECT_EVENT} WHERE $1 < 0 OR (COALESCE(e.ends_at, e.starts_at) > $1 AND e.state <> 'cancelled')
             ORDER BY e.starts_at, e.product_id"
        )))
        .bind(upcoming_after.unwrap_or(-1))
        .fetch_all(&mut *conn)
        .await?;
        let mut events = Vec::with_capacity(rows.len());
        for row in rows {
            let (id, details, state) = details_from_row(&row)?;
            events.push(complete(&mut conn, id, details, state).await?);
        }
        Ok(events)
    }

    /// Until when each event is shown (its end, or its start when it has no end; never once
    /// cancelled), by product: what the catalog needs to send an event's product to the
    /// event's page, and to leave it out with the event.
    pub async fn events_shown_until(&self) -> Result<HashMap<ProductId, i64>, StorageError> {
        let rows = sqlx::query(
            "SELECT product_id, CASE WHEN state = 'cancelled' THEN 0 ELSE COALESCE(ends_at, starts_at) END AS ends
             FROM events",
        )
            .fetch_all(self.pool())
            .await?;
        rows.iter()
            .map(|row| Ok((ProductId(row.try_get("product_id")?), row.try_get("ends")?)))
            .collect()
    }

    /// The Telegram users who may scan event `id`'s tickets besides the admins.
    pub async fn event_staff(&self, id: ProductId) -> Result<Vec<UserId>, StorageError> {
        let mut conn = self.pool().acquire().await?;
        staff(&mut conn, id).await
    }
}

/// Reads event `id` on `conn`; with `for_update`, locks its row until the transaction ends
/// (on PostgreSQL), so the counts read after it stay true until then.
pub(in crate::storage) async fn load_event(
    conn: &mut sqlx::AnyConnection,
    backend: Backend,
    id: ProductId,
    for_update: bool,
) -> Result<Option<Event>, StorageError> {
    let lock = match (for_update, backend) {
        (true, Backend::Postgres) => " FOR UPDATE",
        _ => "",
    };
    let row = sqlx::query(sqlx::AssertSqlSafe(format!(
        "{SELECT_EVENT} WHERE e.product_id = $1{lock}"
    )))
    .bind(id.0)
    .fetch_optional(&mut *conn)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let (id, details, state) = details_from_row(&row)?;
    Ok(Some(complete(conn, id, details, state).await?))
}

/// An event's ticket types and staff, read on `conn`.
async fn complete(
    conn: &mut sqlx::AnyConnection,
    id: ProductId,
    details: EventDetails,
    state: EventState,
) -> Result<Event, StorageError> {
    Ok(Event {
        id,
        ticket_types: ticket_types(conn, id).await?,
        staff: staff(conn, id).await?,
        details,
        state,
    })
}

fn details_from_row(row: &AnyRow) -> Result<(ProductId, EventDetails, EventState), StorageError> {
    let state: String = row.try_get("state")?;
    let details = EventDetails {
        schedule: Schedule {
            starts_at: row.try_get("starts_at")?,
            ends_at: row.try_get("ends_at")?,
            sales_close_at: row.try_get("sales_close_at")?,
        },
        venue: venue_from_row(row)?,
        capacity: Capacity::from(row.try_get::<i64, _>("capacity")?),
        named_tickets: row.try_get::<i64, _>("named_tickets")? != 0,
    };
    let state = EventState::parse(&state).ok_or_else(|| corrupt("event state", &state))?;
    Ok((ProductId(row.try_get("product_id")?), details, state))
}

/// The venue in a row's `venue_name`, `venue_address` and `map_url` (an event's, or a voucher's
/// read with its event).
pub(in crate::storage) fn venue_from_row(row: &AnyRow) -> Result<Venue, StorageError> {
    Ok(Venue {
        name: row.try_get("venue_name")?,
        address: row.try_get("venue_address")?,
        map_url: row.try_get("map_url")?,
    })
}

/// The event's ticket types (every variant of its product, in display order; one added
/// through the catalog has no quota and the default per-order maximum), with their tickets
/// paid, held and checked in.
pub(in crate::storage) async fn ticket_types(
    conn: &mut sqlx::AnyConnection,
    id: ProductId,
) -> Result<Vec<TicketType>, StorageError> {
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT v.id, t.quota, COALESCE(t.max_per_order, 10) AS max_per_order,
                CAST(COALESCE((SELECT SUM(l.quantity) FROM order_lines l JOIN orders o ON o.id = l.order_id
                               WHERE l.product_id = $1 AND l.variant_id = v.id AND o.status IN {PAID}), 0) AS BIGINT) AS sold,
                CAST(COALESCE((SELECT SUM(l.quantity) FROM order_lines l JOIN orders o ON o.id = l.order_id
                               WHERE l.product_id = $1 AND l.variant_id = v.id
                                 AND o.status = 'awaiting_payment' AND o.reserved = 1), 0) AS BIGINT) AS held,
                (SELECT COUNT(*) FROM vouchers c WHERE c.variant_id = v.id AND c.status = 'checked_in') AS checked_in
         FROM variants v LEFT JOIN ticket_types t ON t.variant_id = v.id
         WHERE v.product_id = $1 ORDER BY v.position, v.id"
    )))
    .bind(id.0)
    .fetch_all(&mut *conn)
    .await?;
    rows.iter()
        .map(|row| {
            Ok(TicketType {
                variant_id: VariantId(row.try_get("id")?),
                rules: TicketRules {
                    quota: row.try_get("quota")?,
                    max_per_order: row.try_get("max_per_order")?,
                },
                taken: Taken {
                    sold: row.try_get("sold")?,
                    held: row.try_get("held")?,
                },
                checked_in: row.try_get("checked_in")?,
            })
        })
        .collect()
}

async fn staff(conn: &mut sqlx::AnyConnection, id: ProductId) -> Result<Vec<UserId>, StorageError> {
    let rows: Vec<(i64,)> =
        sqlx::query_as("SELECT user_id FROM event_staff WHERE product_id = $1 ORDER BY user_id")
            .bind(id.0)
            .fetch_all(conn)
            .await?;
    Ok(rows.into_iter().map(|(user,)| UserId(user)).collect())
}

/// Sets each ticket type's stock (what the catalog and the stock take of checkout read) to
/// what is left of its quota, or of the capacity when it has none, by the counts just read:
/// a refunded ticket's seat becomes sellable again, and the stock never allows more than the
/// quota. Inside a transaction that locked the event.
pub(in crate::storage) async fn sync_stock(
    conn: &mut sqlx::AnyConnection,
    event: &Event,
) -> Result<(), StorageError> {
    for ticket_type in &event.ticket_types {
        let limit = ticket_type.rules.quota.unwrap_or(event.details.capacity.get());
        sqlx::query("UPDATE variants SET stock = $1 WHERE id = $2 AND stock <> $1")
            .bind((limit - ticket_type.taken.total()).max(0))
            .bind(ticket_type.variant_id.0)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}
