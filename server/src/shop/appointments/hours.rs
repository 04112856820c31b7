//! A staff member's working time, in the shop's time zone: weekly ranges (several a day, e.g.
//! Tue 09:00–12:30 and 13:30–18:00; a range may cross midnight: Fri 22:00–02:00 belongs to
//! Friday and ends on Saturday), days off (whole local dates) and blocked times (absolute
//! instants: a lunch, a holiday). Parsed once from what the salon types, on the 5-minute grid
//! and without overlapping ranges; [`Hours::working`] turns a date's ranges into real time.
//!
//! A day off removes the ranges that belong to that date, a night range's hours after midnight
//! included; a night range of the day before still runs into it. Wall-clock times are read with
//! jiff's `compatible` disambiguation (see the [module](super) header): a range lying wholly
//! inside a spring-forward gap does not happen that day.

use std::collections::BTreeSet;
use std::fmt;

use jiff::civil::{Date, Time, Weekday};

use super::{Interval, GRAIN_MINUTES};

const DAY_MINUTES: i64 = 24 * 60;
const WEEK_MINUTES: i64 = 7 * DAY_MINUTES;
/// The most weekly ranges one staff member has: eight a day.
pub const MAX_RANGES: usize = 7 * 8;

/// Why a staff member's hours were refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum HoursError {
    /// Not `HH:MM` from 00:00 to 23:59.
    #[error("{0:?} is not a time of day written HH:MM, from 00:00 to 23:55")]
    BadTime(String),
    /// A time whose minutes are not a multiple of 5.
    #[error("{0} is not on a 5-minute mark (minutes 00, 05, 10, …, 55)")]
    OffGrid(String),
    /// A range ending when it starts: say 00:00–00:00 is not a 24-hour day.
    #[error("a range on {weekday} starts and ends at {at}: give two different times", weekday = short(*.weekday))]
    EmptyRange {
        /// The range's day.
        weekday: Weekday,
        /// Its start and end.
        at: TimeOfDay,
    },
    /// Two ranges sharing some time (a night range counts on the next day too).
    #[error("{0} and {1} overlap")]
    Overlap(WorkingRange, WorkingRange),
    /// More than [`MAX_RANGES`] ranges in the week.
    #[error("at most {MAX_RANGES} working ranges a week")]
    TooManyRanges,
    /// A day off that is not a date.
    #[error("{0:?} is not a date written YYYY-MM-DD")]
    BadDate(String),
    /// A blocked time ending at or before its start.
    #[error("a blocked time ends after it starts (unix milliseconds {start} to {end})")]
    BadBlocked {
        /// As typed.
        start: i64,
        /// As typed.
        end: i64,
    },
}

/// A wall-clock time on the 5-minute grid, 00:00 to 23:55.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TimeOfDay {
    minutes: i64,
}

impl TimeOfDay {
    /// Parses `HH:MM` (two digits each), e.g. `09:30`; midnight is `00:00`.
    pub fn parse(typed: &str) -> Result<Self, HoursError> {
        let bad = || HoursError::BadTime(typed.to_owned());
        let (hours, minutes) = typed.split_once(':').ok_or_else(bad)?;
        let two_digits = |part: &str| {
            (part.len() == 2 && part.bytes().all(|b| b.is_ascii_digit()))
                .then(|| part.parse::<i64>().ok())
                .flatten()
        };
        let (hours, minutes) = two_digits(hours).zip(two_digits(minutes)).ok_or_else(bad)?;
        if hours > 23 || minutes > 59 {
            return Err(bad());
        }
        if minutes % GRAIN_MINUTES != 0 {
            return Err(HoursError::OffGrid(typed.to_owned()));
        }
        Ok(TimeOfDay {
            minutes: hours * 60 + minutes,
        })
    }

    /// Minutes since midnight.
    pub fn minutes(self) -> i64 {
        self.minutes
    }

    fn civil(self) -> Time {
        // 0..1440 on the grid: always a valid time.
        Time::constant((self.minutes / 60) as i8, (self.minutes % 60) as i8, 0, 0)
    }
}

impl fmt::Display for TimeOfDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.minutes / 60, self.minutes % 60)
    }
}

/// One weekly working range: a weekday, a start and an end. An end before the start crosses
/// midnight into the next day (`Fri 22:00–02:00`); `00:00` as the end is the next midnight.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct WorkingRange {
    weekday: Weekday,
    start: TimeOfDay,
    end: TimeOfDay,
}

impl WorkingRange {
    /// Parses a range as typed: a weekday and `HH:MM` start and end, different.
    pub fn parse(weekday: Weekday, start: &str, end: &str) -> Result<Self, HoursError> {
        let (start, end) = (TimeOfDay::parse(start)?, TimeOfDay::parse(end)?);
        if start == end {
            return Err(HoursError::EmptyRange { weekday, at: start });
        }
        Ok(WorkingRange { weekday, start, end })
    }

