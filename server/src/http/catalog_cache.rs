//! The catalog's answers kept between requests. `GET /api/products` and the server-rendered
//! `GET /shop` depend on nothing but the catalog, the language the request asks for and whether
//! the bot's username is known (the catalog's bot link), so each is built once per catalog
//! version ([`Db::catalog_version`](crate::storage::Db::catalog_version)) and language,
//! compressed once per encoding asked for, and answered from memory with a weak `ETag` (a
//! request naming it in `If-None-Match` gets `304`). An answer also ends when an event leaves the
//! storefront by itself (its end passes). Building it is the page's or the handler's own work,
//! done by one request while the others asking the same wait for it.
//!
//! Everything else passes through; a request that may write (any method but GET and HEAD) tells
//! the version's watch when its answer leaves, so what it changed shows in the next answer.
//! Must not: build a page or the catalog itself.

use super::language::public_language;
use super::AppState;
use crate::storage::catalog::version::CatalogVersion;
use app::i18n::Locale;
use axum::body::Bytes;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::collections::HashMap;
use std::io::Write;
use std::sync::{Arc, Mutex, OnceLock};

/// The largest answer kept (the rendered storefront of a large catalog is well below it).
const MAX_BODY: usize = 4 * 1024 * 1024;
/// Brotli's quality for a kept answer: the one the compression layer uses per request.
const BROTLI_QUALITY: u32 = 6;

/// The kept answers, one slot per [`Key`] (a handful: two pages, four languages).
#[derive(Default)]
pub struct CatalogCache {
    slots: Mutex<HashMap<Key, Arc<Slot>>>,
}

/// What an answer depends on besides the catalog.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
struct Key {
    page: Page,
    lang: Locale,
    bot_known: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Page {
    Products,
    Shop,
}

impl Key {
    /// The key of a request whose answer is kept: `GET` of one of the two pages, with no query
    /// but the language.
    fn of(request: &Request, bot_known: bool) -> Option<Key> {
        if request.method() != Method::GET {
            return None;
        }
        let page = match request.uri().path() {
            "/api/products" => Page::Products,
            "/shop" => Page::Shop,
            _ => return None,
        };
        // No query, or `lang` alone.
        let mut pairs = form_urlencoded::parse(request.uri().query().unwrap_or_default().as_bytes());
        if pairs.next().is_some_and(|(name, _)| name != "lang") || pairs.next().is_some() {
            return None;
        }
        Some(Key {
            page,
            lang: public_language(request.uri(), request.headers()),
            bot_known,
        })
    }
}

/// One key's answer, and the turn to build it.
#[derive(Default)]
struct Slot {
    answer: Mutex<Option<Arc<Answer>>>,
    building: tokio::sync::Mutex<()>,
}

/// A kept answer.
struct Answer {
    version: CatalogVersion,
    /// When it ends by itself (unix ms), if ever.
    until: Option<i64>,
    status: StatusCode,
    headers: HeaderMap,
    etag: HeaderValue,
    body: Bytes,
    brotli: OnceLock<Bytes>,
    gzip: OnceLock<Bytes>,
}

impl Answer {
    fn is_current(&self, version: CatalogVersion, now: i64) -> bool {
        self.version == version && self.until.is_none_or(|until| now < until)
    }

    /// This answer for a request that accepts `encoding`, or `304` when it names the ETag.
    fn respond(&self, encoding: Encoding, if_none_match: Option<&HeaderValue>) -> Response {
        let not_modified = if_none_match.and_then(|v| v.to_str().ok()).is_some_and(|tags| {
            tags.split(',')
                .any(|tag| tag.trim() == self.etag || tag.trim() == "*")
        });
        let mut response = if not_modified {
            StatusCode::NOT_MODIFIED.into_response()
        } else {
            let body = match encoding {
                Encoding::Brotli => self.brotli.get_or_init(|| brotli(&self.body)).clone(),
                Encoding::Gzip => self.gzip.get_or_init(|| gzip(&self.body)).clone(),
                Encoding::Identity => self.body.clone(),
            };
            let mut response = (self.status, body).into_response();
            response.headers_mut().extend(self.headers.clone());
            if let Some(name) = encoding.name() {
                response
                    .headers_mut()
                    .insert(header::CONTENT_ENCODING, HeaderValue::from_static(name));
            }
            response
        };
        let headers = response.headers_mut();
        headers.insert(header::ETAG, self.etag.clone());
        headers.insert(
            header::VARY,
            HeaderValue::from_static("accept-encoding, accept-language, cookie"),
        );
        response
    }
}

/// The encodings kept answers come in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Encoding {
    Brotli,
    Gzip,
    Identity,
}

impl Encoding {
    /// The best `Accept-Encoding` allows: brotli, else gzip, else none.
    fn accepted(headers: &HeaderMap) -> Encoding {
        let accepted = headers
            .get_all(header::ACCEPT_ENCODING)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .filter_map(|item| {
                let mut parts = item.split(';');
                let name = parts.next()?.trim().to_ascii_lowercase();
                let refused = parts.any(|p| matches!(p.trim(), "q=0" | "q=0.0" | "q=0.00" | "q=0.000"));
                (!refused).then_some(name)
            })
            .collect::<Vec<_>>();
        if accepted.iter().any(|name| name == "br") {
            Encoding::Brotli
        } else if accepted.iter().any(|name| name == "gzip") {
            Encoding::Gzip
        } else {
            Encoding::Identity
        }
    }

