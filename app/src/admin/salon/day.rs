//! `/admin/salon/day[?date=YYYY-MM-DD&staff=ID]`: the salon's day (`GET
//! /api/admin/salon/appointments`), of the whole salon or one staff member: the previous and
//! next day, a date picker and "Today", and each appointment in time order with its client,
//! status and order. A booked one can be moved (a new time on the salon's clock, typed through
//! [`super::super::zoned`], and a staff member), cancelled after a confirmation (the answer
//! says what becomes of the client's money), marked served or no-show; a missed one can still
//! be served. In the Mini App a link leads to the desk's scanner (`/shop/events/door`), where
//! the client's voucher serves the appointment too.
//!
//! Its texts are the storefront's (`app/locales/`,
//! `day_*`): the salon works from this page at its desk, often on a phone. The server's
//! refusals are shown in its words, as on every admin page.

use super::super::action::{load, show, Act, Refusal};
use super::super::api;
use super::super::shell::Admin;
use super::super::zoned;
use super::SalonNav;
use crate::admin_api::{
    AdminStaff, CancelRefund, CancelledAppointment, MoveAppointment, SalonAppointment, SalonDay, StaffList,
};
use crate::appointments::AppointmentStatus;
use crate::i18n::{td_string, Locale};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The API path of `date`'s appointments (today without one) of `staff` (everyone without).
fn day_path(date: Option<&str>, staff: Option<i64>) -> String {
    let mut query = Vec::new();
    if let Some(date) = date.filter(|d| !d.is_empty()) {
        query.push(format!("date={date}"));
    }
    if let Some(staff) = staff {
        query.push(format!("staff={staff}"));
    }
    match query.is_empty() {
        true => "/api/admin/salon/appointments".to_owned(),
        false => format!("/api/admin/salon/appointments?{}", query.join("&")),
    }
}

/// What the page changes when it acts: the day shown, and the note after a change.
#[derive(Clone, Copy)]
struct Shown {
    date: RwSignal<Option<String>>,
    staff: RwSignal<Option<i64>>,
    /// Bumped after a change, to load the day again.
    version: RwSignal<u32>,
    /// What the last change did (a cancellation's refund), above the list.
    note: RwSignal<Option<String>>,
}

impl Shown {
    fn reload(self) {
        self.version.update(|v| *v += 1);
    }
}

/// `/admin/salon/day`.
#[component]
pub(crate) fn DayPage() -> impl IntoView {
    let locale = crate::admin::texts::locale();
    let query = use_query_map();
    let shown = Shown {
        date: RwSignal::new(query.with_untracked(|q| q.get("date"))),
        staff: RwSignal::new(query.with_untracked(|q| q.get("staff").and_then(|s| s.parse().ok()))),
        version: RwSignal::new(0),
        note: RwSignal::new(None),
    };
    let day = load::<SalonDay>(move || {
        shown.version.track();
        day_path(shown.date.get().as_deref(), shown.staff.get())
    });
    let staff = load::<StaffList>(|| "/api/admin/salon/staff".into());
    let desk = (!Admin::expect().by_session()).then(|| {
        view! { <p><a class="admin-button admin-button--quiet" href="/shop/events/door" data-testid="desk-link">{td_string!(locale, day_desk)}</a></p> }
    });
    view! {
        <h1 class="admin-title">{td_string!(locale, day_title)}</h1>
        <SalonNav/>
        {desk}
        {move || shown.note.get().map(|note| view! { <p class="admin-ok" role="status" data-testid="day-note">{note}</p> })}
        {show(staff, move |list| {
            let members: Vec<AdminStaff> = list.staff.into_iter().filter(|s| !s.archived).collect();
            show(day, move |day| view! { <Day day members=members.clone() shown/> })
        })}
    }
}

