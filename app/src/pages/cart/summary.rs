//! The checkout summary between the cart and Telegram's payment sheet: what will be paid,
//! how shipping is chosen, what the sheet will ask for, the promo code field and the tip
//! choice (card payments only: a Stars invoice has one line, so no discount or tip line).

use super::tip::{chosen_label, TipPicker};
use crate::api::Refusal;
use crate::cart::view::{CartTotal, TipChoice};
use crate::cart::{Cart, Saved};
use crate::i18n::{td_string, Locale};
use crate::language::use_lang;
use crate::orders::PromoPreview;
use crate::telegram::Telegram;
use leptos::prelude::*;

/// What the shopper chose in the summary: a promo code (as the server priced it, tip
/// included) and a tip (0: none).
#[derive(Clone, Copy)]
pub(super) struct Choices {
    pub promo: RwSignal<Option<PromoPreview>>,
    pub tip: RwSignal<i64>,
}

impl Choices {
    pub fn new() -> Self {
        Choices {
            promo: RwSignal::new(None),
            tip: RwSignal::new(0),
        }
    }

    /// Forgets both, e.g. back in the cart, where the lines may change.
    pub fn clear(&self) {
        self.promo.set(None);
        self.tip.set(0);
    }

    /// The checkout request for the cart with these choices (the tip only where one is offered).
    /// Paid in Stars, neither applies: a Stars invoice is one line.
    pub fn request(&self, cart: Cart, saved: &Saved, in_stars: bool) -> crate::orders::CheckoutRequest {
        let mut request = cart.checkout_request();
        if in_stars || matches!(saved, Saved::Priced(priced) if priced.cards_refused) {
            request.pay_in_stars = true;
            return request;
        }
        request.promo_code = self.promo.get_untracked().map(|applied| applied.code);
        let offered = matches!(saved, Saved::Priced(priced) if !priced.tips.is_empty());
        request.tip_minor = offered.then(|| self.tip.get_untracked());
        request
    }
}

/// The MainButton's caption on the summary: "Pay 48,00 €" when the cart is in one currency,
/// after the promo code and with the tip.
pub(super) fn pay_label(saved: &Saved, promo: Option<&PromoPreview>, tip: i64, locale: Locale) -> String {
    match (saved, promo) {
        (Saved::Priced(priced), _) if priced.cards_refused => match &priced.stars_total_label {
            Some(total) => td_string!(locale, pay_total, total),
            None => td_string!(locale, pay).to_owned(),
        },
        (_, Some(promo)) => td_string!(locale, pay_total, total = &promo.total_label),
        (Saved::Priced(priced), None) if priced.totals.len() == 1 => {
            let tipped = priced.tips.iter().find(|t| t.minor == tip && tip > 0);
            let total = tipped.map_or(&priced.totals[0].label, |t| &t.total_label);
            td_string!(locale, pay_total, total)
        }
        _ => td_string!(locale, pay).to_owned(),
    }
}

/// What Telegram's payment sheet will ask for (the server's `asks` codes), as a list in words.
fn asks_in_words(asks: &[String], locale: Locale) -> String {
    let words: Vec<String> = asks
        .iter()
        .map(|ask| match ask.as_str() {
            "name" => td_string!(locale, ask_name),
            "shipping_address" => td_string!(locale, ask_shipping_address),
            "phone" => td_string!(locale, ask_phone),
            "email" => td_string!(locale, ask_email),
            other => other,
        })
        .map(str::to_owned)
        .collect();
    let and = |first: &str, last: &str| td_string!(locale, list_and, first, last);
    crate::language::join_list(&words, td_string!(locale, list_separator), and)
}

/// What will be paid, before paying: the lines, the items' total, how shipping is chosen and
/// what Telegram's payment sheet will ask for. "Change" (or the BackButton) returns to the cart.
/// A fiat cart the server says can all be paid in Stars offers that too, beside the
/// MainButton's card payment: `pay_in_stars` runs.
#[component]
pub(super) fn Summary(
    reviewing: RwSignal<bool>,
    choices: Choices,
    pay_in_stars: Callback<()>,
) -> impl IntoView {
    let tip = choices.tip;
    let (cart, locale) = (Cart::expect(), use_lang().now());
    move || {
        let Saved::Priced(priced) = cart.saved() else {
            return view! { <p class="notice">{td_string!(locale, loading_cart)}</p> }.into_any();
        };
        let lines: Vec<_> = priced
            .lines
            .into_iter()
            .filter(|l| cart.quantity(l.variant_id) > 0)
            .collect();
        // Digital goods listed in a fiat currency: the MainButton pays them in Stars.
        let stars = priced.cards_refused || priced.totals.iter().any(|t| t.items.currency.is_stars());
        let asks = (!priced.asks.is_empty()).then_some(priced.asks);
        let tips = StoredValue::new(priced.tips);
        let stars_total = priced.stars_total_label.filter(|_| !stars);
        view! {
            <section class="summary" data-testid="checkout-summary" aria-labelledby="summary-title">
                <h2 id="summary-title" class="summary__title">{td_string!(locale, summary_title)}</h2>
                <ul class="summary__lines">
                    {lines.into_iter().map(|line| view! {
                        <li class="summary__line">
                            <span>{format!("{} × {}", line.quantity, line.name)}</span>
                            <span><bdi dir="ltr">{line.line_label}</bdi></span>
                        </li>
                    }).collect_view()}
                </ul>
                <SummaryTotals totals=priced.totals choices tips shipping_from=priced.shipping_from/>
                {(!stars).then(|| view! { <PromoForm choices/> })}
                {tips.with_value(|tips| (!tips.is_empty()).then(|| view! { <TipPicker choices=tips.clone() tip/> }))}
                {asks.map(|asks| view! {
                    <p class="summary__asks" data-testid="summary-asks">
                        {td_string!(locale, asks, what = asks_in_words(&asks, locale))}
                    </p>
                })}
                {stars_total.map(|total| view! {
                    <button class="button" data-testid="pay-in-stars" on:click=move |_| pay_in_stars.run(())>
                        {td_string!(locale, pay_in_stars, total = crate::language::ltr(locale, &total))}
                    </button>
                })}
                <button class="button button--secondary" on:click=move |_| reviewing.set(false)>{td_string!(locale, change_cart)}</button>
            </section>
        }
        .into_any()
    }
}

