//! The language a request reads the catalog in, for the merchant's texts
//! ([`crate::shop::catalog::texts`]): a signed-in shopper's is the `language_code` of their
//! verified initData ([`of_shopper`]); a public request ([`RequestLang`]) names it as the
//! storefront page does, the URL's `lang`, else the `shop_lang` cookie, else the first of
//! `Accept-Language` the shop speaks, else English — the rules `app::language` renders pages
//! by, so a page and the API answers it fetches agree.

use app::i18n::Locale;
use app::language::{from_accept_language, from_cookie, from_query};
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, Uri};
use std::convert::Infallible;

/// The language a public request asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RequestLang(pub Locale);

impl<S: Send + Sync> FromRequestParts<S> for RequestLang {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Infallible> {
        Ok(RequestLang(public_language(&parts.uri, &parts.headers)))
    }
}

/// The language a public request at `uri` with `headers` asks for.
pub fn public_language(uri: &Uri, headers: &HeaderMap) -> Locale {
    let header = |name| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
    };
    from_query(uri.query().unwrap_or_default())
        .or_else(|| from_cookie(header(header::COOKIE)))
        .or_else(|| from_accept_language(header(header::ACCEPT_LANGUAGE)))
        .unwrap_or(Locale::en)
}

pub use crate::shop::catalog::texts::shopper_language as of_shopper;
