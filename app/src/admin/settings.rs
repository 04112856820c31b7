//! `/admin/settings`: the shop's name, currency, time zone (events are set and shown on its
//! clock) and the Mini App's short name (the links of published events), the chat the bot notifies of new orders,
//! the units one buyer may reserve of a variant, shipping rates ([`super::shipping_rates`]) and promo codes ([`super::promo_codes`]), tips per
//! currency, the support contact and privacy policy ([`super::policies`]), and the webhook's
//! health (as on the dashboard). Each form saves its own part; the
//! page then loads the settings again.

use super::action::{load, show, Act, Loaded, Refusal};
use super::amount::{format_amount, parse_amount};
use super::api;
use super::promo_codes::PromoCodes;
use super::shipping_rates::ShippingRates;
use crate::admin::texts::{t, tf};
use crate::admin_api::{AdminLanguage, Notifications, Reservations, SaveTips, Settings, Shop, TipPreset};
use crate::identity::ChatId;
use leptos::prelude::*;
use serde::de::IgnoredAny;
use serde::Serialize;

/// Amounts typed as a comma- or space-separated list (`"1, 2.50, 5"`), in minor units.
pub(crate) fn parse_amounts(text: &str, currency: &str) -> Result<Vec<i64>, String> {
    text.split([',', ' ', ';'])
        .filter(|part| !part.trim().is_empty())
        .map(|part| parse_amount(part, currency).map_err(|e| format!("{part:?}: {e}")))
        .collect()
}

/// `/admin/settings`.
#[component]
pub(crate) fn SettingsPage() -> impl IntoView {
    let settings = load::<Settings>(|| "/api/admin/settings".into());
    view! {
        <h1 class="admin-title">{t("Settings")}</h1>
        {show(settings, move |s| view! {
            <ShopForm settings=s.clone() loaded=settings/>
            <ReservationsForm units=s.reservations.max_units_per_variant loaded=settings/>
            <ShippingRates rates=s.shipping.clone() currency=s.shop.currency.clone() loaded=settings/>
            <TipsCard tips=s.tips.clone() currency=s.shop.currency.clone() loaded=settings/>
            <PromoCodes codes=s.promo_codes currency=s.shop.currency loaded=settings/>
        })}
        <super::policies::PoliciesCard/>
        <super::webhook::WebhookPanel/>
    }
}

/// `method path` with `body`, then the settings again.
pub(crate) fn change<B: Serialize + 'static>(
    act: Act,
    loaded: Loaded<Settings>,
    method: &'static str,
    path: String,
    body: Option<B>,
) {
    act.run(
        move |auth| async move { api::send::<IgnoredAny>(&auth, method, &path, body.as_ref()).await },
        move |_| loaded.refetch(),
    );
}

#[component]
fn ShopForm(settings: Settings, loaded: Loaded<Settings>) -> impl IntoView {
    let (shop, notify) = (Act::new(), Act::new());
    let chosen = settings.shop.language.clone().flatten().unwrap_or_default();
    let fields = ShopFields::new(settings.shop);
    let ShopFields {
        name,
        currency,
        time_zone,
        short_name,
    } = fields;
    let chat = RwSignal::new(
        settings
            .notification_chat_id
            .map(|c| c.to_string())
            .unwrap_or_default(),
    );
    let save_shop = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match fields.request(super::zoned::known_zone) {
            Ok(body) => change(shop, loaded, "PUT", "/api/admin/settings/shop".into(), Some(body)),
            Err(why) => shop.refuse(why),
        }
    };
    let save_chat = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = chat.get_untracked();
        let chat_id = match text.trim() {
            "" => None,
            id => match id.parse::<i64>() {
                Ok(id) => Some(ChatId(id)),
                Err(_) => return notify.refuse(t("a chat id is a whole number, like -1001234567890")),
            },
        };
        change(
            notify,
            loaded,
            "PUT",
            "/api/admin/settings/notifications".into(),
            Some(Notifications { chat_id }),
        );
    };
    view! {
        <form class="admin-form admin-card" on:submit=save_shop aria-label=t("Shop") data-testid="shop-settings">
            <h2>{t("Shop")}</h2>
            <label>{t("Shop name")} <input type="text" required bind:value=name/></label>
            <label>{t("Shop currency")} <input type="text" required maxlength="3" pattern="[A-Za-z]{3}" bind:value=currency/></label>
            <label>{t("Time zone of events (IANA name, e.g. Europe/Paris)")} <input type="text" required bind:value=time_zone/></label>
            <label>{t("Mini App short name (for event links; empty: none)")} <input type="text" pattern="[A-Za-z0-9_]{3,30}" bind:value=short_name/></label>
            <button type="submit" class="admin-button" disabled=move || shop.busy.get()>{t("Save shop")}</button>
            <Refusal act=shop/>
        </form>
        <form class="admin-form admin-card" on:submit=save_chat aria-label=t("Notifications") data-testid="notification-settings">
            <h2>{t("Notifications")}</h2>
            <label>{t("Chat id for new orders (empty: none)")} <input type="text" inputmode="numeric" bind:value=chat/></label>
            <button type="submit" class="admin-button" disabled=move || notify.busy.get()>{t("Save notifications")}</button>
            <Refusal act=notify/>
        </form>
        <LanguageForm fields chosen/>
    }
}

