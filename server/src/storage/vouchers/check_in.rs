//! A scan at the door, exactly once: in one transaction the voucher is read (and locked, on
//! PostgreSQL; SQLite's write transaction holds the whole database), the domain's verdict
//! applied with a conditional `UPDATE … WHERE status = 'valid'` whose row count decides between
//! two doors scanning one ticket at once, and the answer recorded under the scan's nonce. A
//! retried scan (same nonce, scanner, event and voucher) gets the recorded answer again; a
//! nonce reused for another scan is refused, so one event's answer never reaches another's
//! door. The salon's desk (`super::desk`) keeps its scans' answers the same way.

use super::parse_status;
use crate::shop::vouchers::check_in::{verdict, Found, Nonce};
use crate::shop::vouchers::qr_text::Presented;
use crate::storage::catalog::corrupt;
use crate::storage::{Backend, Db, StorageError};
use app::catalog::ProductId;
use app::events::{CheckInOutcome, CheckInResult, EventId, VoucherStatus};
use app::identity::UserId;
use sqlx::{AnyConnection, Row};

/// One scan as the door sent it.
pub struct Scan<'a> {
    pub nonce: &'a Nonce,
    /// The event being scanned for.
    pub event: EventId,
    /// What was read, if it was a code at all (a genuine signature, or a short code).
    pub presented: Option<&'a Presented>,
    /// Who scanned, and their first name (shown to the next door that scans the same ticket).
    pub by: UserId,
    pub by_first_name: &'a str,
    pub now: i64,
}

/// What a scan comes to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Scanned {
    /// The answer: this scan's, or the one recorded for it when it is a retry.
    Answer(CheckInResult),
    /// The nonce answered another scan before (another scanner, event or ticket).
    NonceReused,
}

/// A voucher as the door finds it.
struct Ticket {
    id: i64,
    event: EventId,
    status: VoucherStatus,
    event_name: String,
    ticket_type: String,
    attendee: Option<String>,
    checked_in_at: Option<i64>,
    checked_in_by: Option<i64>,
}

/// An answer recorded under a nonce, with the scan it answered.
pub(super) struct Recorded {
    voucher_id: Option<i64>,
    scanned_by: i64,
    /// `None` for a scan recorded before the event was (migration 0021): it answers no retry.
    event_id: Option<i64>,
    answer: CheckInResult,
}

impl Db {
    /// Checks a scan in; see the module's account.
    #[tracing::instrument(skip_all, fields(event_id = scan.event.0, scanned_by = %scan.by))]
    pub async fn check_in(&self, scan: &Scan<'_>) -> Result<Scanned, StorageError> {
        let mut tx = self.write_tx().await?;
        let ticket = match scan.presented {
            Some(presented) => find(&mut tx, self.backend(), presented).await?,
            None => None,
        };
        let voucher_id = ticket.as_ref().map(|t| t.id);
        let this = ThisScan {
            nonce: scan.nonce,
            voucher_id,
            by: scan.by,
            point: scan.event.0,
            now: scan.now,
        };
        if let Some(earlier) = recorded(&mut tx, scan.nonce).await? {
            return Ok(earlier.answer_to(&this));
        }
        let answer = match ticket {
            None => unknown(),
            Some(ticket) => decide(&mut tx, ticket, scan).await?,
        };
        answer_once(self, tx, &this, answer).await
    }
}

/// A scan as its nonce's record keeps it: at the door of an event (`point`, the event's id)
/// or at the salon's desk (`point` 0, see `super::desk`).
pub(super) struct ThisScan<'a> {
    pub nonce: &'a Nonce,
    pub voucher_id: Option<i64>,
    pub by: UserId,
    pub point: i64,
    pub now: i64,
}

/// Records `answer` under `scan`'s nonce in `tx` and commits it with the scan's effect; if
/// the same nonce was recorded meanwhile, the effect is dropped with the transaction and the
/// recorded answer stands (for a retry of the same scan; a reused nonce otherwise).
pub(super) async fn answer_once(
    db: &Db,
    mut tx: sqlx::Transaction<'static, sqlx::Any>,
    scan: &ThisScan<'_>,
    answer: CheckInResult,
) -> Result<Scanned, StorageError> {
    let json = serde_json::to_string(&answer).expect("answers serialize");
    let fresh = sqlx::query(
        "INSERT INTO check_ins (nonce, voucher_id, scanned_by, event_id, answer, created_at)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (nonce) DO NOTHING",
    )
    .bind(scan.nonce.as_str())
    .bind(scan.voucher_id)
    .bind(scan.by.0)
    .bind(scan.point)
    .bind(&json)
    .bind(scan.now)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if fresh == 0 {
        drop(tx);
        let mut conn = db.pool().acquire().await?;
        let earlier = recorded(&mut conn, scan.nonce).await?;
        let earlier = earlier.ok_or_else(|| corrupt("check-in", "a nonce vanished"))?;
        return Ok(earlier.answer_to(scan));
    }
    tx.commit().await?;
    Ok(Scanned::Answer(answer))
}

