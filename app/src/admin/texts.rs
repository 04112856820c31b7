//! The admin page's texts in the merchant's language (English, Chinese, French or Arabic).
//!
//! Why not leptos_i18n, as the storefront does: the admin page is a lazy wasm chunk, but
//! wasm-split moves only functions into it — string data stays in the main module, which every
//! shopper downloads on their first open and whose budget has a few kilobytes left. Four
//! languages of several hundred admin texts compiled in would break it. So the texts are
//! English in the code, as they always were, and the English text is the key (gettext's way):
//! `t("Orders")`, `tf!("Page {current} of {pages}", current = 2, pages = 5)`. The translations
//! are `app/locales/admin/{zh,fr,ar}.json`, objects from each English text to its translation
//! with the same `{name}` placeholders, which the server serves under a content-hashed name
//! (`/admin/texts/zh.<hash>.json`, cached for good; [`crate::admin_api::Session::texts`]).
//! The signed-in page fetches its language's file once and [`install`]s it before it shows
//! anything; a text missing from it, or a file that failed to load, reads in English. The
//! main module carries no byte more than the English page did, and English needs no fetch.
//!
//! The language is fixed for the page's life: choosing another in the settings reloads the
//! page. `tests::every_text_is_translated` checks that every text the admin code passes to
//! `t`/`tf!` is in all three files with the same placeholders, and that no file holds a text
//! nobody uses.

use crate::admin_api::AdminLanguage;
use std::collections::HashMap;
use std::fmt::Display;
use std::sync::OnceLock;

/// The page's language and its translations, set once after signing in (in the browser only:
/// server rendering stops at "Signing in…").
static TEXTS: OnceLock<(AdminLanguage, HashMap<String, String>)> = OnceLock::new();

/// Uses `texts` (a translation file's JSON) for the rest of the page's life.
pub(crate) fn install(language: AdminLanguage, texts: HashMap<String, String>) {
    let _ = TEXTS.set((language, texts));
}

/// The page's language (English until [`install`]).
pub(crate) fn language() -> AdminLanguage {
    TEXTS.get().map_or(AdminLanguage::En, |(language, _)| *language)
}

/// `english` in the page's language; `english` itself when it has no translation.
pub(crate) fn t(english: &'static str) -> &'static str {
    TEXTS
        .get()
        .and_then(|(_, texts)| texts.get(english))
        .map_or(english, String::as_str)
}

/// The translation stored under `key` (a key that is no English text, such as
/// `refusal:<code>`); `None` on an English page or without one.
pub(crate) fn lookup(key: &str) -> Option<&'static str> {
    TEXTS
        .get()
        .and_then(|(_, texts)| texts.get(key))
        .map(String::as_str)
}

/// The page's language as the storefront's locales name it, for the salon's day (which
/// reads the storefront's `day_*` texts: the salon shares it with its desk).
pub(crate) fn locale() -> crate::i18n::Locale {
    use crate::i18n::Locale;
    match language() {
        AdminLanguage::En => Locale::en,
        AdminLanguage::Zh => Locale::zh,
        AdminLanguage::Fr => Locale::fr,
        AdminLanguage::Ar => Locale::ar,
    }
}

/// A state as the API names it (`awaiting_payment`, `checked_in`…) in the page's language;
/// in English, and for a state this list does not know, its name with spaces.
pub(crate) fn state(name: &str) -> String {
    let known = match name {
        "awaiting_payment" => t("awaiting payment"),
        "paid" => t("paid"),
        "shipped" => t("shipped"),
        "delivered" => t("delivered"),
        "cancelled" => t("cancelled"),
        "refunded" => t("refunded"),
        "expired" => t("expired"),
        _ => return name.replace('_', " "),
    };
    known.to_owned()
}

