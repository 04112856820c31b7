//! A scan at the salon's desk: the client's voucher for an appointment, served exactly once and
//! on its day. In one transaction the voucher's order is locked (on PostgreSQL, as every
//! change to an appointment locks it first; SQLite's write transaction holds the whole
//! database), the voucher read with its appointment, the domain's verdict applied
//! (`crate::shop::appointments::desk::desk_verdict`) — served: the appointment marked served
//! and the voucher checked in, each by an update conditional on its state — and the answer
//! recorded under the scan's nonce as the door's are ([`super::check_in`]), with the desk's
//! point, 0, for an event id: a retry hears the same answer, a nonce reused elsewhere is
//! refused.

use super::check_in::{admitted_by, answer_once, recorded, unknown, Scanned, ThisScan};
use super::parse_status;
use crate::shop::appointments::desk::{desk_verdict, AtDesk};
use crate::shop::events::TimeZone;
use crate::shop::vouchers::check_in::Nonce;
use crate::shop::vouchers::qr_text::Presented;
use crate::storage::catalog::corrupt;
use crate::storage::orders::lock_order;
use crate::storage::{Backend, Db, StorageError};
use app::appointments::AppointmentStatus;
use app::catalog::ProductId;
use app::events::{CheckInOutcome, CheckInResult, VoucherStatus};
use app::identity::UserId;
use app::orders::OrderId;
use sqlx::{AnyConnection, Row};

/// The desk, where a check-in's record names an event: no event has id 0.
const DESK: i64 = 0;

/// One scan as the desk sent it.
pub struct DeskScan<'a> {
    pub nonce: &'a Nonce,
    /// What was read, if it was a code at all (a genuine signature, or a short code).
    pub presented: Option<&'a Presented>,
    /// Who scanned, and their first name (shown to the next scan of the same voucher).
    pub by: UserId,
    pub by_first_name: &'a str,
    /// The salon's time zone, whose date is "today".
    pub zone: &'a TimeZone,
    pub now: i64,
}

/// A voucher as the desk finds it, with its appointment when it is one's.
struct Found {
    id: i64,
    product: ProductId,
    status: VoucherStatus,
    /// The service's (or the event's) name.
    what: String,
    /// The staff member's name for an appointment; the ticket type's for a ticket.
    with: String,
    /// The client's name for an appointment; the attendee's for a ticket.
    who: Option<String>,
    checked_in_at: Option<i64>,
    checked_in_by: Option<i64>,
    appointment: Option<(i64, AtDesk)>,
}

impl Db {
    /// Serves the appointment of a voucher scanned at the desk; see the module's account.
    #[tracing::instrument(skip_all, fields(scanned_by = %scan.by))]
    pub async fn desk_check_in(&self, scan: &DeskScan<'_>) -> Result<Scanned, StorageError> {
        let mut tx = self.write_tx().await?;
        let found = match scan.presented {
            Some(presented) => find(&mut tx, self.backend(), presented).await?,
            None => None,
        };
        let this = ThisScan {
            nonce: scan.nonce,
            voucher_id: found.as_ref().map(|f| f.id),
            by: scan.by,
            point: DESK,
            now: scan.now,
        };
        if let Some(earlier) = recorded(&mut tx, scan.nonce).await? {
            return Ok(earlier.answer_to(&this));
        }
        let answer = match found {
            None => unknown(),
            Some(found) => decide(&mut tx, found, scan).await?,
        };
        answer_once(self, tx, &this, answer).await
    }
}

/// The answer for a genuine voucher: served (now), or why not.
async fn decide(
    conn: &mut AnyConnection,
    found: Found,
    scan: &DeskScan<'_>,
) -> Result<CheckInResult, StorageError> {
    let at_desk = found.appointment.map(|(_, at)| at);
    let mut answer = CheckInResult {
        outcome: desk_verdict(found.status, at_desk, scan.zone, scan.now),
        ticket_type: Some(found.with.clone()),
        attendee: found.who.clone(),
        event_name: Some(found.what.clone()),
        checked_in_at: None,
        checked_in_by: None,
        starts_at: at_desk.map(|at| at.starts_at),
    };
    let appointment = found.appointment.map(|(id, _)| id);
    match (answer.outcome, appointment) {
        (CheckInOutcome::Admitted, Some(id)) if serve(conn, id, found.id, scan).await? => {
            answer.checked_in_at = Some(scan.now);
            answer.checked_in_by = Some(scan.by_first_name.to_owned());
        }
        (CheckInOutcome::Admitted | CheckInOutcome::AlreadyCheckedIn, _) => {
            // `Admitted` lands here only if the appointment was served from the salon's list
            // between the read and the update, which the order's lock rules out.
            answer.outcome = CheckInOutcome::AlreadyCheckedIn;
            let (at, by) = checked_in(conn, found.id).await?;
            answer.checked_in_at = at.or(found.checked_in_at);
            answer.checked_in_by = match by.or(found.checked_in_by) {
                Some(user) => admitted_by(conn, found.id, user).await?,
                None => None,
            };
        }
        _ => {}
    }
    Ok(answer)
}

