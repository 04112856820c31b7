//! The admin page's translations (`app/locales/admin/{zh,fr,ar}.json`, see the app's
//! `admin::texts`), served as `GET /admin/texts/<language>.<hash>.json`: the name changes
//! with the content, so the answer is cached for good and a new build's texts are fetched at
//! once. English has no file: the page's code holds it.
//!
//! Must not: decide which language an admin reads (`sign_in` does, from the settings and
//! Telegram's language) nor hold texts itself.

use app::admin_api::AdminLanguage;
use axum::extract::Path;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};
use std::sync::OnceLock;

/// The translations compiled into the server, by language.
fn file(language: AdminLanguage) -> Option<&'static str> {
    match language {
        AdminLanguage::En => None,
        AdminLanguage::Zh => Some(include_str!("../../../../app/locales/admin/zh.json")),
        AdminLanguage::Fr => Some(include_str!("../../../../app/locales/admin/fr.json")),
        AdminLanguage::Ar => Some(include_str!("../../../../app/locales/admin/ar.json")),
    }
}

/// `<language>.<first 16 hex digits of the content's SHA-256>.json`, per language.
fn names() -> &'static [(AdminLanguage, String)] {
    static NAMES: OnceLock<Vec<(AdminLanguage, String)>> = OnceLock::new();
    NAMES.get_or_init(|| {
        AdminLanguage::ALL
            .into_iter()
            .filter_map(|language| {
                let hash = hex::encode(Sha256::digest(file(language)?.as_bytes()));
                Some((language, format!("{}.{}.json", language.code(), &hash[..16])))
            })
            .collect()
    })
}

/// Where the page finds its texts in `language`; `None` for English.
pub fn url(language: AdminLanguage) -> Option<String> {
    names()
        .iter()
        .find(|(l, _)| *l == language)
        .map(|(_, name)| format!("/admin/texts/{name}"))
}

/// `GET /admin/texts/{name}`: the file of that name, or 404 (an unknown language, or an old
/// build's hash).
pub async fn texts(Path(name): Path<String>) -> Response {
    let Some(text) = names()
        .iter()
        .find(|(_, n)| *n == name)
        .and_then(|(language, _)| file(*language))
    else {
        return (StatusCode::NOT_FOUND, "no such texts").into_response();
    };
    (
        [
            (header::CONTENT_TYPE, "application/json; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=31536000, immutable"),
        ],
        text,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    #[test]
    fn each_translation_is_an_object_of_texts_named_by_its_content() {
        for language in [AdminLanguage::Zh, AdminLanguage::Fr, AdminLanguage::Ar] {
            let text = file(language).unwrap();
            serde_json::from_str::<HashMap<String, String>>(text).unwrap();
            let url = url(language).unwrap();
            let name = url.strip_prefix("/admin/texts/").unwrap();
            assert!(name.starts_with(&format!("{}.", language.code())), "{url}");
            assert_eq!(name.len(), 2 + 1 + 16 + 5, "{url}");
        }
        assert_eq!(url(AdminLanguage::En), None);
    }
}
