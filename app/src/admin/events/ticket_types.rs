//! An event's ticket types: sold, held and checked in per type (live, as the page refreshes
//! the event) and each type's quota and per-order maximum
//! (`PUT /api/admin/events/{id}/ticket-types/{variant_id}`). Names and prices are the
//! product's variants, edited on its page.

use super::super::action::{Act, Refusal};
use super::super::api;
use crate::admin::texts::{t, tf};
use crate::admin_api::{AdminEvent, AdminTicketType, TicketTypeRules};
use crate::catalog::VariantId;
use leptos::prelude::*;

/// The sales card.
#[component]
pub(super) fn Sales(current: RwSignal<AdminEvent>) -> impl IntoView {
    // Rows are rebuilt when the ticket types change, not when their counts do.
    let ids =
        Memo::new(move |_| current.with(|e| e.ticket_types.iter().map(|t| t.variant_id).collect::<Vec<_>>()));
    let total = move |count: fn(&AdminEvent) -> i64| move || current.with(count);
    view! {
        <section class="admin-card" aria-labelledby="ticket-types-title" data-testid="event-sales">
            <h2 id="ticket-types-title">{t("Ticket types")}</h2>
            <table class="admin-table">
                <thead><tr>
                    <th scope="col">{t("Ticket type")}</th><th scope="col">{t("Price")}</th><th scope="col">{t("Sold")}</th>
                    <th scope="col">{t("Held")}</th><th scope="col">{t("Checked in")}</th><th scope="col">{t("Quota and per-order maximum")}</th>
                </tr></thead>
                <tbody>
                    {move || ids.get().into_iter().map(|id| view! { <TypeRow id current/> }).collect_view()}
                </tbody>
                <tfoot><tr data-testid="event-totals">
                    <th scope="row">{t("All types")}</th>
                    <td>{move || current.with(|e| tf!("capacity {n}", n = e.capacity))}</td>
                    <td data-testid="event-sold">{total(|e| e.sold)}</td>
                    <td data-testid="event-held">{total(|e| e.held)}</td>
                    <td data-testid="event-checked-in">{total(|e| e.checked_in)}</td>
                    <td></td>
                </tr></tfoot>
            </table>
        </section>
    }
}

/// The ticket type `id` of `event`, if it still has it.
fn ticket_type(event: &AdminEvent, id: VariantId) -> Option<&AdminTicketType> {
    event.ticket_types.iter().find(|t| t.variant_id == id)
}

/// A quota and per-order maximum as typed, for the API; empty quota for none.
fn rules(quota: &str, max_per_order: &str) -> Result<TicketTypeRules, String> {
    let quota = match quota.trim() {
        "" => None,
        typed => Some(
            typed
                .parse::<i64>()
                .map_err(|_| t("a quota is a whole number, or empty for none").to_owned())?,
        ),
    };
    let max_per_order = max_per_order
        .trim()
        .parse::<i64>()
        .map_err(|_| t("the per-order maximum is a whole number").to_owned())?;
    Ok(TicketTypeRules { quota, max_per_order })
}

#[component]
fn TypeRow(id: VariantId, current: RwSignal<AdminEvent>) -> impl IntoView {
    let save = Act::new();
    let field = move |read: fn(&AdminTicketType) -> String| {
        current.with_untracked(|e| ticket_type(e, id).map(read).unwrap_or_default())
    };
    let quota = RwSignal::new(field(|t| t.quota.map(|q| q.to_string()).unwrap_or_default()));
    let max = RwSignal::new(field(|t| t.max_per_order.to_string()));
    let name = field(|t| t.name.clone());
    let count = move |read: fn(&AdminTicketType) -> i64| {
        move || current.with(|e| ticket_type(e, id).map(read).unwrap_or_default())
    };
    let price = move || {
        current.with(|e| {
            ticket_type(e, id).map(|t| match &t.stars_label {
                Some(stars) => tf!("{price} or {stars}", price = t.price_label, stars = stars),
                None => t.price_label.clone(),
            })
        })
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = match rules(&quota.get_untracked(), &max.get_untracked()) {
            Ok(body) => body,
            Err(why) => return save.refuse(why),
        };
        let path = format!(
            "/api/admin/events/{}/ticket-types/{}",
            current.with_untracked(|e| e.id.0),
            id.0
        );
        save.run(
            move |auth| async move { api::send::<AdminEvent>(&auth, "PUT", &path, Some(&body)).await },
            move |event| current.set(event),
        );
    };
    view! {
        <tr data-testid=format!("ticket-type-{}", id.0) data-name=name.clone()>
            <th scope="row">{name.clone()}</th>
            <td>{price}</td>
            <td data-testid="ticket-type-sold">{count(|t| t.sold)}</td>
            <td data-testid="ticket-type-held">{count(|t| t.held)}</td>
            <td data-testid="ticket-type-checked-in">{count(|t| t.checked_in)}</td>
            <td>
                <form class="admin-form admin-form--row" on:submit=submit aria-label=tf!("Limits of {name}", name = name)>
                    <label>{t("Quota (empty: none)")} <input type="number" min="0" step="1" bind:value=quota/></label>
                    <label>{t("Per-order maximum")} <input type="number" min="1" step="1" required bind:value=max/></label>
                    <button type="submit" class="admin-button" disabled=move || save.busy.get()>{t("Save limits")}</button>
                    <Refusal act=save/>
                </form>
            </td>
        </tr>
    }
}

#[cfg(test)]
mod tests {
    use super::rules;

    #[test]
    fn an_empty_quota_lifts_it_and_bad_numbers_are_refused() {
        let lifted = rules(" ", "4").unwrap();
        assert_eq!(
            serde_json::to_string(&lifted).unwrap(),
            r#"{"quota":null,"max_per_order":4}"#
        );
        assert_eq!(rules("30", "2").unwrap().quota, Some(30));
        assert_eq!(
            rules("x", "2").unwrap_err(),
            "a quota is a whole number, or empty for none"
        );
        assert_eq!(
            rules("", "").unwrap_err(),
            "the per-order maximum is a whole number"
        );
    }
}
