//! Booked appointments after payment, as the salon and the client change them: the salon's
//! list of a span of days ([`Db::salon_appointments`]; one, [`Db::salon_appointment`]), a move to another time or staff member
//! ([`Db::move_appointment`], its claims taken in the same transaction, so it never lands on
//! someone else's time), a cancellation ([`Db::cancel_appointment`], its time and voucher given
//! up; by the salon, [`Db::salon_cancel_appointment`], with its refund's messages) and its
//! outcome ([`Db::finish_appointment`], served or no-show). A move is checked against the
//! staff member's other appointments ([`Db::busy_besides`]) with the length it was booked
//! with ([`Db::booked_length`]).
//!
//! Must not: decide who may do which when (the salon's rules are the service layer's and the
//! domain's), or pay refunds (a refund owed is an outbox row, sent after the commit).

use super::booking::{appointment, claim, drop_claims, skip_passed_reminders, APPOINTMENTS};
use crate::shop::appointments::{Appointment, Interval, ServiceLength, StaffId};
use crate::shop::order::OrderRecord;
use crate::storage::catalog::corrupt;
use crate::storage::orders::{load_order_for_update, lock_order};
use crate::storage::{Db, StorageError};
use app::appointments::AppointmentStatus;
use app::identity::ChatId;
use app::orders::OrderId;
use sqlx::Row;

/// An appointment in the salon's list, with what the salon knows of its client.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Listed {
    pub appointment: Appointment,
    pub client: String,
    /// Without the @; empty when they have none.
    pub username: String,
    pub client_id: i64,
}

/// Why a move was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MoveRefusal {
    /// No such appointment.
    NotFound,
    /// Only a booked appointment moves; it is `0`.
    NotBooked(AppointmentStatus),
    /// Another booking has (part of) that time.
    Taken,
}

