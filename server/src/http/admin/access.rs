//! Who may use the admin API: a Telegram user in `ADMIN_USER_IDS`, proven by a session kept in
//! the database — the Mini App's (`Authorization: Bearer <token>`, opened once with initData
//! no more than a few minutes old: `sign_in::open`), or the cookie a one-time sign-in link set
//! in a desktop browser. initData itself is no bearer token here: sent to any other admin
//! endpoint it is refused. Requests that change something on a cookie session must also
//! carry the session's CSRF token in `X-CSRF-Token` (the cookie is `SameSite=Strict` as well;
//! a Bearer token needs none, since no other site can make a browser send an
//! `Authorization` header).
//!
//! No session, initData, or an ended session: 401. A user who is not an admin, or a missing
//! CSRF token: 403.

use super::super::{ApiError, AppState};
use crate::clock::now_ms;
use crate::shop::sign_in::Token;
use app::error_code::ErrorCode;
use app::identity::UserId;
use axum::extract::FromRequestParts;
use axum::http::header::{AUTHORIZATION, COOKIE};
use axum::http::request::Parts;
use axum::http::{Method, StatusCode};
use subtle::ConstantTimeEq;

/// The session cookie's name: with the `__Host-` prefix when the shop is served over HTTPS
/// (the browser then only accepts it Secure, for this host, on path `/`).
pub fn cookie_name(secure: bool) -> &'static str {
    if secure {
        "__Host-shop_admin"
    } else {
        "shop_admin"
    }
}

/// How an admin proved who they are.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Via {
    /// The Mini App opened in Telegram, with the session its initData opened.
    Telegram { token: Token },
    /// A browser session; the page must echo `csrf_token` on changes.
    Session { token: Token, csrf_token: String },
}

/// A request from one of the shop's admins.
#[derive(Debug)]
pub struct Admin {
    /// Their Telegram user id.
    pub id: UserId,
    pub via: Via,
}

impl FromRequestParts<AppState> for Admin {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let required =
            |message: &str| ApiError::unauthorized(ErrorCode::AdminSessionRequired, message.to_owned());
        let admin = match parts.headers.get(AUTHORIZATION) {
            Some(header) => {
                let text = header.to_str().unwrap_or_default();
                let Some(sent) = text.strip_prefix("Bearer ") else {
                    return Err(required(
                        "the admin API takes a session: open one with POST /api/admin/session and \
                         the Mini App's initData, then send Authorization: Bearer <token>",
                    ));
                };
                let token = Token::parse(sent).ok_or_else(session_ended)?;
                from_bearer(state, token).await?
            }
            None => match session_cookie(parts, state.secure_cookies) {
                Some(token) => from_session(parts, state, token).await?,
                None => {
                    return Err(required(
                        "sign in: the Mini App opens a session with POST /api/admin/session, a \
                         browser with the link the bot's /admin command sends",
                    ))
                }
            },
        };
        if !state.admins.contains(&admin.id) {
            tracing::warn!(user_id = %admin.id, "refused a non-admin on the admin API");
            return Err(ApiError::new(
                StatusCode::FORBIDDEN,
                ErrorCode::NotAnAdmin,
                "this Telegram account is not one of the shop's admins",
            ));
        }
        Ok(admin)
    }
}

fn session_ended() -> ApiError {
    ApiError::unauthorized(
        ErrorCode::SessionEnded,
        "the admin session has ended: reopen the admin Mini App, or send /admin to the bot for a new sign-in link",
    )
}

/// The Mini App's session: no CSRF token, since only the page's own script sends the header.
async fn from_bearer(state: &AppState, token: Token) -> Result<Admin, ApiError> {
    let session = state
        .db
        .admin_session(&token.hash(), now_ms())
        .await?
        .ok_or_else(session_ended)?;
    Ok(Admin {
        id: session.admin_id,
        via: Via::Telegram { token },
    })
}

async fn from_session(parts: &Parts, state: &AppState, token: Token) -> Result<Admin, ApiError> {
    let session = state
        .db
        .admin_session(&token.hash(), now_ms())
        .await?
        .ok_or_else(session_ended)?;
    let safe = matches!(parts.method, Method::GET | Method::HEAD | Method::OPTIONS);
    if !safe && !csrf_matches(parts, &session.csrf_token) {
        tracing::warn!(
            user_id = %session.admin_id,
            "refused an admin request without its CSRF token"
        );
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            ErrorCode::CsrfTokenInvalid,
            "send the session's CSRF token (GET /api/admin/session) in X-CSRF-Token",
        ));
    }
    Ok(Admin {
        id: session.admin_id,
        via: Via::Session {
            token,
            csrf_token: session.csrf_token,
        },
    })
}

/// Whether `X-CSRF-Token` is the session's, compared in constant time.
fn csrf_matches(parts: &Parts, expected: &str) -> bool {
    parts
        .headers
        .get("x-csrf-token")
        .is_some_and(|sent| bool::from(sent.as_bytes().ct_eq(expected.as_bytes())))
}

/// The session token in the request's admin cookie, if it has a token's shape.
pub fn session_cookie(parts: &Parts, secure: bool) -> Option<Token> {
    let name = cookie_name(secure);
    parts
        .headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(cookie::Cookie::split_parse)
        .filter_map(Result::ok)
        .find(|cookie| cookie.name() == name)
        .and_then(|cookie| Token::parse(cookie.value()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::Request;

    fn parts(headers: &[(&str, &str)]) -> Parts {
        let mut request = Request::builder().method(Method::POST).uri("/api/admin/x");
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        request.body(()).unwrap().into_parts().0
    }

    #[test]
    fn the_session_cookie_is_found_among_others() {
        let token = Token::generate();
        let cookie = format!("shop_lang=fr; shop_admin={}; other=1", token.expose());
        assert_eq!(
            session_cookie(&parts(&[("cookie", &cookie)]), false),
            Some(token.clone())
        );
        // Over HTTPS only the __Host- cookie counts.
        assert_eq!(session_cookie(&parts(&[("cookie", &cookie)]), true), None);
        let secure = format!("__Host-shop_admin={}", token.expose());
        assert_eq!(session_cookie(&parts(&[("cookie", &secure)]), true), Some(token));
        assert_eq!(
            session_cookie(&parts(&[("cookie", "shop_admin=junk")]), false),
            None
        );
    }

    #[test]
    fn the_csrf_token_must_match_exactly() {
        assert!(csrf_matches(&parts(&[("x-csrf-token", "abc")]), "abc"));
        assert!(!csrf_matches(&parts(&[("x-csrf-token", "abd")]), "abc"));
        assert!(!csrf_matches(&parts(&[("x-csrf-token", "ab")]), "abc"));
        assert!(!csrf_matches(&parts(&[]), "abc"));
    }
}
