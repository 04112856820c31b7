//! The Telegram shell around the app, shared through Leptos context: launch parameters, the
//! greeting from the server's `/api/me`, MainButton / BackButton presses, haptics.
//! During server rendering every call is a no-op: only the browser talks to Telegram.

use super::launch::LaunchParams;
use leptos::prelude::*;
use serde_json::{json, Value};

/// Whom the page greets.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Greeting {
    /// Not known yet (server rendering, or /api/me still on its way).
    Pending,
    /// The first name the server verified.
    Hello(String),
    /// Opened in a plain browser: no launch data from Telegram.
    OutsideTelegram,
    /// The server refused the launch data; the message says why.
    Refused(String),
}

/// Kinds of haptic feedback the app asks for.
#[derive(Clone, Copy, Debug)]
pub enum Haptic {
    Tap,
    Success,
    Error,
}

/// The shell's state; `Copy`, so components capture it freely.
#[derive(Clone, Copy)]
pub struct Telegram {
    /// Launch parameters; `None` until the page has hydrated (the fragment never reaches the server).
    pub launch: RwSignal<Option<LaunchParams>>,
    pub greeting: RwSignal<Greeting>,
    /// The last `invoice_closed` event: the invoice's slug and `paid` / `cancelled` / `failed` /
    /// `pending`. The server's record decides whether an order is paid; this only prompts a look.
    pub invoice_closed: RwSignal<Option<(String, String)>>,
    /// The last event the shell does not handle itself, with the text of its `data` field (or
    /// `status` or `error`; empty when it has none), for a page that does: e.g. `qr_text_received` for
    /// the door's scanner, `file_download_requested` for the order page's downloads.
    /// (The same type as `invoice_closed`: a signal of a new type would add its own code to the
    /// first open; and only a string is read, since writing the event's JSON out again would
    /// bring serde_json's writer into the first open.)
    pub other_event: RwSignal<Option<(String, String)>>,
    main_button_presses: RwSignal<u32>,
    back_button_presses: RwSignal<u32>,
}

/// Creates the shell, provides it as context and, in the browser, connects it to Telegram
/// once the page is `hydrated`.
pub fn provide_telegram(hydrated: RwSignal<bool>) -> Telegram {
    let telegram = Telegram {
        launch: RwSignal::new(None),
        greeting: RwSignal::new(Greeting::Pending),
        invoice_closed: RwSignal::new(None),
        other_event: RwSignal::new(None),
        main_button_presses: RwSignal::new(0),
        back_button_presses: RwSignal::new(0),
    };
    provide_context(telegram);
    #[cfg(feature = "hydrate")]
    Effect::new(move |started: Option<bool>| {
        if started == Some(true) || !hydrated.get() {
            return started.unwrap_or(false);
        }
        start(telegram);
        true
    });
    #[cfg(not(feature = "hydrate"))]
    let _ = hydrated;
    telegram
}

impl Telegram {
    /// The shell provided by [`provide_telegram`].
    pub fn expect() -> Self {
        expect_context::<Telegram>()
    }

    /// How often the MainButton was pressed (reactive): effects track it to act on a press.
    pub fn main_button_presses(&self) -> u32 {
        self.main_button_presses.get()
    }

    /// How often the BackButton was pressed (reactive).
    pub fn back_button_presses(&self) -> u32 {
        self.back_button_presses.get()
    }

    /// Shows the MainButton with `text`, or hides it with `None`.
    pub fn main_button(&self, text: Option<&str>) {
        let data = match text {
            Some(text) => {
                json!({ "is_visible": true, "is_active": true, "is_progress_visible": false, "text": text })
            }
            None => json!({ "is_visible": false }),
        };
        post("web_app_setup_main_button", data);
    }

    /// Shows the MainButton inactive with its progress indicator, e.g. while an invoice is made;
    /// `text` is what it says once the indicator stops.
    pub fn main_button_busy(&self, text: &str) {
        let data =
            json!({ "is_visible": true, "is_active": false, "is_progress_visible": true, "text": text });
        post("web_app_setup_main_button", data);
    }

    /// Shows or hides the BackButton.
    pub fn back_button(&self, visible: bool) {
        post("web_app_setup_back_button", json!({ "is_visible": visible }));
    }

    /// Asks the client to confirm before closing, e.g. while the cart holds items.
    pub fn closing_confirmation(&self, needed: bool) {
        post(
            "web_app_setup_closing_behavior",
            json!({ "need_confirmation": needed }),
        );
    }

    /// Opens Telegram's payment sheet for an invoice link's slug; the outcome arrives as
    /// [`Telegram::invoice_closed`].
    pub fn open_invoice(&self, slug: &str) {
        post("web_app_open_invoice", json!({ "slug": slug }));
    }

    /// Opens Telegram's "share to a chat" picker with `url` and `text`, as a t.me/share link
    /// through `web_app_open_tg_link` (what telegram-web-app.js's shareURL does).
    pub fn share(&self, url: &str, text: &str) {
        let query = form_urlencoded::Serializer::new(String::new())
            .append_pair("url", url)
            .append_pair("text", text)
            .finish();
        post(
            "web_app_open_tg_link",
            json!({ "path_full": format!("/share/url?{query}") }),
        );
    }

