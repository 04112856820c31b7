//! The promo codes card of `/admin/settings`: each code switched on and off, its use limit and
//! end changed (`PATCH /api/admin/promo-codes/{code}`), and a new one added
//! (`POST /api/admin/promo-codes`). Each change loads the settings again.

use super::action::{Act, Loaded, Refusal};
use super::amount::{format_amount, parse_amount};
use super::dates::{date_of, end_of, start_of};
use super::settings::change;
use crate::admin::texts::{t, tf};
use crate::admin_api::{CreatePromo, PromoCode, Settings, UpdatePromo};
use leptos::prelude::*;

/// The promo codes card: a table of codes and the form for a new one.
#[component]
pub(crate) fn PromoCodes(codes: Vec<PromoCode>, currency: String, loaded: Loaded<Settings>) -> impl IntoView {
    view! {
        <section class="admin-card" aria-labelledby="promo-title" data-testid="promo-codes">
            <h2 id="promo-title">{t("Promo codes")}</h2>
            {codes.into_iter().map(|code| view! { <PromoRow code loaded/> }).collect_view()}
            <NewPromo currency loaded/>
        </section>
    }
}

#[component]
fn PromoRow(code: PromoCode, loaded: Loaded<Settings>) -> impl IntoView {
    let (save, toggle) = (Act::new(), Act::new());
    let off = match (code.percent_off, code.amount_off_minor, &code.currency) {
        (Some(p), _, _) => tf!("{percent}% off", percent = p),
        (_, Some(a), Some(c)) => tf!(
            "{amount} {currency} off",
            amount = format_amount(a, c),
            currency = c
        ),
        _ => t("no discount").into(),
    };
    let max_uses = RwSignal::new(code.max_uses.map(|m| m.to_string()).unwrap_or_default());
    let expires = RwSignal::new(code.expires_at.map(date_of).unwrap_or_default());
    let (path, active) = (format!("/api/admin/promo-codes/{}", code.code), code.active);
    let path2 = path.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let max_uses = match max_uses.get_untracked().trim() {
            "" => None,
            n => match n.parse::<i64>() {
                Ok(n) if n > 0 => Some(n),
                _ => return save.refuse(t("the use limit is a whole number above 0")),
            },
        };
        let body = UpdatePromo {
            active: None,
            max_uses: Some(max_uses),
            expires_at: Some(end_of(&expires.get_untracked())),
        };
        change(save, loaded, "PATCH", path.clone(), Some(body));
    };
    let flip = move |_| {
        change(
            toggle,
            loaded,
            "PATCH",
            path2.clone(),
            Some(UpdatePromo {
                active: Some(!active),
                ..UpdatePromo::default()
            }),
        )
    };
    view! {
        <form class="admin-form admin-form--row" on:submit=submit data-testid=format!("promo-{}", code.code)>
            <strong class="admin-code">{code.code.clone()}</strong>
            <span class="admin-note">{tf!("{off} · used {uses} · {state}", off = off, uses = code.uses, state = if active { t("active") } else { t("inactive") })}</span>
            <label>{t("Use limit (empty: none)")} <input type="number" min="1" step="1" bind:value=max_uses/></label>
            <label>{t("Last day")} <input type="date" bind:value=expires/></label>
            <button type="submit" class="admin-button" disabled=move || save.busy.get()>{t("Save promo code")}</button>
            <button type="button" class="admin-button admin-button--quiet" on:click=flip disabled=move || toggle.busy.get()>
                {if active { t("Deactivate") } else { t("Activate") }}
            </button>
            <Refusal act=save/>
            <Refusal act=toggle/>
        </form>
    }
}

/// A new promo code's fields as typed.
#[derive(Clone, Copy)]
struct PromoFields {
    code: RwSignal<String>,
    /// `"percent"` or `"amount"`.
    kind: RwSignal<String>,
    amount: RwSignal<String>,
    minimum: RwSignal<String>,
    max_uses: RwSignal<String>,
    starts: RwSignal<String>,
    expires: RwSignal<String>,
    currency: RwSignal<String>,
}

