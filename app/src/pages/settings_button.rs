//! Telegram's Settings button: shown by the shell at start (`web_app_setup_settings_button`);
//! its `settings_button_pressed` event opens the settings page, a lazy chunk. In the main
//! module, so it stays this small.

use crate::telegram::Telegram;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

/// Opens `/shop/settings` when the shopper picks Settings in the Mini App's menu.
#[component]
pub fn SettingsButton() -> impl IntoView {
    let telegram = Telegram::expect();
    let navigate = use_navigate();
    Effect::watch(
        move || telegram.other_event.get(),
        move |event, _, _| {
            if event
                .as_ref()
                .is_some_and(|(kind, _)| kind == "settings_button_pressed")
            {
                navigate("/shop/settings", Default::default());
            }
        },
        false,
    );
}