impl Db {
    /// Appointments starting in `[from, to)` that hold or held time (booked, served, no-show,
    /// and held by an order awaiting payment), of `staff` or everyone, by start.
    pub async fn salon_appointments(
        &self,
        from: i64,
        to: i64,
        staff: Option<StaffId>,
        now: i64,
    ) -> Result<Vec<Listed>, StorageError> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "{LISTED}
             WHERE a.starts_at >= $1 AND a.starts_at < $2 AND ($3 = 0 OR a.staff_id = $3)
               AND (a.status IN ('booked', 'served', 'no_show') OR (a.status = 'held' AND a.held_until > $4))
             ORDER BY a.starts_at, a.staff_id"
        )))
        .bind(from)
        .bind(to)
        .bind(staff.map_or(0, |s| s.0))
        .bind(now)
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(listed).collect()
    }

    /// Appointment `id` as the salon's list shows it, whatever its status, if there is one.
    pub async fn salon_appointment(&self, id: i64) -> Result<Option<Listed>, StorageError> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!("{LISTED} WHERE a.id = $1")))
            .bind(id)
            .fetch_optional(self.pool())
            .await?;
        row.as_ref().map(listed).transpose()
    }

    /// Appointment `id`, if there is one.
    pub async fn appointment(&self, id: i64) -> Result<Option<Appointment>, StorageError> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!("{APPOINTMENTS} WHERE a.id = $1")))
            .bind(id)
            .fetch_optional(self.pool())
            .await?;
        row.as_ref().map(appointment).transpose()
    }

    /// Moves booked appointment `id` to `start` with `staff`, keeping its length and buffer:
    /// its old claims given up and the new ones taken in one transaction, which also queues
    /// `tell(moved)` (an outbox message) for its client.
    pub async fn move_appointment(
        &self,
        id: i64,
        staff: StaffId,
        start: i64,
        now: i64,
        tell: impl FnOnce(&Appointment) -> String,
    ) -> Result<Result<Appointment, MoveRefusal>, StorageError> {
        let mut tx = self.write_tx().await?;
        let Some(current) = locked(&mut tx, self, id).await? else {
            return Ok(Err(MoveRefusal::NotFound));
        };
        if current.status != AppointmentStatus::Booked {
            return Ok(Err(MoveRefusal::NotBooked(current.status)));
        }
        let (busy_until,): (i64,) = sqlx::query_as("SELECT busy_until FROM appointments WHERE id = $1")
            .bind(id)
            .fetch_one(&mut *tx)
            .await?;
        let length = current.ends_at - current.starts_at;
        let busy = Interval::new(start, start + (busy_until - current.starts_at))
            .ok_or_else(|| crate::storage::catalog::corrupt("appointment", "busy until before its start"))?;
        drop_claims(&mut tx, id).await?;
        if !claim(&mut tx, id, staff, busy, now).await? {
            return Ok(Err(MoveRefusal::Taken));
        }
        sqlx::query(
            "UPDATE appointments SET staff_id = $1, starts_at = $2, ends_at = $3, busy_until = $4
             WHERE id = $5",
        )
        .bind(staff.0)
        .bind(start)
        .bind(start + length)
        .bind(busy.end())
        .bind(id)
        .execute(&mut *tx)
        .await?;
        skip_passed_reminders(&mut tx, id, start, now).await?;
        let moved = appointment_on(&mut tx, id).await?;
        tell_client(&mut tx, &moved, tell(&moved), now).await?;
        tx.commit().await?;
        Ok(Ok(moved))
    }

    /// Cancels booked appointment `id`: its time is free again, its voucher revoked, and
    /// `tell(it, its client's chat)`'s outbox messages (chat, JSON) queued, in one transaction
    /// — a Stars refund among them is then owed exactly once. The appointment as it was, or
    /// `None` when it was not booked (nothing changed).
    pub async fn cancel_appointment(
        &self,
        id: i64,
        now: i64,
        tell: impl FnOnce(&Appointment, ChatId) -> Vec<(ChatId, String)>,
    ) -> Result<Option<Appointment>, StorageError> {
        let notices =
            |appointment: &Appointment, order: &OrderRecord| tell(appointment, order.buyer_id.into());
        let cancelled = self.salon_cancel_appointment(id, now, notices).await?;
        Ok(cancelled.map(|(appointment, _)| appointment))
    }

    /// As [`cancel_appointment`](Self::cancel_appointment), the outbox rows being
    /// `notices(it, its order)` — `(chat, message)`: the client's message, the Stars refund
    /// owed them, the merchant's alert — queued in the same transaction. The appointment as it
    /// was with its order, or `None` when it was not booked.
    pub async fn salon_cancel_appointment(
        &self,
        id: i64,
        now: i64,
        notices: impl FnOnce(&Appointment, &OrderRecord) -> Vec<(ChatId, String)>,
    ) -> Result<Option<(Appointment, OrderRecord)>, StorageError> {
        let mut tx = self.write_tx().await?;
        let Some(current) = locked(&mut tx, self, id).await? else {
            return Ok(None);
        };
        if current.status != AppointmentStatus::Booked {
            return Ok(None);
        }
        let order = load_order_for_update(&mut tx, self.backend(), current.order_id)
            .await?
            .ok_or_else(|| corrupt("appointment", "its order is gone"))?;
        drop_claims(&mut tx, id).await?;
        sqlx::query("UPDATE appointments SET status = 'cancelled' WHERE id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "UPDATE vouchers SET status = 'revoked', revoked_at = $1
             WHERE order_id = $2 AND variant_id = (SELECT variant_id FROM appointments WHERE id = $3)
               AND status <> 'revoked'",
        )
        .bind(now)
        .bind(current.order_id.0)
        .bind(id)
        .execute(&mut *tx)
        .await?;
        for (chat, message) in notices(&current, &order) {
            crate::storage::telegram::outbox::queue(&mut tx, chat, &message, now).await?;
        }
        tx.commit().await?;
        Ok(Some((current, order)))
    }

    /// Records booked appointment `id`'s outcome (`Served` or `NoShow`); served, its voucher is
    /// then checked in. A missed appointment may still be served (the client came late after
    /// all). The appointment after, or `None` when it was not booked (or missed, to serve).
    pub async fn finish_appointment(
        &self,
        id: i64,
        outcome: AppointmentStatus,
        now: i64,
    ) -> Result<Option<Appointment>, StorageError> {
        assert!(matches!(
            outcome,
            AppointmentStatus::Served | AppointmentStatus::NoShow
        ));
        let mut tx = self.write_tx().await?;
        // The order first, as every change to an appointment (and the desk's scan) takes it.
        if locked(&mut tx, self, id).await?.is_none() {
            return Ok(None);
        }
        let moved = sqlx::query(
            "UPDATE appointments SET status = $1
             WHERE id = $2 AND (status = 'booked' OR (status = 'no_show' AND $1 = 'served'))",
        )
        .bind(outcome.as_str())
        .bind(id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if moved != 1 {
            return Ok(None);
        }
        if outcome == AppointmentStatus::Served {
            sqlx::query(
                "UPDATE vouchers SET status = 'checked_in', checked_in_at = $1
                 WHERE status = 'valid' AND (order_id, variant_id) IN
                     (SELECT order_id, variant_id FROM appointments WHERE id = $2)",
            )
            .bind(now)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        }
        let finished = appointment_on(&mut tx, id).await?;
        tx.commit().await?;
        Ok(Some(finished))
    }

    /// The time `staff` have taken between `from` and `to` (unix ms) as of `now` besides
    /// appointment `id`: every other appointment booked, served or missed, or held and not
    /// lapsed, from its start to the end of its buffer (what holds claims). What a move of
    /// `id` must not overlap.
    pub async fn busy_besides(
        &self,
        id: i64,
        staff: StaffId,
        from: i64,
        to: i64,
        now: i64,
    ) -> Result<Vec<Interval>, StorageError> {
        let rows: Vec<(i64, i64)> = sqlx::query_as(
            "SELECT starts_at, busy_until FROM appointments
             WHERE staff_id = $1 AND id <> $2 AND starts_at < $3 AND busy_until > $4
               AND (status IN ('booked', 'served', 'no_show') OR (status = 'held' AND held_until > $5))",
        )
        .bind(staff.0)
        .bind(id)
        .bind(to)
        .bind(from)
        .bind(now)
        .fetch_all(self.pool())
        .await?;
        rows.into_iter()
            .map(|(start, end)| {
                Interval::new(start, end).ok_or_else(|| corrupt("appointment", "busy until before its start"))
            })
            .collect()
    }

    /// Appointment `id`'s length as it was booked (a move keeps it, whatever the service's
    /// length is now), if there is such an appointment.
    pub async fn booked_length(&self, id: i64) -> Result<Option<ServiceLength>, StorageError> {
        let row: Option<(i64, i64, i64)> =
            sqlx::query_as("SELECT starts_at, ends_at, busy_until FROM appointments WHERE id = $1")
                .bind(id)
                .fetch_optional(self.pool())
                .await?;
        let Some((starts_at, ends_at, busy_until)) = row else {
            return Ok(None);
        };
        const MINUTE_MS: i64 = 60_000;
        ServiceLength::parse(
            (ends_at - starts_at) / MINUTE_MS,
            (busy_until - ends_at) / MINUTE_MS,
        )
        .map(Some)
        .map_err(|e| corrupt("appointment length", e))
    }
}

