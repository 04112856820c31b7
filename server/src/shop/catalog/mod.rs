//! Catalog records as the domain knows them, and their views for shoppers; what the merchant
//! may type into the catalog ([`input`]) and the photos they may upload ([`photo`]); its texts in
//! the shoppers' languages ([`texts`]).

pub mod input;
pub mod merchant;
pub mod photo;
pub mod texts;

use super::currencies::CurrencyTable;
use super::kind::ProductKind;
use app::catalog::{Photo, ProductId, ProductPage, ProductView, VariantId, VariantView};
use app::money::{Currency, Money};

/// A URL-safe name: 1–64 characters of `a-z`, `0-9` and inner `-`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Slug(String);

/// Why a slug was refused.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
#[error("a slug is 1-64 characters of a-z, 0-9 and inner '-', got {0:?}")]
pub struct SlugError(pub String);

impl Slug {
    /// Parses a slug such as `blue-mug`.
    pub fn parse(slug: &str) -> Result<Self, SlugError> {
        let allowed = |b: u8| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-';
        let ok = (1..=64).contains(&slug.len())
            && slug.bytes().all(allowed)
            && !slug.starts_with('-')
            && !slug.ends_with('-');
        if ok {
            Ok(Slug(slug.to_owned()))
        } else {
            Err(SlugError(slug.to_owned()))
        }
    }

    /// The slug as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A category of products.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Category {
    pub slug: Slug,
    pub name: String,
}

/// A product for sale, as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Product {
    pub id: ProductId,
    pub category: Slug,
    pub slug: Slug,
    pub name: String,
    pub description: String,
    /// What all its variants are priced in.
    pub currency: Currency,
    /// At least one, in display order.
    pub variants: Vec<Variant>,
    /// The main photo: the catalog card's, and the first of the product page's gallery.
    pub photo: PhotoRef,
    /// Further photos for the gallery, in display order after `photo`; often none.
    pub photos: Vec<PhotoRef>,
    /// Its kind, which decides what the sheet asks, whether it ships and how it is paid.
    pub kind: ProductKind,
}

/// What a shopper picks and buys: a size, a colour, a slot, a tier, or a product's only
/// variant (empty name).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Variant {
    pub id: VariantId,
    pub name: String,
    pub price: Money,
    pub stock: i64,
    /// Its price in Telegram Stars when the product is priced in a fiat currency and also
    /// takes Stars; `None`: card payments only.
    pub stars_price: Option<Money>,
}

impl Variant {
    /// What it costs when paid in Telegram Stars: its Stars price, or its own price for a
    /// product priced in Stars; `None` when it cannot be bought with Stars.
    pub fn in_stars(&self) -> Option<Money> {
        match self.price.currency.is_stars() {
            true => Some(self.price),
            false => self.stars_price,
        }
    }
}

/// Where a product's photo is served from, its intrinsic size, and what it shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PhotoRef {
    pub url: String,
    pub width: u32,
    pub height: u32,
    /// The alt text; empty names the photo after the product, see [`Product::gallery`].
    pub alt: String,
}

impl Product {
    /// The variant `id` of this product, if it has it.
    pub fn variant(&self, id: VariantId) -> Option<&Variant> {
        self.variants.iter().find(|v| v.id == id)
    }

    /// "Linen Scarf (Saffron)", or the product's name for its only variant.
    pub fn line_name(&self, variant: &Variant) -> String {
        app::catalog::line_name(&self.name, &variant.name)
    }

    /// Units of all variants that can still be bought.
    pub fn stock(&self) -> i64 {
        self.variants.iter().map(|v| v.stock).sum()
    }

    /// The lowest price of its variants.
    pub fn from_price(&self) -> Money {
        let minor = self.variants.iter().map(|v| v.price.minor).min().unwrap_or(0);
        Money::new(minor, self.currency)
    }

