//! Who may use the admin API: a Telegram user in `ADMIN_USER_IDS`, proven either by the Mini
//! App's initData (`Authorization: tma …`, checked as for shoppers) or by the session cookie a
//! one-time sign-in link set in a desktop browser. Requests that change something on a cookie
//! session must also carry the session's CSRF token in `X-CSRF-Token` (the cookie is
//! `SameSite=Strict` as well; initData needs no token, since no other site can make a browser
//! send an `Authorization` header).
//!
//! No credentials or an ended session: 401. A verified user who is not an admin, or a missing
//! CSRF token: 403.

use super::super::auth::Shopper;
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
    /// initData from the Mini App opened in Telegram.
    Telegram,
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
        let cookie = session_cookie(parts, state.secure_cookies);
        let admin = match cookie {
            Some(token) if !parts.headers.contains_key(AUTHORIZATION) => {
                from_session(parts, state, token).await?
            }
            _ => {
                let Shopper(init_data) = Shopper::from_request_parts(parts, state).await?;
                Admin {
                    id: init_data.user.id,
                    via: Via::Telegram,
                }
            }
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

async fn from_session(parts: &Parts, state: &AppState, token: Token) -> Result<Admin, ApiError> {
    let session = state
        .db
        .admin_session(&token.hash(), now_ms())
        .await?
        .ok_or_else(|| {
            ApiError::unauthorized(
                ErrorCode::SessionEnded,
                "the admin session has ended: send /admin to the bot for a new sign-in link",
            )
        })?;
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