/// Appointments with their clients (read as `super::booking` reads an appointment); `WHERE`
/// and `ORDER BY` follow.
const LISTED: &str = "
    SELECT a.id, a.order_id, a.product_id, p.name AS service,
           COALESCE(NULLIF(t.name, ''), p.name) AS client_service,
           a.variant_id, a.staff_id, s.name AS staff,
           a.starts_at, a.ends_at, a.busy_until, a.status, o.buyer_id, b.name AS client, b.username
    FROM appointments a JOIN products p ON p.id = a.product_id JOIN staff s ON s.id = a.staff_id
    JOIN orders o ON o.id = a.order_id LEFT JOIN buyers b ON b.id = o.buyer_id
    LEFT JOIN product_texts t ON t.product_id = a.product_id AND t.lang = lower(substr(b.language_code, 1, 2))";

fn listed(row: &sqlx::any::AnyRow) -> Result<Listed, StorageError> {
    Ok(Listed {
        appointment: appointment(row)?,
        client: row.try_get::<Option<String>, _>("client")?.unwrap_or_default(),
        username: row.try_get::<Option<String>, _>("username")?.unwrap_or_default(),
        client_id: row.try_get("buyer_id")?,
    })
}

/// Appointment `id` read inside a transaction that will change it, its order locked first
/// (on PostgreSQL; SQLite's write transaction holds the database), as payments lock it.
async fn locked(
    conn: &mut sqlx::AnyConnection,
    db: &Db,
    id: i64,
) -> Result<Option<Appointment>, StorageError> {
    let order: Option<(i64,)> = sqlx::query_as("SELECT order_id FROM appointments WHERE id = $1")
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?;
    let Some((order,)) = order else { return Ok(None) };
    lock_order(conn, db.backend(), OrderId(order)).await?;
    let row = sqlx::query(sqlx::AssertSqlSafe(format!("{APPOINTMENTS} WHERE a.id = $1")))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?;
    row.as_ref().map(appointment).transpose()
}

async fn appointment_on(conn: &mut sqlx::AnyConnection, id: i64) -> Result<Appointment, StorageError> {
    let row = sqlx::query(sqlx::AssertSqlSafe(format!("{APPOINTMENTS} WHERE a.id = $1")))
        .bind(id)
        .fetch_one(conn)
        .await?;
    appointment(&row)
}

/// The private chat with the client of `appointment`'s order.
async fn client_of(
    conn: &mut sqlx::AnyConnection,
    appointment: &Appointment,
) -> Result<ChatId, StorageError> {
    let (buyer,): (i64,) = sqlx::query_as("SELECT buyer_id FROM orders WHERE id = $1")
        .bind(appointment.order_id.0)
        .fetch_one(&mut *conn)
        .await?;
    Ok(ChatId(buyer))
}

/// Queues `message` (an outbox message's JSON) for the client of `appointment`'s order.
async fn tell_client(
    conn: &mut sqlx::AnyConnection,
    appointment: &Appointment,
    message: String,
    now: i64,
) -> Result<(), StorageError> {
    let client = client_of(conn, appointment).await?;
    crate::storage::telegram::outbox::queue(conn, client, &message, now).await
}
