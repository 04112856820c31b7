//! A variant's stock: adjusted by a signed amount with a reason (a stock movement the server
//! records with the admin's id), and the history of those movements.

use super::action::{load, show, Act, Refusal};
use super::api;
use crate::admin::formats::Moment;
use crate::admin::texts::t;
use crate::admin_api::{AdjustStock, Adjusted, AdminProduct, StockHistory};
use crate::catalog::VariantId;
use leptos::prelude::*;

/// A stock change as typed: `+5`, `5` or `-2`, never 0.
pub(crate) fn parse_delta(text: &str) -> Option<i64> {
    let text = text.trim();
    let unsigned = text
        .strip_prefix('+')
        .filter(|rest| !rest.starts_with(['+', '-']));
    unsigned.unwrap_or(text).parse::<i64>().ok().filter(|d| *d != 0)
}

/// Stock, the adjustment form and the history of one variant.
#[component]
pub(crate) fn Stock(variant_id: VariantId, stock: i64, current: RwSignal<AdminProduct>) -> impl IntoView {
    let act = Act::new();
    let (delta, reason) = (RwSignal::new(String::new()), RwSignal::new(String::new()));
    let history_shown = RwSignal::new(false);
    let path = format!("/api/admin/variants/{}/stock", variant_id.0);
    let submit = {
        let path = path.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let Some(delta) = parse_delta(&delta.get_untracked()) else {
                return act.refuse(t("the change is a whole number other than 0, like 5 or -2"));
            };
            let (path, body) = (
                path.clone(),
                AdjustStock {
                    delta,
                    reason: reason.get_untracked().trim().to_owned(),
                },
            );
            act.run(
                move |auth| async move { api::send::<Adjusted>(&auth, "POST", &path, Some(&body)).await },
                move |answer| {
                    current.update(|p| {
                        p.variants
                            .iter_mut()
                            .filter(|v| v.id == variant_id)
                            .for_each(|v| v.stock = answer.stock)
                    });
                },
            );
        }
    };
    view! {
        <form class="admin-form admin-form--row" on:submit=submit aria-label=t("Adjust stock")>
            <span class="admin-stock" data-testid="variant-stock">{format!("In stock: {stock}")}</span>
            <label>{t("Stock change")} <input type="text" inputmode="numeric" required placeholder=t("+5 or -2") bind:value=delta/></label>
            <label>{t("Reason")} <input type="text" required bind:value=reason/></label>
            <button type="submit" class="admin-button" disabled=move || act.busy.get()>{t("Adjust stock")}</button>
            <button type="button" class="admin-button admin-button--quiet" aria-expanded=move || history_shown.get().to_string()
                on:click=move |_| history_shown.update(|s| *s = !*s)>{t("Stock history")}</button>
            <Refusal act/>
        </form>
        {move || history_shown.get().then(|| view! { <History path=path.clone()/> })}
    }
}

#[component]
fn History(path: String) -> impl IntoView {
    let history = load::<StockHistory>(move || path.clone());
    show(history, |h| {
        view! {
            <table class="admin-table" data-testid="stock-history">
                <thead><tr>
                    <th scope="col">{t("When")}</th><th scope="col">{t("Change")}</th><th scope="col">{t("Stock after")}</th>
                    <th scope="col">{t("Reason")}</th><th scope="col">{t("By admin")}</th>
                </tr></thead>
                <tbody>{h.movements.into_iter().map(|m| view! {
                    <tr>
                        <td><Moment ms=m.created_at/></td>
                        <td>{if m.delta > 0 { format!("+{}", m.delta) } else { m.delta.to_string() }}</td>
                        <td>{m.stock_after}</td>
                        <td>{m.reason}</td>
                        <td>{m.admin_id.0}</td>
                    </tr>
                }).collect_view()}</tbody>
            </table>
        }
    })
}

#[cfg(test)]
mod tests {
    use super::parse_delta;

    #[test]
    fn a_stock_change_is_a_signed_whole_number_other_than_zero() {
        assert_eq!(parse_delta("+5"), Some(5));
        assert_eq!(parse_delta(" 5 "), Some(5));
        assert_eq!(parse_delta("-2"), Some(-2));
        for bad in ["0", "", "1.5", "five", "+-1"] {
            assert_eq!(parse_delta(bad), None, "{bad}");
        }
    }
}
