//! A staff member's week as the salon edits it: for each weekday its working ranges
//! (`HH:MM`–`HH:MM`, an end before the start crossing midnight), a range added or removed
//! here, and one "Save hours" that sends the whole week (`PUT /api/admin/salon/staff/{id}/hours`).
//! The server checks the ranges (the 5-minute grid, no overlaps); its refusal shows beside
//! the form.

use super::super::action::{Act, Refusal};
use super::super::api;
use crate::admin::texts::t;
use crate::admin_api::{AdminStaff, HoursRange, WeeklyHoursBody};
use leptos::prelude::*;

/// ISO weekday 1 (Monday) to 7 by name, and short.
pub(super) fn weekday(day: u8) -> (&'static str, &'static str) {
    match day {
        1 => (t("Monday"), t("Mon")),
        2 => (t("Tuesday"), t("Tue")),
        3 => (t("Wednesday"), t("Wed")),
        4 => (t("Thursday"), t("Thu")),
        5 => (t("Friday"), t("Fri")),
        6 => (t("Saturday"), t("Sat")),
        _ => (t("Sunday"), t("Sun")),
    }
}

/// One range as typed, keyed so rows keep their inputs while others come and go.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Row {
    key: u64,
    weekday: u8,
    start: String,
    end: String,
}

/// The rows of a saved week, in its order.
fn rows_of(hours: &[HoursRange]) -> Vec<Row> {
    hours
        .iter()
        .zip(0..)
        .map(|(h, key)| Row {
            key,
            weekday: h.weekday,
            start: h.start.clone(),
            end: h.end.clone(),
        })
        .collect()
}

/// The week to send: every row, Monday first, each day's rows in the order typed.
fn ranges_of(rows: &[Row]) -> Vec<HoursRange> {
    let mut ranges: Vec<HoursRange> = rows
        .iter()
        .map(|r| HoursRange {
            weekday: r.weekday,
            start: r.start.trim().to_owned(),
            end: r.end.trim().to_owned(),
        })
        .collect();
    ranges.sort_by_key(|r| r.weekday);
    ranges
}

/// The days someone works, as a short list: "Tue, Wed" (or "None").
pub(super) fn working_days(hours: &[HoursRange]) -> String {
    let days: Vec<&str> = (1..=7u8)
        .filter(|d| hours.iter().any(|h| h.weekday == *d))
        .map(|d| weekday(d).1)
        .collect();
    if days.is_empty() {
        t("None").into()
    } else {
        days.join(t(", "))
    }
}

/// The week editor of `current`.
#[component]
pub(super) fn WeekEditor(current: RwSignal<AdminStaff>) -> impl IntoView {
    let save = Act::new();
    let rows = RwSignal::new(current.with_untracked(|s| rows_of(&s.hours)));
    let next_key = StoredValue::new(rows.with_untracked(Vec::len) as u64);
    let add = move |weekday: u8| {
        let key = next_key.get_value();
        next_key.set_value(key + 1);
        let row = Row {
            key,
            weekday,
            start: String::new(),
            end: String::new(),
        };
        rows.update(|rows| rows.push(row));
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = WeeklyHoursBody {
            ranges: rows.with_untracked(|r| ranges_of(r)),
        };
        let path = format!(
            "/api/admin/salon/staff/{}/hours",
            current.with_untracked(|s| s.id)
        );
        save.run(
            move |auth| async move { api::send::<AdminStaff>(&auth, "PUT", &path, Some(&body)).await },
            move |staff| {
                rows.set(rows_of(&staff.hours));
                next_key.set_value(staff.hours.len() as u64);
                current.set(staff);
            },
        );
    };
    view! {
        <form class="admin-form admin-card" on:submit=submit aria-label=t("Weekly hours") data-testid="staff-hours">
            <h2>{t("Weekly hours")}</h2>
            <p class="admin-note">{t("On the shop's clock; an end before the start crosses midnight. Save sends the whole week.")}</p>
            {(1..=7u8).map(|weekday| view! { <Day weekday rows add/> }).collect_view()}
            <button type="submit" class="admin-button" disabled=move || save.busy.get()>{t("Save hours")}</button>
            <Refusal act=save/>
        </form>
    }
}

/// One weekday's ranges, with "Add a range" and each range's "Remove".
#[component]
fn Day(
    weekday: u8,
    rows: RwSignal<Vec<Row>>,
    add: impl Fn(u8) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let name = self::weekday(weekday).0;
    // Rebuilt when a range comes or goes, not on every keystroke (which would lose focus).
    let keys = Memo::new(move |_| {
        rows.with(|rows| {
            rows.iter()
                .filter(|r| r.weekday == weekday)
                .map(|r| r.key)
                .collect::<Vec<_>>()
        })
    });
    let edit = move |key: u64, set: fn(&mut Row, String)| {
        move |ev: leptos::ev::Event| {
            rows.update(|rows| {
                if let Some(row) = rows.iter_mut().find(|r| r.key == key) {
                    set(row, event_target_value(&ev));
                }
            })
        }
    };
    let value = move |key: u64, get: fn(&Row) -> String| {
        rows.with_untracked(|rows| rows.iter().find(|r| r.key == key).map(get).unwrap_or_default())
    };
    view! {
        <fieldset class="admin-form" data-testid=format!("weekday-{weekday}")>
            <legend>{name}</legend>
            {move || keys.get().into_iter().enumerate().map(|(i, key)| view! {
                <div class="admin-form--row" data-testid=format!("hours-{weekday}-{i}")>
                    <label>{t("From")} <input type="time" step="300" required prop:value=value(key, |r| r.start.clone()) on:input=edit(key, |r, v| r.start = v)/></label>
                    <label>{t("To")} <input type="time" step="300" required prop:value=value(key, |r| r.end.clone()) on:input=edit(key, |r, v| r.end = v)/></label>
                    <button type="button" class="admin-button admin-button--quiet"
                        on:click=move |_| rows.update(|rows| rows.retain(|r| r.key != key))>{t("Remove range")}</button>
                </div>
            }).collect_view()}
            <button type="button" class="admin-button admin-button--quiet" on:click=move |_| add(weekday)
                aria-label=format!("Add a range on {name}")>{t("Add a range")}</button>
        </fieldset>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn range(weekday: u8, start: &str, end: &str) -> HoursRange {
        HoursRange {
            weekday,
            start: start.into(),
            end: end.into(),
        }
    }

    #[test]
    fn a_week_reads_back_as_itself_monday_first() {
        let week = vec![
            range(2, "09:00", "12:30"),
            range(2, "13:30", "18:00"),
            range(6, "22:00", "02:00"),
        ];
        assert_eq!(ranges_of(&rows_of(&week)), week);
        let mut rows = rows_of(&week);
        rows.push(Row {
            key: 9,
            weekday: 1,
            start: " 08:00".into(),
            end: "10:00 ".into(),
        });
        let sent = ranges_of(&rows);
        assert_eq!(sent[0], range(1, "08:00", "10:00"));
        assert_eq!(&sent[1..], &week[..]);
    }

    #[test]
    fn working_days_are_named_short() {
        assert_eq!(working_days(&[]), "None");
        let week = [
            range(6, "10:00", "16:00"),
            range(2, "09:00", "12:30"),
            range(2, "13:30", "18:00"),
        ];
        assert_eq!(working_days(&week), "Tue, Sat");
    }
}