    fn name(self) -> Option<&'static str> {
        match self {
            Encoding::Brotli => Some("br"),
            Encoding::Gzip => Some("gzip"),
            Encoding::Identity => None,
        }
    }
}

/// The middleware: answers the kept pages from memory, and tells the catalog version's watch
/// about requests that may write.
pub async fn layer(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if !matches!(*request.method(), Method::GET | Method::HEAD) {
        let response = next.run(request).await;
        state.db.catalog_may_change();
        return response;
    }
    let Some(key) = Key::of(&request, state.bot.username.get().is_some()) else {
        return next.run(request).await;
    };
    let Ok(version) = state.db.catalog_version().await else {
        return next.run(request).await;
    };
    let encoding = Encoding::accepted(request.headers());
    let if_none_match = request.headers().get(header::IF_NONE_MATCH).cloned();
    let slot = state.catalog_cache.slot(key);
    let current = |slot: &Slot| {
        let answer = slot.answer.lock().expect("never poisoned").clone();
        answer.filter(|answer| answer.is_current(version, crate::clock::now_ms()))
    };
    if let Some(answer) = current(&slot) {
        return answer.respond(encoding, if_none_match.as_ref());
    }
    let _turn = slot.building.lock().await;
    if let Some(answer) = current(&slot) {
        return answer.respond(encoding, if_none_match.as_ref());
    }
    // Read before the page is built, so the answer is never older than what it is kept for.
    let Ok(until) = state
        .db
        .catalog_changes_by_itself_at(crate::clock::now_ms())
        .await
    else {
        return next.run(request).await;
    };
    let answer = match Answer::of(next.run(request).await, version, until).await {
        Ok(answer) => Arc::new(answer),
        // Not kept (an error, a cookie set): answered as it is, built again next time.
        Err(response) => return response,
    };
    *slot.answer.lock().expect("never poisoned") = Some(answer.clone());
    answer.respond(encoding, if_none_match.as_ref())
}

impl Answer {
    /// `response` kept for `version` until `until`, or given back as it is when it is not one
    /// to keep: anything but `200`, one that sets a cookie or is already encoded.
    async fn of(response: Response, version: CatalogVersion, until: Option<i64>) -> Result<Answer, Response> {
        let headers = response.headers();
        if response.status() != StatusCode::OK
            || headers.contains_key(header::SET_COOKIE)
            || headers.contains_key(header::CONTENT_ENCODING)
        {
            return Err(response);
        }
        let (parts, body) = response.into_parts();
        let body = match axum::body::to_bytes(body, MAX_BODY).await {
            Ok(body) => body,
            Err(error) => {
                tracing::error!(%error, "could not read a catalog page to keep it");
                return Err(StatusCode::INTERNAL_SERVER_ERROR.into_response());
            }
        };
        let mut headers = parts.headers;
        for framing in [header::CONTENT_LENGTH, header::TRANSFER_ENCODING] {
            headers.remove(framing);
        }
        let digest = <sha2::Sha256 as sha2::Digest>::digest(&body);
        let etag = format!("W/\"{}\"", hex::encode(&digest[..12]));
        Ok(Answer {
            version,
            until,
            status: parts.status,
            headers,
            etag: HeaderValue::from_str(&etag).expect("hex is a valid header value"),
            body,
            brotli: OnceLock::new(),
            gzip: OnceLock::new(),
        })
    }
}

impl CatalogCache {
    fn slot(&self, key: Key) -> Arc<Slot> {
        self.slots
            .lock()
            .expect("never poisoned")
            .entry(key)
            .or_default()
            .clone()
    }
}

fn brotli(body: &[u8]) -> Bytes {
    let mut out = Vec::with_capacity(body.len() / 4);
    let params = brotli::enc::BrotliEncoderParams {
        quality: BROTLI_QUALITY as i32,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut &body[..], &mut out, &params).expect("compressing into memory");
    out.into()
}

