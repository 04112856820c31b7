//! The merchant's own texts in the shoppers' languages: a product's name and description, its
//! variants' names and a category's name per language (`en`, `zh`, `fr`, `ar`). The
//! product's, variant's or category's own fields are the shop's texts, in the shop's language;
//! a shopper whose language has no text of its own for a field reads those.
//!
//! `GET` answers every language, blank where there is none; `PUT` takes the same shape and
//! replaces them all: a language left out, or a blank field, has no text of its own.

use crate::catalog::VariantId;
use serde::{Deserialize, Serialize};

/// `GET`/`PUT /api/admin/products/{id}/texts`: the product's texts and its variants'.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProductTexts {
    /// One per language.
    pub product: Vec<ProductText>,
    /// One per variant of the product (a PUT may leave variants out: they have none).
    #[serde(default)]
    pub variants: Vec<VariantTexts>,
}

/// A product's name and description in one language; blank: the shop's own.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProductText {
    /// `en`, `zh`, `fr` or `ar`.
    pub lang: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub description: String,
}

/// A variant's name in each language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VariantTexts {
    pub variant_id: VariantId,
    pub names: Vec<LangText>,
}

/// One text in one language; blank: the shop's own.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LangText {
    /// `en`, `zh`, `fr` or `ar`.
    pub lang: String,
    #[serde(default)]
    pub text: String,
}

/// `GET`/`PUT /api/admin/categories/{id}/texts`: a category's name in each language.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryTexts {
    pub names: Vec<LangText>,
}
