//! The local Telegram simulator (sandbox mode only: without `BOT_TOKEN` these routes exist,
//! with one they do not).
//!
//! It plays the Telegram client the way Telegram Web does: a phone-sized frame hosts the
//! storefront in an iframe whose URL fragment carries launch parameters signed with the
//! sandbox token, and the two speak the Mini Apps protocol over `postMessage`. The page
//! renders the MainButton and BackButton the app asks for, relays their presses, switches
//! light and dark themes, and offers test users with different languages. It also shows the
//! bot's channel and group with their posts (a post's `t.me/<bot>/<app>?startapp=…` button
//! opens the Mini App with that start parameter, as Telegram does), and plays Telegram's QR
//! scanner: `web_app_open_scan_qr_popup` opens a popup where the tester types the code the
//! camera would read, delivered as `qr_text_received`. Invoices the bot posts into the channel
//! and group can be paid there by any test user, and forwarded (`shared.js`).

pub mod telegram;
mod users;

use crate::http::{ApiError, AppState};
use crate::telegram::init_data::{Fields, HmacValidator, InitDataError};
use app::error_code::ErrorCode;
use app::identity::UserId;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::{header, StatusCode};
use axum::response::Html;
use axum::routing::get;
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::json;
pub use users::{TestUser, TEST_USERS};

/// In sandbox mode without `ADMIN_USER_IDS`, the test user who runs the shop (Camille), so
/// the admin page can be tried in the simulator: send /admin in her chat.
pub const SANDBOX_ADMIN: UserId = UserId(1003);

/// The simulator's routes: `/` (the client), its script and style, and `/simulator/launch`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(page))
        .route(
            "/simulator/simulator.js",
            get(|| async {
                (
                    [(header::CONTENT_TYPE, "text/javascript")],
                    include_str!("simulator.js"),
                )
            }),
        )
        .route(
            "/simulator/simulator.css",
            get(|| async {
                (
                    [(header::CONTENT_TYPE, "text/css")],
                    include_str!("simulator.css"),
                )
            }),
        )
        .route("/simulator/launch", get(launch))
        .route(
            "/simulator/channel.js",
            get(|| async {
                (
                    [(header::CONTENT_TYPE, "text/javascript")],
                    include_str!("channel.js"),
                )
            }),
        )
        .route(
            "/simulator/subscriptions.js",
            get(|| async {
                (
                    [(header::CONTENT_TYPE, "text/javascript")],
                    include_str!("subscriptions.js"),
                )
            }),
        )
        .route(
            "/simulator/shared.js",
            get(|| async {
                (
                    [(header::CONTENT_TYPE, "text/javascript")],
                    include_str!("shared.js"),
                )
            }),
        )
        .route(
            "/simulator/inline.js",
            get(|| async {
                (
                    [(header::CONTENT_TYPE, "text/javascript")],
                    include_str!("inline.js"),
                )
            }),
        )
        .route(
            "/simulator/sheet.js",
            get(|| async {
                (
                    [(header::CONTENT_TYPE, "text/javascript")],
                    include_str!("sheet.js"),
                )
            }),
        )
}

async fn page() -> Html<String> {
    let options: String = TEST_USERS
        .iter()
        .map(|u| {
            format!(
                r#"<option value="{}">{} ({})</option>"#,
                u.id, u.first_name, u.language_code
            )
        })
        .collect();
    Html(
        include_str!("simulator.html")
            .replace("{{USER_OPTIONS}}", &options)
            .replace("{{BOT_USERNAME}}", telegram::BOT_USERNAME),
    )
}

#[derive(Deserialize)]
struct LaunchQuery {
    user: i64,
    #[serde(default)]
    theme: Theme,
    #[serde(default)]
    start_param: Option<String>,
    /// The storefront page to open, e.g. `/shop/orders/3` from a bot's button.
    #[serde(default)]
    path: Option<String>,
    /// The kind of chat the Mini App was opened from (a channel post's link: `channel`).
    #[serde(default)]
    chat_type: ChatType,
}

/// initData's `chat_type`: where the Mini App was opened.
#[derive(Deserialize, Default, Clone, Copy)]
#[serde(rename_all = "lowercase")]
enum ChatType {
    /// The user's chat with the bot.
    #[default]
    Private,
    Sender,
    Group,
    Supergroup,
    Channel,
}

impl ChatType {
    fn as_str(self) -> &'static str {
        match self {
            ChatType::Private => "private",
            ChatType::Sender => "sender",
            ChatType::Group => "group",
            ChatType::Supergroup => "supergroup",
            ChatType::Channel => "channel",
        }
    }
}

#[derive(Deserialize, Default, Clone, Copy)]
#[serde(rename_all = "lowercase")]
enum Theme {
    #[default]
    Light,
    Dark,
}