/// The language of the admin page and of the bot's messages to the merchant: one of the four,
/// or each admin's Telegram language. Saved with the shop (`PUT /api/admin/settings/shop`'s
/// `language`), then the page loads again in it (its texts are fixed for the page's life).
#[component]
fn LanguageForm(fields: ShopFields, chosen: String) -> impl IntoView {
    let act = Act::new();
    let language = RwSignal::new(chosen.clone());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut body = match fields.request(super::zoned::known_zone) {
            Ok(body) => body,
            Err(why) => return act.refuse(why),
        };
        let code = language.get_untracked();
        body.language = Some(Some(code).filter(|c| !c.is_empty()));
        act.run(
            move |auth| async move {
                api::send::<IgnoredAny>(&auth, "PUT", "/api/admin/settings/shop", Some(&body)).await
            },
            |_| api::reload(),
        );
    };
    let options = AdminLanguage::ALL.map(|l| {
        let selected = chosen == l.code();
        view! { <option value=l.code() selected=selected lang=l.code()>{l.own_name()}</option> }
    });
    view! {
        <form class="admin-form admin-card" on:submit=submit aria-label=t("Language") data-testid="language-settings">
            <h2>{t("Language")}</h2>
            <label>{t("The admin page and the bot's messages to you")}
                <select name="language" on:change=move |ev| language.set(event_target_value(&ev)) data-testid="admin-language">
                    <option value="" selected=chosen.is_empty()>{t("Each admin's Telegram language")}</option>
                    {options.into_iter().collect_view()}
                </select>
            </label>
            <button type="submit" class="admin-button" disabled=move || act.busy.get()>{t("Save language")}</button>
            <Refusal act/>
        </form>
    }
}

/// The shop's fields as typed.
#[derive(Clone, Copy)]
struct ShopFields {
    name: RwSignal<String>,
    currency: RwSignal<String>,
    time_zone: RwSignal<String>,
    /// Empty: none.
    short_name: RwSignal<String>,
}

impl ShopFields {
    fn new(shop: Shop) -> Self {
        ShopFields {
            name: RwSignal::new(shop.name),
            currency: RwSignal::new(shop.currency),
            time_zone: RwSignal::new(shop.time_zone.unwrap_or_else(|| "UTC".into())),
            short_name: RwSignal::new(shop.mini_app_short_name.unwrap_or_default()),
        }
    }

    /// The shop for the API, or why it cannot be sent: a time zone is one `known` says the
    /// browser knows; an emptied short name (`""`) removes it.
    fn request(self, known: fn(&str) -> bool) -> Result<Shop, String> {
        let time_zone = self.time_zone.get_untracked().trim().to_owned();
        if !known(&time_zone) {
            return Err(tf!(
                "{zone} is not a time zone: an IANA name such as Europe/Paris or America/New_York",
                zone = format!("{time_zone:?}")
            ));
        }
        Ok(Shop {
            name: self.name.get_untracked().trim().to_owned(),
            currency: self.currency.get_untracked().trim().to_uppercase(),
            time_zone: Some(time_zone),
            mini_app_short_name: Some(self.short_name.get_untracked().trim().to_owned()),
            // The merchant's language is not this form's: absent keeps it.
            language: None,
        })
    }
}

/// The units of one variant one buyer may reserve (`PUT /api/admin/settings/reservations`).
#[component]
fn ReservationsForm(units: i64, loaded: Loaded<Settings>) -> impl IntoView {
    let save = Act::new();
    let typed = RwSignal::new(units.to_string());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match typed.get_untracked().trim().parse::<i64>() {
            Ok(max_units_per_variant) => change(
                save,
                loaded,
                "PUT",
                "/api/admin/settings/reservations".into(),
                Some(Reservations {
                    max_units_per_variant,
                }),
            ),
            Err(_) => save.refuse(t("a whole number from 1 to 1000")),
        }
    };
    view! {
        <form class="admin-form admin-card" on:submit=submit aria-label=t("Reservations") data-testid="reservation-settings">
            <h2>{t("Reservations")}</h2>
            <label>{t("Units one buyer may reserve of a variant")} <input type="number" min="1" max="1000" required bind:value=typed/></label>
            <button type="submit" class="admin-button" disabled=move || save.busy.get()>{t("Save reservations")}</button>
            <Refusal act=save/>
        </form>
    }
}

