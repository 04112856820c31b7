//! The salon as stored (`staff`, `staff_hours`, `staff_days_off`, `staff_blocked`; services in
//! [`services`], the booking rules in [`rules`]): staff members read with their calendars, the
//! salon's changes to them, and the time already taken (`appointments` held and not lapsed, or
//! booked) that the free times leave out.
//!
//! Must not: decide what valid hours, rules or lengths are (`crate::shop::appointments`).

pub mod booking;
pub mod calendar;
pub mod reminders;
pub mod rules;
pub mod services;

use std::collections::{BTreeSet, HashMap};

use crate::shop::appointments::staff::{BlockedTime, StaffDetails, StaffMember};
use crate::shop::appointments::{Interval, StaffId, WeeklyHours, WorkingRange};
use crate::storage::catalog::corrupt;
use crate::storage::{Db, StorageError};
use app::identity::UserId;
use jiff::civil::{Date, Weekday};
use sqlx::any::AnyRow;
use sqlx::Row;

impl Db {
    /// Adds a staff member, working no hours yet.
    pub async fn create_staff(&self, details: &StaffDetails, now: i64) -> Result<StaffId, StorageError> {
        let id: i64 = sqlx::query(
            "INSERT INTO staff (name, photo_url, telegram_user_id, created_at) VALUES ($1, $2, $3, $4)
             RETURNING id",
        )
        .bind(&details.name)
        .bind(details.photo_url.as_deref())
        .bind(details.telegram_user_id)
        .bind(now)
        .fetch_one(self.pool())
        .await?
        .try_get("id")?;
        Ok(StaffId(id))
    }

    /// Whether Telegram user `user` is the account of an active staff member (who may serve
    /// clients at the desk).
    pub async fn is_salon_staff(&self, user: UserId) -> Result<bool, StorageError> {
        let row = sqlx::query(
            "SELECT 1 AS one FROM staff WHERE telegram_user_id = $1 AND archived_at IS NULL LIMIT 1",
        )
        .bind(user.0)
        .fetch_optional(self.pool())
        .await?;
        Ok(row.is_some())
    }

    /// Every staff member with their calendar, active ones first, each in creation order.
    pub async fn staff_members(&self) -> Result<Vec<StaffMember>, StorageError> {
        let rows = sqlx::query(
            "SELECT id, name, photo_url, telegram_user_id, archived_at FROM staff
             ORDER BY CASE WHEN archived_at IS NULL THEN 0 ELSE 1 END, id",
        )
        .fetch_all(self.pool())
        .await?;
        let mut members = Vec::with_capacity(rows.len());
        for row in rows {
            members.push(self.calendar_of(&row).await?);
        }
        Ok(members)
    }

    /// Staff member `id` with their calendar, if there is one.
    pub async fn staff_member(&self, id: StaffId) -> Result<Option<StaffMember>, StorageError> {
        let row =
            sqlx::query("SELECT id, name, photo_url, telegram_user_id, archived_at FROM staff WHERE id = $1")
                .bind(id.0)
                .fetch_optional(self.pool())
                .await?;
        match row {
            Some(row) => Ok(Some(self.calendar_of(&row).await?)),
            None => Ok(None),
        }
    }

    /// Saves staff member `id`'s details, and archives or restores them. False when there is
    /// no such staff member.
    pub async fn update_staff(
        &self,
        id: StaffId,
        details: &StaffDetails,
        archived: bool,
        now: i64,
    ) -> Result<bool, StorageError> {
        let updated = sqlx::query(
            "UPDATE staff SET name = $1, photo_url = $2, telegram_user_id = $3,
                 archived_at = CASE WHEN $4 = 0 THEN NULL ELSE COALESCE(archived_at, $5) END
             WHERE id = $6",
        )
        .bind(&details.name)
        .bind(details.photo_url.as_deref())
        .bind(details.telegram_user_id)
        .bind(i64::from(archived))
        .bind(now)
        .bind(id.0)
        .execute(self.pool())
        .await?
        .rows_affected();
        Ok(updated == 1)
    }

