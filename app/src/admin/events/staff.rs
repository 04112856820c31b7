//! An event's door staff: Telegram users who may scan its tickets and nothing else, besides
//! the shop's admins (`PUT /api/admin/events/{id}/staff` with the whole list).

use super::super::action::{Act, Refusal};
use super::super::api;
use crate::admin::texts::t;
use crate::admin_api::{AdminEvent, EventStaff};
use crate::identity::UserId;
use leptos::prelude::*;

/// A Telegram user id as typed: a positive whole number.
fn parse_user(typed: &str) -> Result<UserId, String> {
    match typed.trim().parse::<i64>() {
        Ok(id) if id > 0 => Ok(UserId(id)),
        _ => Err(t("a Telegram user id is a positive whole number, like 123456789").into()),
    }
}

/// The staff card.
#[component]
pub(super) fn DoorStaff(current: RwSignal<AdminEvent>) -> impl IntoView {
    let (add, remove) = (Act::new(), Act::new());
    let typed = RwSignal::new(String::new());
    let put = move |act: Act, staff: Vec<UserId>, then: fn(RwSignal<String>)| {
        let path = format!("/api/admin/events/{}/staff", current.with_untracked(|e| e.id.0));
        let body = EventStaff { staff };
        act.run(
            move |auth| async move { api::send::<EventStaff>(&auth, "PUT", &path, Some(&body)).await },
            move |answer| {
                then(typed);
                current.update(|e| e.staff = answer.staff);
            },
        );
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let user = match parse_user(&typed.get_untracked()) {
            Ok(user) => user,
            Err(why) => return add.refuse(why),
        };
        let mut staff = current.with_untracked(|e| e.staff.clone());
        if !staff.contains(&user) {
            staff.push(user);
        }
        put(add, staff, |typed| typed.set(String::new()));
    };
    let drop = move |user: UserId| {
        let staff = current.with_untracked(|e| e.staff.iter().copied().filter(|s| *s != user).collect());
        put(remove, staff, |_| {});
    };
    view! {
        <section class="admin-card" aria-labelledby="staff-title" data-testid="event-staff">
            <h2 id="staff-title">{t("Door staff")}</h2>
            <p class="admin-note">{t("Besides the shop's admins, these Telegram users may scan this event's tickets (and do nothing else).")}</p>
            <ul class="admin-list">
                {move || current.with(|e| e.staff.clone()).into_iter().map(|user| view! {
                    <li data-testid="staff-member">
                        <span>{user.0}</span>" "
                        <button type="button" class="admin-button admin-button--danger" on:click=move |_| drop(user)
                            disabled=move || remove.busy.get() aria-label=format!("Remove {}", user.0)>{t("Remove")}</button>
                    </li>
                }).collect_view()}
            </ul>
            <form class="admin-form admin-form--row" on:submit=submit aria-label=t("Add door staff")>
                <label>{t("Telegram user id")} <input type="text" inputmode="numeric" required bind:value=typed/></label>
                <button type="submit" class="admin-button" disabled=move || add.busy.get()>{t("Add to door staff")}</button>
            </form>
            <Refusal act=add/>
            <Refusal act=remove/>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_staff_member_is_a_positive_telegram_user_id() {
        assert_eq!(parse_user(" 1004 "), Ok(UserId(1004)));
        for bad in ["", "-100123", "0", "@door", "12.5"] {
            assert!(parse_user(bad).is_err(), "{bad}");
        }
    }
}
