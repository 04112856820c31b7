//! "Send to a chat" on a product page: the server prepares a message offering the product
//! (`POST /api/products/{id}/share`: its invoice, or a card that opens it), and Telegram lets
//! the shopper pick the chat (`web_app_send_prepared_message`). The outcome comes back as
//! `prepared_message_sent` or `prepared_message_failed` with Telegram's error code, told to
//! the shopper in their language. The prepared message is used again until a minute before it
//! expires; an expired one is never handed to Telegram, the server is asked again. A tap while
//! Telegram still shows a share is "try again", not a failure.
//!
//! Part of the product page's lazy chunk: nothing here weighs on the storefront's first open.

use crate::catalog::ProductId;
use crate::i18n::{td_string, Locale};
use crate::language::use_lang;
use crate::share::PreparedMessage;
use crate::telegram::{Haptic, Telegram};
use leptos::prelude::*;

/// What the shopper is told after a tap.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Note {
    text: String,
    error: bool,
}

/// The button, and what became of the last share.
#[component]
pub fn SendToChat(product: ProductId) -> impl IntoView {
    let (telegram, locale) = (Telegram::expect(), use_lang().now());
    let kept: StoredValue<Option<PreparedMessage>> = StoredValue::new(None);
    // A share Telegram is showing, whose outcome has not come back yet.
    let sharing = RwSignal::new(false);
    let note: RwSignal<Option<Note>> = RwSignal::new(None);
    Effect::watch(
        move || telegram.other_event.get(),
        move |event, _, _| {
            let Some((kind, code)) = event else { return };
            let told = match kind.as_str() {
                "prepared_message_sent" => outcome(None, locale),
                "prepared_message_failed" => {
                    if code == "MESSAGE_EXPIRED" {
                        kept.set_value(None);
                    }
                    outcome(Some(code), locale)
                }
                _ => return,
            };
            sharing.set(false);
            telegram.haptic(if told.error {
                Haptic::Error
            } else {
                Haptic::Success
            });
            note.set(Some(told));
        },
        false,
    );
    let send = move |_| {
        let launch = telegram.launch.get_untracked();
        if !launch
            .as_ref()
            .is_some_and(|l| supports_sharing(l.version.as_deref()))
        {
            note.set(Some(error(td_string!(locale, send_unsupported))));
            return;
        }
        let Some(init_data) = launch.and_then(|l| l.init_data) else {
            note.set(Some(error(td_string!(locale, open_to_pay))));
            return;
        };
        if sharing.get_untracked() {
            note.set(Some(error(td_string!(locale, send_pending))));
            return;
        }
        telegram.haptic(Haptic::Tap);
        note.set(None);
        if let Some(message) = kept.get_value().filter(|m| m.usable_at(now_ms())) {
            sharing.set(true);
            telegram.send_prepared_message(&message.id);
            return;
        }
        sharing.set(true);
        #[cfg(feature = "hydrate")]
        leptos::task::spawn_local(async move {
            let path = format!("/api/products/{}/share", product.0);
            let answer = crate::telegram::bridge::post_with_init_data(&path, "{}", &init_data)
                .await
                .and_then(|body| {
                    serde_json::from_str::<PreparedMessage>(&body).map_err(crate::api::Refusal::from)
                });
            match answer {
                Ok(message) => {
                    telegram.send_prepared_message(&message.id);
                    kept.set_value(Some(message));
                }
                Err(why) => {
                    sharing.set(false);
                    telegram.haptic(Haptic::Error);
                    note.set(Some(error(&format!(
                        "{} {}",
                        td_string!(locale, send_failed),
                        why.text(locale)
                    ))));
                }
            }
        });
        #[cfg(not(feature = "hydrate"))]
        let _ = (init_data, product);
    };
    view! {
        <button class="button button--secondary" data-testid="send-to-chat" on:click=send>
            {td_string!(locale, send_button)}
        </button>
        {move || note.get().map(|n| view! {
            <p class="notice" class:notice--error=n.error role="status" data-testid="send-note">{n.text}</p>
        })}
    }
}

/// What the shopper reads about a share's outcome: sent (`None`), or Telegram's error code.
fn outcome(code: Option<&str>, locale: Locale) -> Note {
    let text = match code {
        None => {
            return Note {
                text: td_string!(locale, send_sent).to_owned(),
                error: false,
            }
        }
        Some("USER_DECLINED") => {
            return Note {
                text: td_string!(locale, send_declined).to_owned(),
                error: false,
            }
        }
        Some("MESSAGE_EXPIRED") => td_string!(locale, send_expired),
        Some("UNSUPPORTED") => td_string!(locale, send_unsupported),
        // Telegram is still showing another share (telegram-web-app.js calls it
        // WebAppShareMessageOpened): finish that one first.
        Some(code) if code.contains("PENDING") || code.contains("OPENED") => td_string!(locale, send_pending),
        // MESSAGE_SEND_FAILED, UNKNOWN_ERROR and anything newer.
        Some(_) => td_string!(locale, send_failed),
    };
    error(text)
}

fn error(text: &str) -> Note {
    Note {
        text: text.to_owned(),
        error: true,
    }
}

/// `web_app_send_prepared_message` came with Mini Apps version 8.0.
fn supports_sharing(version: Option<&str>) -> bool {
    let major = version
        .and_then(|v| v.split('.').next())
        .and_then(|major| major.parse::<u32>().ok());
    major.is_some_and(|major| major >= 8)
}

fn now_ms() -> i64 {
    #[cfg(feature = "hydrate")]
    return js_sys::Date::now() as i64;
    #[cfg(not(feature = "hydrate"))]
    0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sharing_needs_mini_apps_8() {
        assert!(supports_sharing(Some("8.0")));
        assert!(supports_sharing(Some("9.1")));
        assert!(!supports_sharing(Some("7.10")));
        assert!(!supports_sharing(None));
    }

    #[test]
    fn a_declined_share_is_no_error_and_a_pending_one_asks_to_try_again() {
        let english = Locale::en;
        assert!(!outcome(Some("USER_DECLINED"), english).error);
        assert_eq!(outcome(None, english).text, "Sent.");
        let pending = outcome(Some("WEBAPPSHAREMESSAGEOPENED"), english);
        assert_eq!(pending.text, td_string!(english, send_pending));
        assert_eq!(
            outcome(Some("MESSAGE_EXPIRED"), Locale::fr).text,
            "Le message a expiré. Veuillez réessayer."
        );
        assert_eq!(
            outcome(Some("UNKNOWN_ERROR"), english).text,
            td_string!(english, send_failed)
        );
    }
}