impl Recorded {
    /// The recorded answer for a retry of the same scan (scanner, event or desk, and the
    /// voucher it presents); a nonce reused otherwise.
    pub(super) fn answer_to(self, scan: &ThisScan<'_>) -> Scanned {
        let same_scan = self.scanned_by == scan.by.0
            && self.event_id == Some(scan.point)
            && self.voucher_id == scan.voucher_id;
        if same_scan {
            Scanned::Answer(self.answer)
        } else {
            Scanned::NonceReused
        }
    }
}

/// The answer to a code that is no voucher of the shop.
pub(super) fn unknown() -> CheckInResult {
    CheckInResult {
        outcome: CheckInOutcome::Unknown,
        ticket_type: None,
        attendee: None,
        event_name: None,
        checked_in_at: None,
        checked_in_by: None,
        starts_at: None,
    }
}

/// The answer for a genuine ticket: admitted (checking it in now), or why not.
async fn decide(
    conn: &mut AnyConnection,
    ticket: Ticket,
    scan: &Scan<'_>,
) -> Result<CheckInResult, StorageError> {
    let found = Found {
        event: ticket.event,
        status: ticket.status,
    };
    let mut answer = CheckInResult {
        outcome: verdict(found, scan.event),
        ticket_type: Some(ticket.ticket_type.clone()),
        attendee: ticket.attendee.clone(),
        event_name: Some(ticket.event_name.clone()),
        checked_in_at: None,
        checked_in_by: None,
        starts_at: None,
    };
    match answer.outcome {
        CheckInOutcome::Admitted if admit(conn, ticket.id, scan).await? => {
            answer.checked_in_at = Some(scan.now);
            answer.checked_in_by = Some(scan.by_first_name.to_owned());
        }
        CheckInOutcome::Admitted | CheckInOutcome::AlreadyCheckedIn => {
            // `Admitted` lands here only if another door checked it in between the read and
            // the update, which the lock rules out; the answer is then the same.
            let ticket = reread(conn, ticket.id).await?;
            answer.outcome = CheckInOutcome::AlreadyCheckedIn;
            answer.checked_in_at = ticket.checked_in_at;
            answer.checked_in_by = match ticket.checked_in_by {
                Some(user) => admitted_by(conn, ticket.id, user).await?,
                None => None,
            };
        }
        CheckInOutcome::WrongEvent
        | CheckInOutcome::Revoked
        | CheckInOutcome::Unknown
        | CheckInOutcome::NotToday => {}
    }
    Ok(answer)
}

/// Checks voucher `id` in if it is still valid; whether this scan did.
async fn admit(conn: &mut AnyConnection, id: i64, scan: &Scan<'_>) -> Result<bool, StorageError> {
    let moved = sqlx::query(
        "UPDATE vouchers SET status = 'checked_in', checked_in_at = $1, checked_in_by = $2
         WHERE id = $3 AND status = 'valid'",
    )
    .bind(scan.now)
    .bind(scan.by.0)
    .bind(id)
    .execute(conn)
    .await?
    .rows_affected();
    Ok(moved == 1)
}

/// The first name the admitting scan of voucher `id` by `user` recorded.
pub(super) async fn admitted_by(
    conn: &mut AnyConnection,
    id: i64,
    user: i64,
) -> Result<Option<String>, StorageError> {
    let answers: Vec<(String,)> = sqlx::query_as(
        "SELECT answer FROM check_ins WHERE voucher_id = $1 AND scanned_by = $2 ORDER BY created_at",
    )
    .bind(id)
    .bind(user)
    .fetch_all(conn)
    .await?;
    for (json,) in answers {
        let answer = parse_answer(&json)?;
        if answer.outcome == CheckInOutcome::Admitted {
            return Ok(answer.checked_in_by);
        }
    }
    Ok(None)
}

