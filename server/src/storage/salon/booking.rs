//! Appointments written, held, booked and let go, always with their claims (`slot_claims`, see
//! `crate::shop::appointments::claims`): a booking's claims are inserted in the transaction
//! that writes it, with `ON CONFLICT DO NOTHING`, and it holds its time only when every one of
//! its cells was inserted. On both engines a cell claimed by a transaction not yet committed
//! makes the other wait for its end, so of two overlapping bookings exactly one gets the time.
//!
//! A claim of an appointment that no longer holds its time (cancelled, or held by an order whose
//! reservation lapsed) is stale: it is deleted before its cells are claimed again, and when its
//! order expires or is cancelled ([`let_go`]).
//!
//! - At checkout ([`hold`]), each line's candidates are tried in order until one's claims all
//!   succeed; none: `slot_taken`.
//! - At pre-checkout ([`UpdateTx::keep_appointments`]) and payment
//!   ([`UpdateTx::book_appointments`]), an appointment whose claims are all there keeps them;
//!   one whose hold lapsed claims its time again if it is still free.

use crate::shop::appointments::booking::Booking;
use crate::shop::appointments::reminders::Reminder;
use crate::shop::appointments::Appointment;
use crate::shop::appointments::{claims, Interval, StaffId};
use crate::shop::checkout::CheckoutError;
use crate::storage::telegram::updates::UpdateTx;
use crate::storage::{Db, StorageError};
use app::appointments::AppointmentStatus;
use app::catalog::ProductId;
use app::orders::OrderId;
use sqlx::Row;

/// Writes order `order`'s appointments, held until `held_until` (its reservation): see the
/// module's header. On a refusal the caller drops the transaction.
pub(in crate::storage) async fn hold(
    conn: &mut sqlx::AnyConnection,
    order: OrderId,
    bookings: &[Booking],
    now: i64,
    held_until: i64,
) -> Result<Result<(), CheckoutError>, StorageError> {
    'bookings: for booking in bookings {
        for (staff, _) in &booking.candidates {
            let (id,): (i64,) = sqlx::query_as(
                "INSERT INTO appointments (order_id, variant_id, product_id, staff_id, starts_at, ends_at,
                                           busy_until, held_until, status, created_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'held', $9) RETURNING id",
            )
            .bind(order.0)
            .bind(booking.variant.0)
            .bind(booking.product.0)
            .bind(staff.0)
            .bind(booking.start)
            .bind(booking.ends_at())
            .bind(booking.busy().end())
            .bind(held_until)
            .bind(now)
            .fetch_one(&mut *conn)
            .await?;
            if claim(conn, id, *staff, booking.busy(), now).await? {
                continue 'bookings;
            }
            sqlx::query("DELETE FROM appointments WHERE id = $1")
                .bind(id)
                .execute(&mut *conn)
                .await?;
        }
        return Ok(Err(CheckoutError::Booking(booking.taken())));
    }
    Ok(Ok(()))
}

