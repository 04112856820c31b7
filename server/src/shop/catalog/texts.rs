//! The merchant's own texts in the shopper's language. A product's name and description, a
//! variant's name and a category's name may be written per language (en, zh, fr, ar); the
//! fields of the product, variant or category themselves are the shop's own texts, in the
//! shop's language (whatever language the merchant writes the catalog in: the shop has no
//! setting for it), and are what a shopper reads for any field without a text in their language.
//!
//! The rule is per field: a Chinese name without a Chinese description shows the Chinese name
//! over the shop's description. Search matches names in every language: [`CatalogTexts::translate`]
//! hands each product the words of the names (its own, its variants', its category's) it does
//! not show, for the storefront's search; descriptions are searched in the language shown only,
//! since every description in four languages would more than double the catalog the
//! storefront's first open carries (2.6 KB compressed for the demo, over half the budget left;
//! the names cost under 1 KB).
//!
//! Pure; `crate::storage::catalog::texts` keeps them, `crate::http::admin::catalog::texts`
//! takes them in through [`parse_language`] and the [`input`](super::input) rules.

use super::input::{Description, Invalid, Name, VariantName};
use super::{Category, Product};
use app::catalog::{ProductId, VariantId};
use app::error_code::ErrorCode;
use app::i18n::Locale;
use leptos_i18n::Locale as _;
use std::collections::{BTreeSet, HashMap};

/// The languages texts may be written in, in the order the merchant's page lists them.
pub const LANGUAGES: [Locale; 4] = [Locale::en, Locale::zh, Locale::fr, Locale::ar];

/// A language code of [`LANGUAGES`] (`zh`), exactly; anything else is refused, naming it.
pub fn parse_language(code: &str) -> Result<Locale, Invalid> {
    LANGUAGES.into_iter().find(|l| l.as_str() == code).ok_or_else(|| {
        Invalid::new(
            ErrorCode::BadLanguage,
            format!("lang {code:?} is not one of the shop's languages: en, zh, fr, ar"),
        )
    })
}

/// The language a signed-in shopper reads the catalog in: their verified Telegram
/// `language_code`'s, English for any the shop does not speak.
pub fn shopper_language(user: &app::identity::WebAppUser) -> Locale {
    app::language::for_language_code(user.language_code.as_deref().unwrap_or_default())
}

/// A product's texts in one language; `None`: the shop's own shows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ProductText {
    pub name: Option<Name>,
    pub description: Option<Description>,
}

impl ProductText {
    /// What the merchant typed for one language: blank fields are `None`, others must pass the
    /// rules of the product's own fields.
    pub fn parse(name: &str, description: &str) -> Result<Self, Invalid> {
        let given = |text: &str| !text.trim().is_empty();
        Ok(ProductText {
            name: given(name).then(|| Name::parse(name)).transpose()?,
            description: given(description)
                .then(|| Description::parse(description))
                .transpose()?,
        })
    }

    /// True when it holds no text (nothing to keep).
    pub fn is_empty(&self) -> bool {
        self.name.is_none() && self.description.is_none()
    }
}

/// A variant's name in one language, as typed; blank: `None` (the shop's own shows). A
/// translated name is never empty: only a product's only variant has an empty name, and it
/// shows none in any language.
pub fn parse_variant_name(typed: &str) -> Result<Option<VariantName>, Invalid> {
    match typed.trim().is_empty() {
        true => Ok(None),
        false => VariantName::parse(typed).map(Some),
    }
}

/// A product's texts and its variants' in the languages the merchant wrote, as the merchant's
/// page edits them together.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ProductTexts {
    pub product: Vec<(Locale, ProductText)>,
    pub variants: Vec<(VariantId, Vec<(Locale, VariantName)>)>,
}

/// Every text of the catalog in languages other than the shop's own, as stored.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CatalogTexts {
    pub products: HashMap<ProductId, Vec<(Locale, ProductText)>>,
    pub variants: HashMap<VariantId, Vec<(Locale, VariantName)>>,
    /// By the category's slug, as the storefront names categories.
    pub categories: HashMap<String, Vec<(Locale, Name)>>,
}

