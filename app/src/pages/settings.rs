//! `/shop/settings`: what Telegram's Settings button (in the Mini App's menu) opens — the
//! shopper's language (Telegram's own, which the page follows) and the shop's privacy policy,
//! a page the server renders (`/privacy`), and the way to the shopper's subscriptions. Its own wasm chunk ([`super::lazy::Settings`]).

use super::orders::back_to_shop;
use crate::components::TopBar;
use crate::i18n::td_string;
use crate::language::use_lang;
use leptos::prelude::*;
use leptos_i18n::Locale as _;

/// `/shop/settings`.
#[component]
pub fn SettingsPage() -> impl IntoView {
    back_to_shop();
    let locale = use_lang().now();
    let privacy = format!("/privacy?lang={}", locale.as_str());
    view! {
        <TopBar title=|l| td_string!(l, settings_title)/>
        <section class="settings" data-testid="settings">
            <dl class="settings__list">
                <dt>{td_string!(locale, settings_language)}</dt>
                <dd data-testid="settings-language">{td_string!(locale, language_name)}</dd>
            </dl>
            <p>
                <a class="button button--secondary" href="/shop/subscriptions" data-testid="subscriptions-link">
                    {td_string!(locale, subscriptions_title)}
                </a>
            </p>
            <p>
                <a class="button button--secondary" href=privacy rel="external" data-testid="privacy-link">
                    {td_string!(locale, privacy_policy)}
                </a>
            </p>
        </section>
    }
}
