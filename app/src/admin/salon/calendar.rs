//! A staff member's exceptions to their week: days off (`POST|DELETE
//! /api/admin/salon/staff/{id}/days-off`) and blocked times (`POST|DELETE …/blocked`), the
//! latter typed and shown on the shop's clock ([`super::super::zoned`]).

use super::super::action::{Act, Refusal};
use super::super::api;
use super::super::zoned;
use crate::admin::texts::{t, tf};
use crate::admin_api::{AdminStaff, DayOff, NewBlockedTime};
use leptos::prelude::*;

/// Sends `method path` with `body` through `act`, then shows the staff member it answers.
fn change<B: serde::Serialize + 'static>(
    act: Act,
    current: RwSignal<AdminStaff>,
    method: &'static str,
    path: String,
    body: Option<B>,
    then: impl FnOnce() + 'static,
) {
    act.run(
        move |auth| async move { api::send::<AdminStaff>(&auth, method, &path, body.as_ref()).await },
        move |staff| {
            then();
            current.set(staff);
        },
    );
}

/// The staff member's path under the admin API.
fn base(current: RwSignal<AdminStaff>) -> String {
    format!("/api/admin/salon/staff/{}", current.with_untracked(|s| s.id))
}

/// The days off, each with "Remove", and a date to add.
#[component]
pub(super) fn DaysOff(current: RwSignal<AdminStaff>) -> impl IntoView {
    let (add, remove) = (Act::new(), Act::new());
    let date = RwSignal::new(String::new());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = DayOff {
            date: date.get_untracked(),
        };
        change(
            add,
            current,
            "POST",
            format!("{}/days-off", base(current)),
            Some(body),
            move || date.set(String::new()),
        );
    };
    let drop = move |day: String| {
        let path = format!("{}/days-off/{day}", base(current));
        change(remove, current, "DELETE", path, None::<()>, || {});
    };
    view! {
        <section class="admin-card" aria-labelledby="days-off-title" data-testid="staff-days-off">
            <h2 id="days-off-title">{t("Days off")}</h2>
            <ul class="admin-list">
                {move || current.with(|s| s.days_off.clone()).into_iter().map(|day| view! {
                    <li data-testid="day-off">
                        <span>{day.clone()}</span>" "
                        <button type="button" class="admin-button admin-button--quiet" aria-label=format!("Remove day off {day}")
                            on:click={ let day = day.clone(); move |_| drop(day.clone()) } disabled=move || remove.busy.get()>{t("Remove")}</button>
                    </li>
                }).collect_view()}
            </ul>
            <form class="admin-form admin-form--row" on:submit=submit aria-label=t("Add a day off")>
                <label>{t("Day off")} <input type="date" required bind:value=date/></label>
                <button type="submit" class="admin-button" disabled=move || add.busy.get()>{t("Add day off")}</button>
            </form>
            <Refusal act=add/>
            <Refusal act=remove/>
        </section>
    }
}

/// The blocked times, each with "Remove", and one to add, on `zone`'s clock.
#[component]
pub(super) fn Blocked(current: RwSignal<AdminStaff>, zone: String) -> impl IntoView {
    let (add, remove) = (Act::new(), Act::new());
    let (from, until, reason) = (
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
    );
    let zone = StoredValue::new(zone);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let zone = zone.get_value();
        let times = zoned::from_input(&from.get_untracked(), &zone)
            .and_then(|starts_at| Ok((starts_at, zoned::from_input(&until.get_untracked(), &zone)?)));
        let (starts_at, ends_at) = match times {
            Ok(times) => times,
            Err(why) => return add.refuse(why),
        };
        let body = NewBlockedTime {
            starts_at,
            ends_at,
            reason: reason.get_untracked().trim().to_owned(),
        };
        change(
            add,
            current,
            "POST",
            format!("{}/blocked", base(current)),
            Some(body),
            move || {
                from.set(String::new());
                until.set(String::new());
                reason.set(String::new());
            },
        );
    };
    let drop = move |id: i64| {
        let path = format!("{}/blocked/{id}", base(current));
        change(remove, current, "DELETE", path, None::<()>, || {});
    };
    view! {
        <section class="admin-card" aria-labelledby="blocked-title" data-testid="staff-blocked">
            <h2 id="blocked-title">{t("Blocked times")}</h2>
            <p class="admin-note">{move || tf!("On the shop's clock: {zone}", zone = zone.get_value())}</p>
            <ul class="admin-list">
                {move || current.with(|s| s.blocked.clone()).into_iter().map(|b| {
                    let zone = zone.get_value();
                    let text = format!("{} – {}", zoned::show(b.starts_at, &zone), zoned::show(b.ends_at, &zone));
                    view! {
                        <li data-testid="blocked-time">
                            <span>{text}</span>" "<span class="admin-note">{b.reason}</span>" "
                            <button type="button" class="admin-button admin-button--quiet" on:click=move |_| drop(b.id)
                                disabled=move || remove.busy.get()>{t("Remove blocked time")}</button>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <form class="admin-form admin-form--row" on:submit=submit aria-label=t("Block a time")>
                <label>{t("Blocked from")} <input type="datetime-local" required bind:value=from/></label>
                <label>{t("Blocked until")} <input type="datetime-local" required bind:value=until/></label>
                <label>{t("Reason")} <input type="text" bind:value=reason/></label>
                <button type="submit" class="admin-button" disabled=move || add.busy.get()>{t("Block time")}</button>
            </form>
            <Refusal act=add/>
            <Refusal act=remove/>
        </section>
    }
}
