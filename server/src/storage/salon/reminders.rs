//! The bot's reminders of booked appointments, queued exactly once: each due reminder's flag
//! (`appointments.reminder_24h_sent`, `reminder_2h_sent`) is set by a conditional `UPDATE` in
//! the transaction that queues its message in the outbox, so a restart (the transaction either
//! committed both or neither) and another replica (its `UPDATE` waits for this commit, then
//! changes nothing) never queue it twice, and nothing due is lost while the server is down: the
//! next sweep finds it still due, until its window closes.

use super::booking::{appointment, APPOINTMENTS};
use crate::shop::appointments::reminders::Reminder;
use crate::shop::appointments::Appointment;
use crate::storage::{Db, StorageError};
use app::identity::ChatId;
use sqlx::Row;

/// How many reminders of one kind a sweep queues at most (the next sweep takes the rest).
const BATCH: i64 = 200;

impl Db {
    /// Queues every reminder due at `now`, each once: `render(language_code, reminder,
    /// appointment)` is its outbox message for the client. Returns how many it queued.
    pub async fn queue_reminders(
        &self,
        now: i64,
        render: impl Fn(&str, Reminder, &Appointment) -> String,
    ) -> Result<u64, StorageError> {
        let mut tx = self.write_tx().await?;
        let mut queued = 0;
        for reminder in Reminder::ALL {
            let (after, up_to) = reminder.starts_due_at(now);
            let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
                "SELECT x.*, o.buyer_id, COALESCE(b.language_code, '') AS language_code
                 FROM ({APPOINTMENTS}) x JOIN orders o ON o.id = x.order_id LEFT JOIN buyers b ON b.id = o.buyer_id
                 WHERE x.status = 'booked' AND x.starts_at > $1 AND x.starts_at <= $2
                   AND EXISTS (SELECT 1 FROM appointments r WHERE r.id = x.id AND r.{column} = 0)
                 ORDER BY x.starts_at LIMIT {BATCH}",
                column = reminder.column()
            )))
            .bind(after)
            .bind(up_to)
            .fetch_all(&mut *tx)
            .await?;
            for row in &rows {
                let due = appointment(row)?;
                let taken = sqlx::query(sqlx::AssertSqlSafe(format!(
                    "UPDATE appointments SET {column} = 1 WHERE id = $1 AND {column} = 0",
                    column = reminder.column()
                )))
                .bind(due.id)
                .execute(&mut *tx)
                .await?
                .rows_affected();
                if taken != 1 {
                    continue;
                }
                let language: String = row.try_get("language_code")?;
                let client = ChatId(row.try_get("buyer_id")?);
                let message = render(&language, reminder, &due);
                crate::storage::telegram::outbox::queue(&mut tx, client, &message, now).await?;
                queued += 1;
            }
        }
        tx.commit().await?;
        Ok(queued)
    }
}
