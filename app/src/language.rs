//! The shopper's language: English, Chinese, French or Arabic (right to left), chosen from the
//! `language_code` Telegram gives for the user, English for anything else.
//!
//! The server cannot see initData on the first request (it travels in the URL fragment), so it
//! renders the language the URL's `lang` parameter names, else the `shop_lang` cookie's, else
//! the first of `Accept-Language` we speak, else English, and says which in `<html lang dir>`;
//! the wasm starts from that. Once the page has hydrated and the shell has read the launch
//! data, the page checks the user's Telegram language: if the server guessed another, the page
//! remembers the right one in the cookie and loads itself again with `?lang=`, so the server
//! renders it in that language (this happens on a first open only, when the device's language
//! is not the one the user chose in Telegram; later opens have the cookie).
//!
//! Why a reload rather than re-rendering in place: a page that can change language while it
//! runs needs a reactive text node per string, and the wasm grew by about 10 KB (brotli) for it,
//! more than the first-open budget had left. The translations are app/locales/*.json, compiled
//! by leptos_i18n into the `i18n` module and read with `td_string!(locale, key)`; the locale
//! lives in [`Lang`], not in leptos_i18n's context, which matches locales with ICU4X's locale
//! data (70 KB brotli in the wasm).
//!
//! Plural forms: ICU's plural rules would add their data for every locale to the wasm, so
//! counted texts come in two keys, `…_1` (one) and `…_n` (any other count), chosen by
//! [`is_one`]; Arabic's `…_n` texts are worded to read right for any number.

use crate::i18n::Locale;
use crate::telegram::Telegram;
use leptos::prelude::*;
use leptos_i18n::Locale as _;

/// The cookie that remembers the shopper's language for the next server rendering.
const COOKIE: &str = "shop_lang";

/// The page's language, shared through Leptos context; fixed for the page's life.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Lang(Locale);

impl Lang {
    /// The locale the page renders in.
    pub fn now(self) -> Locale {
        self.0
    }
}

/// The language provided by [`provide_lang`].
pub fn use_lang() -> Lang {
    expect_context::<Lang>()
}

/// Provides the page's language: on the server from the request, in the browser the one the
/// server rendered (so hydration matches).
pub fn provide_lang() {
    provide_context(Lang(initial()));
}

/// `<html>`'s `lang` and `dir` for `locale`. The server writes them into the document
/// ([`crate::shell`]), outside what hydrates: a component for them cost the wasm 8 KB.
pub fn html_attributes(locale: Locale) -> (&'static str, &'static str) {
    (locale.as_str(), if locale == Locale::ar { "rtl" } else { "ltr" })
}

/// The URL's `lang`, else the cookie's, else the first of Accept-Language's we speak, else
/// English.
#[cfg(feature = "ssr")]
pub fn initial() -> Locale {
    let Some(request) = use_context::<http::request::Parts>() else {
        return Locale::en;
    };
    let header = |name| {
        request
            .headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
    };
    from_query(request.uri.query().unwrap_or_default())
        .or_else(|| from_cookie(header(http::header::COOKIE)))
        .or_else(|| from_accept_language(header(http::header::ACCEPT_LANGUAGE)))
        .unwrap_or(Locale::en)
}

/// What the server rendered: `<html lang>`.
#[cfg(all(feature = "hydrate", not(feature = "ssr")))]
pub fn initial() -> Locale {
    let lang = document()
        .document_element()
        .and_then(|html| html.get_attribute("lang"));
    lang.map(|code| for_language_code(&code)).unwrap_or(Locale::en)
}

#[cfg(not(any(feature = "ssr", feature = "hydrate")))]
pub fn initial() -> Locale {
    Locale::en
}

/// Remembers `locale` in the cookie for a year (`SameSite=None; Secure` over HTTPS, because
/// Telegram Web shows the Mini App in a frame of another site), then loads the page again
/// with `?lang=`, keeping its path, its other parameters and the launch data in its fragment.
#[cfg(feature = "hydrate")]
fn reload_in(locale: Locale) {
    let location = window().location();
    let secure = location.protocol().is_ok_and(|p| p == "https:");
    let same_site = if secure {
        "SameSite=None; Secure"
    } else {
        "SameSite=Lax"
    };
    let cookie = format!(
        "{COOKIE}={}; Path=/; Max-Age=31536000; {same_site}",
        locale.as_str()
    );
    let _ = js_sys::Reflect::set(&document(), &"cookie".into(), &cookie.into());
    let search = location.search().unwrap_or_default();
    if from_query(&search) == Some(locale) {
        return; // asked for already: never reload twice
    }
    let (path, hash) = (
        location.pathname().unwrap_or_default(),
        location.hash().unwrap_or_default(),
    );
    let _ = location.replace(&format!("{path}?{}{hash}", with_lang(&search, locale)));
}