fn gzip(body: &[u8]) -> Bytes {
    let mut encoder =
        flate2::write::GzEncoder::new(Vec::with_capacity(body.len() / 4), flate2::Compression::default());
    encoder.write_all(body).expect("compressing into memory");
    encoder.finish().expect("compressing into memory").into()
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Body;
    use std::io::Read;

    fn get(uri: &str, headers: &[(&str, &str)]) -> Request {
        let mut request = Request::get(uri);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        request.body(Body::empty()).unwrap()
    }

    #[test]
    fn only_the_two_pages_with_at_most_their_language_are_kept() {
        let key = |uri: &str| Key::of(&get(uri, &[]), true);
        assert_eq!(key("/api/products").map(|k| k.page), Some(Page::Products));
        assert_eq!(
            key("/shop").map(|k| (k.page, k.lang)),
            Some((Page::Shop, Locale::en))
        );
        assert_eq!(key("/shop?lang=fr").map(|k| k.lang), Some(Locale::fr));
        for other in [
            "/shop/orders",
            "/api/events",
            "/shop?tgWebAppStartParam=p_1",
            "/shop?lang=fr&x=1",
            "/shop?lang=fr&lang=zh",
        ] {
            assert_eq!(key(other), None, "{other}");
        }
        let post = Request::post("/api/products").body(Body::empty()).unwrap();
        assert_eq!(Key::of(&post, true), None);
    }

    #[test]
    fn the_language_is_the_one_the_page_renders_in() {
        let key = |headers: &[(&str, &str)]| Key::of(&get("/shop", headers), false).unwrap().lang;
        assert_eq!(key(&[("accept-language", "zh-CN,zh;q=0.9")]), Locale::zh);
        assert_eq!(
            key(&[("cookie", "shop_lang=ar"), ("accept-language", "fr")]),
            Locale::ar
        );
        assert_eq!(key(&[]), Locale::en);
    }

    #[test]
    fn brotli_first_then_gzip_and_a_refused_encoding_is_not_used() {
        let of = |value: &str| {
            let mut headers = HeaderMap::new();
            headers.insert(header::ACCEPT_ENCODING, HeaderValue::from_str(value).unwrap());
            Encoding::accepted(&headers)
        };
        assert_eq!(of("gzip, deflate, br, zstd"), Encoding::Brotli);
        assert_eq!(of("gzip"), Encoding::Gzip);
        assert_eq!(of("br;q=0, gzip;q=0.5"), Encoding::Gzip);
        assert_eq!(of("identity"), Encoding::Identity);
        assert_eq!(Encoding::accepted(&HeaderMap::new()), Encoding::Identity);
    }

    async fn kept(body: &'static str) -> Answer {
        let response = ([(header::CONTENT_TYPE, "application/json")], body).into_response();
        Answer::of(response, CatalogVersion(7), Some(1_000))
            .await
            .ok()
            .unwrap()
    }

    #[tokio::test]
    async fn a_kept_answer_decodes_to_what_was_built_in_every_encoding() {
        let body = "{\"products\":[\"Blue Glazed Mug\",\"Blue Glazed Mug\"]}";
        let answer = kept(body).await;
        for encoding in [Encoding::Brotli, Encoding::Gzip, Encoding::Identity] {
            let response = answer.respond(encoding, None);
            assert_eq!(response.status(), StatusCode::OK);
            assert_eq!(response.headers()[header::CONTENT_TYPE], "application/json");
            assert_eq!(
                response
                    .headers()
                    .get(header::CONTENT_ENCODING)
                    .map(|v| v.to_str().unwrap()),
                encoding.name()
            );
            let bytes = axum::body::to_bytes(response.into_body(), MAX_BODY)
                .await
                .unwrap();
            let mut decoded = String::new();
            match encoding {
                Encoding::Brotli => brotli::Decompressor::new(&bytes[..], 4096).read_to_string(&mut decoded),
                Encoding::Gzip => flate2::read::GzDecoder::new(&bytes[..]).read_to_string(&mut decoded),
                Encoding::Identity => (&bytes[..]).read_to_string(&mut decoded),
            }
            .unwrap();
            assert_eq!(decoded, body, "{encoding:?}");
        }
    }

    #[tokio::test]
    async fn its_etag_answers_not_modified_and_changes_with_the_body() {
        let answer = kept("{\"a\":1}").await;
        let etag = answer.etag.clone();
        assert!(etag.to_str().unwrap().starts_with("W/\""));
        let again = answer.respond(Encoding::Brotli, Some(&etag));
        assert_eq!(again.status(), StatusCode::NOT_MODIFIED);
        assert_eq!(again.headers()[header::ETAG], etag);
        let other = HeaderValue::from_static("W/\"0000\"");
        assert_eq!(
            answer.respond(Encoding::Brotli, Some(&other)).status(),
            StatusCode::OK
        );
        assert_ne!(kept("{\"a\":2}").await.etag, etag);
    }

    #[tokio::test]
    async fn it_ends_with_its_version_or_when_an_event_leaves() {
        let answer = kept("{}").await;
        assert!(answer.is_current(CatalogVersion(7), 999));
        assert!(!answer.is_current(CatalogVersion(8), 999));
        assert!(!answer.is_current(CatalogVersion(7), 1_000));
    }

    #[tokio::test]
    async fn errors_and_answers_that_set_a_cookie_are_not_kept() {
        let refused = (StatusCode::SERVICE_UNAVAILABLE, "down").into_response();
        let back = Answer::of(refused, CatalogVersion(1), None).await.err().unwrap();
        assert_eq!(back.status(), StatusCode::SERVICE_UNAVAILABLE);
        let cookie = ([(header::SET_COOKIE, "a=b")], "x").into_response();
        assert!(Answer::of(cookie, CatalogVersion(1), None).await.is_err());
    }
}
