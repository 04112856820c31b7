//! Signing in on a desktop browser with the one-time link the bot's /admin command sends:
//! `GET /admin/login?token=…` shows a page with one button, which POSTs the token back (link
//! previewers and prefetchers only ever GET, so they cannot use the link up); the POST uses
//! the link and answers with the session cookie — HttpOnly, SameSite=Strict, Secure with the
//! `__Host-` prefix when the shop is served over HTTPS — and a redirect to `/admin`.
//! `GET /api/admin/session` tells the page who is signed in and the session's CSRF token;
//! `POST /api/admin/logout` ends the session.
//!
//! The page's language ([`Session::language`]) is the merchant's choice in the settings, else
//! the admin's own language: initData's `language_code` in the Mini App; on a computer the
//! browser's (`Accept-Language`) when the link is used, kept in a cookie beside the session's
//! (the sign-in link is opened in the computer's browser, whose language is the person's; the
//! sessions table keeps no language, so a cookie holds it).
//!
//! The admin Mini App signs in with `POST /api/admin/session` and its initData, accepted only
//! when Telegram issued it at most [`INIT_DATA_MAX_AGE`] ago: the answer carries a session
//! token for `Authorization: Bearer …` (a cookie would not reach an app framed by
//! web.telegram.org), so a leaked initData is worth no more than a few minutes.

use super::super::auth::Shopper;
use super::super::{ApiError, AppState};
use super::access::{cookie_name, Admin, Via};
use super::texts;
use crate::clock::now_ms;
use crate::shop::sign_in::{millis, Token, SESSION_LIFETIME};
use crate::storage::sign_in::NewSession;
use crate::telegram::init_data::Freshness;
use app::admin_api::{AdminLanguage, Session, SignedInVia};
use app::error_code::ErrorCode;
use axum::extract::{Form, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{AppendHeaders, Html, IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use std::time::Duration;

/// The sign-in link's query, and the sign-in form's body.
#[derive(Debug, Deserialize)]
pub struct SignIn {
    #[serde(default)]
    token: String,
}

/// The cookie that keeps the browser's language at sign-in for its session.
const LANGUAGE_COOKIE: &str = "shop_admin_lang";

/// `GET /admin/login?token=…`: the page with the "Sign in" button.
pub async fn page(Query(link): Query<SignIn>) -> Response {
    let Some(token) = Token::parse(&link.token) else {
        return refused(StatusCode::BAD_REQUEST, "This is not a sign-in link.");
    };
    let body = format!(
        r#"<p>Sign in to the shop's admin page in this browser.</p>
<form method="post" action="/admin/login">
<input type="hidden" name="token" value="{}">
<button type="submit">Sign in</button>
</form>"#,
        token.expose()
    );
    html(StatusCode::OK, &body)
}

/// `POST /admin/login` (form `token=…`): uses the link, sets the session cookie, goes to `/admin`.
pub async fn sign_in(
    State(state): State<AppState>,
    headers: HeaderMap,
    Form(form): Form<SignIn>,
) -> Response {
    let Some(link) = Token::parse(&form.token) else {
        return refused(StatusCode::BAD_REQUEST, "This is not a sign-in link.");
    };
    let (session, csrf) = (Token::generate(), Token::generate());
    let now = now_ms();
    let expires_at = now.saturating_add(millis(SESSION_LIFETIME));
    let opened = state
        .db
        .redeem_login_link(
            &link.hash(),
            now,
            |id| state.admins.contains(&id),
            NewSession {
                token_hash: &session.hash(),
                csrf_token: csrf.expose(),
                expires_at,
            },
        )
        .await;
    match opened {
        Ok(Some(admin_id)) => {
            tracing::info!(admin_id = %admin_id, "an admin signed in with a one-time link");
            let cookie = session_cookie(&state, session.expose(), SESSION_LIFETIME.as_secs());
            let browser = headers.get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok());
            let language = browser
                .and_then(AdminLanguage::from_accept_language)
                .unwrap_or_default();
            let language = cookie_value(
                &state,
                LANGUAGE_COOKIE,
                language.code(),
                SESSION_LIFETIME.as_secs(),
            );
            (
                StatusCode::SEE_OTHER,
                // Appended: a plain array of headers would keep only the last Set-Cookie.
                AppendHeaders([
                    (header::SET_COOKIE, cookie),
                    (header::SET_COOKIE, language),
                    (header::LOCATION, HeaderValue::from_static("/admin")),
                ]),
            )
                .into_response()
        }
        Ok(None) => refused(
            StatusCode::UNAUTHORIZED,
            "This sign-in link has expired or was already used. Send /admin to the shop's bot for a new one.",
        ),
        Err(error) => {
            tracing::error!(error = %crate::http::chain(&error), "could not sign an admin in");
            refused(
                StatusCode::SERVICE_UNAVAILABLE,
                "The shop is unavailable right now. Please try again in a moment.",
            )
        }
    }
}

/// How old the Mini App's initData may be when it opens a session.
pub const INIT_DATA_MAX_AGE: Duration = Duration::from_secs(5 * 60);

/// `POST /api/admin/session` (`Authorization: tma <initData>`, at most [`INIT_DATA_MAX_AGE`]
/// old): opens a session for an admin and answers it with its token, once.
pub async fn open(
    State(state): State<AppState>,
    Shopper(init_data): Shopper,
) -> Result<Json<Session>, ApiError> {
    let fresh = Freshness {
        max_age: INIT_DATA_MAX_AGE,
        ..Freshness::default()
    };
    if let Err(error) = fresh.check(init_data.auth_date, crate::clock::now_secs()) {
        return Err(ApiError::unauthorized(
            error.code(),
            "the Mini App's initData opens an admin session only in its first minutes: reopen the Mini App",
        ));
    }
    let admin_id = init_data.user.id;
    if !state.admins.contains(&admin_id) {
        tracing::warn!(user_id = %admin_id, "refused a non-admin's admin session");
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            ErrorCode::NotAnAdmin,
            "this Telegram account is not one of the shop's admins",
        ));
    }
    let (token, csrf) = (Token::generate(), Token::generate());
    let now = now_ms();
    let session = NewSession {
        token_hash: &token.hash(),
        csrf_token: csrf.expose(),
        expires_at: now.saturating_add(millis(SESSION_LIFETIME)),
    };
    state.db.open_admin_session(admin_id, now, session).await?;
    // The bot writes to the merchant in this language while they chose none in the settings.
    let language = init_data.user.language_code.as_deref().unwrap_or_default();
    state.db.record_admin_language(admin_id, language, now).await?;
    tracing::info!(admin_id = %admin_id, "an admin opened the Mini App");
    let telegram = init_data.user.language_code.as_deref();
    let language = page_language(&state, telegram).await?;
    Ok(Json(Session {
        user_id: admin_id,
        via: SignedInVia::Telegram,
        csrf_token: None,
        token: Some(token.expose().to_owned()),
        language,
        texts: texts::url(language),
    }))
}