/// The day's controls and its appointments.
#[component]
fn Day(day: SalonDay, members: Vec<AdminStaff>, shown: Shown) -> impl IntoView {
    let locale = crate::admin::texts::locale();
    let go = move |date: String| {
        shown.note.set(None);
        shown.date.set(Some(date));
    };
    let (previous, next, today) = (day.previous.clone(), day.next.clone(), day.today.clone());
    let pick_staff = move |ev: leptos::ev::Event| {
        shown.note.set(None);
        shown.staff.set(event_target_value(&ev).parse().ok());
    };
    let options = members
        .iter()
        .map(|m| {
            let selected = day.staff_id == Some(m.id);
            view! { <option value=m.id.to_string() selected=selected>{m.name.clone()}</option> }
        })
        .collect_view();
    let zone = day.time_zone.clone();
    let appointments = day.appointments.clone();
    view! {
        <section class="admin-card" aria-labelledby="day-title" data-testid="salon-day" data-date=day.date.clone()>
            <h2 id="day-title">{day.date.clone()}</h2>
            <div class="admin-form admin-form--row" data-testid="day-controls">
                <button type="button" class="admin-button admin-button--quiet" on:click={ let previous = previous.clone(); move |_| go(previous.clone()) }>
                    {td_string!(locale, day_previous)}
                </button>
                <label>{td_string!(locale, day_date)}
                    <input type="date" prop:value=day.date.clone() on:change=move |ev| go(event_target_value(&ev))/>
                </label>
                <button type="button" class="admin-button admin-button--quiet" on:click={ let next = next.clone(); move |_| go(next.clone()) }>
                    {td_string!(locale, day_next)}
                </button>
                <button type="button" class="admin-button admin-button--quiet" on:click=move |_| go(today.clone())>
                    {td_string!(locale, day_today)}
                </button>
                <label>{td_string!(locale, day_staff)}
                    <select on:change=pick_staff>
                        <option value="" selected=day.staff_id.is_none()>{td_string!(locale, day_all_staff)}</option>
                        {options}
                    </select>
                </label>
            </div>
            <p class="admin-note">{td_string!(locale, day_zone, zone = zone.clone())}</p>
            {if appointments.is_empty() {
                view! { <p class="admin-note" data-testid="day-empty">{td_string!(locale, day_nothing)}</p> }.into_any()
            } else {
                view! { <Appointments appointments members zone shown/> }.into_any()
            }}
        </section>
    }
}

#[component]
fn Appointments(
    appointments: Vec<SalonAppointment>,
    members: Vec<AdminStaff>,
    zone: String,
    shown: Shown,
) -> impl IntoView {
    let locale = crate::admin::texts::locale();
    let members = StoredValue::new(members);
    let zone = StoredValue::new(zone);
    view! {
        <table class="admin-table" data-testid="salon-appointments">
            <thead><tr>
                <th scope="col">{td_string!(locale, day_time)}</th>
                <th scope="col">{td_string!(locale, day_with)}</th>
                <th scope="col">{td_string!(locale, day_service)}</th>
                <th scope="col">{td_string!(locale, day_client)}</th>
                <th scope="col">{td_string!(locale, day_status)}</th>
                <th scope="col">{td_string!(locale, day_actions)}</th>
            </tr></thead>
            <tbody>
                {appointments.into_iter().map(|appointment| view! {
                    <Row appointment members=members.get_value() zone=zone.get_value() shown/>
                }).collect_view()}
            </tbody>
        </table>
    }
}

/// What a row has open under it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Open {
    Nothing,
    Move,
    Cancel,
}

