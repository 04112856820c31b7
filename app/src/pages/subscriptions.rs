//! Stars subscriptions for the shopper: `/shop/subscriptions` ("My subscriptions", its own
//! wasm chunk, [`super::lazy::Subscriptions`]) lists theirs with what each costs a month and
//! until when it runs, with Cancel renewal / Renew (`POST /api/subscriptions/{id}/renewal`);
//! and [`Subscribe`], the subscription product page's button, which asks the server for the
//! subscription's invoice (`POST /api/subscriptions`), opens Telegram's payment sheet on it
//! and, once paid, leads here.

use super::orders::{back_to_shop, when_signed_in, Mine, Problem};
use crate::api::Refusal;
use crate::catalog::VariantId;
use crate::error_code::ErrorCode;
use crate::i18n::{td_string, Locale};
use crate::language::use_lang;
use crate::subscriptions::{SubscriptionId, SubscriptionList, SubscriptionStatus, SubscriptionView};
use crate::telegram::{Haptic, Telegram};
use leptos::prelude::*;

/// How often, and how many times, the list asks again for a subscription just paid that the
/// server has not recorded yet (Telegram's payment update may arrive after the sheet closes).
#[cfg(feature = "hydrate")]
const WAIT_FOR_PAID: (u32, u32) = (1_000, 15);

/// `/shop/subscriptions`; `?new=<id>` names one just paid, asked for again until it shows.
#[component]
pub fn SubscriptionsPage() -> impl IntoView {
    back_to_shop();
    let locale = use_lang().now();
    let loaded = RwSignal::new(Mine::<SubscriptionList>::Loading);
    let query = leptos_router::hooks::use_query_map();
    let new = query.with_untracked(|q| q.get("new").and_then(|id| id.parse::<i64>().ok()));
    when_signed_in(loaded, move |init_data| {
        #[cfg(feature = "hydrate")]
        leptos::task::spawn_local(async move {
            let (pause, tries) = WAIT_FOR_PAID;
            for _ in 0..tries {
                let mine =
                    super::orders::get_mine::<SubscriptionList>("/api/subscriptions", &init_data).await;
                let missing = match (&mine, new) {
                    (Mine::Ready(list), Some(id)) => !list.subscriptions.iter().any(|s| s.id.0 == id),
                    _ => false,
                };
                loaded.set(mine);
                if !missing {
                    return;
                }
                gloo_timers::future::TimeoutFuture::new(pause).await;
            }
        });
        #[cfg(not(feature = "hydrate"))]
        let _ = (init_data, new);
    });
    view! {
        <crate::components::TopBar title=|l| td_string!(l, subscriptions_title)/>
        {move || match loaded.get() {
            Mine::Loading => view! { <p class="notice">{td_string!(locale, loading_subscriptions)}</p> }.into_any(),
            Mine::Problem(Problem::OutsideTelegram) => {
                view! { <p class="notice notice--error" role="alert">{td_string!(locale, open_for_subscriptions)}</p> }.into_any()
            }
            Mine::Problem(problem) => {
                view! { <p class="notice notice--error" role="alert">{problem.text(locale)}</p> }.into_any()
            }
            Mine::Ready(list) if list.subscriptions.is_empty() => view! {
                <p class="notice" data-testid="no-subscriptions">{td_string!(locale, no_subscriptions)}<a href="/shop">{td_string!(locale, start_shopping)}</a></p>
            }
            .into_any(),
            Mine::Ready(list) => view! {
                <ol class="order-list" data-testid="subscription-list">
                    {list.subscriptions.into_iter().map(|s| view! { <Row s/> }).collect_view()}
                </ol>
            }
            .into_any(),
        }}
    }
}

/// The day `ms` falls on, as the shopper's language writes it.
fn day(ms: i64, locale: Locale) -> String {
    #[cfg(feature = "hydrate")]
    if let Some(text) = super::intl::date_format(locale, &[("dateStyle", "long")])
        .and_then(|format| super::intl::call_format(&format, &super::intl::date(ms).into()))
    {
        return text;
    }
    let _ = locale;
    let iso = crate::components::iso_utc(ms);
    iso[..10].to_owned()
}

