//! The bot's reminders of a booked appointment: one a day before and one 2 hours before. Each
//! is due from its lead time before the start until the next one's (the day's until 2 hours
//! before, the 2 hours' until the start), and is sent at most once (a flag per reminder, set in
//! the transaction that queues it). An appointment booked or moved inside a reminder's window
//! skips it: the confirmation (or the move's message) has just told the client.

const HOUR_MS: i64 = 3_600_000;

/// One of an appointment's two reminders.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reminder {
    /// 24 hours before.
    DayBefore,
    /// 2 hours before.
    TwoHoursBefore,
}

impl Reminder {
    pub const ALL: [Reminder; 2] = [Reminder::DayBefore, Reminder::TwoHoursBefore];

    /// How long before the start it is due.
    pub fn lead_ms(self) -> i64 {
        match self {
            Reminder::DayBefore => 24 * HOUR_MS,
            Reminder::TwoHoursBefore => 2 * HOUR_MS,
        }
    }

    /// Until how long before the start it is still worth sending.
    fn last_ms(self) -> i64 {
        match self {
            Reminder::DayBefore => Reminder::TwoHoursBefore.lead_ms(),
            Reminder::TwoHoursBefore => 0,
        }
    }

    /// Its flag's column in `appointments`.
    pub fn column(self) -> &'static str {
        match self {
            Reminder::DayBefore => "reminder_24h_sent",
            Reminder::TwoHoursBefore => "reminder_2h_sent",
        }
    }

    /// `[from, until)`: the instants at which it is due for an appointment starting at `start`.
    pub fn window(self, start: i64) -> (i64, i64) {
        (start - self.lead_ms(), start - self.last_ms())
    }

    /// Whether it is due at `now` for an appointment starting at `start`.
    pub fn due(self, start: i64, now: i64) -> bool {
        let (from, until) = self.window(start);
        (from..until).contains(&now)
    }

    /// The starts for which it is due at `now`: `(after, up_to)`, the first exclusive, the
    /// second inclusive (the same instants as [`due`](Self::due), read the other way).
    pub fn starts_due_at(self, now: i64) -> (i64, i64) {
        (now + self.last_ms(), now + self.lead_ms())
    }

    /// Whether an appointment booked (or moved) at `now` to start at `start` skips it: its
    /// window has begun.
    pub fn skipped_when_booked(self, start: i64, now: i64) -> bool {
        now >= self.window(start).0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const START: i64 = 1_000 * HOUR_MS;

    #[test]
    fn each_reminder_is_due_from_its_lead_time_until_the_next_ones() {
        use Reminder::*;
        assert!(!DayBefore.due(START, START - 24 * HOUR_MS - 1));
        assert!(DayBefore.due(START, START - 24 * HOUR_MS));
        assert!(DayBefore.due(START, START - 2 * HOUR_MS - 1));
        assert!(!DayBefore.due(START, START - 2 * HOUR_MS));
        assert!(TwoHoursBefore.due(START, START - 2 * HOUR_MS));
        assert!(TwoHoursBefore.due(START, START - 1));
        assert!(!TwoHoursBefore.due(START, START));
    }

    #[test]
    fn the_starts_due_now_are_those_whose_window_holds_now() {
        for reminder in Reminder::ALL {
            for now in [
                START - 25 * HOUR_MS,
                START - 24 * HOUR_MS,
                START - 2 * HOUR_MS,
                START - 1,
                START,
            ] {
                let (after, up_to) = reminder.starts_due_at(now);
                assert_eq!(
                    START > after && START <= up_to,
                    reminder.due(START, now),
                    "{reminder:?} {now}"
                );
            }
        }
    }

    #[test]
    fn booking_inside_a_window_skips_its_reminder_only() {
        use Reminder::*;
        let three_hours_before = START - 3 * HOUR_MS;
        assert!(DayBefore.skipped_when_booked(START, three_hours_before));
        assert!(!TwoHoursBefore.skipped_when_booked(START, three_hours_before));
        assert!(!DayBefore.skipped_when_booked(START, START - 48 * HOUR_MS));
    }
}
