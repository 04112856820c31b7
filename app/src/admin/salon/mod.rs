//! The salon (issue #18): `/admin/salon` lists the staff and adds one, `/admin/salon/staff/:id`
//! edits a staff member's details, weekly hours, days off and blocked times and archives them
//! ([`staff`]), `/admin/salon/services` makes appointment products services with their length
//! and who performs them at which price ([`services`]), `/admin/salon/rules` holds the booking
//! rules ([`rules`]), and `/admin/salon/day` is the salon's day with its appointments, moved,
//! cancelled, served or missed from the list ([`day`]). The bodies are
//! [`crate::admin_api::salon`]'s.
//!
//! Times of day and dates are the shop's wall clock (the `time_zone` setting); blocked times
//! are typed and shown on it through [`super::zoned`].

mod calendar;
pub(crate) mod day;
mod hours;
pub(crate) mod rules;
pub(crate) mod services;
pub(crate) mod staff;

use super::action::{load, show, Act, Refusal};
use super::api;
use crate::admin::texts::t;
use crate::admin_api::{AdminStaff, CreateStaff, StaffList};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

/// The links between the salon's pages.
#[component]
fn SalonNav() -> impl IntoView {
    view! {
        <nav class="admin-toolbar" aria-label=t("Salon")>
            <a href="/admin/salon/day">{t("Day")}</a>
            <a href="/admin/salon">{t("Staff")}</a>
            <a href="/admin/salon/services">{t("Services")}</a>
            <a href="/admin/salon/rules">{t("Booking rules")}</a>
        </nav>
    }
}

/// `/admin/salon`: the staff (`GET /api/admin/salon/staff`) and "New staff member".
#[component]
pub(crate) fn SalonPage() -> impl IntoView {
    let staff = load::<StaffList>(|| "/api/admin/salon/staff".into());
    view! {
        <h1 class="admin-title">{t("Salon")}</h1>
        <SalonNav/>
        <section class="admin-card" aria-labelledby="staff-title">
            <h2 id="staff-title">{t("Staff")}</h2>
            {show(staff, |list| view! { <StaffTable staff=list.staff/> })}
        </section>
        <NewStaff/>
    }
}

#[component]
fn StaffTable(staff: Vec<AdminStaff>) -> impl IntoView {
    if staff.is_empty() {
        return view! { <p class="admin-note">{t("No staff yet.")}</p> }.into_any();
    }
    view! {
        <table class="admin-table" data-testid="salon-staff">
            <thead><tr><th scope="col">{t("Name")}</th><th scope="col">{t("Working days")}</th><th scope="col">{t("State")}</th></tr></thead>
            <tbody>
                {staff.into_iter().map(|s| view! {
                    <tr data-testid="salon-staff-row" data-archived=s.archived.to_string()>
                        <td><a href=format!("/admin/salon/staff/{}", s.id)>{s.name}</a></td>
                        <td>{hours::working_days(&s.hours)}</td>
                        <td>{if s.archived { t("Archived") } else { t("Active") }}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}

/// Text typed as an optional value: `None` when blank.
fn optional(text: &str) -> Option<String> {
    Some(text.trim()).filter(|t| !t.is_empty()).map(str::to_owned)
}

/// An optional Telegram user id as typed: blank, or a positive whole number.
fn optional_user(text: &str) -> Result<Option<i64>, String> {
    match optional(text) {
        None => Ok(None),
        Some(typed) => match typed.parse::<i64>() {
            Ok(id) if id > 0 => Ok(Some(id)),
            _ => Err(t("a Telegram user id is a positive whole number, like 123456789").into()),
        },
    }
}

/// "New staff member" (`POST /api/admin/salon/staff`), then the new member's page.
#[component]
fn NewStaff() -> impl IntoView {
    let act = Act::new();
    let (name, photo, user) = (
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
    );
    let navigate = use_navigate();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let telegram_user_id = match optional_user(&user.get_untracked()) {
            Ok(id) => id,
            Err(why) => return act.refuse(why),
        };
        let body = CreateStaff {
            name: name.get_untracked(),
            photo_url: optional(&photo.get_untracked()),
            telegram_user_id,
        };
        let navigate = navigate.clone();
        act.run(
            move |auth| async move {
                api::send::<AdminStaff>(&auth, "POST", "/api/admin/salon/staff", Some(&body)).await
            },
            move |staff| navigate(&format!("/admin/salon/staff/{}", staff.id), Default::default()),
        );
    };
    view! {
        <form class="admin-form admin-card" on:submit=submit aria-label=t("New staff member") data-testid="new-staff">
            <h2>{t("New staff member")}</h2>
            <label>{t("Name")} <input type="text" required bind:value=name/></label>
            <label>{t("Photo URL (optional)")} <input type="url" bind:value=photo/></label>
            <label>{t("Telegram user id (optional)")} <input type="text" inputmode="numeric" bind:value=user/></label>
            <button type="submit" class="admin-button" disabled=move || act.busy.get()>{t("Add staff member")}</button>
            <Refusal act/>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_optional_fields_are_absent() {
        assert_eq!(optional("  "), None);
        assert_eq!(
            optional(" https://x.test/a.jpg "),
            Some("https://x.test/a.jpg".into())
        );
        assert_eq!(optional_user(""), Ok(None));
        assert_eq!(optional_user(" 1005 "), Ok(Some(1005)));
        for bad in ["0", "-3", "@anna", "1.5"] {
            assert!(optional_user(bad).is_err(), "{bad}");
        }
    }
}
