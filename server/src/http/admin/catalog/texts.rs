//! The merchant's texts in the shoppers' languages: `GET`/`PUT
//! /api/admin/products/{id}/texts` (the product's name and description and its variants'
//! names) and `GET`/`PUT /api/admin/categories/{id}/texts` (the category's name). A PUT
//! replaces them all; blank fields have no text (shoppers read the shop's own). Each text
//! follows the rules of the field it translates; a language other than en, zh, fr, ar is 422
//! `bad_language` naming it; a language given twice, or a variant not of the product, is 422.

use super::refused;
use crate::http::admin::{invalid, not_found, Admin};
use crate::http::{ApiError, AppJson, AppPath, AppState};
use crate::shop::catalog::input::{CategoryId, Invalid, Name, VariantName};
use crate::shop::catalog::texts::{self, parse_language, parse_variant_name, ProductText, LANGUAGES};
use app::admin_api::{CategoryTexts, LangText, ProductTexts, VariantTexts};
use app::catalog::ProductId;
use app::error_code::ErrorCode;
use app::i18n::Locale;
use axum::extract::State;
use axum::Json;
use leptos_i18n::Locale as _;

fn no_product(id: ProductId) -> ApiError {
    not_found(ErrorCode::ProductNotFound, "product", id.0)
}

fn no_category(id: CategoryId) -> ApiError {
    not_found(ErrorCode::CategoryNotFound, "category", id.0)
}

/// `GET /api/admin/products/{id}/texts`: every language, blank where there is no text.
pub(super) async fn product(
    State(state): State<AppState>,
    _admin: Admin,
    AppPath(id): AppPath<ProductId>,
) -> Result<Json<ProductTexts>, ApiError> {
    let stored = state.db.product_texts(id).await?.ok_or_else(|| no_product(id))?;
    Ok(Json(product_shown(&stored)))
}

/// `PUT /api/admin/products/{id}/texts`: answers them as stored.
pub(super) async fn set_product(
    State(state): State<AppState>,
    _admin: Admin,
    AppPath(id): AppPath<ProductId>,
    AppJson(sent): AppJson<ProductTexts>,
) -> Result<Json<ProductTexts>, ApiError> {
    let parsed = product_parsed(&sent).map_err(invalid)?;
    let record = state.db.admin_product(id).await?.ok_or_else(|| no_product(id))?;
    for (variant, names) in &parsed.variants {
        let Some(own) = record.variants.iter().find(|v| v.id == *variant) else {
            return Err(invalid(Invalid::new(
                ErrorCode::BadVariants,
                format!("variants: variant {} is not one of product {}'s", variant.0, id.0),
            )));
        };
        if own.name.is_empty() && !names.is_empty() {
            return Err(invalid(Invalid::new(
                ErrorCode::BadVariantName,
                format!(
                    "variants[{}]: the product's only variant has no name to translate",
                    variant.0
                ),
            )));
        }
    }
    state
        .db
        .set_product_texts(id, &parsed)
        .await?
        .map_err(|r| refused(r, no_product(id)))?;
    let stored = state.db.product_texts(id).await?.ok_or_else(|| no_product(id))?;
    Ok(Json(product_shown(&stored)))
}

/// `GET /api/admin/categories/{id}/texts`.
pub(super) async fn category(
    State(state): State<AppState>,
    _admin: Admin,
    AppPath(id): AppPath<CategoryId>,
) -> Result<Json<CategoryTexts>, ApiError> {
    let names = state
        .db
        .category_texts(id)
        .await?
        .ok_or_else(|| no_category(id))?;
    Ok(Json(CategoryTexts {
        names: every_language(&names, |n| n.as_str()),
    }))
}

/// `PUT /api/admin/categories/{id}/texts`: answers them as stored.
pub(super) async fn set_category(
    State(state): State<AppState>,
    _admin: Admin,
    AppPath(id): AppPath<CategoryId>,
    AppJson(sent): AppJson<CategoryTexts>,
) -> Result<Json<CategoryTexts>, ApiError> {
    let names = names_parsed("names", &sent.names, |typed| {
        let given = !typed.trim().is_empty();
        given.then(|| Name::parse(typed)).transpose()
    })
    .map_err(invalid)?;
    state
        .db
        .set_category_texts(id, &names)
        .await?
        .map_err(|r| refused(r, no_category(id)))?;
    let names = state
        .db
        .category_texts(id)
        .await?
        .ok_or_else(|| no_category(id))?;
    Ok(Json(CategoryTexts {
        names: every_language(&names, |n| n.as_str()),
    }))
}

