//! What the merchant reads when the shop refuses a request, in the page's language.
//!
//! The server refuses with `{"error": {"code", "message"}}` ([`Failure`]): the code is one of
//! the shared [`ErrorCode`](crate::error_code::ErrorCode)s, the message an English sentence
//! with the specifics (which name, which limit, which chat). On an English page that message
//! is the best text there is, so it is shown as it is. On a Chinese, French or Arabic page the
//! code's own sentence comes first and the server's message follows as a small English detail
//! (`lang="en" dir="ltr"`, so an Arabic page keeps it readable), because the names and numbers
//! in it have no translation. A code without a sentence (a newer server, or one the admin
//! pages never meet) and a request that got no answer read by the HTTP status.
//!
//! The sentences are keyed by code (`refusal:<code>`, `refusal:status_<n>`) in the page's
//! translation files, not by English text as `t` keys are: English pages never show them, and
//! wasm-split leaves string data in the storefront's main module, whose first open has a byte
//! budget. Their English, for translators, is `app/locales/admin/refusals.en.json`; the tests
//! hold every translation file to its keys and to every code the server's admin, shop and
//! service code answers.
//!
//! It must not hide the code: the refusal's `<p>` keeps it in `data-code`, which the
//! end-to-end specs look for.

use super::api::Failure;
use super::texts;
use crate::admin_api::AdminLanguage;
use leptos::prelude::*;

/// A refusal as the merchant reads it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Explanation {
    /// The refusal's code, for the `data-code` attribute; `None` when there was none.
    pub code: Option<String>,
    /// What went wrong, in the page's language.
    pub text: String,
    /// The server's own English message, when `text` is a sentence in another language.
    pub detail: Option<String>,
}

impl Explanation {
    /// `failure` in the page's language.
    pub(crate) fn of(failure: &Failure) -> Self {
        explain(texts::language(), texts::lookup, failure)
    }

    /// A refusal the page makes itself, before asking the server: `text` is in the page's
    /// language already.
    pub(crate) fn by_page(text: impl Into<String>) -> Self {
        Explanation {
            code: None,
            text: text.into(),
            detail: None,
        }
    }

    /// The text, then the server's English detail in smaller type.
    pub(crate) fn contents(self) -> impl IntoView {
        let detail = self.detail.map(|detail| {
            view! { " " <small lang="en" dir="ltr">{detail}</small> }
        });
        view! { {self.text} {detail} }
    }

    /// The refusal as an alert, read out by screen readers when it appears.
    pub(crate) fn alert(self) -> impl IntoView {
        let code = self.code.clone().unwrap_or_default();
        view! { <p class="admin-error" role="alert" data-code=code>{self.contents()}</p> }
    }
}

/// `failure` as a page in `language` shows it, its sentences looked up by key in the page's
/// translations (`lookup`: [`texts::lookup`] on the page; a translation file in tests, which
/// cannot install one for the whole process).
fn explain<'a>(
    language: AdminLanguage,
    lookup: impl Fn(&str) -> Option<&'a str>,
    failure: &Failure,
) -> Explanation {
    let code = failure.code.clone();
    if language == AdminLanguage::En {
        return Explanation {
            code,
            text: failure.message.clone(),
            detail: None,
        };
    }
    let sentence = code.as_deref().and_then(|code| lookup(&sentence_key(code)));
    let text = sentence
        .or_else(|| lookup(status_key(failure.status)))
        .unwrap_or(&failure.message);
    Explanation {
        code,
        text: text.to_owned(),
        detail: Some(failure.message.clone()),
    }
}

/// The translations' key of what a refusal with `code` means: `refusal:<code>`.
fn sentence_key(code: &str) -> String {
    format!("refusal:{code}")
}