/// The text for `lang` among `texts`, else `own`: the fallback rule, per field.
pub fn in_language<'a, T>(
    texts: &'a [(Locale, T)],
    lang: Locale,
    own: &'a str,
    text: impl Fn(&'a T) -> Option<&'a str>,
) -> &'a str {
    texts
        .iter()
        .find(|(l, _)| *l == lang)
        .and_then(|(_, t)| text(t))
        .unwrap_or(own)
}

/// The words of `texts` not already in `shown`, folded as the storefront's search folds them,
/// each once, in the order first met.
fn unshown_words<'a>(shown: &str, texts: impl Iterator<Item = &'a str>) -> String {
    let shown: BTreeSet<String> = app::search::fold(shown)
        .split_whitespace()
        .map(str::to_owned)
        .collect();
    let mut seen = BTreeSet::new();
    let mut words = Vec::new();
    for text in texts {
        for word in app::search::fold(text).split_whitespace() {
            if !shown.contains(word) && seen.insert(word.to_owned()) {
                words.push(word.to_owned());
            }
        }
    }
    words.join(" ")
}

/// What `translate` gives each product besides its texts in the language: its search words.
pub type SearchWords = HashMap<ProductId, String>;

impl CatalogTexts {
    /// Puts `categories` and `products` into `lang`, field by field (a field without a text in
    /// `lang` keeps the shop's own), and answers each product's search words: the words of
    /// its names in every other language and of the shop's own that it no longer shows,
    /// its variants' and its category's included.
    pub fn translate(
        &self,
        lang: Locale,
        categories: &mut [Category],
        products: &mut [Product],
    ) -> SearchWords {
        let mut words = SearchWords::new();
        let category_names: HashMap<String, (String, String)> = categories
            .iter_mut()
            .map(|c| {
                let texts = self
                    .categories
                    .get(c.slug.as_str())
                    .map_or(&[][..], Vec::as_slice);
                let own = std::mem::take(&mut c.name);
                c.name = in_language(texts, lang, &own, |n| Some(n.as_str())).to_owned();
                let all = std::iter::once(own.as_str()).chain(texts.iter().map(|(_, n)| n.as_str()));
                (
                    c.slug.as_str().to_owned(),
                    (c.name.clone(), all.collect::<Vec<_>>().join(" ")),
                )
            })
            .collect();
        for product in products.iter_mut() {
            let (mut shown, mut others) = match category_names.get(product.category.as_str()) {
                Some((name, all)) => (name.clone(), vec![all.clone()]),
                None => (String::new(), Vec::new()),
            };
            self.translate_product(lang, product, &mut shown, &mut others);
            let unshown = unshown_words(&shown, others.iter().map(String::as_str));
            if !unshown.is_empty() {
                words.insert(product.id, unshown);
            }
        }
        words
    }

    /// One product and its variants into `lang`, noting the texts it shows and all the others.
    fn translate_product(
        &self,
        lang: Locale,
        product: &mut Product,
        shown: &mut String,
        others: &mut Vec<String>,
    ) {
        if let Some(texts) = self.products.get(&product.id) {
            let (name, description) = (product.name.clone(), product.description.clone());
            product.name = in_language(texts, lang, &name, |t| t.name.as_ref().map(Name::as_str)).to_owned();
            product.description = in_language(texts, lang, &description, |t| {
                t.description.as_ref().map(Description::as_str)
            })
            .to_owned();
            // Names only: descriptions in four languages would more than double the catalog
            // the storefront's first open carries (see the module's header).
            others.push(name);
            for (_, text) in texts {
                others.extend(text.name.iter().map(|n| n.as_str().to_owned()));
            }
        }
        for variant in product.variants.iter_mut() {
            if let Some(texts) = self
                .variants
                .get(&variant.id)
                .filter(|_| !variant.name.is_empty())
            {
                let own = std::mem::take(&mut variant.name);
                variant.name = in_language(texts, lang, &own, |n| Some(n.as_str())).to_owned();
                others.push(own);
                others.extend(texts.iter().map(|(_, n)| n.as_str().to_owned()));
            }
            shown.push(' ');
            shown.push_str(&variant.name);
        }
        for text in [&product.name, &product.description] {
            shown.push(' ');
            shown.push_str(text);
        }
    }
}

#[cfg(test)]
mod tests;