/// One appointment, its buttons, and the move form or the cancellation's confirmation.
#[component]
fn Row(appointment: SalonAppointment, members: Vec<AdminStaff>, zone: String, shown: Shown) -> impl IntoView {
    let locale = crate::admin::texts::locale();
    let (act, open) = (Act::new(), RwSignal::new(Open::Nothing));
    let id = appointment.id;
    let status = appointment.status;
    let outcome = move |what: &'static str| {
        act.run(
            move |auth| async move {
                let path = format!("/api/admin/salon/appointments/{id}/{what}");
                api::send::<SalonAppointment>(&auth, "POST", &path, None::<&()>).await
            },
            move |_| shown.reload(),
        );
    };
    let cancel = move |_| {
        act.run(
            move |auth| async move {
                let path = format!("/api/admin/salon/appointments/{id}/cancel");
                api::send::<CancelledAppointment>(&auth, "POST", &path, None::<&()>).await
            },
            move |cancelled| {
                shown.note.set(Some(refund_note(&cancelled, locale)));
                shown.reload();
            },
        );
    };
    let toggle = move |to: Open| open.update(|o| *o = if *o == to { Open::Nothing } else { to });
    let booked = status == AppointmentStatus::Booked;
    let servable = booked || status == AppointmentStatus::NoShow;
    let client = client_cell(&appointment);
    let when = format!("{}–{}", appointment.start_time, appointment.end_time);
    let label = |action: &str| format!("{action} · {} {}", appointment.start_time, appointment.client);
    let (move_label, cancel_label) = (
        label(td_string!(locale, day_move)),
        label(td_string!(locale, day_cancel)),
    );
    let (served_label, no_show_label) = (
        label(td_string!(locale, day_served)),
        label(td_string!(locale, day_no_show)),
    );
    let confirm_label = label(td_string!(locale, day_yes_cancel));
    view! {
        <tr data-testid="salon-appointment" data-id=id.to_string() data-status=status.as_str()>
            <td>{when}</td>
            <td>{appointment.staff.clone()}</td>
            <td>{appointment.service.clone()}</td>
            <td>{client}</td>
            <td data-testid="appointment-status">{status_text(status, locale)}</td>
            <td>
                <div class="admin-toolbar">
                    {booked.then(|| view! {
                        <button type="button" class="admin-button admin-button--quiet" aria-label=move_label
                            on:click=move |_| toggle(Open::Move) disabled=move || act.busy.get()>{td_string!(locale, day_move)}</button>
                        <button type="button" class="admin-button admin-button--danger" aria-label=cancel_label
                            on:click=move |_| toggle(Open::Cancel) disabled=move || act.busy.get()>{td_string!(locale, day_cancel)}</button>
                    })}
                    {servable.then(|| view! {
                        <button type="button" class="admin-button" aria-label=served_label
                            on:click=move |_| outcome("served") disabled=move || act.busy.get()>{td_string!(locale, day_served)}</button>
                    })}
                    {booked.then(|| view! {
                        <button type="button" class="admin-button admin-button--quiet" aria-label=no_show_label
                            on:click=move |_| outcome("no-show") disabled=move || act.busy.get()>{td_string!(locale, day_no_show)}</button>
                    })}
                </div>
                {move || match open.get() {
                    Open::Nothing => ().into_any(),
                    Open::Move => view! { <MoveForm appointment=appointment.clone() members=members.clone() zone=zone.clone() act shown/> }.into_any(),
                    Open::Cancel => view! {
                        <div class="admin-form admin-form--row" role="group" data-testid="confirm-cancel">
                            <p>{td_string!(locale, day_confirm_cancel)}</p>
                            <button type="button" class="admin-button admin-button--danger" aria-label=confirm_label.clone()
                                on:click=cancel disabled=move || act.busy.get()>{td_string!(locale, day_yes_cancel)}</button>
                            <button type="button" class="admin-button admin-button--quiet"
                                on:click=move |_| open.set(Open::Nothing)>{td_string!(locale, day_keep)}</button>
                        </div>
                    }.into_any(),
                }}
                <Refusal act/>
            </td>
        </tr>
    }
}

/// The client's name, @username (a link to them in Telegram) and order.
fn client_cell(appointment: &SalonAppointment) -> impl IntoView {
    let username = appointment.username.clone().map(|name| {
        let href = format!("https://t.me/{name}");
        view! { " " <a href=href target="_blank" rel="noopener">{format!("@{name}")}</a> }
    });
    let order = appointment.order_id.0;
    view! {
        <span class="admin-line">{appointment.client.clone()}{username}</span>
        <a class="admin-line" href=format!("/admin/orders/{order}")>{format!("#{order}")}</a>
    }
}

