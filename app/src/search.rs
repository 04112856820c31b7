//! Finding products: the storefront's search words and category filter as the URL carries
//! them (`/shop?q=mug&category=home`), and which products they select.
//!
//! The whole catalog is already on the page (a small shop's catalog is a few kilobytes), so
//! filtering happens where the shopper types, with no request per keystroke; the URL keeps
//! the search so reloading, sharing and the BackButton all show the same results.

use crate::catalog::{Catalog, CategoryView, ProductView};

/// What the shopper asked to see: products whose name, description, category or variants
/// contain every search word, in one category or all; in any language the merchant wrote
/// them in ([`ProductView::search_words`]).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Browse {
    /// The search as typed, trimmed.
    pub text: String,
    /// Slug of the chosen category.
    pub category: Option<String>,
    words: Vec<String>,
}

impl Browse {
    /// Reads the query parameters `q` and `category`; blank values mean "everything".
    pub fn new(text: Option<&str>, category: Option<&str>) -> Self {
        let text = text.unwrap_or_default().trim().to_owned();
        let words = fold(&text).split_whitespace().map(str::to_owned).collect();
        let category = category
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(str::to_owned);
        Browse {
            text,
            category,
            words,
        }
    }

    /// True when the shopper asked for nothing in particular.
    pub fn is_everything(&self) -> bool {
        self.words.is_empty() && self.category.is_none()
    }

    /// The categories to show, each with its products that match, in catalog order; categories
    /// left without products are left out.
    pub fn sections<'a>(&self, catalog: &'a Catalog) -> Vec<(&'a CategoryView, Vec<&'a ProductView>)> {
        catalog
            .categories
            .iter()
            .filter(|c| self.category.as_ref().is_none_or(|wanted| *wanted == c.slug))
            .map(|c| {
                let products = catalog
                    .in_category(&c.slug)
                    .filter(|p| self.matches(p, c))
                    .collect();
                (c, products)
            })
            .filter(|(_, products): &(_, Vec<_>)| !products.is_empty())
            .collect()
    }

    fn matches(&self, product: &ProductView, category: &CategoryView) -> bool {
        if self.words.is_empty() {
            return true;
        }
        let mut text = format!("{} {} {}", product.name, product.description, category.name);
        for variant in &product.variants {
            text.push(' ');
            text.push_str(&variant.name);
        }
        text.push(' ');
        text.push_str(&product.search_words);
        let haystack = fold(&text);
        self.words.iter().all(|word| haystack.contains(word.as_str()))
    }

    /// The storefront's address for this search in `category` (`None`: all categories).
    pub fn href(&self, category: Option<&str>) -> String {
        let mut query = form_urlencoded::Serializer::new(String::new());
        if !self.text.is_empty() {
            query.append_pair("q", &self.text);
        }
        if let Some(category) = category {
            query.append_pair("category", category);
        }
        let query = query.finish();
        if query.is_empty() {
            "/shop".to_owned()
        } else {
            format!("/shop?{query}")
        }
    }
}

/// Lower case without the accents of Latin letters, so "cafe" finds "Café" and "ETE" finds
/// "été". Scripts without case (Chinese, Arabic) pass through unchanged. A full Unicode
/// normalisation crate would cost the page more than the few letters French needs.
///
/// Lower case is the whole string's, as Unicode's default case mapping defines it (a final
/// sigma becomes `ς`): Rust's `str::to_lowercase` on the server, the browser's own
/// `String.prototype.toLowerCase` in the wasm, which apply the same rules, so the page the
/// server rendered and the one the browser filters agree. The browser's keeps Rust's lower-case
/// tables out of the storefront's first open (README, Benchmarks).
pub fn fold(text: &str) -> String {
    lower_case(text)
        .chars()
        .map(|c| match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => 'a',
            'ç' => 'c',
            'è' | 'é' | 'ê' | 'ë' => 'e',
            'ì' | 'í' | 'î' | 'ï' => 'i',
            'ñ' => 'n',
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' => 'o',
            'ù' | 'ú' | 'û' | 'ü' => 'u',
            'ý' | 'ÿ' => 'y',
            other => other,
        })
        .collect()
}

#[cfg(not(feature = "hydrate"))]
fn lower_case(text: &str) -> String {
    text.to_lowercase()
}