/// "Renews on …", "Cancelled — active until …", lapsed or not paid yet.
fn status_text(s: &SubscriptionView, locale: Locale) -> String {
    let until = s.expires_at.map(|ms| day(ms, locale)).unwrap_or_default();
    match (s.status, s.renews) {
        (SubscriptionStatus::Pending, _) => td_string!(locale, sub_pending).to_owned(),
        (SubscriptionStatus::Active, true) => td_string!(locale, sub_renews_on, date = &until),
        (SubscriptionStatus::Active, false) => td_string!(locale, sub_cancelled_until, date = &until),
        (SubscriptionStatus::Lapsed, _) => td_string!(locale, sub_lapsed).to_owned(),
    }
}

/// Why a change was refused, in the shopper's words: the subscription codes here (the
/// storefront's shared table would carry them into the first open), the rest as usual.
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
fn refusal_text(why: &Refusal, locale: Locale) -> String {
    const NOT_FOUND: &str = ErrorCode::SubscriptionNotFound.as_str();
    const NOT_RENEWABLE: &str = ErrorCode::SubscriptionNotRenewable.as_str();
    match why.code.as_deref().unwrap_or_default() {
        NOT_FOUND => td_string!(locale, error_sub_not_found).to_owned(),
        NOT_RENEWABLE => td_string!(locale, error_sub_not_renewable).to_owned(),
        _ => why.text(locale),
    }
}

/// One subscription, with the button that changes its renewal; the server's answer replaces it.
#[component]
fn Row(s: SubscriptionView) -> impl IntoView {
    let (telegram, locale) = (Telegram::expect(), use_lang().now());
    let current = RwSignal::new(s);
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let change = move |renews: bool| {
        if busy.get_untracked() {
            return;
        }
        let Some(init_data) = telegram.launch.get_untracked().and_then(|l| l.init_data) else {
            error.set(Some(td_string!(locale, open_for_subscriptions).to_owned()));
            return;
        };
        telegram.haptic(Haptic::Tap);
        busy.set(true);
        error.set(None);
        let id: SubscriptionId = current.with_untracked(|s| s.id);
        let body = serde_json::to_string(&crate::subscriptions::RenewalChange { renews }).unwrap_or_default();
        #[cfg(feature = "hydrate")]
        leptos::task::spawn_local(async move {
            let path = format!("/api/subscriptions/{id}/renewal");
            let answer = crate::telegram::bridge::post_with_init_data(&path, &body, &init_data)
                .await
                .and_then(|body| serde_json::from_str::<SubscriptionView>(&body).map_err(Refusal::from));
            busy.set(false);
            match answer {
                Ok(view) => current.set(view),
                Err(why) => {
                    telegram.haptic(Haptic::Error);
                    error.set(Some(td_string!(
                        locale,
                        sub_change_failed,
                        why = refusal_text(&why, locale)
                    )));
                }
            }
        });
        #[cfg(not(feature = "hydrate"))]
        let _ = (id, body, init_data);
    };
    move || {
        let s = current.get();
        let status = s.status;
        let button = match (status, s.renews) {
            (SubscriptionStatus::Active, true) => {
                Some((td_string!(locale, sub_cancel), false, "button button--secondary"))
            }
            (SubscriptionStatus::Active, false) => Some((td_string!(locale, sub_renew), true, "button")),
            _ => None,
        };
        view! {
            <li class="order-row" data-testid="subscription" data-id=s.id.0 data-status=status.as_str() data-renews=s.renews.to_string()>
                <span class="order-row__title">{s.name.clone()}</span>
                <span class="order-row__total"><bdi dir="ltr">{td_string!(locale, sub_price, stars = s.price_stars)}</bdi></span>
                <span class="order-row__what" data-testid="subscription-status">{status_text(&s, locale)}</span>
                {button.map(|(text, renews, class)| view! {
                    <button class=class data-testid="subscription-change" disabled=move || busy.get() on:click=move |_| change(renews)>{text}</button>
                })}
                {move || error.get().map(|text| view! { <p class="notice notice--alert" role="alert" data-testid="subscription-error">{text}</p> })}
            </li>
        }
    }
}