/// Stored texts as the page edits them: every language, blank where there is none.
fn product_shown(stored: &texts::ProductTexts) -> ProductTexts {
    ProductTexts {
        product: LANGUAGES
            .into_iter()
            .map(|lang| {
                let text = stored.product.iter().find(|(l, _)| *l == lang).map(|(_, t)| t);
                let field = |f: Option<&str>| f.unwrap_or_default().to_owned();
                app::admin_api::ProductText {
                    lang: lang.as_str().to_owned(),
                    name: field(text.and_then(|t| t.name.as_ref()).map(Name::as_str)),
                    description: field(text.and_then(|t| t.description.as_ref()).map(|d| d.as_str())),
                }
            })
            .collect(),
        variants: stored
            .variants
            .iter()
            .map(|(id, names)| VariantTexts {
                variant_id: *id,
                names: every_language(names, VariantName::as_str),
            })
            .collect(),
    }
}

fn every_language<T>(texts: &[(Locale, T)], text: impl Fn(&T) -> &str) -> Vec<LangText> {
    LANGUAGES
        .into_iter()
        .map(|lang| LangText {
            lang: lang.as_str().to_owned(),
            text: texts
                .iter()
                .find(|(l, _)| *l == lang)
                .map_or("", |(_, t)| text(t))
                .to_owned(),
        })
        .collect()
}

/// The texts as sent, parsed; each refusal names where it is (`product[zh]`, `variants[3][fr]`).
fn product_parsed(sent: &ProductTexts) -> Result<texts::ProductTexts, Invalid> {
    let mut parsed = texts::ProductTexts::default();
    for text in &sent.product {
        let lang = language_once("product", &text.lang, parsed.product.iter().map(|(l, _)| *l))?;
        let typed = ProductText::parse(&text.name, &text.description)
            .map_err(|e| at(&format!("product[{}]", text.lang), e))?;
        parsed.product.push((lang, typed));
    }
    for variant in &sent.variants {
        if parsed.variants.iter().any(|(v, _)| *v == variant.variant_id) {
            return Err(Invalid::new(
                ErrorCode::BadVariants,
                format!("variants: variant {} is given twice", variant.variant_id.0),
            ));
        }
        let names = names_parsed(
            &format!("variants[{}]", variant.variant_id.0),
            &variant.names,
            parse_variant_name,
        )?;
        parsed.variants.push((variant.variant_id, names));
    }
    Ok(parsed)
}

/// One text per language, blank ones left out, each parsed by `parse`.
fn names_parsed<T>(
    field: &str,
    sent: &[LangText],
    parse: impl Fn(&str) -> Result<Option<T>, Invalid>,
) -> Result<Vec<(Locale, T)>, Invalid> {
    let mut langs = Vec::new();
    let mut names = Vec::new();
    for text in sent {
        let lang = language_once(field, &text.lang, langs.iter().copied())?;
        langs.push(lang);
        if let Some(name) = parse(&text.text).map_err(|e| at(&format!("{field}[{}]", text.lang), e))? {
            names.push((lang, name));
        }
    }
    Ok(names)
}

/// `code` as a language, refused when `seen` has it already.
fn language_once(field: &str, code: &str, mut seen: impl Iterator<Item = Locale>) -> Result<Locale, Invalid> {
    let lang = parse_language(code).map_err(|e| at(field, e))?;
    match seen.any(|l| l == lang) {
        true => Err(Invalid::new(
            ErrorCode::BadLanguage,
            format!("{field}: lang {code:?} is given twice"),
        )),
        false => Ok(lang),
    }
}

/// `invalid` with the place it was found in front of its message.
fn at(place: &str, invalid: Invalid) -> Invalid {
    Invalid::new(invalid.code, format!("{place}: {}", invalid.message))
}
