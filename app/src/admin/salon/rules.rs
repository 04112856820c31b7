//! `/admin/salon/rules`: the salon's booking rules (`GET|PUT /api/admin/salon/rules`): how
//! far ahead clients may book, the minimum notice, the slot step, until when a client may
//! cancel or reschedule themselves, and whether a cancellation is refunded. A blank field is
//! sent absent and takes its default, which the page names.

use super::super::action::{load, show, Act, Refusal};
use super::super::api;
use super::SalonNav;
use crate::admin::texts::{t, tf};
use crate::admin_api::BookingRulesBody;
use leptos::prelude::*;

/// `/admin/salon/rules`.
#[component]
pub(crate) fn RulesPage() -> impl IntoView {
    let rules = load::<BookingRulesBody>(|| "/api/admin/salon/rules".into());
    view! {
        <h1 class="admin-title">{t("Booking rules")}</h1>
        <SalonNav/>
        {show(rules, |rules| view! { <RulesForm rules/> })}
    }
}

/// A number field's text: blank for absent.
fn text(value: Option<i64>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

/// A number field as typed: absent when blank.
fn number(typed: &str, what: &str) -> Result<Option<i64>, String> {
    match typed.trim() {
        "" => Ok(None),
        typed => typed
            .parse()
            .map(Some)
            .map_err(|_| tf!("{what} is a whole number", what = what)),
    }
}

#[component]
fn RulesForm(rules: BookingRulesBody) -> impl IntoView {
    let save = Act::new();
    let horizon = RwSignal::new(text(rules.horizon_days));
    let notice = RwSignal::new(text(rules.min_notice_minutes));
    let step = RwSignal::new(text(rules.step_minutes));
    let self_service = RwSignal::new(text(rules.self_service_minutes));
    let refund = RwSignal::new(rules.refund_cancellations.unwrap_or(true));
    let read = move || -> Result<BookingRulesBody, String> {
        Ok(BookingRulesBody {
            horizon_days: number(&horizon.get_untracked(), t("How far ahead"))?,
            min_notice_minutes: number(&notice.get_untracked(), t("The minimum notice"))?,
            step_minutes: number(&step.get_untracked(), t("The step"))?,
            self_service_minutes: number(&self_service.get_untracked(), t("The self-service window"))?,
            refund_cancellations: Some(refund.get_untracked()),
        })
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = match read() {
            Ok(body) => body,
            Err(why) => return save.refuse(why),
        };
        save.run(
            move |auth| async move {
                api::send::<BookingRulesBody>(&auth, "PUT", "/api/admin/salon/rules", Some(&body)).await
            },
            move |saved| {
                horizon.set(text(saved.horizon_days));
                notice.set(text(saved.min_notice_minutes));
                step.set(text(saved.step_minutes));
                self_service.set(text(saved.self_service_minutes));
                refund.set(saved.refund_cancellations.unwrap_or(true));
            },
        );
    };
    view! {
        <form class="admin-form admin-card" on:submit=submit aria-label=t("Booking rules") data-testid="booking-rules">
            <p class="admin-note" data-testid="rules-defaults">{t("Defaults: 60 days ahead, 120 minutes' notice, a 15-minute step, self-service until 1440 minutes (24 h) before, cancellations refunded. A blank field takes its default.")}</p>
            <label>{t("Clients may book up to (days ahead)")} <input type="number" min="1" step="1" bind:value=horizon/></label>
            <label>{t("Minimum notice (minutes)")} <input type="number" min="0" step="5" bind:value=notice/></label>
            <label>{t("Slot step (minutes)")} <input type="number" min="5" step="5" bind:value=step/></label>
            <label>{t("Clients may cancel or reschedule until (minutes before)")} <input type="number" min="0" step="5" bind:value=self_service/></label>
            <label class="admin-check"><input type="checkbox" bind:checked=refund/>{t("Refund cancellations")}</label>
            <button type="submit" class="admin-button" disabled=move || save.busy.get()>{t("Save rules")}</button>
            <Refusal act=save/>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_blank_rule_is_absent_and_takes_its_default() {
        assert_eq!(number(" ", "The step"), Ok(None));
        assert_eq!(number("30", "The step"), Ok(Some(30)));
        assert_eq!(
            number("half", "The step"),
            Err("The step is a whole number".into())
        );
        assert_eq!(text(Some(15)), "15");
        assert_eq!(text(None), "");
    }
}