/// Deletes the claims of order `order`'s held appointments (its reservation ended), and with
/// `cancel` marks them cancelled (the order was; an expired order's may be taken again).
pub(in crate::storage) async fn let_go(
    conn: &mut sqlx::AnyConnection,
    order: OrderId,
    cancel: bool,
) -> Result<(), StorageError> {
    sqlx::query(
        "DELETE FROM slot_claims WHERE appointment_id IN
            (SELECT id FROM appointments WHERE order_id = $1 AND status = 'held')",
    )
    .bind(order.0)
    .execute(&mut *conn)
    .await?;
    if cancel {
        sqlx::query("UPDATE appointments SET status = 'cancelled' WHERE order_id = $1 AND status = 'held'")
            .bind(order.0)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// Claims every cell of `staff`'s `busy` for appointment `id`, after deleting the stale claims
/// there. True when all were inserted; otherwise none is left.
pub(super) async fn claim(
    conn: &mut sqlx::AnyConnection,
    id: i64,
    staff: StaffId,
    busy: Interval,
    now: i64,
) -> Result<bool, StorageError> {
    let cells = claims(staff, busy);
    let (Some(first), Some(last)) = (cells.first(), cells.last()) else {
        return Ok(false);
    };
    sqlx::query(
        "DELETE FROM slot_claims WHERE staff_id = $1 AND cell BETWEEN $2 AND $3 AND appointment_id IN
            (SELECT id FROM appointments
             WHERE status = 'cancelled' OR (status = 'held' AND held_until <= $4))",
    )
    .bind(staff.0)
    .bind(first.cell)
    .bind(last.cell)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    // Cells and ids are numbers the server computed: written into the statement, one row each.
    let rows: Vec<String> = cells
        .iter()
        .map(|c| format!("({}, {}, {id})", c.staff.0, c.cell))
        .collect();
    let inserted = sqlx::query(sqlx::AssertSqlSafe(format!(
        "INSERT INTO slot_claims (staff_id, cell, appointment_id) VALUES {}
         ON CONFLICT (staff_id, cell) DO NOTHING",
        rows.join(", ")
    )))
    .execute(&mut *conn)
    .await?
    .rows_affected();
    if inserted as usize == cells.len() {
        return Ok(true);
    }
    drop_claims(conn, id).await?;
    Ok(false)
}

pub(super) async fn drop_claims(conn: &mut sqlx::AnyConnection, id: i64) -> Result<(), StorageError> {
    sqlx::query("DELETE FROM slot_claims WHERE appointment_id = $1")
        .bind(id)
        .execute(conn)
        .await?;
    Ok(())
}

/// A held appointment of an order, as paying for it needs it.
struct Held {
    id: i64,
    staff: StaffId,
    staff_name: String,
    busy: Interval,
    starts_at: i64,
}

/// An appointment that lost its time to another client while its hold had lapsed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lost {
    pub staff: String,
    /// Unix ms.
    pub starts_at: i64,
}

async fn held_of(conn: &mut sqlx::AnyConnection, order: OrderId) -> Result<Vec<Held>, StorageError> {
    let rows = sqlx::query(
        "SELECT a.id, a.staff_id, s.name, a.starts_at, a.busy_until FROM appointments a
         JOIN staff s ON s.id = a.staff_id
         WHERE a.order_id = $1 AND a.status = 'held' ORDER BY a.id",
    )
    .bind(order.0)
    .fetch_all(&mut *conn)
    .await?;
    rows.iter()
        .map(|row| {
            let starts_at: i64 = row.try_get("starts_at")?;
            Ok(Held {
                id: row.try_get("id")?,
                staff: StaffId(row.try_get("staff_id")?),
                staff_name: row.try_get("name")?,
                busy: Interval::new(starts_at, row.try_get("busy_until")?).ok_or_else(|| {
                    crate::storage::catalog::corrupt("appointment", "busy until before its start")
                })?,
                starts_at,
            })
        })
        .collect()
}

/// Whether `held` has its time: all its claims are there, or it claimed them again now.
async fn has_its_time(conn: &mut sqlx::AnyConnection, held: &Held, now: i64) -> Result<bool, StorageError> {
    let (owned,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM slot_claims WHERE appointment_id = $1")
        .bind(held.id)
        .fetch_one(&mut *conn)
        .await?;
    if owned as usize == claims(held.staff, held.busy).len() {
        return Ok(true);
    }
    drop_claims(conn, held.id).await?;
    claim(conn, held.id, held.staff, held.busy, now).await
}

impl UpdateTx {
    /// At pre-checkout: keeps the time of order `order`'s held appointments until `until` (a
    /// lapsed one takes it again if still free). Returns the first that lost it; then all the
    /// order's claims are given back, the caller refuses the payment and the client checks out
    /// again.
    pub async fn keep_appointments(
        &mut self,
        order: OrderId,
        now: i64,
        until: i64,
    ) -> Result<Option<Lost>, StorageError> {
        let conn = self.connection();
        for held in held_of(conn, order).await? {
            if !has_its_time(conn, &held, now).await? {
                let_go(conn, order, false).await?;
                return Ok(Some(Lost {
                    staff: held.staff_name,
                    starts_at: held.starts_at,
                }));
            }
        }
        sqlx::query("UPDATE appointments SET held_until = $1 WHERE order_id = $2 AND status = 'held'")
            .bind(until)
            .bind(order.0)
            .execute(&mut *conn)
            .await?;
        Ok(None)
    }

    /// Gives back the claims of order `order`'s held appointments, e.g. when its pre-checkout
    /// is refused for another reason after [`keep_appointments`](Self::keep_appointments).
    pub async fn let_appointments_go(&mut self, order: OrderId) -> Result<(), StorageError> {
        let_go(self.connection(), order, false).await
    }

    /// At payment: books order `order`'s held appointments that still have (or can take again)
    /// their time; those that cannot are cancelled and returned — the money is a fact, the
    /// caller refunds or flags it. Never double-books.
    pub async fn book_appointments(&mut self, order: OrderId, now: i64) -> Result<Vec<Lost>, StorageError> {
        let conn = self.connection();
        let mut lost = Vec::new();
        for held in held_of(conn, order).await? {
            let status = match has_its_time(conn, &held, now).await? {
                true => "booked",
                false => {
                    lost.push(Lost {
                        staff: held.staff_name.clone(),
                        starts_at: held.starts_at,
                    });
                    "cancelled"
                }
            };
            sqlx::query("UPDATE appointments SET status = $1 WHERE id = $2")
                .bind(status)
                .bind(held.id)
                .execute(&mut *conn)
                .await?;
            skip_passed_reminders(conn, held.id, held.starts_at, now).await?;
        }
        Ok(lost)
    }

    /// Order `order`'s booked appointments, as its confirmation names them.
    pub async fn booked_appointments(&mut self, order: OrderId) -> Result<Vec<Appointment>, StorageError> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "{APPOINTMENTS} WHERE a.order_id = $1 AND a.status = 'booked' ORDER BY a.id"
        )))
        .bind(order.0)
        .fetch_all(self.connection())
        .await?;
        rows.iter().map(appointment).collect()
    }
}

