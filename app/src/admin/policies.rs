//! The settings page's card for what Telegram asks of a shop that takes payments: the support
//! contact the bot's `/paysupport` gives buyers, and the privacy policy `/privacy` and the
//! `/privacy` page show (`GET`/`PUT /api/admin/settings/policies`). Empty fields keep the
//! defaults, which the card shows.

use super::action::{load, show, Act, Loaded, Refusal};
use super::api;
use crate::admin::texts::t;
use crate::admin_api::Policies;
use leptos::prelude::*;

const PATH: &str = "/api/admin/settings/policies";

/// The support contact and privacy policy card.
#[component]
pub(crate) fn PoliciesCard() -> impl IntoView {
    let loaded = load::<Policies>(|| PATH.into());
    view! { {show(loaded, move |policies| view! { <PoliciesForm policies loaded/> })} }
}

#[component]
fn PoliciesForm(policies: Policies, loaded: Loaded<Policies>) -> impl IntoView {
    let save = Act::new();
    let contact = RwSignal::new(policies.support_contact.unwrap_or_default());
    let policy = RwSignal::new(policies.privacy_policy.unwrap_or_default());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = Policies {
            support_contact: Some(contact.get_untracked()),
            privacy_policy: Some(policy.get_untracked()),
            shown_policy: String::new(),
        };
        save.run(
            move |auth| async move { api::send::<Policies>(&auth, "PUT", PATH, Some(&body)).await },
            move |_| loaded.refetch(),
        );
    };
    view! {
        <form class="admin-form admin-card" on:submit=submit aria-label=t("Payments support and privacy") data-testid="policy-settings">
            <h2>{t("Payments support and privacy")}</h2>
            <p class="admin-note">
                {t("Telegram asks every bot that takes payments to answer /paysupport and /privacy. Without a contact, each /paysupport is sent to you (the notification chat or the admins).")}
            </p>
            <label>{t("Support contact (e.g. @username or an email; empty: tell me in the bot)")}
                <input type="text" maxlength="200" bind:value=contact data-testid="support-contact"/>
            </label>
            <label>{t("Privacy policy (empty: the default below)")}
                <textarea rows="8" maxlength="3500" bind:value=policy data-testid="privacy-policy"></textarea>
            </label>
            <details>
                <summary>{t("The policy buyers read now")}</summary>
                <p class="admin-note" style="white-space: pre-wrap" data-testid="shown-policy">{policies.shown_policy}</p>
            </details>
            <button type="submit" class="admin-button" disabled=move || save.busy.get()>{t("Save support and privacy")}</button>
            <Refusal act=save/>
        </form>
    }
}