    /// Replaces staff member `id`'s week with `weekly`, in one transaction.
    pub async fn set_weekly_hours(&self, id: StaffId, weekly: &WeeklyHours) -> Result<(), StorageError> {
        let mut tx = self.pool().begin().await?;
        sqlx::query("DELETE FROM staff_hours WHERE staff_id = $1")
            .bind(id.0)
            .execute(&mut *tx)
            .await?;
        for range in weekly.ranges() {
            sqlx::query(
                "INSERT INTO staff_hours (staff_id, weekday, start_minute, end_minute) VALUES ($1, $2, $3, $4)",
            )
            .bind(id.0)
            .bind(i64::from(range.weekday().to_monday_one_offset()))
            .bind(range.start().minutes())
            .bind(range.end().minutes())
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Adds `date` to staff member `id`'s days off (once).
    pub async fn add_day_off(&self, id: StaffId, date: Date) -> Result<(), StorageError> {
        sqlx::query("INSERT INTO staff_days_off (staff_id, day) VALUES ($1, $2) ON CONFLICT DO NOTHING")
            .bind(id.0)
            .bind(date.to_string())
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// Removes `date` from staff member `id`'s days off, if it was one.
    pub async fn remove_day_off(&self, id: StaffId, date: Date) -> Result<(), StorageError> {
        sqlx::query("DELETE FROM staff_days_off WHERE staff_id = $1 AND day = $2")
            .bind(id.0)
            .bind(date.to_string())
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// Blocks `span` of staff member `id`'s time; the blocked time's id.
    pub async fn add_blocked(&self, id: StaffId, span: Interval, reason: &str) -> Result<i64, StorageError> {
        let row = sqlx::query(
            "INSERT INTO staff_blocked (staff_id, starts_at, ends_at, reason) VALUES ($1, $2, $3, $4)
             RETURNING id",
        )
        .bind(id.0)
        .bind(span.start())
        .bind(span.end())
        .bind(reason)
        .fetch_one(self.pool())
        .await?;
        Ok(row.try_get("id")?)
    }

    /// Removes staff member `id`'s blocked time `blocked`. False when they have none such.
    pub async fn remove_blocked(&self, id: StaffId, blocked: i64) -> Result<bool, StorageError> {
        let deleted = sqlx::query("DELETE FROM staff_blocked WHERE staff_id = $1 AND id = $2")
            .bind(id.0)
            .bind(blocked)
            .execute(self.pool())
            .await?
            .rows_affected();
        Ok(deleted == 1)
    }

    /// The time `staff` have taken between `from` and `to` (unix ms) as of `now`: each
    /// appointment booked (served or missed too: they keep their claims), or held and not
    /// lapsed, from its start to the end of its buffer —
    /// but not the holds of `except_buyer`'s order awaiting payment, which their next checkout
    /// replaces (so they may pick the same time again).
    pub async fn busy(
        &self,
        staff: &[StaffId],
        from: i64,
        to: i64,
        now: i64,
        except_buyer: Option<UserId>,
    ) -> Result<HashMap<StaffId, Vec<Interval>>, StorageError> {
        let rows = sqlx::query(
            "SELECT staff_id, starts_at, busy_until FROM appointments
             WHERE (status IN ('booked', 'served', 'no_show') OR (status = 'held' AND held_until > $1
                    AND order_id NOT IN (SELECT id FROM orders WHERE buyer_id = $4 AND status = 'awaiting_payment')))
               AND starts_at < $2 AND busy_until > $3",
        )
        .bind(now)
        .bind(to)
        .bind(from)
        .bind(except_buyer.map_or(0, |b| b.0))
        .fetch_all(self.pool())
        .await?;
        let mut busy: HashMap<StaffId, Vec<Interval>> = HashMap::new();
        for row in rows {
            let id = StaffId(row.try_get("staff_id")?);
            if !staff.contains(&id) {
                continue;
            }
            let span = Interval::new(row.try_get("starts_at")?, row.try_get("busy_until")?)
                .ok_or_else(|| corrupt("appointment", "busy until before its start"))?;
            busy.entry(id).or_default().push(span);
        }
        Ok(busy)
    }

    /// A staff row with its hours, days off and blocked times.
    async fn calendar_of(&self, row: &AnyRow) -> Result<StaffMember, StorageError> {
        let id = StaffId(row.try_get("id")?);
        let name: String = row.try_get("name")?;
        let details = StaffDetails::parse(
            &name,
            row.try_get::<Option<String>, _>("photo_url")?.as_deref(),
            row.try_get("telegram_user_id")?,
        )
        .map_err(|e| corrupt("staff member", e))?;
        Ok(StaffMember {
            id,
            details,
            archived: row.try_get::<Option<i64>, _>("archived_at")?.is_some(),
            weekly: self.weekly_hours(id).await?,
            days_off: self.days_off(id).await?,
            blocked: self.blocked(id).await?,
        })
    }

    async fn weekly_hours(&self, id: StaffId) -> Result<WeeklyHours, StorageError> {
        let rows = sqlx::query(
            "SELECT weekday, start_minute, end_minute FROM staff_hours WHERE staff_id = $1
             ORDER BY weekday, start_minute",
        )
        .bind(id.0)
        .fetch_all(self.pool())
        .await?;
        let ranges = rows
            .iter()
            .map(|row| {
                let weekday: i64 = row.try_get("weekday")?;
                let weekday = i8::try_from(weekday)
                    .ok()
                    .and_then(|day| Weekday::from_monday_one_offset(day).ok())
                    .ok_or_else(|| corrupt("weekday", weekday))?;
                let time = |column: &str| -> Result<String, StorageError> {
                    let minutes: i64 = row.try_get(column)?;
                    Ok(format!("{:02}:{:02}", minutes / 60, minutes % 60))
                };
                WorkingRange::parse(weekday, &time("start_minute")?, &time("end_minute")?)
                    .map_err(|e| corrupt("working range", e))
            })
            .collect::<Result<_, _>>()?;
        WeeklyHours::new(ranges).map_err(|e| corrupt("working hours", e))
    }

    async fn days_off(&self, id: StaffId) -> Result<BTreeSet<Date>, StorageError> {
        let rows = sqlx::query("SELECT day FROM staff_days_off WHERE staff_id = $1")
            .bind(id.0)
            .fetch_all(self.pool())
            .await?;
        rows.iter()
            .map(|row| {
                let day: String = row.try_get("day")?;
                day.parse::<Date>().map_err(|e| corrupt("day off", e))
            })
            .collect()
    }

    async fn blocked(&self, id: StaffId) -> Result<Vec<BlockedTime>, StorageError> {
        let rows = sqlx::query(
            "SELECT id, starts_at, ends_at, reason FROM staff_blocked WHERE staff_id = $1
             ORDER BY starts_at, id",
        )
        .bind(id.0)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|row| {
                Ok(BlockedTime {
                    id: row.try_get("id")?,
                    span: Interval::new(row.try_get("starts_at")?, row.try_get("ends_at")?)
                        .ok_or_else(|| corrupt("blocked time", "ends before it starts"))?,
                    reason: row.try_get("reason")?,
                })
            })
            .collect()
    }
}
