//! What Telegram's MainButton and BackButton show and do on the cart page and its summary,
//! up to paying for the cart (see [`crate::pages::paying`]).

use super::summary::{pay_label, Choices};
use crate::cart::Cart;
use crate::i18n::{td_string, Locale};
use crate::language::is_one;
use crate::pages::paying::{answer_sheet, open_invoice, Paying};
use crate::telegram::{Haptic, Telegram};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

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
    let back = use_navigate();
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
    answer_sheet(telegram, paying, move || cart.clear());
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
    if cart.item_count() > 0 {
        open_invoice(
            telegram,
            paying,
            &choices.request(cart, &cart.saved_untracked(), in_stars),
        );
    }
}