/// The summary's totals: the items' total per currency, then the promo code's discount and the
/// tip as chosen, and how shipping will be priced.
#[component]
fn SummaryTotals(
    totals: Vec<CartTotal>,
    choices: Choices,
    tips: StoredValue<Vec<TipChoice>>,
    shipping_from: Option<String>,
) -> impl IntoView {
    let Choices { promo, tip } = choices;
    let locale = use_lang().now();
    view! {
        <dl class="cart-totals">
            {totals.into_iter().map(|total| view! {
                <dt>{td_string!(locale, items)}</dt>
                <dd data-testid="summary-total"><bdi dir="ltr">{total.label}</bdi></dd>
            }).collect_view()}
            {move || promo.get().map(|applied| view! {
                <dt>{td_string!(locale, promo_line, code = applied.code)}</dt>
                <dd data-testid="summary-discount"><bdi dir="ltr">{applied.discount_label}</bdi></dd>
            })}
            {move || tips.with_value(|tips| chosen_label(tips, tip.get())).map(|label| view! {
                <dt>{td_string!(locale, tip_line)}</dt>
                <dd data-testid="summary-tip"><bdi dir="ltr">{label}</bdi></dd>
            })}
            {shipping_from.map(|from| view! {
                <dt>{td_string!(locale, shipping)}</dt>
                <dd>{td_string!(locale, shipping_in_sheet, price = crate::language::ltr(locale, &from))}</dd>
            })}
        </dl>
    }
}

/// A promo code for card payments (Stars invoices take one line, so no discount): Apply asks
/// the server what it takes off this cart; Remove drops it.
#[component]
fn PromoForm(choices: Choices) -> impl IntoView {
    let (telegram, cart, locale) = (Telegram::expect(), Cart::expect(), use_lang().now());
    let promo = choices.promo;
    let typed = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<Refusal>);
    let quote = move |code: String| quote_promo(telegram, cart, choices, problem, locale, code);
    let apply = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        quote(typed.get_untracked());
    };
    // A new tip changes the total the applied code's preview shows: ask again.
    Effect::watch(
        move || choices.tip.get(),
        move |_, _, _| {
            if let Some(applied) = promo.get_untracked() {
                quote(applied.code);
            }
        },
        false,
    );
    view! {
        {move || match promo.get() {
            Some(applied) => view! {
                <p class="promo">
                    {td_string!(locale, promo_applied, code = applied.code)}
                    <button class="button button--secondary" on:click=move |_| promo.set(None)>{td_string!(locale, remove)}</button>
                </p>
            }
            .into_any(),
            None => view! {
                <form class="promo" on:submit=apply>
                    <label class="promo__label" for="promo-code">{td_string!(locale, promo_label)}</label>
                    <input id="promo-code" class="search__input" autocomplete="off" autocapitalize="characters"
                        prop:value=move || typed.get() on:input=move |e| typed.set(event_target_value(&e))/>
                    <button class="button" type="submit">{td_string!(locale, apply)}</button>
                </form>
            }
            .into_any(),
        }}
        <p class="promo__problem" role="alert" hidden=move || problem.get().is_none()>
            {move || problem.get().map(|why| why.text(locale))}
        </p>
    }
}

/// Asks the server what `code` takes off the cart, with the chosen tip in the total, and shows
/// the answer: the code applied, or why not.
fn quote_promo(
    telegram: Telegram,
    cart: Cart,
    choices: Choices,
    problem: RwSignal<Option<Refusal>>,
    locale: Locale,
    code: String,
) {
    let init_data = telegram.launch.get_untracked().and_then(|l| l.init_data);
    let Some(init_data) = init_data else {
        let text = td_string!(locale, open_for_promo);
        problem.set(Some(Refusal::other(text)));
        return;
    };
    let mut request = choices.request(cart, &cart.saved_untracked(), false);
    request.promo_code = Some(code);
    let request = serde_json::to_string(&request).unwrap_or_default();
    #[cfg(feature = "hydrate")]
    leptos::task::spawn_local(async move {
        let answer = crate::telegram::bridge::post_with_init_data("/api/promo", &request, &init_data)
            .await
            .and_then(|body| serde_json::from_str::<PromoPreview>(&body).map_err(Refusal::from));
        telegram.haptic(match answer.is_ok() {
            true => crate::telegram::Haptic::Success,
            false => crate::telegram::Haptic::Error,
        });
        problem.set(answer.as_ref().err().cloned());
        choices.promo.set(answer.ok());
    });
    #[cfg(not(feature = "hydrate"))]
    let _ = (request, init_data);
}