/// A query string with `lang=<locale>` in place of any `lang` it had.
pub fn with_lang(search: &str, locale: Locale) -> String {
    let mut query = form_urlencoded::Serializer::new(String::new());
    for (key, value) in form_urlencoded::parse(search.trim_start_matches('?').as_bytes()) {
        if key != "lang" {
            query.append_pair(&key, &value);
        }
    }
    query.append_pair("lang", locale.as_str()).finish()
}

/// The locale a query string's `lang` names, if we speak it.
pub fn from_query(search: &str) -> Option<Locale> {
    let (_, value) =
        form_urlencoded::parse(search.trim_start_matches('?').as_bytes()).find(|(key, _)| key == "lang")?;
    Some(for_language_code(&value)).filter(|locale| locale.as_str() == value)
}

/// The locale a `Cookie` header remembers.
pub fn from_cookie(header: &str) -> Option<Locale> {
    let value = header
        .split(';')
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == COOKIE)?
        .1;
    Some(for_language_code(value)).filter(|locale| locale.as_str() == value)
}

/// The first language of an `Accept-Language` header we have (quality values are ignored:
/// browsers list languages in the order of preference).
pub fn from_accept_language(header: &str) -> Option<Locale> {
    header
        .split(',')
        .map(|tag| tag.split(';').next().unwrap_or_default().trim())
        .find(|tag| for_language_code(tag) != Locale::en || tag.to_ascii_lowercase().starts_with("en"))
        .map(for_language_code)
}

/// The locale for a Telegram `language_code` (an IETF tag such as `en`, `zh-hans`, `pt-br`).
pub fn for_language_code(code: &str) -> Locale {
    let primary = code.split(['-', '_']).next().unwrap_or_default();
    match primary.to_ascii_lowercase().as_str() {
        "zh" => Locale::zh,
        "fr" => Locale::fr,
        "ar" => Locale::ar,
        _ => Locale::en,
    }
}

/// The `language_code` of the user in raw initData, if it names one. Read without checking
/// the signature: it only picks the language the page is shown in; the server checks initData
/// on every request that matters.
pub fn language_code(init_data: &str) -> Option<String> {
    let user = form_urlencoded::parse(init_data.as_bytes())
        .find(|(key, _)| key == "user")?
        .1;
    let user: serde_json::Value = serde_json::from_str(&user).ok()?;
    user.get("language_code")?.as_str().map(str::to_owned)
}

/// True when `count` takes the singular text (`…_1`) in `locale`: French counts 0 and 1 as
/// one, English and Arabic 1 only; Chinese texts are the same for both.
pub fn is_one(locale: Locale, count: u64) -> bool {
    match locale {
        Locale::fr => count <= 1,
        _ => count == 1,
    }
}

/// An amount as it goes into a sentence: in right-to-left text, between Unicode's
/// left-to-right isolate marks, so "24,00 €" keeps Telegram's order (the symbol after the
/// number) instead of being reordered by the sentence around it. Amounts shown alone are
/// wrapped in `<bdi dir="ltr">` instead.
pub fn ltr(locale: Locale, amount: &str) -> String {
    match locale {
        Locale::ar => format!("\u{2066}{amount}\u{2069}"),
        _ => amount.to_owned(),
    }
}

/// Joins `items` as a sentence lists them: "A, B and C", "A、B和C", "A، B وC".
pub fn join_list(items: &[String], separator: &str, and: impl Fn(&str, &str) -> String) -> String {
    match items {
        [] => String::new(),
        [only] => only.clone(),
        [first @ .., last] => and(&first.join(separator), last),
    }
}

/// Once the shell knows the launch data, makes sure the page is in the user's Telegram
/// language (see the module's header).
pub fn follow_telegram(telegram: Telegram) {
    let lang = use_lang();
    Effect::new(move |_| {
        let Some(launch) = telegram.launch.get() else {
            return;
        };
        let code = launch.init_data.as_deref().and_then(language_code);
        if let Some(locale) = code
            .as_deref()
            .map(for_language_code)
            .filter(|l| *l != lang.now())
        {
            #[cfg(feature = "hydrate")]
            reload_in(locale);
            #[cfg(not(feature = "hydrate"))]
            let _ = locale;
        }
    });
}

#[cfg(test)]
mod tests;