const TICKET: &str = "
    SELECT v.id, v.product_id, v.status, v.attendee, v.checked_in_at, v.checked_in_by,
           p.name AS event_name, CASE WHEN va.name = '' THEN p.name ELSE va.name END AS ticket_type
    FROM vouchers v
    JOIN products p ON p.id = v.product_id
    JOIN variants va ON va.id = v.variant_id";

/// The voucher presented, locked until the transaction ends on PostgreSQL. A signed text's
/// event must be the voucher's own (it always is, unless the key leaked).
async fn find(
    conn: &mut AnyConnection,
    backend: Backend,
    presented: &Presented,
) -> Result<Option<Ticket>, StorageError> {
    let lock = match backend {
        Backend::Postgres => " FOR UPDATE OF v",
        Backend::Sqlite => "",
    };
    let row = sqlx::query(sqlx::AssertSqlSafe(format!("{TICKET} WHERE v.code = $1{lock}")))
        .bind(presented.code().as_str())
        .fetch_optional(conn)
        .await?;
    let ticket = row.as_ref().map(ticket).transpose()?;
    Ok(ticket.filter(|t| presented.signed_for().is_none_or(|event| event == t.event)))
}

/// Voucher `id` as it is now, in this transaction.
async fn reread(conn: &mut AnyConnection, id: i64) -> Result<Ticket, StorageError> {
    let row = sqlx::query(sqlx::AssertSqlSafe(format!("{TICKET} WHERE v.id = $1")))
        .bind(id)
        .fetch_one(conn)
        .await?;
    ticket(&row)
}

fn ticket(row: &sqlx::any::AnyRow) -> Result<Ticket, StorageError> {
    let status: String = row.try_get("status")?;
    Ok(Ticket {
        id: row.try_get("id")?,
        event: ProductId(row.try_get("product_id")?),
        status: parse_status(&status)?,
        event_name: row.try_get("event_name")?,
        ticket_type: row.try_get("ticket_type")?,
        attendee: row.try_get("attendee")?,
        checked_in_at: row.try_get("checked_in_at")?,
        checked_in_by: row.try_get("checked_in_by")?,
    })
}

/// The answer recorded under `nonce`, if any.
pub(super) async fn recorded(
    conn: &mut AnyConnection,
    nonce: &Nonce,
) -> Result<Option<Recorded>, StorageError> {
    let row = sqlx::query("SELECT voucher_id, scanned_by, event_id, answer FROM check_ins WHERE nonce = $1")
        .bind(nonce.as_str())
        .fetch_optional(conn)
        .await?;
    row.map(|row| {
        let json: String = row.try_get("answer")?;
        Ok(Recorded {
            voucher_id: row.try_get("voucher_id")?,
            scanned_by: row.try_get("scanned_by")?,
            event_id: row.try_get("event_id")?,
            answer: parse_answer(&json)?,
        })
    })
    .transpose()
}

fn parse_answer(json: &str) -> Result<CheckInResult, StorageError> {
    serde_json::from_str(json).map_err(|e| corrupt("check-in answer", e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_recorded_answer_goes_only_to_a_retry_of_its_own_scan() {
        let nonce = Nonce::parse("retry-of-one-scan-0001").unwrap();
        let scan = |point: i64, by: i64, voucher_id: Option<i64>| ThisScan {
            nonce: &nonce,
            voucher_id,
            by: UserId(by),
            point,
            now: 0,
        };
        let recorded = |event_id: Option<i64>| Recorded {
            voucher_id: Some(3),
            scanned_by: 1003,
            event_id,
            answer: unknown(),
        };
        let retry = recorded(Some(7)).answer_to(&scan(7, 1003, Some(3)));
        assert_eq!(retry, Scanned::Answer(unknown()));
        for (recorded, scan) in [
            (recorded(Some(7)), scan(8, 1003, Some(3))),
            (recorded(Some(7)), scan(0, 1003, Some(3))),
            (recorded(Some(7)), scan(7, 1004, Some(3))),
            (recorded(Some(7)), scan(7, 1003, Some(4))),
            (recorded(Some(7)), scan(7, 1003, None)),
            (recorded(None), scan(7, 1003, Some(3))),
        ] {
            assert_eq!(recorded.answer_to(&scan), Scanned::NonceReused);
        }
    }
}
