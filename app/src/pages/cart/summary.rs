//! The checkout summary between the cart and Telegram's payment sheet: what will be paid,
//! how shipping is chosen, what the sheet will ask for, and the promo code field (card
//! payments only: a Stars invoice has one line, so no discount line).

use crate::cart::{Cart, Saved};
use crate::orders::PromoPreview;
use crate::telegram::Telegram;
use leptos::prelude::*;

/// The MainButton's caption on the summary: "Pay 48,00 €" when the cart is in one currency,
/// after the promo code if one is applied.
pub(super) fn pay_label(saved: &Saved, promo: Option<&PromoPreview>) -> String {
    match (saved, promo) {
        (_, Some(promo)) => format!("Pay {}", promo.total_label),
        (Saved::Priced(priced), None) if priced.totals.len() == 1 => {
            format!("Pay {}", priced.totals[0].label)
        }
        _ => "Pay".to_owned(),
    }
}

/// What will be paid, before paying: the lines, the items' total, how shipping is chosen and
/// what Telegram's payment sheet will ask for. "Change" (or the BackButton) returns to the cart.
#[component]
pub(super) fn Summary(reviewing: RwSignal<bool>, promo: RwSignal<Option<PromoPreview>>) -> impl IntoView {
    let cart = Cart::expect();
    move || {
        let Saved::Priced(priced) = cart.saved() else {
            return view! { <p class="notice">"Loading your cart…"</p> }.into_any();
        };
        let lines: Vec<_> = priced
            .lines
            .into_iter()
            .filter(|l| cart.quantity(l.variant_id) > 0)
            .collect();
        let stars = priced.totals.iter().any(|t| t.items.currency.is_stars());
        let asks = match priced.asks.as_slice() {
            [] => None,
            [only] => Some(only.clone()),
            [first @ .., last] => Some(format!("{} and {last}", first.join(", "))),
        };
        view! {
            <section class="summary" data-testid="checkout-summary" aria-labelledby="summary-title">
                <h2 id="summary-title" class="summary__title">"Order summary"</h2>
                <ul class="summary__lines">
                    {lines.into_iter().map(|line| view! {
                        <li class="summary__line">
                            <span>{format!("{} × {}", line.quantity, line.name)}</span>
                            <span>{line.line_label}</span>
                        </li>
                    }).collect_view()}
                </ul>
                <dl class="cart-totals">
                    {priced.totals.into_iter().map(|total| view! {
                        <dt>"Items"</dt>
                        <dd data-testid="summary-total">{total.label}</dd>
                    }).collect_view()}
                    {move || promo.get().map(|applied| view! {
                        <dt>{format!("Promo code {}", applied.code)}</dt>
                        <dd data-testid="summary-discount">{applied.discount_label}</dd>
                    })}
                    {priced.shipping_from.map(|from| view! {
                        <dt>"Shipping"</dt>
                        <dd>{format!("from {from}, chosen in Telegram's payment sheet")}</dd>
                    })}
                </dl>
                {(!stars).then(|| view! { <PromoForm promo/> })}
                {asks.map(|asks| view! {
                    <p class="summary__asks" data-testid="summary-asks">{format!("Telegram will ask for {asks}.")}</p>
                })}
                <button class="button button--secondary" on:click=move |_| reviewing.set(false)>"Change the cart"</button>
            </section>
        }
        .into_any()
    }
}

/// A promo code for card payments (Stars invoices take one line, so no discount): Apply asks
/// the server what it takes off this cart; Remove drops it.
#[component]
fn PromoForm(promo: RwSignal<Option<PromoPreview>>) -> impl IntoView {
    let (telegram, cart) = (Telegram::expect(), Cart::expect());
    let typed = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let apply = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let init_data = telegram.launch.get_untracked().and_then(|l| l.init_data);
        let Some(init_data) = init_data else {
            problem.set(Some("Open the shop from Telegram to use a promo code.".into()));
            return;
        };
        let mut request = cart.checkout_request();
        request.promo_code = Some(typed.get_untracked());
        let request = serde_json::to_string(&request).unwrap_or_default();
        #[cfg(feature = "hydrate")]
        leptos::task::spawn_local(async move {
            let answer = crate::telegram::bridge::post_with_init_data("/api/promo", &request, &init_data)
                .await
                .and_then(|body| serde_json::from_str::<PromoPreview>(&body).map_err(|e| e.to_string()));
            telegram.haptic(match answer.is_ok() {
                true => crate::telegram::Haptic::Success,
                false => crate::telegram::Haptic::Error,
            });
            problem.set(answer.as_ref().err().cloned());
            promo.set(answer.ok());
        });
        #[cfg(not(feature = "hydrate"))]
        let _ = (request, init_data);
    };
    view! {
        {move || match promo.get() {
            Some(applied) => view! {
                <p class="promo">
                    {format!("Promo code {} applied.", applied.code)}
                    <button class="button button--secondary" on:click=move |_| promo.set(None)>"Remove"</button>
                </p>
            }
            .into_any(),
            None => view! {
                <form class="promo" on:submit=apply>
                    <label class="promo__label" for="promo-code">"Promo code"</label>
                    <input id="promo-code" class="search__input" autocomplete="off" autocapitalize="characters"
                        prop:value=move || typed.get() on:input=move |e| typed.set(event_target_value(&e))/>
                    <button class="button" type="submit">"Apply"</button>
                </form>
            }
            .into_any(),
        }}
        <p class="promo__problem" role="alert" hidden=move || problem.get().is_none()>
            {move || problem.get().unwrap_or_default()}
        </p>
    }
}