    /// The day it belongs to (where it starts).
    pub fn weekday(&self) -> Weekday {
        self.weekday
    }

    /// Its start, on its weekday.
    pub fn start(&self) -> TimeOfDay {
        self.start
    }

    /// Its end, on the next day when [`crosses_midnight`](Self::crosses_midnight).
    pub fn end(&self) -> TimeOfDay {
        self.end
    }

    /// Whether it ends on the next day.
    pub fn crosses_midnight(&self) -> bool {
        self.end < self.start
    }

    /// Its real time on `date` (a date of its weekday) in `zone`; `None` when the wall-clock
    /// range does not happen that day (it lies inside a spring-forward gap).
    pub fn on(&self, date: Date, zone: &jiff::tz::TimeZone) -> Option<Interval> {
        let end_date = match self.crosses_midnight() {
            true => date.tomorrow().ok()?,
            false => date,
        };
        let instant = |date: Date, time: TimeOfDay| {
            zone.to_timestamp(date.to_datetime(time.civil()))
                .ok()
                .map(|at| at.as_millisecond())
        };
        Interval::new(instant(date, self.start)?, instant(end_date, self.end)?)
    }

    /// Minutes since Monday 00:00 of its start and end (the end may pass Sunday midnight).
    fn in_week(&self) -> (i64, i64) {
        let day = i64::from(self.weekday.to_monday_zero_offset()) * DAY_MINUTES;
        let length = (self.end.minutes - self.start.minutes).rem_euclid(DAY_MINUTES);
        (day + self.start.minutes, day + self.start.minutes + length)
    }

    /// Whether the two share wall-clock time in the week, wrapping Sunday night into Monday.
    fn overlaps(&self, other: &WorkingRange) -> bool {
        let (a, b) = self.in_week();
        let (c, d) = other.in_week();
        [-WEEK_MINUTES, 0, WEEK_MINUTES]
            .iter()
            .any(|shift| a + shift < d && c < b + shift)
    }
}

impl fmt::Display for WorkingRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}–{}", short(self.weekday), self.start, self.end)
    }
}

fn short(weekday: Weekday) -> &'static str {
    match weekday {
        Weekday::Monday => "Mon",
        Weekday::Tuesday => "Tue",
        Weekday::Wednesday => "Wed",
        Weekday::Thursday => "Thu",
        Weekday::Friday => "Fri",
        Weekday::Saturday => "Sat",
        Weekday::Sunday => "Sun",
    }
}

/// A week of working ranges, none overlapping another, in weekday and start order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WeeklyHours {
    ranges: Vec<WorkingRange>,
}

impl WeeklyHours {
    /// The week of `ranges`, refused when two overlap (a night range counts on the next day
    /// too: Fri 22:00–02:00 and Sat 01:00–05:00 overlap) or when there are more than
    /// [`MAX_RANGES`]. Touching ranges (09:00–12:30, 12:30–18:00) are two ranges: a service
    /// never spans both.
    pub fn new(mut ranges: Vec<WorkingRange>) -> Result<Self, HoursError> {
        if ranges.len() > MAX_RANGES {
            return Err(HoursError::TooManyRanges);
        }
        ranges.sort_by_key(|range| range.in_week());
        for (i, first) in ranges.iter().enumerate() {
            if let Some(second) = ranges[i + 1..].iter().find(|other| first.overlaps(other)) {
                return Err(HoursError::Overlap(*first, *second));
            }
        }
        Ok(WeeklyHours { ranges })
    }

    /// Parses `(weekday, "HH:MM", "HH:MM")` ranges as typed.
    pub fn parse(typed: &[(Weekday, &str, &str)]) -> Result<Self, HoursError> {
        let ranges = typed
            .iter()
            .map(|&(weekday, start, end)| WorkingRange::parse(weekday, start, end))
            .collect::<Result<_, _>>()?;
        Self::new(ranges)
    }

    /// Every range, Monday first.
    pub fn ranges(&self) -> &[WorkingRange] {
        &self.ranges
    }

    /// The ranges belonging to `weekday`, in start order.
    pub fn on(&self, weekday: Weekday) -> impl Iterator<Item = &WorkingRange> {
        self.ranges.iter().filter(move |range| range.weekday == weekday)
    }
}

/// A staff member's working time: the weekly ranges, the days off and the blocked times.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Hours {
    weekly: WeeklyHours,
    days_off: BTreeSet<Date>,
    blocked: Vec<Interval>,
}

impl Hours {
    /// The hours of `weekly` ranges, without the `days_off`, nor the `blocked` times.
    pub fn new(weekly: WeeklyHours, days_off: BTreeSet<Date>, mut blocked: Vec<Interval>) -> Self {
        blocked.sort();
        Hours {
            weekly,
            days_off,
            blocked,
        }
    }