/// The translations' key of what a refusal means by its HTTP status alone; status 0 is a
/// request that got no answer.
fn status_key(status: u16) -> &'static str {
    match status {
        401 | 403 => "refusal:status_401",
        404 => "refusal:status_404",
        409 => "refusal:status_409",
        422 => "refusal:status_422",
        400..=499 => "refusal:status_4xx",
        _ => "refusal:no_answer",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error_code::ErrorCode;
    use std::collections::{BTreeSet, HashMap};
    use std::path::Path;

    fn failure(status: u16, code: Option<&str>, message: &str) -> Failure {
        Failure {
            status,
            code: code.map(str::to_owned),
            message: message.into(),
        }
    }

    fn translations(file: &str) -> HashMap<String, String> {
        let path = format!("{}/locales/admin/{file}.json", env!("CARGO_MANIFEST_DIR"));
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
    }

    /// `failure` on a page in `language`, whose texts are `app/locales/admin/<code>.json`.
    fn explained(language: AdminLanguage, failure: &Failure) -> Explanation {
        let texts = translations(language.code());
        explain(language, |key| texts.get(key).map(String::as_str), failure)
    }

    #[test]
    fn an_english_page_shows_the_servers_own_message() {
        let refused = failure(422, Some("bad_name"), "name is 1 to 64 characters");
        assert_eq!(
            explain(AdminLanguage::En, |_| Some("never asked"), &refused),
            Explanation {
                code: Some("bad_name".into()),
                text: "name is 1 to 64 characters".into(),
                detail: None,
            }
        );
    }

    #[test]
    fn a_french_page_says_what_the_code_means_and_keeps_the_servers_detail() {
        let refused = failure(422, Some("bad_name"), "name is 1 to 64 characters");
        assert_eq!(
            explained(AdminLanguage::Fr, &refused),
            Explanation {
                code: Some("bad_name".into()),
                text: "Le nom est vide, trop long ou sur plusieurs lignes.".into(),
                detail: Some("name is 1 to 64 characters".into()),
            }
        );
        let taken = failure(409, Some("slot_taken"), "Ana is booked at 10:00");
        assert_eq!(
            explained(AdminLanguage::Ar, &taken).text,
            "حُجز هذا الوقت للتو: اختر وقتًا آخر."
        );
        assert_eq!(
            explained(AdminLanguage::Zh, &taken).text,
            "该时间刚刚被预约：请另选一个。"
        );
    }

    #[test]
    fn a_code_without_a_sentence_reads_by_its_status() {
        let newer = failure(409, Some("a_code_from_a_newer_server"), "it clashes");
        let explanation = explained(AdminLanguage::Fr, &newer);
        assert_eq!(
            explanation.text,
            "Cette modification entre en conflit avec l’état actuel de la boutique : rechargez la page et vérifiez."
        );
        assert_eq!(explanation.code.as_deref(), Some("a_code_from_a_newer_server"));
        assert_eq!(explanation.detail.as_deref(), Some("it clashes"));
        let offline = failure(0, None, "Failed to fetch");
        let explanation = explained(AdminLanguage::Fr, &offline);
        assert_eq!(
            explanation.text,
            "Le serveur ou Telegram n’a pas répondu : réessayez."
        );
        assert_eq!(explanation.detail.as_deref(), Some("Failed to fetch"));
        let gone = failure(404, None, "status 404");
        assert_eq!(
            explained(AdminLanguage::Fr, &gone).text,
            "Introuvable : il a peut-être été supprimé entre-temps."
        );
    }

    #[test]
    fn a_refusal_of_the_page_itself_is_shown_as_written() {
        let refusal = Explanation::by_page("choisissez une catégorie");
        assert_eq!(refusal.text, "choisissez une catégorie");
        assert_eq!((refusal.code, refusal.detail), (None, None));
    }

    /// The codes `dir` names as `ErrorCode::X`, by their variant names.
    fn named_codes(dir: &Path, found: &mut BTreeSet<String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                named_codes(&path, found);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let code = std::fs::read_to_string(&path).unwrap();
                for (at, _) in code.match_indices("ErrorCode::") {
                    let name = &code[at + "ErrorCode::".len()..];
                    let end = name
                        .find(|c: char| !c.is_ascii_alphanumeric())
                        .unwrap_or(name.len());
                    found.insert(name[..end].to_owned());
                }
            }
        }
    }

    #[test]
    fn every_code_the_admin_api_answers_has_a_sentence_in_every_language() {
        let server = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../server/src"));
        let mut named = BTreeSet::new();
        for area in ["http/admin", "shop", "service"] {
            named_codes(&server.join(area), &mut named);
        }
        assert!(named.len() > 100, "only {} codes found", named.len());
        let english = translations("refusals.en");
        let mut problems = Vec::new();
        for code in ErrorCode::ALL
            .iter()
            .filter(|code| named.contains(&format!("{code:?}")))
        {
            if !english.contains_key(&sentence_key(code.as_str())) {
                problems.push(format!("no sentence for {}", code.as_str()));
            }
        }
        for status in [401, 404, 409, 422, 400, 0] {
            assert!(english.contains_key(status_key(status)), "{status}");
        }
        for key in english.keys() {
            let code = key.strip_prefix("refusal:").unwrap_or_default();
            let known = ErrorCode::parse(code).is_some()
                || key.starts_with("refusal:status_")
                || key == "refusal:no_answer";
            if !known {
                problems.push(format!("refusals.en.json: {key} names no code"));
            }
        }
        for language in ["zh", "fr", "ar"] {
            let texts = translations(language);
            for key in english.keys() {
                match texts.get(key).map(|text| text.trim()) {
                    None | Some("") => problems.push(format!("{language}: no {key}")),
                    Some(_) => {}
                }
            }
            for key in texts.keys().filter(|key| key.starts_with("refusal:")) {
                if !english.contains_key(key) {
                    problems.push(format!("{language}: {key} is not in refusals.en.json"));
                }
            }
        }
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }
}