    /// The product as shoppers see it, with prices formatted by Telegram's rules.
    pub fn view(&self, currencies: &CurrencyTable) -> ProductView {
        let price = self.from_price();
        ProductView {
            id: self.id,
            slug: self.slug.as_str().to_owned(),
            name: self.name.clone(),
            description: self.description.clone(),
            category: self.category.as_str().to_owned(),
            price,
            price_label: currencies.format(price),
            price_varies: self.variants.iter().any(|v| v.price != price),
            stock: self.stock(),
            photo: self.described(&self.photo, 1),
            photos: self.gallery(),
            variants: self
                .variants
                .iter()
                .map(|v| VariantView {
                    id: v.id,
                    name: v.name.clone(),
                    price: v.price,
                    price_label: currencies.format(v.price),
                    stock: v.stock,
                })
                .collect(),
            page: ProductPage::Product,
            search_words: String::new(),
        }
    }

    /// Every photo for the product page, the main one first, each with its alt text.
    pub fn gallery(&self) -> Vec<Photo> {
        let extras = self
            .photos
            .iter()
            .zip(2..)
            .map(|(photo, n)| self.described(photo, n));
        std::iter::once(self.described(&self.photo, 1))
            .chain(extras)
            .collect()
    }

    /// Photo `n` (counted from 1) of the gallery as shoppers see it. Without an alt of its
    /// own the main photo is described by the product's name, as the catalog card always
    /// did, and a later one by "<name> (photo n)", so no two read the same to a screen reader.
    fn described(&self, photo: &PhotoRef, n: u32) -> Photo {
        let alt = match (photo.alt.is_empty(), n) {
            (false, _) => photo.alt.clone(),
            (true, 1) => self.name.clone(),
            (true, n) => format!("{} (photo {n})", self.name),
        };
        Photo {
            url: photo.url.clone(),
            width: photo.width,
            height: photo.height,
            alt,
        }
    }
}

/// The product selling variant `id`, and the variant.
pub fn find_variant(catalog: &[Product], id: VariantId) -> Option<(&Product, &Variant)> {
    catalog.iter().find_map(|p| p.variant(id).map(|v| (p, v)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_lowercase_words_joined_by_dashes() {
        assert_eq!(Slug::parse("blue-mug-2").unwrap().as_str(), "blue-mug-2");
        for bad in ["", "Blue", "blue mug", "-mug", "mug-", "müg", &"a".repeat(65)] {
            assert!(Slug::parse(bad).is_err(), "{bad:?}");
        }
    }

    fn photo(url: &str, alt: &str) -> PhotoRef {
        PhotoRef {
            url: url.into(),
            width: 600,
            height: 400,
            alt: alt.into(),
        }
    }

    #[test]
    fn the_gallery_shows_the_main_photo_first_then_the_others_each_described() {
        let mut product = crate::shop::test_catalog::product(1, 2400, "EUR", 5, ProductKind::Parcel);
        product.photo = photo("/main.svg", "");
        product.photos = vec![photo("/top.svg", "The mug from above"), photo("/side.svg", "")];
        let view = product.view(CurrencyTable::telegram());
        let gallery: Vec<_> = view
            .photos
            .iter()
            .map(|p| (p.url.as_str(), p.alt.as_str()))
            .collect();
        assert_eq!(
            gallery,
            [
                ("/main.svg", "Thing 1"),
                ("/top.svg", "The mug from above"),
                ("/side.svg", "Thing 1 (photo 3)")
            ]
        );
        assert_eq!(
            view.photos[0], view.photo,
            "the card's photo is the gallery's first"
        );
        assert!(view.photos.iter().all(|p| (p.width, p.height) == (600, 400)));
    }

    #[test]
    fn a_product_without_further_photos_has_a_gallery_of_one() {
        let product = crate::shop::test_catalog::product(1, 2400, "EUR", 5, ProductKind::Parcel);
        let view = product.view(CurrencyTable::telegram());
        assert_eq!(view.photos, std::slice::from_ref(&view.photo));
        assert_eq!(view.photo.alt, "Thing 1");
    }
}