#[component]
fn TipsCard(tips: Vec<TipPreset>, currency: String, loaded: Loaded<Settings>) -> impl IntoView {
    view! {
        <section class="admin-card" aria-labelledby="tips-title" data-testid="tips">
            <h2 id="tips-title">{t("Tips")}</h2>
            {tips.into_iter().map(|t| view! { <TipsForm tips=Some(t.clone()) currency=t.currency loaded/> }).collect_view()}
            <TipsForm tips=None currency loaded/>
        </section>
    }
}

/// One currency's tips as typed.
#[derive(Clone, Copy)]
struct TipsFields {
    code: RwSignal<String>,
    max: RwSignal<String>,
    suggested: RwSignal<String>,
}

impl TipsFields {
    /// The fields showing `tips`, or empty ones for a new currency's.
    fn new(tips: Option<&TipPreset>, currency: String) -> Self {
        let (max, suggested) = match tips {
            Some(t) => (
                format_amount(t.max_tip_minor, &t.currency),
                t.suggested
                    .iter()
                    .map(|s| format_amount(*s, &t.currency))
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
            None => (String::new(), String::new()),
        };
        TipsFields {
            code: RwSignal::new(currency),
            max: RwSignal::new(max),
            suggested: RwSignal::new(suggested),
        }
    }

    /// The currency and its tips for the API, or why they cannot be sent.
    fn request(self) -> Result<(String, SaveTips), String> {
        let currency = self.code.get_untracked().trim().to_uppercase();
        let max_tip_minor = parse_amount(&self.max.get_untracked(), &currency)
            .map_err(|why| tf!("largest tip: {why}", why = why))?;
        let suggested = parse_amounts(&self.suggested.get_untracked(), &currency)
            .map_err(|why| tf!("suggested tips: {why}", why = why))?;
        let body = SaveTips {
            max_tip_minor,
            suggested,
        };
        Ok((currency, body))
    }
}

/// One currency's tips (`PUT /api/admin/tips/{currency}`), or a new currency's when `tips` is `None`.
#[component]
fn TipsForm(tips: Option<TipPreset>, currency: String, loaded: Loaded<Settings>) -> impl IntoView {
    let (save, delete) = (Act::new(), Act::new());
    let existing = tips.is_some();
    let fields = TipsFields::new(tips.as_ref(), currency.clone());
    let TipsFields { code, max, suggested } = fields;
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match fields.request() {
            Ok((currency, body)) => change(
                save,
                loaded,
                "PUT",
                format!("/api/admin/tips/{currency}"),
                Some(body),
            ),
            Err(why) => save.refuse(why),
        }
    };
    let remove = move |_| {
        change(
            delete,
            loaded,
            "DELETE",
            format!("/api/admin/tips/{}", code.get_untracked()),
            None::<()>,
        )
    };
    view! {
        <form class="admin-form admin-form--row" on:submit=submit data-testid=format!("tips-{}", if existing { currency.as_str() } else { "new" })>
            <label>{t("Tip currency")} <input type="text" required maxlength="3" readonly=existing bind:value=code/></label>
            <label>{t("Largest tip")} <input type="text" inputmode="decimal" required bind:value=max/></label>
            <label>{t("Suggested tips (comma-separated)")} <input type="text" bind:value=suggested/></label>
            <button type="submit" class="admin-button" disabled=move || save.busy.get()>{if existing { t("Save tips") } else { t("Add tips") }}</button>
            {existing.then(|| view! {
                <button type="button" class="admin-button admin-button--danger" on:click=remove disabled=move || delete.busy.get()>{t("Delete tips")}</button>
            })}
            <Refusal act=save/>
            <Refusal act=delete/>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shop_form_sends_its_time_zone_and_empties_the_short_name_to_remove_it() {
        // Signals need an owner (and, with leptos' `sandboxed-arenas`, its arena).
        Owner::new().with(|| {
            let fields = ShopFields::new(Shop {
                name: "Shop".into(),
                currency: "eur".into(),
                time_zone: None,
                mini_app_short_name: None,
                language: None,
            });
            let shop = fields.request(|zone| zone == "UTC").unwrap();
            assert_eq!(shop.time_zone.as_deref(), Some("UTC"));
            assert_eq!(shop.mini_app_short_name.as_deref(), Some(""));
            assert_eq!(shop.currency, "EUR");
            fields.time_zone.set("Mars/Olympus".into());
            let why = fields.request(|zone| zone == "UTC").unwrap_err();
            assert!(why.starts_with("\"Mars/Olympus\" is not a time zone"), "{why}");
        });
    }

    #[test]
    fn suggested_tips_are_a_list_of_amounts() {
        assert_eq!(parse_amounts("1, 2.50 5", "EUR"), Ok(vec![100, 250, 500]));
        assert_eq!(parse_amounts("", "EUR"), Ok(vec![]));
        assert!(parse_amounts("1, x", "EUR").unwrap_err().contains("\"x\""));
    }
}
