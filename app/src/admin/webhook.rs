//! The webhook's health as Telegram reports it (getWebhookInfo): where updates go, how many
//! wait, and the last delivery error.

use super::action::{load, show};
use crate::admin::formats::Moment;
use crate::admin::texts::t;
use crate::admin_api::WebhookInfo;
use leptos::prelude::*;

/// The health panel, with a button to ask again.
#[component]
pub(crate) fn WebhookPanel() -> impl IntoView {
    let info = load::<WebhookInfo>(|| "/api/admin/webhook".into());
    view! {
        <section class="admin-card" aria-labelledby="webhook-title" data-testid="webhook-health">
            <h2 id="webhook-title">{t("Webhook health")}</h2>
            {show(info, |info| view! { <WebhookFacts info/> })}
            <button type="button" class="admin-button admin-button--quiet" on:click=move |_| info.refetch()>
                {t("Check again")}
            </button>
        </section>
    }
}

#[component]
fn WebhookFacts(info: WebhookInfo) -> impl IntoView {
    let healthy = !info.url.is_empty() && info.last_error_message.is_none();
    view! {
        <p class=if healthy { "admin-ok" } else { "admin-error" } data-testid="webhook-state">
            {if info.url.is_empty() { t("No webhook is set: Telegram delivers no updates.") } else if healthy { t("Telegram delivers updates without errors.") } else { t("Telegram reported a delivery error.") }}
        </p>
        <dl class="admin-facts">
            <dt>{t("URL")}</dt>
            <dd><code>{if info.url.is_empty() { t("none").to_owned() } else { info.url }}</code></dd>
            <dt>{t("Updates waiting")}</dt>
            <dd data-testid="webhook-pending">{info.pending_update_count}</dd>
            {info.last_error_date.map(|at| view! { <dt>{t("Last error at")}</dt><dd><Moment ms={at * 1000}/></dd> })}
            {info.last_error_message.map(|message| view! { <dt>{t("Last error")}</dt><dd data-testid="webhook-error">{message}</dd> })}
        </dl>
    }
}
