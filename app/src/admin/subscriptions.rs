//! `/admin/subscriptions`: every paid Stars subscription (subscriber, product, price, status,
//! paid until), each renewing one with a Cancel button: renewal is cancelled through Telegram
//! (`POST /api/admin/subscriptions/{id}/cancel`); the subscriber keeps the month they paid.

use super::action::{load, show, Act, Refusal};
use super::api;
use crate::admin::formats::Moment;
use crate::admin::texts::{t, tf};
use crate::subscriptions::{SubscriptionList, SubscriptionStatus, SubscriptionView};
use leptos::prelude::*;

/// The subscribers' list.
#[component]
pub(crate) fn SubscriptionsPage() -> impl IntoView {
    let list = load::<SubscriptionList>(|| "/api/admin/subscriptions".into());
    view! {
        <h1>{t("Subscriptions")}</h1>
        {show(list, |list| match list.subscriptions.is_empty() {
            true => view! { <p class="admin-note" data-testid="no-subscriptions">{t("Nobody has subscribed yet.")}</p> }.into_any(),
            false => view! {
                <table class="admin-table" data-testid="admin-subscriptions">
                    <thead><tr>
                        <th>{t("Subscriber")}</th><th>{t("Product")}</th><th>{t("Price")}</th><th>{t("Status")}</th><th>{t("Until")}</th><th></th>
                    </tr></thead>
                    <tbody>
                        {list.subscriptions.into_iter().map(|s| view! { <Row s/> }).collect_view()}
                    </tbody>
                </table>
            }
            .into_any(),
        })}
    }
}

/// What the merchant reads as a subscription's status.
fn status_text(s: &SubscriptionView) -> &'static str {
    match (s.status, s.renews) {
        (SubscriptionStatus::Pending, _) => t("Not paid yet"),
        (SubscriptionStatus::Active, true) => t("Active, renews"),
        (SubscriptionStatus::Active, false) => t("Cancelled, active until the end of the month paid"),
        (SubscriptionStatus::Lapsed, _) => t("Lapsed"),
    }
}

/// One subscription; Cancel replaces it with the server's answer.
#[component]
fn Row(s: SubscriptionView) -> impl IntoView {
    let current = RwSignal::new(s);
    let act = Act::new();
    let cancel = move |_| {
        let id = current.with_untracked(|s| s.id);
        act.run(
            move |auth| async move {
                let path = format!("/api/admin/subscriptions/{id}/cancel");
                api::send::<SubscriptionView>(&auth, "POST", &path, None::<&()>).await
            },
            move |view| current.set(view),
        );
    };
    move || {
        let s = current.get();
        let cancellable = s.status == SubscriptionStatus::Active && s.renews;
        view! {
            <tr data-testid="admin-subscription" data-id=s.id.0>
                <td>{s.user_id}</td>
                <td>{s.name.clone()}</td>
                <td>{tf!("{stars} ⭐/month", stars = s.price_stars)}</td>
                <td data-testid="admin-subscription-status">{status_text(&s)}</td>
                <td>{s.expires_at.map(|ms| view! { <Moment ms/> })}</td>
                <td>
                    {cancellable.then(|| view! {
                        <button type="button" class="admin-button admin-button--danger" disabled=move || act.busy.get() on:click=cancel>
                            {t("Cancel renewal")}
                        </button>
                    })}
                    <Refusal act/>
                </td>
            </tr>
        }
    }
}