/// Appointments with their service's name, in the shop's language and in the client's (the
/// merchant's text in the buyer's Telegram language, by its primary subtag; else the shop's).
pub(super) const APPOINTMENTS: &str = "
    SELECT a.id, a.order_id, a.product_id, p.name AS service,
           COALESCE(NULLIF(t.name, ''), p.name) AS client_service,
           a.variant_id, a.staff_id, s.name AS staff, a.starts_at, a.ends_at, a.busy_until, a.status
    FROM appointments a JOIN products p ON p.id = a.product_id JOIN staff s ON s.id = a.staff_id
    LEFT JOIN product_texts t ON t.product_id = a.product_id
         AND t.lang = (SELECT lower(substr(b.language_code, 1, 2)) FROM orders o
                       JOIN buyers b ON b.id = o.buyer_id WHERE o.id = a.order_id)";

pub(super) fn appointment(row: &sqlx::any::AnyRow) -> Result<Appointment, StorageError> {
    let status: String = row.try_get("status")?;
    Ok(Appointment {
        id: row.try_get("id")?,
        order_id: OrderId(row.try_get("order_id")?),
        service_id: ProductId(row.try_get("product_id")?),
        service: row.try_get("service")?,
        client_service: row.try_get("client_service")?,
        variant_id: app::catalog::VariantId(row.try_get("variant_id")?),
        staff_id: StaffId(row.try_get("staff_id")?),
        staff: row.try_get("staff")?,
        starts_at: row.try_get("starts_at")?,
        ends_at: row.try_get("ends_at")?,
        busy_until: row.try_get("busy_until")?,
        status: AppointmentStatus::parse(&status)
            .ok_or_else(|| crate::storage::catalog::corrupt("appointment status", &status))?,
    })
}

impl Db {
    /// Order `order`'s appointments, in the order they were made.
    pub async fn order_appointments(&self, order: OrderId) -> Result<Vec<Appointment>, StorageError> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "{APPOINTMENTS} WHERE a.order_id = $1 ORDER BY a.id"
        )))
        .bind(order.0)
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(appointment).collect()
    }
}

/// Marks the reminders of appointment `id` (starting at `start`) whose window has begun at
/// `now` as sent: booked or moved then, the client has just been told.
pub(super) async fn skip_passed_reminders(
    conn: &mut sqlx::AnyConnection,
    id: i64,
    start: i64,
    now: i64,
) -> Result<(), StorageError> {
    for reminder in Reminder::ALL {
        let skipped = reminder.skipped_when_booked(start, now);
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "UPDATE appointments SET {column} = $1 WHERE id = $2",
            column = reminder.column()
        )))
        .bind(i64::from(skipped))
        .bind(id)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}