/// Marks appointment `id` served and checks its voucher `voucher` in, if it is still to be
/// served; whether this scan did.
async fn serve(
    conn: &mut AnyConnection,
    id: i64,
    voucher: i64,
    scan: &DeskScan<'_>,
) -> Result<bool, StorageError> {
    let served = sqlx::query(
        "UPDATE appointments SET status = 'served' WHERE id = $1 AND status IN ('booked', 'no_show')",
    )
    .bind(id)
    .execute(&mut *conn)
    .await?
    .rows_affected();
    if served != 1 {
        return Ok(false);
    }
    sqlx::query(
        "UPDATE vouchers SET status = 'checked_in', checked_in_at = $1, checked_in_by = $2
         WHERE id = $3 AND status = 'valid'",
    )
    .bind(scan.now)
    .bind(scan.by.0)
    .bind(voucher)
    .execute(conn)
    .await?;
    Ok(true)
}

/// When voucher `id` was checked in, and by whom, as it is now.
async fn checked_in(conn: &mut AnyConnection, id: i64) -> Result<(Option<i64>, Option<i64>), StorageError> {
    let row: (Option<i64>, Option<i64>) =
        sqlx::query_as("SELECT checked_in_at, checked_in_by FROM vouchers WHERE id = $1")
            .bind(id)
            .fetch_one(conn)
            .await?;
    Ok(row)
}

/// A voucher with its appointment (the latest its order line booked, if any), its staff
/// member and its client.
const AT_DESK: &str = "
    SELECT v.id, v.product_id, v.status, v.attendee, v.checked_in_at, v.checked_in_by,
           p.name AS what, CASE WHEN va.name = '' THEN p.name ELSE va.name END AS variant_name,
           a.id AS appointment_id, a.status AS appointment_status, a.starts_at, st.name AS staff_name,
           b.name AS client
    FROM vouchers v
    JOIN products p ON p.id = v.product_id
    JOIN variants va ON va.id = v.variant_id
    JOIN orders o ON o.id = v.order_id
    LEFT JOIN buyers b ON b.id = o.buyer_id
    LEFT JOIN appointments a ON a.id = (SELECT MAX(x.id) FROM appointments x
                                        WHERE x.order_id = v.order_id AND x.variant_id = v.variant_id
                                          AND x.status <> 'held')
    LEFT JOIN staff st ON st.id = a.staff_id
    WHERE v.code = $1";

/// The voucher presented, its order locked first and the voucher itself until the
/// transaction ends (PostgreSQL). A signed text's event must be the voucher's own product.
async fn find(
    conn: &mut AnyConnection,
    backend: Backend,
    presented: &Presented,
) -> Result<Option<Found>, StorageError> {
    let code = presented.code().as_str();
    let order: Option<(i64,)> = sqlx::query_as("SELECT order_id FROM vouchers WHERE code = $1")
        .bind(code)
        .fetch_optional(&mut *conn)
        .await?;
    let Some((order,)) = order else { return Ok(None) };
    lock_order(conn, backend, OrderId(order)).await?;
    let lock = match backend {
        Backend::Postgres => " FOR UPDATE OF v",
        Backend::Sqlite => "",
    };
    let row = sqlx::query(sqlx::AssertSqlSafe(format!("{AT_DESK}{lock}")))
        .bind(code)
        .fetch_optional(conn)
        .await?;
    let found = row.as_ref().map(found).transpose()?;
    Ok(found.filter(|f| presented.signed_for().is_none_or(|product| product == f.product)))
}

fn found(row: &sqlx::any::AnyRow) -> Result<Found, StorageError> {
    let status: String = row.try_get("status")?;
    let appointment = match row.try_get::<Option<i64>, _>("appointment_id")? {
        Some(id) => {
            let status: String = row.try_get("appointment_status")?;
            let status =
                AppointmentStatus::parse(&status).ok_or_else(|| corrupt("appointment status", &status))?;
            Some((
                id,
                AtDesk {
                    status,
                    starts_at: row.try_get("starts_at")?,
                },
            ))
        }
        None => None,
    };
    let (with, who) = match appointment {
        Some(_) => (
            row.try_get::<Option<String>, _>("staff_name")?
                .unwrap_or_default(),
            row.try_get::<Option<String>, _>("client")?,
        ),
        None => (row.try_get("variant_name")?, row.try_get("attendee")?),
    };
    Ok(Found {
        id: row.try_get("id")?,
        product: ProductId(row.try_get("product_id")?),
        status: parse_status(&status)?,
        what: row.try_get("what")?,
        with,
        who,
        checked_in_at: row.try_get("checked_in_at")?,
        checked_in_by: row.try_get("checked_in_by")?,
        appointment,
    })
}