impl PromoFields {
    /// Empty fields, a percentage off, in the shop's `currency`.
    fn new(currency: String) -> Self {
        let blank = || RwSignal::new(String::new());
        PromoFields {
            code: blank(),
            kind: RwSignal::new("percent".to_owned()),
            amount: blank(),
            minimum: blank(),
            max_uses: blank(),
            starts: blank(),
            expires: blank(),
            currency: RwSignal::new(currency),
        }
    }

    /// The percentage or the amount off (in `currency`), or why it cannot be sent.
    fn discount(self, currency: &str) -> Result<(Option<i64>, Option<i64>), String> {
        let amount = self.amount.get_untracked();
        match self.kind.get_untracked() == "percent" {
            true => match amount.trim().parse::<i64>() {
                Ok(p) if (1..=100).contains(&p) => Ok((Some(p), None)),
                _ => Err(t("a percentage is a whole number from 1 to 100").into()),
            },
            false => match parse_amount(&amount, currency) {
                Ok(a) => Ok((None, Some(a))),
                Err(why) => Err(tf!("amount off: {why}", why = why)),
            },
        }
    }

    /// The new promo code for the API, or why it cannot be sent.
    fn request(self) -> Result<CreatePromo, String> {
        let currency = self.currency.get_untracked().trim().to_uppercase();
        let percent = self.kind.get_untracked() == "percent";
        let (percent_off, amount_off) = self.discount(&currency)?;
        let min_items = match self.minimum.get_untracked().trim() {
            "" => None,
            m => Some(parse_amount(m, &currency).map_err(|why| tf!("minimum: {why}", why = why))?),
        };
        Ok(CreatePromo {
            code: self.code.get_untracked().trim().to_uppercase(),
            percent_off,
            amount_off_minor: amount_off,
            currency: (!percent || min_items.is_some()).then_some(currency),
            // No minimum is 0 (`null` is not a number the server takes here).
            min_items_minor: min_items.unwrap_or(0),
            max_uses: self.max_uses.get_untracked().trim().parse::<i64>().ok(),
            starts_at: start_of(&self.starts.get_untracked()),
            expires_at: end_of(&self.expires.get_untracked()),
            active: true,
        })
    }
}

/// A new promo code (`POST /api/admin/promo-codes`).
#[component]
fn NewPromo(currency: String, loaded: Loaded<Settings>) -> impl IntoView {
    let act = Act::new();
    let fields = PromoFields::new(currency);
    let PromoFields {
        code,
        kind,
        amount,
        minimum,
        max_uses,
        starts,
        expires,
        currency,
    } = fields;
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match fields.request() {
            Ok(body) => change(act, loaded, "POST", "/api/admin/promo-codes".into(), Some(body)),
            Err(why) => act.refuse(why),
        }
    };
    view! {
        <form class="admin-form admin-form--row" on:submit=submit aria-label=t("New promo code") data-testid="promo-new">
            <label>{t("Code")} <input type="text" required pattern="[A-Za-z0-9_-]+" bind:value=code/></label>
            <label>{t("Discount kind")}
                <select prop:value=move || kind.get() on:change=move |ev| kind.set(event_target_value(&ev))>
                    <option value="percent">{t("Percent off")}</option>
                    <option value="amount">{t("Amount off")}</option>
                </select>
            </label>
            <label>{t("Discount")} <input type="text" inputmode="decimal" required bind:value=amount/></label>
            <label>{t("Promo currency")} <input type="text" maxlength="3" bind:value=currency/></label>
            <label>{t("Minimum items total (optional)")} <input type="text" inputmode="decimal" bind:value=minimum/></label>
            <label>{t("Use limit (optional)")} <input type="number" min="1" step="1" bind:value=max_uses/></label>
            <label>{t("First day (optional)")} <input type="date" bind:value=starts/></label>
            <label>{t("Last day (optional)")} <input type="date" bind:value=expires/></label>
            <button type="submit" class="admin-button" disabled=move || act.busy.get()>{t("Create promo code")}</button>
            <Refusal act/>
        </form>
    }
}