#[cfg(feature = "hydrate")]
fn lower_case(text: &str) -> String {
    js_sys::JsString::from(text).to_lower_case().into()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::{Photo, ProductId, VariantId, VariantView};
    use crate::money::{Currency, Money};

    fn product(id: i64, category: &str, name: &str, description: &str) -> ProductView {
        ProductView {
            id: ProductId(id),
            slug: format!("p{id}"),
            name: name.to_owned(),
            description: description.to_owned(),
            category: category.to_owned(),
            price: Money::new(100, Currency::parse("EUR").unwrap()),
            price_label: "€1.00".to_owned(),
            price_varies: false,
            stock: 1,
            photo: Photo {
                url: String::new(),
                width: 1,
                height: 1,
                alt: name.to_owned(),
            },
            photos: Vec::new(),
            variants: vec![VariantView {
                id: VariantId(id),
                name: if id == 1 {
                    "Midnight blue".to_owned()
                } else {
                    String::new()
                },
                price: Money::new(100, Currency::parse("EUR").unwrap()),
                price_label: "€1.00".to_owned(),
                stock: 1,
            }],
            page: Default::default(),
            search_words: String::new(),
        }
    }

    fn catalog() -> Catalog {
        let category = |slug: &str, name: &str| CategoryView {
            slug: slug.to_owned(),
            name: name.to_owned(),
        };
        Catalog {
            categories: vec![
                category("home", "Home & kitchen"),
                category("tickets", "Event tickets"),
            ],
            products: vec![
                ProductView {
                    search_words: "藍釉馬克杯 tasse bleue".to_owned(),
                    ..product(1, "home", "Blue Glazed Mug", "Stoneware, 350 ml")
                },
                product(2, "home", "Olive Wood Bowl", "Hand-carved in the Drôme"),
                product(3, "tickets", "Jazz Night", "Café concert, standing"),
                product(4, "tickets", "茶道 workshop", "Tea ceremony"),
            ],
            bot_link: None,
        }
    }

    fn names(browse: &Browse) -> Vec<String> {
        let catalog = catalog();
        browse
            .sections(&catalog)
            .into_iter()
            .flat_map(|(_, products)| products.into_iter().map(|p| p.name.clone()))
            .collect()
    }

    #[test]
    fn no_search_shows_every_product_by_category() {
        let browse = Browse::new(None, Some("  "));
        assert!(browse.is_everything());
        assert_eq!(names(&browse).len(), 4);
    }

    #[test]
    fn every_word_must_match_name_description_or_category_in_any_case() {
        assert_eq!(names(&Browse::new(Some("MUG"), None)), ["Blue Glazed Mug"]);
        assert_eq!(
            names(&Browse::new(Some(" stoneware  blue "), None)),
            ["Blue Glazed Mug"]
        );
        assert_eq!(
            names(&Browse::new(Some("kitchen"), None)),
            ["Blue Glazed Mug", "Olive Wood Bowl"]
        );
        assert!(names(&Browse::new(Some("blue bowl"), None)).is_empty());
    }

    #[test]
    fn a_variant_name_finds_its_product() {
        assert_eq!(names(&Browse::new(Some("midnight"), None)), ["Blue Glazed Mug"]);
    }

    #[test]
    fn the_words_of_the_merchants_other_languages_find_the_product_too() {
        assert_eq!(names(&Browse::new(Some("馬克杯"), None)), ["Blue Glazed Mug"]);
        assert_eq!(names(&Browse::new(Some("TASSE mug"), None)), ["Blue Glazed Mug"]);
        assert!(names(&Browse::new(Some("tasse bowl"), None)).is_empty());
    }

    #[test]
    fn accents_are_optional_and_scripts_without_case_match_as_typed() {
        assert_eq!(names(&Browse::new(Some("cafe"), None)), ["Jazz Night"]);
        assert_eq!(names(&Browse::new(Some("DRÔME"), None)), ["Olive Wood Bowl"]);
        assert_eq!(names(&Browse::new(Some("茶道"), None)), ["茶道 workshop"]);
    }

    #[test]
    fn lower_case_is_the_whole_strings_as_the_browser_makes_it() {
        // A final sigma as JavaScript's toLowerCase() writes it, which the wasm uses.
        assert_eq!(fold("ΟΔΟΣ ΣΑΣ"), "οδος σας");
        assert_eq!(fold("İSTANBUL Été"), "i̇stanbul ete");
    }

    #[test]
    fn a_category_narrows_the_search_and_empty_sections_are_left_out() {
        let browse = Browse::new(Some("o"), Some("tickets"));
        let catalog = catalog();
        let sections = browse.sections(&catalog);
        assert_eq!(sections.len(), 1);
        assert_eq!(sections[0].0.slug, "tickets");
        assert!(Browse::new(None, Some("no-such-category"))
            .sections(&catalog)
            .is_empty());
    }

    #[test]
    fn links_keep_the_search_and_encode_it() {
        let browse = Browse::new(Some("tea & jazz"), Some("home"));
        assert_eq!(
            browse.href(Some("tickets")),
            "/shop?q=tea+%26+jazz&category=tickets"
        );
        assert_eq!(browse.href(None), "/shop?q=tea+%26+jazz");
        assert_eq!(Browse::default().href(None), "/shop");
    }
}