    /// Parses the hours as typed: `(weekday, "HH:MM", "HH:MM")` ranges, `YYYY-MM-DD` days off
    /// and `(start, end)` blocked times in unix milliseconds.
    pub fn parse(
        ranges: &[(Weekday, &str, &str)],
        days_off: &[&str],
        blocked: &[(i64, i64)],
    ) -> Result<Self, HoursError> {
        let weekly = WeeklyHours::parse(ranges)?;
        let days_off = days_off
            .iter()
            .map(|typed| {
                typed
                    .trim()
                    .parse::<Date>()
                    .map_err(|_| HoursError::BadDate((*typed).to_owned()))
            })
            .collect::<Result<_, _>>()?;
        let blocked = blocked
            .iter()
            .map(|&(start, end)| Interval::new(start, end).ok_or(HoursError::BadBlocked { start, end }))
            .collect::<Result<_, _>>()?;
        Ok(Self::new(weekly, days_off, blocked))
    }

    /// The weekly ranges.
    pub fn weekly(&self) -> &WeeklyHours {
        &self.weekly
    }

    /// The days off.
    pub fn days_off(&self) -> &BTreeSet<Date> {
        &self.days_off
    }

    /// The blocked times, in start order.
    pub fn blocked(&self) -> &[Interval] {
        &self.blocked
    }