/// Where subscribing stands on the product page.
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
#[derive(Clone, Debug, PartialEq, Eq)]
enum Subscribing {
    Idle,
    CreatingInvoice,
    /// The payment sheet is open on this subscription's invoice slug.
    SheetOpen(SubscriptionId, String),
    Notice(String),
}

/// A subscription product's Subscribe button: its invoice (monthly, in Stars) in Telegram's
/// payment sheet; paid leads to My subscriptions, else the page says what happened.
#[component]
pub fn Subscribe(variant: VariantId) -> impl IntoView {
    let (telegram, locale) = (Telegram::expect(), use_lang().now());
    let state = RwSignal::new(Subscribing::Idle);
    let navigate = leptos_router::hooks::use_navigate();
    Effect::watch(
        move || telegram.invoice_closed.get(),
        move |closed, _, _| {
            let Some((slug, status)) = closed else { return };
            let Subscribing::SheetOpen(id, open) = state.get_untracked() else {
                return;
            };
            if &open != slug {
                return;
            }
            match status.as_str() {
                "paid" | "pending" => {
                    telegram.haptic(Haptic::Success);
                    state.set(Subscribing::Idle);
                    navigate(&format!("/shop/subscriptions?new={id}"), Default::default());
                }
                "failed" => {
                    telegram.haptic(Haptic::Error);
                    state.set(Subscribing::Notice(
                        td_string!(locale, subscribe_failed).to_owned(),
                    ));
                }
                _ => state.set(Subscribing::Notice(
                    td_string!(locale, subscribe_cancelled).to_owned(),
                )),
            }
        },
        false,
    );
    let subscribe = move |_| {
        if state.get_untracked() == Subscribing::CreatingInvoice {
            return;
        }
        let Some(init_data) = telegram.launch.get_untracked().and_then(|l| l.init_data) else {
            state.set(Subscribing::Notice(td_string!(locale, open_to_pay).to_owned()));
            return;
        };
        telegram.haptic(Haptic::Tap);
        state.set(Subscribing::CreatingInvoice);
        let body = serde_json::to_string(&crate::subscriptions::SubscribeRequest {
            variant_id: variant.0,
        })
        .unwrap_or_default();
        #[cfg(feature = "hydrate")]
        leptos::task::spawn_local(async move {
            let answer =
                crate::telegram::bridge::post_with_init_data("/api/subscriptions", &body, &init_data)
                    .await
                    .and_then(|body| {
                        serde_json::from_str::<crate::subscriptions::SubscribeResponse>(&body)
                            .map_err(Refusal::from)
                    });
            let opened = answer.and_then(|answer| {
                let slug = crate::orders::invoice_slug(&answer.invoice_link)
                    .ok_or_else(|| Refusal {
                        code: Some(const { ErrorCode::InvoiceLinkBad.as_str() }.into()),
                        message: "Telegram sent an invoice link this app cannot open".into(),
                    })?
                    .to_owned();
                telegram.open_invoice(&slug);
                Ok(Subscribing::SheetOpen(answer.subscription_id, slug))
            });
            state.set(opened.unwrap_or_else(|why| {
                telegram.haptic(Haptic::Error);
                Subscribing::Notice(td_string!(
                    locale,
                    pay_start_failed,
                    why = refusal_text(&why, locale)
                ))
            }));
        });
        #[cfg(not(feature = "hydrate"))]
        let _ = (body, init_data);
    };
    view! {
        <p class="product__stock">{td_string!(locale, subscribe_note)}</p>
        <button
            class="button"
            data-testid="subscribe"
            disabled=move || state.get() == Subscribing::CreatingInvoice
            on:click=subscribe
        >
            {td_string!(locale, subscribe)}
        </button>
        {move || match state.get() {
            Subscribing::Notice(text) => Some(view! { <p class="notice notice--alert" role="alert" data-testid="pay-notice">{text}</p> }),
            _ => None,
        }}
        <p class="notice"><a href="/shop/subscriptions" data-testid="subscriptions-link">{td_string!(locale, subscriptions_title)}</a></p>
    }
}
