//! The date strip: the weeks from today's to the last date with a free time (at least
//! [`MIN_WEEKS`]), Monday first, each date marked free or not, on the salon's calendar. The
//! client swipes a week at a time (CSS scroll snap) and taps a free date.

use crate::i18n::td_string;
use crate::language::use_lang;
use crate::pages::zoned::{day_parts, long_date, Day};
use leptos::prelude::*;

/// The strip shows at least this many weeks, free dates or not.
const MIN_WEEKS: i64 = 2;

/// A date of the strip.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Cell {
    /// Before today: an empty place, so the week keeps its columns.
    Past,
    /// A date with at least one free time.
    Free(Day),
    /// A date without (closed, or all taken).
    Full(Day),
}

/// The strip's weeks from today's (on the salon's calendar) through the week of the last
/// `free` date, or [`MIN_WEEKS`] weeks when that is sooner.
pub(super) fn weeks(today: Day, free: &[Day]) -> Vec<[Cell; 7]> {
    let monday = today.plus(1 - i64::from(today.weekday()));
    let last = free
        .iter()
        .copied()
        .max()
        .unwrap_or(today)
        .max(monday.plus(7 * MIN_WEEKS - 1));
    let mut weeks = Vec::new();
    let mut start = monday;
    while start <= last {
        weeks.push(std::array::from_fn(|i| {
            let day = start.plus(i as i64);
            match (day < today, free.contains(&day)) {
                (true, _) => Cell::Past,
                (false, true) => Cell::Free(day),
                (false, false) => Cell::Full(day),
            }
        }));
        start = start.plus(7);
    }
    weeks
}

/// The strip; tapping a free date sets `chosen`.
#[component]
pub(super) fn DateStrip(today: Day, free: Vec<Day>, chosen: RwSignal<Option<Day>>) -> impl IntoView {
    let locale = use_lang().now();
    let weeks = weeks(today, &free);
    view! {
        <div class="strip" role="group" aria-label=td_string!(locale, dates_label) data-testid="date-strip">
            {weeks
                .into_iter()
                .enumerate()
                .map(|(index, week)| view! {
                    <div class="strip__week">
                        {week
                            .into_iter()
                            .enumerate()
                            .map(|(column, cell)| {
                                // The month under the strip's first date (and under every 1st).
                                let first = index == 0 && week.iter().position(|c| *c != Cell::Past) == Some(column);
                                view! { <DayCell cell chosen month=first/> }
                            })
                            .collect_view()}
                    </div>
                })
                .collect_view()}
        </div>
    }
}

#[component]
fn DayCell(cell: Cell, chosen: RwSignal<Option<Day>>, month: bool) -> impl IntoView {
    let locale = use_lang().now();
    let (day, free) = match cell {
        Cell::Past => return view! { <span class="day day--past" aria-hidden="true"></span> }.into_any(),
        Cell::Free(day) => (day, true),
        Cell::Full(day) => (day, false),
    };
    let (weekday, number, month_name) = day_parts(day, locale);
    let month = (month || day.ymd().2 == 1).then_some(month_name);
    view! {
        <button type="button" class="day" class:day--free=free disabled=!free
            data-date=day.to_string() data-testid="day"
            aria-label=long_date(day, locale)
            aria-pressed=move || (chosen.get() == Some(day)).to_string()
            on:click=move |_| chosen.set(Some(day))>
            <span class="day__weekday">{weekday}</span>
            <span class="day__number">{number}</span>
            <span class="day__month">{month}</span>
        </button>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> Day {
        Day::parse(text).unwrap()
    }

    #[test]
    fn the_strip_starts_on_todays_monday_and_leaves_the_days_before_today_empty() {
        // Wednesday 2 December 2026; free the Thursday and the next Tuesday.
        let free = [day("2026-12-03"), day("2026-12-08")];
        let weeks = weeks(day("2026-12-02"), &free);
        assert_eq!(weeks.len(), 2, "at least two weeks");
        assert_eq!(weeks[0][0], Cell::Past, "Monday 30 November");
        assert_eq!(weeks[0][1], Cell::Past);
        assert_eq!(weeks[0][2], Cell::Full(day("2026-12-02")), "today, nothing free");
        assert_eq!(weeks[0][3], Cell::Free(day("2026-12-03")));
        assert_eq!(weeks[0][6], Cell::Full(day("2026-12-06")), "Sunday");
        assert_eq!(weeks[1][0], Cell::Full(day("2026-12-07")), "the next Monday");
        assert_eq!(weeks[1][1], Cell::Free(day("2026-12-08")));
    }

    #[test]
    fn the_strip_reaches_the_week_of_the_last_free_date() {
        let monday = day("2026-12-07");
        let free = [day("2026-12-08"), day("2027-02-05")];
        let weeks = weeks(monday, &free);
        assert_eq!(weeks.len(), 9, "7 December to the week of 5 February");
        assert_eq!(
            weeks[0][0],
            Cell::Full(monday),
            "a Monday's week has no empty place"
        );
        assert_eq!(weeks[8][4], Cell::Free(day("2027-02-05")));
        assert_eq!(weeks[8][6], Cell::Full(day("2027-02-07")));
        assert!(
            weeks
                .iter()
                .flatten()
                .filter(|c| matches!(c, Cell::Free(_)))
                .count()
                == 2
        );
    }

    #[test]
    fn a_salon_fully_booked_still_shows_its_weeks_and_a_sunday_starts_late_in_its_week() {
        let sunday = day("2026-12-13");
        let weeks = weeks(sunday, &[]);
        assert_eq!(weeks.len(), 2);
        assert!(weeks[0][..6].iter().all(|c| *c == Cell::Past));
        assert_eq!(weeks[0][6], Cell::Full(sunday));
        assert!(weeks[1].iter().all(|c| matches!(c, Cell::Full(_))));
    }

    #[test]
    fn free_dates_before_today_are_not_offered() {
        // The browser's today may run ahead of the server's near midnight.
        let weeks = weeks(day("2026-12-09"), &[day("2026-12-08"), day("2026-12-10")]);
        assert_eq!(weeks[0][1], Cell::Past);
        assert_eq!(weeks[0][3], Cell::Free(day("2026-12-10")));
    }
}
