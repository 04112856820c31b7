//! Paying from the cart: what Telegram's MainButton and BackButton show and do on the cart
//! page and its summary, asking the server for an invoice, opening it, and answering the
//! payment sheet when it closes.

use super::summary::{pay_label, Choices};
use crate::api::Refusal;
use crate::cart::Cart;
use crate::i18n::{td_string, Locale};
use crate::language::is_one;
use crate::orders::OrderId;
use crate::telegram::{Haptic, Telegram};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

/// Where paying stands.
// Built in the browser only; server rendering shows the idle state.
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Paying {
    Idle,
    /// The server is creating the order and its invoice.
    CreatingInvoice,
    /// Telegram's payment sheet is open for this order and invoice slug.
    SheetOpen(OrderId, String),
    /// Something to tell the shopper.
    Notice(Notice),
}

/// What paying has to tell the shopper.
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Notice {
    OutsideTelegram,
    NotStarted(Refusal),
    Failed,
    Cancelled,
}

impl Notice {
    pub(super) fn text(&self, locale: Locale) -> String {
        match self {
            Notice::OutsideTelegram => td_string!(locale, open_to_pay).to_owned(),
            Notice::NotStarted(why) => td_string!(locale, pay_start_failed, why = why.text(locale)),
            Notice::Failed => td_string!(locale, payment_failed).to_owned(),
            Notice::Cancelled => td_string!(locale, payment_cancelled).to_owned(),
        }
    }
}

/// What Telegram's buttons show while the cart page is open: the MainButton's caption ("Checkout",
/// or on the summary what will be paid; busy while the invoice is made), the BackButton, and
/// the closing confirmation while the cart holds items.
pub(super) fn show_buttons(
    telegram: Telegram,
    cart: Cart,
    paying: RwSignal<Paying>,
    reviewing: RwSignal<bool>,
    choices: Choices,
    locale: Locale,
) {
    Effect::new(move |_| {
        let count = cart.item_count();
        let label = match (count, reviewing.get()) {
            (0, _) => None,
            (_, true) => Some(pay_label(
                &cart.saved(),
                choices.promo.get().as_ref(),
                choices.tip.get(),
                locale,
            )),
            (_, false) if is_one(locale, count.into()) => Some(td_string!(locale, checkout_1).to_owned()),
            (_, false) => Some(td_string!(locale, checkout_n, count)),
        };
        match (paying.get(), label) {
            (Paying::CreatingInvoice, Some(label)) => telegram.main_button_busy(&label),
            (_, label) => telegram.main_button(label.as_deref()),
        }
        telegram.back_button(true);
        telegram.closing_confirmation(count > 0);
    });
}

/// What the buttons do: Back leaves the summary for the cart, or the cart for the storefront;
/// the MainButton opens the summary, then pays; a closed payment sheet is answered.
pub(super) fn answer_buttons(
    telegram: Telegram,
    cart: Cart,
    paying: RwSignal<Paying>,
    reviewing: RwSignal<bool>,
    choices: Choices,
) {
    let navigate = use_navigate();
    let back = navigate.clone();
    Effect::watch(
        move || telegram.back_button_presses(),
        move |_, _, _| match reviewing.get_untracked() {
            true => reviewing.set(false),
            false => back("/shop", Default::default()),
        },
        false,
    );
    Effect::watch(
        move || telegram.main_button_presses(),
        move |_, _, _| match reviewing.get_untracked() {
            true => start_paying(telegram, cart, paying, choices, false),
            false if cart.item_count() > 0 => {
                telegram.haptic(Haptic::Tap);
                paying.set(Paying::Idle);
                reviewing.set(true);
            }
            false => {}
        },
        false,
    );
    Effect::watch(
        move || telegram.invoice_closed.get(),
        move |closed, _, _| {
            if let Some((slug, status)) = closed {
                sheet_closed(telegram, cart, paying, slug.clone(), status.clone(), &navigate);
            }
        },
        false,
    );
}

/// MainButton (card or the cart's own currency) or "Pay … with Telegram Stars" (`in_stars`)
/// pressed on the summary: ask the server for an invoice and open it.
pub(super) fn start_paying(
    telegram: Telegram,
    cart: Cart,
    paying: RwSignal<Paying>,
    choices: Choices,
    in_stars: bool,
) {
    if cart.item_count() == 0 || paying.get_untracked() == Paying::CreatingInvoice {
        return;
    }
    let init_data = telegram.launch.get_untracked().and_then(|l| l.init_data);
    let Some(init_data) = init_data else {
        paying.set(Paying::Notice(Notice::OutsideTelegram));
        return;
    };
    telegram.haptic(Haptic::Tap);
    paying.set(Paying::CreatingInvoice);
    let request = choices.request(cart, &cart.saved_untracked(), in_stars);
    let request = serde_json::to_string(&request).unwrap_or_default();
    #[cfg(feature = "hydrate")]
    leptos::task::spawn_local(async move {
        let answer = crate::telegram::bridge::post_with_init_data("/api/checkout", &request, &init_data)
            .await
            .and_then(|body| {
                serde_json::from_str::<crate::orders::CheckoutResponse>(&body).map_err(Refusal::from)
            });
        let opened = answer.and_then(|checkout| {
            let slug = crate::orders::invoice_slug(&checkout.invoice_link)
                .ok_or_else(|| Refusal {
                    code: Some(const { crate::error_code::ErrorCode::InvoiceLinkBad.as_str() }.into()),
                    message: "Telegram sent an invoice link this app cannot open".into(),
                })?
                .to_owned();
            telegram.open_invoice(&slug);
            Ok(Paying::SheetOpen(checkout.order_id, slug))
        });
        paying.set(opened.unwrap_or_else(|why: Refusal| {
            telegram.haptic(Haptic::Error);
            Paying::Notice(Notice::NotStarted(why))
        }));
    });
    #[cfg(not(feature = "hydrate"))]
    let _ = (request, init_data);
}

/// The payment sheet closed: the order page tells what the server recorded.
fn sheet_closed(
    telegram: Telegram,
    cart: Cart,
    paying: RwSignal<Paying>,
    slug: String,
    status: String,
    navigate: &impl Fn(&str, leptos_router::NavigateOptions),
) {
    let Paying::SheetOpen(order_id, open) = paying.get_untracked() else {
        return;
    };
    if open != slug {
        return;
    }
    match status.as_str() {
        "paid" | "pending" => {
            if status == "paid" {
                telegram.haptic(Haptic::Success);
                cart.clear();
            }
            paying.set(Paying::Idle);
            navigate(&format!("/shop/orders/{order_id}"), Default::default());
        }
        "failed" => {
            telegram.haptic(Haptic::Error);
            paying.set(Paying::Notice(Notice::Failed));
        }
        _ => paying.set(Paying::Notice(Notice::Cancelled)),
    }
}
