//! The tip choice in the checkout summary, for card payments where the merchant suggests tips:
//! "No tip" or one of the suggested amounts. The choice travels with checkout (`tip_minor`),
//! and the invoice then carries it as a "Tip" line, so Telegram's sheet does not ask again.

use crate::cart::view::TipChoice;
use crate::i18n::td_string;
use crate::language::use_lang;
use crate::telegram::{Haptic, Telegram};
use leptos::prelude::*;

/// Radio chips: "No tip" and each of `choices`; `tip` holds the chosen amount (0: none).
#[component]
pub(super) fn TipPicker(choices: Vec<TipChoice>, tip: RwSignal<i64>) -> impl IntoView {
    let (telegram, locale) = (Telegram::expect(), use_lang().now());
    let none = TipChoice {
        minor: 0,
        label: td_string!(locale, tip_none).to_owned(),
        total_label: String::new(),
    };
    let chips = std::iter::once(none)
        .chain(choices)
        .map(|choice| {
            let minor = choice.minor;
            let pick = move |_| {
                telegram.haptic(Haptic::Tap);
                tip.set(minor);
            };
            view! {
                <label class="chip tip__choice">
                    <input type="radio" name="tip" value=minor prop:checked=move || tip.get() == minor on:change=pick/>
                    <span>{choice.label}</span>
                </label>
            }
        })
        .collect_view();
    view! {
        <fieldset class="tip" data-testid="tip">
            <legend class="tip__legend">{td_string!(locale, tip_title)}</legend>
            <div class="tip__choices">{chips}</div>
        </fieldset>
    }
}

/// The chosen tip's formatted amount, when one is chosen.
pub(super) fn chosen_label(choices: &[TipChoice], tip: i64) -> Option<String> {
    choices
        .iter()
        .find(|c| c.minor == tip && tip > 0)
        .map(|c| c.label.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn choice(minor: i64, label: &str) -> TipChoice {
        TipChoice {
            minor,
            label: label.into(),
            total_label: String::new(),
        }
    }

    #[test]
    fn only_a_positive_offered_tip_has_a_label() {
        let choices = [choice(100, "1,00 €"), choice(200, "2,00 €")];
        assert_eq!(chosen_label(&choices, 200).as_deref(), Some("2,00 €"));
        assert_eq!(chosen_label(&choices, 0), None);
        assert_eq!(chosen_label(&choices, 300), None);
    }
}