/// `GET /api/admin/session`: who is signed in, and how.
pub async fn session(
    State(state): State<AppState>,
    headers: HeaderMap,
    admin: Admin,
) -> Result<Json<Session>, ApiError> {
    let (via, csrf_token) = match admin.via {
        Via::Telegram { .. } => (SignedInVia::Telegram, None),
        Via::Session { csrf_token, .. } => (SignedInVia::Session, Some(csrf_token)),
    };
    let signed_in_with = language_cookie(&headers);
    let language = page_language(&state, signed_in_with.as_deref()).await?;
    Ok(Json(Session {
        user_id: admin.id,
        via,
        csrf_token,
        token: None,
        language,
        texts: texts::url(language),
    }))
}

/// The admin page's language: the merchant's choice in the settings, else `own` (the admin's
/// Telegram language, or their browser's at sign-in), else English.
async fn page_language(state: &AppState, own: Option<&str>) -> Result<AdminLanguage, ApiError> {
    let chosen = state.db.shop_settings().await?.language;
    let chosen = chosen.map(crate::shop::settings::language_code);
    Ok(chosen
        .or(own)
        .and_then(AdminLanguage::from_tag)
        .unwrap_or_default())
}

/// The language the browser had when it signed in ([`LANGUAGE_COOKIE`]).
fn language_cookie(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(cookie::Cookie::split_parse)
        .filter_map(Result::ok)
        .find(|cookie| cookie.name() == LANGUAGE_COOKIE)
        .map(|cookie| cookie.value().to_owned())
}

/// `POST /api/admin/logout`: ends a browser session and clears its cookie (204).
pub async fn logout(State(state): State<AppState>, admin: Admin) -> Result<Response, ApiError> {
    match &admin.via {
        Via::Session { token, .. } | Via::Telegram { token } => {
            state.db.end_admin_session(&token.hash()).await?
        }
    }
    let cleared = session_cookie(&state, "", 0);
    let language = cookie_value(&state, LANGUAGE_COOKIE, "", 0);
    Ok((
        StatusCode::NO_CONTENT,
        AppendHeaders([(header::SET_COOKIE, cleared), (header::SET_COOKIE, language)]),
    )
        .into_response())
}

/// The `Set-Cookie` value for session `value`, living `max_age` seconds (0 clears it).
fn session_cookie(state: &AppState, value: &str, max_age: u64) -> HeaderValue {
    cookie_value(state, cookie_name(state.secure_cookies), value, max_age)
}

/// The `Set-Cookie` value for cookie `name` = `value`, living `max_age` seconds (0 clears it).
fn cookie_value(state: &AppState, name: &'static str, value: &str, max_age: u64) -> HeaderValue {
    let cookie = cookie::Cookie::build((name, value.to_owned()))
        .http_only(true)
        .secure(state.secure_cookies)
        .same_site(cookie::SameSite::Strict)
        .path("/")
        .max_age(cookie::time::Duration::seconds(
            i64::try_from(max_age).unwrap_or(i64::MAX),
        ))
        .build();
    HeaderValue::from_str(&cookie.to_string()).expect("a cookie is a valid header value")
}

fn refused(status: StatusCode, message: &str) -> Response {
    html(status, &format!("<p role=\"alert\">{message}</p>"))
}

/// A small page of its own: not cached, not framed, sends no referrer (the link's token).
fn html(status: StatusCode, body: &str) -> Response {
    let page = format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>Shop admin: sign in</title></head><body>{body}</body></html>"
    );
    (
        status,
        [
            (header::CACHE_CONTROL, "no-store"),
            (header::REFERRER_POLICY, "no-referrer"),
            (header::X_FRAME_OPTIONS, "DENY"),
            (
                header::CONTENT_SECURITY_POLICY,
                "default-src 'none'; form-action 'self'; frame-ancestors 'none'",
            ),
        ],
        Html(page),
    )
        .into_response()
}