    /// Asks Telegram to let the shopper send the prepared message `id` to a chat of their
    /// choice; the outcome arrives in [`Telegram::other_event`] as `prepared_message_sent`, or
    /// `prepared_message_failed` with its error code.
    pub fn send_prepared_message(&self, id: &str) {
        post("web_app_send_prepared_message", json!({ "id": id }));
    }

    /// Haptic feedback for a tap, a success or an error.
    pub fn haptic(&self, kind: Haptic) {
        let data = match kind {
            Haptic::Tap => json!({ "type": "impact", "impact_style": "light" }),
            Haptic::Success => json!({ "type": "notification", "notification_type": "success" }),
            Haptic::Error => json!({ "type": "notification", "notification_type": "error" }),
        };
        post("web_app_trigger_haptic_feedback", data);
    }
}

fn post(event: &str, data: Value) {
    #[cfg(feature = "hydrate")]
    super::bridge::post_event(event, data);
    #[cfg(not(feature = "hydrate"))]
    let _ = (event, data);
}

#[cfg(feature = "hydrate")]
fn start(telegram: Telegram) {
    use super::bridge;
    let launch = LaunchParams::from_fragment(&bridge::launch_fragment());
    bridge::set_css_variables(&launch.theme.css_variables());
    bridge::listen(move |kind, data| on_event(telegram, kind, data));
    for event in [
        "web_app_ready",
        "web_app_expand",
        "web_app_request_theme",
        "web_app_request_viewport",
    ] {
        post(event, Value::Null);
    }
    // Telegram's Settings item in the Mini App's menu: `settings_button_pressed` opens
    // `/shop/settings` (`crate::pages::SettingsButton`).
    post("web_app_setup_settings_button", json!({ "is_visible": true }));
    post("web_app_request_safe_area", Value::Null);
    post("web_app_request_content_safe_area", Value::Null);
    greet(telegram, launch.init_data.clone());
    telegram.launch.set(Some(launch));
}

#[cfg(feature = "hydrate")]
fn on_event(telegram: Telegram, kind: &str, data: &Value) {
    use super::{bridge::set_css_variables, theme::ThemeParams};
    let px = |key: &str| data.get(key).and_then(Value::as_f64).map(css_px);
    let insets = |prefix: &str| {
        ["top", "bottom", "left", "right"]
            .iter()
            .filter_map(|side| Some((format!("--tg-{prefix}-inset-{side}"), px(side)?)))
            .collect::<Vec<_>>()
    };
    match kind {
        "theme_changed" => {
            set_css_variables(&ThemeParams::from_json(&data["theme_params"].to_string()).css_variables())
        }
        "viewport_changed" => set_css_variables(
            &px("height")
                .map(|h| vec![("--tg-viewport-height".into(), h)])
                .unwrap_or_default(),
        ),
        "safe_area_changed" => set_css_variables(&insets("safe-area")),
        "content_safe_area_changed" => set_css_variables(&insets("content-safe-area")),
        "main_button_pressed" => telegram.main_button_presses.update(|n| *n += 1),
        "back_button_pressed" => telegram.back_button_presses.update(|n| *n += 1),
        "invoice_closed" => {
            let text = |key: &str| {
                data.get(key)
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_owned()
            };
            telegram.invoice_closed.set(Some((text("slug"), text("status"))));
        }
        _ => {
            // `data` (qr_text_received), `status` (file_download_requested) or `error`
            // (prepared_message_failed).
            let text = (data.get("data").or(data.get("status")).or(data.get("error")))
                .and_then(Value::as_str)
                .unwrap_or_default();
            telegram.other_event.set(Some((kind.to_owned(), text.to_owned())));
        }
    }
}

#[cfg(feature = "hydrate")]
fn greet(telegram: Telegram, init_data: Option<String>) {
    let Some(init_data) = init_data else {
        telegram.greeting.set(Greeting::OutsideTelegram);
        return;
    };
    leptos::task::spawn_local(async move {
        let me = super::bridge::get_with_init_data("/api/me", &init_data)
            .await
            .and_then(|body| {
                serde_json::from_str::<crate::identity::Me>(&body).map_err(crate::api::Refusal::from)
            });
        telegram.greeting.set(match me {
            Ok(me) => Greeting::Hello(me.user.first_name),
            Err(reason) => Greeting::Refused(reason.to_string()),
        });
    });
}

/// A length from the Telegram client as CSS pixels, to the hundredth (`47.5` → `47.50px`).
/// Formatted as integers on purpose: `f64`'s `Display` would add about 15 KB of float
/// formatting to the wasm, a twentieth of the first-open budget.
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
fn css_px(value: f64) -> String {
    let hundredths = (value.max(0.0) * 100.0).round() as i64;
    format!("{}.{:02}px", hundredths / 100, hundredths % 100)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_become_css_pixels_to_the_hundredth() {
        assert_eq!(css_px(47.0), "47.00px");
        assert_eq!(css_px(47.5), "47.50px");
        assert_eq!(css_px(812.333), "812.33px");
        assert_eq!(css_px(-3.0), "0.00px", "no negative insets");
    }
}