/// `text` with each `{name}` replaced by its value (`{{`/`}}` are no escapes: admin texts
/// hold no literal braces).
pub(crate) fn fill(text: &str, values: &[(&str, &dyn Display)]) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after.find('}').and_then(|close| {
            let name = &after[..close];
            values.iter().find(|(n, _)| *n == name).map(|(_, v)| (close, v))
        });
        match value {
            Some((close, value)) => {
                out.push_str(&value.to_string());
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// `tf!("Page {current} of {pages}", current = page, pages = count)`: the text in the page's
/// language with its placeholders filled.
macro_rules! tf {
    ($english:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::admin::texts::fill(
            $crate::admin::texts::t($english),
            &[$((stringify!($name), &$value as &dyn ::std::fmt::Display)),*],
        )
    };
}
pub(crate) use tf;

/// The `{name}` placeholders of a text, sorted.
#[cfg(test)]
fn placeholders(text: &str) -> Vec<&str> {
    let mut names: Vec<&str> = text
        .split('{')
        .skip(1)
        .filter_map(|part| part.split_once('}').map(|(name, _)| name))
        .collect();
    names.sort_unstable();
    names
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;
    use std::path::Path;

    #[test]
    fn placeholders_are_filled_by_name_in_any_order() {
        let text = "Page {current} of {pages}";
        assert_eq!(fill(text, &[("pages", &5), ("current", &2)]), "Page 2 of 5");
        assert_eq!(
            fill(
                "第 {current} 页，共 {pages} 页",
                &[("current", &2), ("pages", &5)]
            ),
            "第 2 页，共 5 页"
        );
        assert_eq!(fill("{missing} stays", &[]), "{missing} stays");
        assert_eq!(fill("no placeholder", &[("x", &1)]), "no placeholder");
    }

    #[test]
    fn an_untranslated_text_reads_in_english() {
        assert_eq!(
            t("A text no translation file holds"),
            "A text no translation file holds"
        );
    }

    /// Reads the Rust string literal at the start of `code` (after its opening quote): its
    /// value, escapes resolved.
    fn literal(code: &str) -> String {
        let mut out = String::new();
        let mut chars = code.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '"' => return out,
                '\\' => match chars.next() {
                    Some('n') => out.push('\n'),
                    Some('t') => out.push('\t'),
                    Some('\n') => {
                        while chars.peek().is_some_and(|c| c.is_whitespace()) {
                            chars.next();
                        }
                    }
                    Some('u') => {
                        let hex: String = chars.by_ref().skip(1).take_while(|c| *c != '}').collect();
                        out.extend(u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32));
                    }
                    Some(other) => out.push(other),
                    None => break,
                },
                c => out.push(c),
            }
        }
        panic!("an unterminated string literal: {code:.40}");
    }

    /// Every text the admin code (outside its tests) passes to `t(…)` or `tf!(…)`.
    fn used_texts(dir: &Path, found: &mut BTreeSet<String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                used_texts(&path, found);
                continue;
            }
            let file = std::fs::read_to_string(&path).unwrap();
            // Tests may use texts no page shows.
            let code = file.split("#[cfg(test)]").next().unwrap_or_default();
            for start in ["t(", "tf!("] {
                for (at, _) in code.match_indices(start) {
                    let before = code[..at].chars().next_back().unwrap_or(' ');
                    if before.is_alphanumeric() || before == '_' || before == '.' {
                        continue;
                    }
                    // The text may start on the next line (rustfmt breaks long calls).
                    let rest = code[at + start.len()..].trim_start();
                    if let Some(text) = rest.strip_prefix('"') {
                        found.insert(literal(text));
                    }
                }
            }
        }
    }

    fn translations(language: &str) -> HashMap<String, String> {
        let path = format!("{}/locales/admin/{language}.json", env!("CARGO_MANIFEST_DIR"));
        let json = std::fs::read_to_string(&path).unwrap();
        serde_json::from_str(&json).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    #[test]
    fn every_text_is_translated() {
        let mut used = BTreeSet::new();
        used_texts(
            Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/src/admin")),
            &mut used,
        );
        assert!(used.len() > 300, "only {} texts found", used.len());
        let mut problems = Vec::new();
        for language in ["zh", "fr", "ar"] {
            let texts = translations(language);
            for english in &used {
                match texts.get(english) {
                    None => problems.push(format!("{language}: missing {english:?}")),
                    Some(text) if text.trim().is_empty() => {
                        problems.push(format!("{language}: empty {english:?}"))
                    }
                    Some(text) if placeholders(text) != placeholders(english) => problems.push(format!(
                        "{language}: placeholders differ in {english:?}: {text:?}"
                    )),
                    Some(_) => {}
                }
            }
            // `refusal:` keys are `super::refusals`' own, checked by its tests.
            let unused = |k: &&String| !used.contains(*k) && !k.starts_with("refusal:");
            for english in texts.keys().filter(unused) {
                problems.push(format!("{language}: nobody uses {english:?}"));
            }
        }
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }
}
