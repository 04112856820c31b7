//! The checkout hook of ticket lines, inside the order's transaction: each event in the cart
//! is locked, its sales must be open, each line within its type's per-order maximum, quota
//! and the event's capacity (counting paid tickets and those held), with one attendee name
//! per ticket when the event has named tickets; the types' stock is then set from the counts
//! so the order's stock take agrees. The names are kept with the order ([`save_attendees`]).
//! Lines of other kinds (and of a `ticket` product without event details) pass untouched.

use super::{load_event, sync_stock};
use crate::shop::checkout::{CheckoutError, PricedCart, PricedLine};
use crate::shop::events::{AttendeeError, AttendeeNames, Event, Sale};
use crate::shop::kind::ProductKind;
use crate::shop::order::OrderRecord;
use crate::storage::{Backend, StorageError};
use app::catalog::{ProductId, VariantId};
use app::orders::OrderId;
use std::collections::{BTreeMap, BTreeSet};

/// The attendees' names the shopper gave, by ticket type (all lines of a type together).
pub type GivenNames = BTreeMap<VariantId, Vec<String>>;

/// The names to keep with the order, by ticket type.
pub type HeldNames = Vec<(VariantId, AttendeeNames)>;

/// Holds the cart's tickets: see the module's header. On a refusal, nothing was written but
/// the stock set from the counts (the caller drops the transaction anyway).
pub(in crate::storage) async fn hold_tickets(
    conn: &mut sqlx::AnyConnection,
    backend: Backend,
    cart: &PricedCart,
    given: &GivenNames,
    now: i64,
) -> Result<Result<HeldNames, CheckoutError>, StorageError> {
    let mut held = Vec::new();
    let mut named_lines = BTreeSet::new();
    for product in products_of_kind(cart.lines.iter(), ProductKind::Ticket) {
        let Some(event) = load_event(conn, backend, product, true).await? else {
            continue;
        };
        let lines: Vec<&PricedLine> = cart.lines.iter().filter(|l| l.product_id == product).collect();
        if let Err(refusal) = within_rules(&event, &lines, given, now, &mut held) {
            return Ok(Err(refusal));
        }
        named_lines.extend(lines.iter().map(|l| l.variant_id));
        sync_stock(conn, &event).await?;
    }
    let unexpected = cart.lines.iter().find(|l| {
        !named_lines.contains(&l.variant_id) && given.get(&l.variant_id).is_some_and(|n| !n.is_empty())
    });
    if let Some(line) = unexpected {
        return Ok(Err(CheckoutError::AttendeeNames {
            name: line.name.clone(),
            error: AttendeeError::NotNamed,
        }));
    }
    Ok(Ok(held))
}

/// Checks an event's lines against its sale, rules, quotas and capacity; pushes their names.
fn within_rules(
    event: &Event,
    lines: &[&PricedLine],
    given: &GivenNames,
    now: i64,
    held: &mut HeldNames,
) -> Result<(), CheckoutError> {
    let first = lines.first().map(|l| l.name.clone()).unwrap_or_default();
    if event.sale(now) == Sale::Closed {
        return Err(CheckoutError::SalesClosed(first));
    }
    let mut capacity_left = event.details.capacity.get() - event.taken().total();
    for line in lines {
        let Some(ticket_type) = event.ticket_type(line.variant_id) else {
            return Err(CheckoutError::UnknownVariant(line.variant_id.0));
        };
        if line.quantity > ticket_type.rules.max_per_order {
            return Err(CheckoutError::OverMaxPerOrder {
                name: line.name.clone(),
                max: ticket_type.rules.max_per_order,
            });
        }
        let names = given.get(&line.variant_id).map_or(&[][..], Vec::as_slice);
        let names =
            AttendeeNames::parse(event.details.named_tickets, line.quantity, names).map_err(|error| {
                CheckoutError::AttendeeNames {
                    name: line.name.clone(),
                    error,
                }
            })?;
        let available = event.available(ticket_type).min(capacity_left.max(0));
        if line.quantity > available {
            return Err(CheckoutError::SoldOut {
                name: line.name.clone(),
                available,
            });
        }
        capacity_left -= line.quantity;
        held.push((line.variant_id, names));
    }
    Ok(())
}

/// Keeps the attendees' names of order `id`'s tickets, seat by seat.
pub(in crate::storage) async fn save_attendees(
    conn: &mut sqlx::AnyConnection,
    id: OrderId,
    held: &HeldNames,
) -> Result<(), StorageError> {
    for (variant, names) in held {
        for (seat, name) in names.names().iter().enumerate() {
            sqlx::query(
                "INSERT INTO ticket_attendees (order_id, variant_id, seat, name) VALUES ($1, $2, $3, $4)",
            )
            .bind(id.0)
            .bind(variant.0)
            .bind(seat as i64)
            .bind(name)
            .execute(&mut *conn)
            .await?;
        }
    }
    Ok(())
}

/// Before an order whose reservation lapsed takes its stock again (at pre-checkout, or when
/// paid late): its events locked and counted, the quota and capacity checked, the stock set
/// from the counts. With `now` (pre-checkout), sales must still be open too. Returns the name
/// of a line that can no longer be had.
pub(in crate::storage) async fn hold_tickets_again(
    conn: &mut sqlx::AnyConnection,
    backend: Backend,
    order: &OrderRecord,
    now: Option<i64>,
) -> Result<Option<String>, StorageError> {
    let products: BTreeSet<ProductId> = order.lines.iter().map(|l| l.product_id).collect();
    for product in products {
        let Some(event) = load_event(conn, backend, product, true).await? else {
            continue;
        };
        let mut capacity_left = event.details.capacity.get() - event.taken().total();
        for line in order.lines.iter().filter(|l| l.product_id == product) {
            let closed = now.is_some_and(|now| event.sale(now) == Sale::Closed);
            let available = event
                .ticket_type(line.variant_id)
                .map_or(0, |t| event.available(t).min(capacity_left.max(0)));
            if closed || line.quantity > available {
                return Ok(Some(line.name.clone()));
            }
            capacity_left -= line.quantity;
        }
        sync_stock(conn, &event).await?;
    }
    Ok(None)
}

/// The distinct products of `kind` among `lines`, in id order (the order events are locked
/// in, so two checkouts never wait on each other in a circle).
fn products_of_kind<'a>(
    lines: impl Iterator<Item = &'a PricedLine>,
    kind: ProductKind,
) -> BTreeSet<ProductId> {
    lines.filter(|l| l.kind == kind).map(|l| l.product_id).collect()
}