/// `GET /simulator/launch?user=<id>&theme=light|dark[&start_param=…][&path=/shop/…]
/// [&chat_type=channel|…]`: the storefront URL with launch parameters signed as Telegram signs
/// them.
async fn launch(
    State(state): State<AppState>,
    query: Result<Query<LaunchQuery>, QueryRejection>,
) -> Result<Json<serde_json::Value>, ApiError> {
    let Query(query) =
        query.map_err(|rejection| ApiError::bad_request(ErrorCode::InvalidQuery, rejection.body_text()))?;
    let user = TEST_USERS.iter().find(|u| u.id == query.user).ok_or_else(|| {
        ApiError::new(
            StatusCode::NOT_FOUND,
            ErrorCode::UnknownTestUser,
            format!("no test user {}", query.user),
        )
    })?;
    let init_data = signed_init_data(
        &state.init_data,
        user,
        query.start_param.as_deref(),
        query.chat_type,
    )
    .map_err(|refused| ApiError::bad_request(ErrorCode::InvalidQuery, refused.to_string()))?;
    let mut fragment = form_urlencoded::Serializer::new(String::new());
    fragment.append_pair("tgWebAppData", &init_data);
    fragment.append_pair("tgWebAppVersion", "8.0");
    fragment.append_pair("tgWebAppPlatform", "weba");
    fragment.append_pair("tgWebAppThemeParams", &theme_params(query.theme).to_string());
    if let Some(start_param) = &query.start_param {
        fragment.append_pair("tgWebAppStartParam", start_param);
    }
    let path = match query.path.as_deref() {
        None => "/shop",
        Some(path) if under("/shop", path) || under("/admin", path) => path,
        Some(_) => {
            return Err(ApiError::bad_request(
                ErrorCode::InvalidPath,
                "the Mini App lives under /shop (and the merchant's under /admin)",
            ))
        }
    };
    let url = format!("{path}#{}", fragment.finish());
    Ok(Json(
        json!({ "url": url, "theme_params": theme_params(query.theme) }),
    ))
}

/// Whether `path` is `root` or a page below it (`root/…`, `root?…`).
fn under(root: &str, path: &str) -> bool {
    path.strip_prefix(root)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/') || rest.starts_with('?'))
}

/// initData for `user`, signed with the sandbox token like Telegram signs it for a real bot.
/// Refused for a start_param that initData cannot carry (a line break).
fn signed_init_data(
    signer: &HmacValidator,
    user: &TestUser,
    start_param: Option<&str>,
    chat_type: ChatType,
) -> Result<String, InitDataError> {
    let now = crate::clock::now_secs();
    let mut pairs = vec![
        ("auth_date".to_owned(), now.to_string()),
        ("chat_instance".to_owned(), format!("-{}", 1_000_000 + user.id)),
        ("chat_type".to_owned(), chat_type.as_str().to_owned()),
        ("query_id".to_owned(), format!("SIM{now}{}", user.id)),
        ("user".to_owned(), user.json()),
    ];
    if let Some(start_param) = start_param {
        pairs.push(("start_param".to_owned(), start_param.to_owned()));
    }
    let mut fields = Fields::from_pairs(pairs)?;
    let hash = signer.sign(&fields);
    fields.set("hash", hash)?;
    Ok(fields.to_query())
}

/// Telegram's default colours for each theme.
fn theme_params(theme: Theme) -> serde_json::Value {
    match theme {
        Theme::Light => json!({
            "bg_color": "#ffffff", "text_color": "#000000", "hint_color": "#707579", "link_color": "#3390ec",
            "button_color": "#3390ec", "button_text_color": "#ffffff", "secondary_bg_color": "#f4f4f5",
            "header_bg_color": "#ffffff", "accent_text_color": "#3390ec", "section_bg_color": "#ffffff",
            "section_header_text_color": "#707579", "subtitle_text_color": "#707579", "destructive_text_color": "#e53935",
            "section_separator_color": "#e7e7e7", "bottom_bar_bg_color": "#ffffff"
        }),
        Theme::Dark => json!({
            "bg_color": "#212121", "text_color": "#ffffff", "hint_color": "#aaaaaa", "link_color": "#8774e1",
            "button_color": "#8774e1", "button_text_color": "#ffffff", "secondary_bg_color": "#0f0f0f",
            "header_bg_color": "#212121", "accent_text_color": "#a695e7", "section_bg_color": "#212121",
            "section_header_text_color": "#aaaaaa", "subtitle_text_color": "#aaaaaa", "destructive_text_color": "#ff595a",
            "section_separator_color": "#3d3d3d", "bottom_bar_bg_color": "#212121"
        }),
    }
}