    /// The real time of the ranges belonging to `date` in `zone`, in order: none on a day off.
    /// Blocked times are not cut out (see [`Hours::blocked`]).
    pub fn working(&self, date: Date, zone: &jiff::tz::TimeZone) -> Vec<Interval> {
        if self.days_off.contains(&date) {
            return Vec::new();
        }
        self.weekly
            .on(date.weekday())
            .filter_map(|range| range.on(date, zone))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;
    use Weekday::*;

    fn paris() -> jiff::tz::TimeZone {
        jiff::tz::TimeZone::get("Europe/Paris").unwrap()
    }

    /// `2027-03-30T10:30` in Paris, in unix milliseconds.
    fn at(local: &str) -> i64 {
        let local: jiff::civil::DateTime = local.parse().unwrap();
        paris().to_timestamp(local).unwrap().as_millisecond()
    }

    #[test]
    fn times_are_hh_mm_on_five_minute_marks() {
        assert_eq!(TimeOfDay::parse("09:30").unwrap().minutes(), 570);
        assert_eq!(TimeOfDay::parse("00:00").unwrap().minutes(), 0);
        assert_eq!(TimeOfDay::parse("23:55").unwrap().to_string(), "23:55");
        for bad in ["9:30", "24:00", "12:60", "noon", "", "12:3", "+9:30", "12:30:00"] {
            assert_eq!(
                TimeOfDay::parse(bad),
                Err(HoursError::BadTime(bad.into())),
                "{bad}"
            );
        }
        assert_eq!(
            TimeOfDay::parse("09:07"),
            Err(HoursError::OffGrid("09:07".into()))
        );
    }

    #[test]
    fn a_range_ends_at_another_time_than_it_starts() {
        let error = WorkingRange::parse(Tuesday, "09:00", "09:00").unwrap_err();
        assert_eq!(
            error.to_string(),
            "a range on Tue starts and ends at 09:00: give two different times"
        );
        assert!(!WorkingRange::parse(Tuesday, "09:00", "18:00")
            .unwrap()
            .crosses_midnight());
        assert!(WorkingRange::parse(Friday, "22:00", "02:00")
            .unwrap()
            .crosses_midnight());
        assert!(WorkingRange::parse(Friday, "18:00", "00:00")
            .unwrap()
            .crosses_midnight());
    }

    #[test]
    fn ranges_of_a_day_may_not_overlap_nor_a_night_range_the_next_morning() {
        let error =
            WeeklyHours::parse(&[(Tuesday, "09:00", "12:30"), (Tuesday, "12:00", "18:00")]).unwrap_err();
        assert_eq!(error.to_string(), "Tue 09:00–12:30 and Tue 12:00–18:00 overlap");
        let error =
            WeeklyHours::parse(&[(Saturday, "01:00", "05:00"), (Friday, "22:00", "02:00")]).unwrap_err();
        assert_eq!(error.to_string(), "Fri 22:00–02:00 and Sat 01:00–05:00 overlap");
        let error =
            WeeklyHours::parse(&[(Monday, "00:00", "01:00"), (Sunday, "23:00", "00:30")]).unwrap_err();
        assert_eq!(
            error.to_string(),
            "Mon 00:00–01:00 and Sun 23:00–00:30 overlap",
            "the week wraps"
        );
    }

    #[test]
    fn touching_ranges_are_two_ranges_in_week_order() {
        let week = WeeklyHours::parse(&[
            (Saturday, "02:00", "06:00"),
            (Tuesday, "13:30", "18:00"),
            (Friday, "22:00", "02:00"),
            (Tuesday, "09:00", "12:30"),
            (Tuesday, "12:30", "13:30"),
        ])
        .unwrap();
        let shown: Vec<String> = week.ranges().iter().map(ToString::to_string).collect();
        assert_eq!(
            shown,
            [
                "Tue 09:00–12:30",
                "Tue 12:30–13:30",
                "Tue 13:30–18:00",
                "Fri 22:00–02:00",
                "Sat 02:00–06:00"
            ]
        );
        assert_eq!(week.on(Tuesday).count(), 3);
        assert_eq!(week.on(Monday).count(), 0);
    }

    #[test]
    fn a_week_has_at_most_eight_ranges_a_day() {
        let typed: Vec<_> = (0..MAX_RANGES + 1).map(|_| (Monday, "09:00", "10:00")).collect();
        assert_eq!(WeeklyHours::parse(&typed), Err(HoursError::TooManyRanges));
    }

    #[test]
    fn days_off_are_dates_and_blocked_times_end_after_they_start() {
        let ranges = [(Tuesday, "09:00", "18:00")];
        let hours = Hours::parse(&ranges, &["2027-03-30"], &[(20, 30), (10, 20)]).unwrap();
        assert!(hours.days_off().contains(&date(2027, 3, 30)));
        let blocked: Vec<_> = hours.blocked().iter().map(|b| (b.start(), b.end())).collect();
        assert_eq!(blocked, [(10, 20), (20, 30)], "in start order");
        assert_eq!(
            Hours::parse(&ranges, &["30/03/2027"], &[]),
            Err(HoursError::BadDate("30/03/2027".into()))
        );
        assert_eq!(
            Hours::parse(&ranges, &[], &[(10, 10)]),
            Err(HoursError::BadBlocked { start: 10, end: 10 })
        );
    }

    #[test]
    fn a_date_works_its_weekday_ranges_in_real_time_but_not_on_a_day_off() {
        let hours = Hours::parse(
            &[
                (Tuesday, "09:00", "12:30"),
                (Tuesday, "13:30", "18:00"),
                (Friday, "22:00", "02:00"),
            ],
            &["2027-04-06"],
            &[],
        )
        .unwrap();
        let tuesday = date(2027, 3, 30);
        let working: Vec<_> = hours
            .working(tuesday, &paris())
            .iter()
            .map(|i| (i.start(), i.end()))
            .collect();
        assert_eq!(
            working,
            [
                (at("2027-03-30T09:00"), at("2027-03-30T12:30")),
                (at("2027-03-30T13:30"), at("2027-03-30T18:00"))
            ]
        );
        let friday = hours.working(date(2027, 4, 2), &paris());
        assert_eq!(
            friday,
            [Interval::new(at("2027-04-02T22:00"), at("2027-04-03T02:00")).unwrap()]
        );
        assert!(hours.working(date(2027, 4, 6), &paris()).is_empty(), "a day off");
        assert!(
            hours.working(date(2027, 3, 31), &paris()).is_empty(),
            "a Wednesday"
        );
    }

    #[test]
    fn on_daylight_saving_days_wall_clock_ranges_keep_their_times_and_night_ranges_change_length() {
        const HOUR: i64 = 3_600_000;
        let range = |weekday, start, end| WorkingRange::parse(weekday, start, end).unwrap();
        let length = |interval: Interval| (interval.end() - interval.start()) / HOUR;
        let (spring, fall) = (date(2027, 3, 28), date(2027, 10, 31));
        let day = range(Sunday, "09:00", "18:00");
        assert_eq!(length(day.on(spring, &paris()).unwrap()), 9);
        assert_eq!(length(day.on(fall, &paris()).unwrap()), 9);
        let night = range(Saturday, "22:00", "06:00");
        assert_eq!(length(night.on(date(2027, 3, 27), &paris()).unwrap()), 7);
        assert_eq!(length(night.on(date(2027, 10, 30), &paris()).unwrap()), 9);
        let lost_hour = range(Sunday, "02:00", "03:00");
        assert_eq!(lost_hour.on(spring, &paris()), None, "02:00 is 03:00 that day");
        assert_eq!(
            length(lost_hour.on(fall, &paris()).unwrap()),
            2,
            "02:00 summer to 03:00 winter"
        );
        let in_the_gap = range(Sunday, "02:30", "04:00").on(spring, &paris()).unwrap();
        assert_eq!(
            in_the_gap.start(),
            at("2027-03-28T03:30"),
            "moved later by the gap"
        );
    }
}
