//! Vouchers as stored: issued one per unit of each ticket line (and one per booked salon
//! appointment) in the payment's transaction
//! (`UpdateTx::issue_vouchers`), revoked in the transaction that refunds or cancels their order
//! ([`revoke_for`]), read back for their holder ([`Db::order_vouchers`], [`Db::buyer_tickets`]);
//! the door's check-in ([`check_in`]), the events door staff may scan ([`door`]), the salon's
//! desk serving an appointment by its voucher ([`desk`]), and the shop's signing key
//! ([`keys`]).
//!
//! Must not: decide what a scan means (`crate::shop::vouchers::check_in` does) or draw QR codes.

pub mod check_in;
pub mod desk;
pub mod door;
pub mod keys;

use crate::shop::vouchers::{Voucher, VoucherCode};
use crate::storage::catalog::corrupt;
use crate::storage::events::venue_from_row;
use crate::storage::telegram::updates::UpdateTx;
use crate::storage::{Db, StorageError};
use app::catalog::ProductId;
use app::events::VoucherStatus;
use app::identity::UserId;
use app::orders::{OrderId, OrderStatus};
use sqlx::any::AnyRow;
use sqlx::Row;

impl UpdateTx {
    /// Issues order `order`'s vouchers: one per unit of each line whose product is a ticket,
    /// and one per booked salon appointment (shown at the desk), seat 0, 1, … within the line, with the attendee named for that seat at checkout, if
    /// any. Call it in the transaction that marks the order paid. Returns how many it issued
    /// (none twice: `UNIQUE (order_id, variant_id, seat)`).
    #[tracing::instrument(skip_all, fields(order_id = %order))]
    pub async fn issue_vouchers(&mut self, order: OrderId, now: i64) -> Result<u64, StorageError> {
        let conn = self.connection();
        let lines = sqlx::query(
            "SELECT l.variant_id, l.product_id, l.quantity FROM order_lines l
             JOIN products p ON p.id = l.product_id
             WHERE l.order_id = $1 AND (p.fulfilment = 'ticket' OR EXISTS
                 (SELECT 1 FROM appointments a WHERE a.order_id = l.order_id AND a.variant_id = l.variant_id
                  AND a.status = 'booked'))
             ORDER BY l.variant_id",
        )
        .bind(order.0)
        .fetch_all(&mut *conn)
        .await?;
        let mut issued = 0;
        for line in &lines {
            let (variant, product, quantity): (i64, i64, i64) = (
                line.try_get("variant_id")?,
                line.try_get("product_id")?,
                line.try_get("quantity")?,
            );
            for seat in 0..quantity {
                issued += sqlx::query(
                    "INSERT INTO vouchers (code, order_id, variant_id, product_id, seat, attendee, issued_at)
                     VALUES ($1, $2, $3, $4, $5,
                             (SELECT a.name FROM ticket_attendees a
                              WHERE a.order_id = $2 AND a.variant_id = $3 AND a.seat = $5), $6)
                     ON CONFLICT (order_id, variant_id, seat) DO NOTHING",
                )
                .bind(VoucherCode::generate().as_str())
                .bind(order.0)
                .bind(variant)
                .bind(product)
                .bind(seat)
                .bind(now)
                .execute(&mut *conn)
                .await?
                .rows_affected();
            }
        }
        Ok(issued)
    }
}

/// Revokes order `order`'s vouchers when it enters `to` and that is refunded or cancelled:
/// call it in the transaction that moves the order. A checked-in voucher is revoked too (its
/// check-in time stays).
pub(in crate::storage) async fn revoke_for(
    conn: &mut sqlx::AnyConnection,
    order: OrderId,
    to: OrderStatus,
    now: i64,
) -> Result<(), StorageError> {
    if !matches!(to, OrderStatus::Refunded | OrderStatus::Cancelled) {
        return Ok(());
    }
    sqlx::query(
        "UPDATE vouchers SET status = 'revoked', revoked_at = $2 WHERE order_id = $1 AND status <> 'revoked'",
    )
    .bind(order.0)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

/// A voucher with its event's details; `WHERE` and `ORDER BY` follow.
const VOUCHERS: &str = "
    SELECT v.code, v.status, v.order_id, v.product_id, v.attendee, v.checked_in_at,
           p.name AS event_name,
           COALESCE(st.name, CASE WHEN va.name = '' THEN p.name ELSE va.name END) AS ticket_type,
           COALESCE(e.starts_at, a.starts_at, 0) AS starts_at, COALESCE(e.venue_name, '') AS venue_name,
           COALESCE(e.venue_address, '') AS venue_address, e.map_url,
           COALESCE((SELECT s.time_zone FROM shop_settings s WHERE s.id = 1), 'UTC') AS time_zone
    FROM vouchers v
    JOIN products p ON p.id = v.product_id
    JOIN variants va ON va.id = v.variant_id
    LEFT JOIN events e ON e.product_id = v.product_id
    LEFT JOIN appointments a ON a.order_id = v.order_id AND a.variant_id = v.variant_id
                            AND a.status IN ('booked', 'served', 'no_show')
    LEFT JOIN staff st ON st.id = a.staff_id";

impl Db {
    /// Order `order`'s vouchers, by ticket type and seat.
    pub async fn order_vouchers(&self, order: OrderId) -> Result<Vec<Voucher>, StorageError> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "{VOUCHERS} WHERE v.order_id = $1 ORDER BY v.variant_id, v.seat"
        )))
        .bind(order.0)
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(voucher).collect()
    }

    /// Buyer `buyer`'s tickets that are not revoked, for events not over by `still_on_since`
    /// (unix ms; their end, or their start when they have none), soonest first.
    pub async fn buyer_tickets(
        &self,
        buyer: UserId,
        still_on_since: i64,
    ) -> Result<Vec<Voucher>, StorageError> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "{VOUCHERS}
             WHERE v.order_id IN (SELECT o.id FROM orders o WHERE o.buyer_id = $1)
               AND v.status <> 'revoked' AND COALESCE(e.ends_at, e.starts_at) >= $2
             ORDER BY e.starts_at, v.order_id, v.variant_id, v.seat"
        )))
        .bind(buyer.0)
        .bind(still_on_since)
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(voucher).collect()
    }
}

fn voucher(row: &AnyRow) -> Result<Voucher, StorageError> {
    let code: String = row.try_get("code")?;
    let status: String = row.try_get("status")?;
    Ok(Voucher {
        code: VoucherCode::parse(&code).ok_or_else(|| corrupt("voucher code", "not a code"))?,
        status: parse_status(&status)?,
        order_id: OrderId(row.try_get("order_id")?),
        event: ProductId(row.try_get("product_id")?),
        event_name: row.try_get("event_name")?,
        starts_at: row.try_get("starts_at")?,
        time_zone: row.try_get("time_zone")?,
        venue: venue_from_row(row)?.view(),
        ticket_type: row.try_get("ticket_type")?,
        attendee: row.try_get("attendee")?,
        checked_in_at: row.try_get("checked_in_at")?,
    })
}

/// A voucher's status as the `vouchers.status` column holds it.
pub(in crate::storage) fn parse_status(text: &str) -> Result<VoucherStatus, StorageError> {
    match text {
        "valid" => Ok(VoucherStatus::Valid),
        "checked_in" => Ok(VoucherStatus::CheckedIn),
        "revoked" => Ok(VoucherStatus::Revoked),
        other => Err(corrupt("voucher status", other)),
    }
}