/// A new time on the salon's clock and a staff member (`POST …/move`).
#[component]
fn MoveForm(
    appointment: SalonAppointment,
    members: Vec<AdminStaff>,
    zone: String,
    act: Act,
    shown: Shown,
) -> impl IntoView {
    let locale = crate::admin::texts::locale();
    let at = RwSignal::new(zoned::to_input(appointment.starts_at, &zone));
    let staff = RwSignal::new(appointment.staff_id.to_string());
    let id = appointment.id;
    let zone = StoredValue::new(zone);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let starts_at = match zoned::from_input(&at.get_untracked(), &zone.get_value()) {
            Ok(starts_at) => starts_at,
            Err(why) => return act.refuse(why),
        };
        let Ok(staff_id) = staff.get_untracked().parse() else {
            return act.refuse(td_string!(locale, day_pick_staff));
        };
        let body = MoveAppointment { starts_at, staff_id };
        act.run(
            move |auth| async move {
                let path = format!("/api/admin/salon/appointments/{id}/move");
                api::send::<SalonAppointment>(&auth, "POST", &path, Some(&body)).await
            },
            move |moved| {
                let note = td_string!(locale, day_moved, time = moved.start_time, staff = moved.staff);
                shown.note.set(Some(note));
                shown.reload();
            },
        );
    };
    view! {
        <form class="admin-form admin-form--row" on:submit=submit aria-label=td_string!(locale, day_move) data-testid="move-form">
            <label>{td_string!(locale, day_new_time)} <input type="datetime-local" required step="300" bind:value=at/></label>
            <label>{td_string!(locale, day_with)}
                <select bind:value=staff>
                    {members.into_iter().map(|m| {
                        let selected = m.id == appointment.staff_id;
                        view! { <option value=m.id.to_string() selected=selected>{m.name}</option> }
                    }).collect_view()}
                </select>
            </label>
            <button type="submit" class="admin-button" disabled=move || act.busy.get()>{td_string!(locale, day_move_save)}</button>
        </form>
    }
}

/// An appointment's status in the merchant's words.
fn status_text(status: AppointmentStatus, locale: Locale) -> &'static str {
    match status {
        AppointmentStatus::Held => td_string!(locale, day_status_held),
        AppointmentStatus::Booked => td_string!(locale, day_status_booked),
        AppointmentStatus::Served => td_string!(locale, day_status_served),
        AppointmentStatus::NoShow => td_string!(locale, day_status_no_show),
        AppointmentStatus::Cancelled => td_string!(locale, day_status_cancelled),
    }
}

/// What a cancellation did with the client's money, for the merchant.
fn refund_note(cancelled: &CancelledAppointment, locale: Locale) -> String {
    let amount = cancelled.refund_label.as_str();
    match cancelled.refund {
        CancelRefund::StarsRequested => td_string!(locale, day_refund_stars, amount),
        CancelRefund::CardDue => td_string!(locale, day_refund_card, amount),
        CancelRefund::PartDue => td_string!(locale, day_refund_part, amount),
        CancelRefund::Nothing => td_string!(locale, day_refund_nothing).to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_day_asked_for_is_in_the_path_only_when_chosen() {
        assert_eq!(day_path(None, None), "/api/admin/salon/appointments");
        assert_eq!(day_path(Some(""), None), "/api/admin/salon/appointments");
        assert_eq!(
            day_path(Some("2027-03-30"), Some(4)),
            "/api/admin/salon/appointments?date=2027-03-30&staff=4"
        );
        assert_eq!(day_path(None, Some(4)), "/api/admin/salon/appointments?staff=4");
    }

    #[test]
    fn a_cancellation_says_what_becomes_of_the_money() {
        let cancelled = |refund, label: &str| CancelledAppointment {
            appointment: SalonAppointment {
                id: 1,
                order_id: crate::orders::OrderId(17),
                service_id: crate::catalog::ProductId(7),
                service: "Haircut".into(),
                staff_id: 2,
                staff: "Anna".into(),
                starts_at: 0,
                ends_at: 0,
                start_time: "10:30".into(),
                end_time: "11:15".into(),
                status: AppointmentStatus::Cancelled,
                client: "Ada".into(),
                username: None,
                client_id: 2001,
            },
            refund,
            refund_label: label.into(),
        };
        let card = refund_note(&cancelled(CancelRefund::CardDue, "48,00 €"), Locale::en);
        assert!(
            card.contains("48,00 €") && card.contains("payment provider"),
            "{card}"
        );
        let stars = refund_note(&cancelled(CancelRefund::StarsRequested, "⭐ 250"), Locale::fr);
        assert!(stars.contains("⭐ 250"), "{stars}");
        assert_ne!(
            refund_note(&cancelled(CancelRefund::Nothing, ""), Locale::zh),
            refund_note(&cancelled(CancelRefund::Nothing, ""), Locale::en)
        );
    }
}
