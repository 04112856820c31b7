//! `/admin/salon/staff/:id`: a staff member as the salon manages them: details (`PATCH`),
//! weekly hours ([`super::hours`]), days off and blocked times ([`super::calendar`]), and
//! "Archive" (`POST …/archive`: offered to no client any more). Every change answers the staff
//! member as they now are, which the page then shows.

use super::super::action::{load, show, Act, Refusal};
use super::super::api;
use super::{optional, optional_user, SalonNav};
use crate::admin::texts::t;
use crate::admin_api::{AdminStaff, Settings, UpdateStaff};
use leptos::prelude::*;

/// `/admin/salon/staff/:id` (`GET /api/admin/salon/staff/{id}`, and the settings for the
/// shop's time zone).
#[component]
pub(crate) fn StaffPage(id: i64) -> impl IntoView {
    let staff = load::<AdminStaff>(move || format!("/api/admin/salon/staff/{id}"));
    let settings = load::<Settings>(|| "/api/admin/settings".into());
    view! {
        <SalonNav/>
        {show(settings, move |settings| {
            let zone = settings.shop.time_zone.unwrap_or_else(|| "UTC".into());
            show(staff, move |staff| view! { <Member staff zone=zone.clone()/> })
        })}
    }
}

#[component]
fn Member(staff: AdminStaff, zone: String) -> impl IntoView {
    let current = RwSignal::new(staff);
    view! {
        <h1 class="admin-title">{move || current.with(|s| s.name.clone())}</h1>
        <p class="admin-note" data-testid="staff-state" data-archived=move || current.with(|s| s.archived.to_string())>
            {move || if current.with(|s| s.archived) { t("Archived: offered to no client.") } else { t("Active.") }}
        </p>
        <Details current/>
        <super::hours::WeekEditor current/>
        <super::calendar::DaysOff current/>
        <super::calendar::Blocked current zone/>
        <Archive current/>
    }
}

/// Name, photo URL and Telegram account (`PATCH /api/admin/salon/staff/{id}`).
#[component]
fn Details(current: RwSignal<AdminStaff>) -> impl IntoView {
    let save = Act::new();
    let (name, photo, user) = current.with_untracked(|s| {
        (
            RwSignal::new(s.name.clone()),
            RwSignal::new(s.photo_url.clone().unwrap_or_default()),
            RwSignal::new(s.telegram_user_id.map(|id| id.to_string()).unwrap_or_default()),
        )
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let telegram_user_id = match optional_user(&user.get_untracked()) {
            Ok(id) => id,
            Err(why) => return save.refuse(why),
        };
        let body = UpdateStaff {
            name: Some(name.get_untracked()),
            photo_url: Some(optional(&photo.get_untracked())),
            telegram_user_id: Some(telegram_user_id),
            archived: None,
        };
        let path = format!("/api/admin/salon/staff/{}", current.with_untracked(|s| s.id));
        save.run(
            move |auth| async move { api::send::<AdminStaff>(&auth, "PATCH", &path, Some(&body)).await },
            move |staff| current.set(staff),
        );
    };
    view! {
        <form class="admin-form admin-card" on:submit=submit aria-label=t("Staff details") data-testid="staff-details">
            <h2>{t("Details")}</h2>
            <label>{t("Name")} <input type="text" required bind:value=name/></label>
            <label>{t("Photo URL (optional)")} <input type="url" bind:value=photo/></label>
            <label>{t("Telegram user id (optional)")} <input type="text" inputmode="numeric" bind:value=user/></label>
            <button type="submit" class="admin-button" disabled=move || save.busy.get()>{t("Save details")}</button>
            <Refusal act=save/>
        </form>
    }
}

/// "Archive" (`POST /api/admin/salon/staff/{id}/archive`).
#[component]
fn Archive(current: RwSignal<AdminStaff>) -> impl IntoView {
    let act = Act::new();
    let archive = move |_| {
        let path = format!(
            "/api/admin/salon/staff/{}/archive",
            current.with_untracked(|s| s.id)
        );
        act.run(
            move |auth| async move { api::send::<AdminStaff>(&auth, "POST", &path, None::<&()>).await },
            move |staff| current.set(staff),
        );
    };
    view! {
        <section class="admin-card admin-action" aria-labelledby="archive-title">
            <h2 id="archive-title">{t("Archive")}</h2>
            <p class="admin-note">{t("An archived staff member is offered to no client; their booked appointments stay.")}</p>
            <button type="button" class="admin-button admin-button--danger" on:click=archive
                disabled=move || act.busy.get() || current.with(|s| s.archived)>{t("Archive")}</button>
            <Refusal act/>
        </section>
    }
}
