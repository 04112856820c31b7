//! Wire types of the catalog, as the page and `GET /api/products` show it.
//!
//! These are views: the server builds them from its own records and prices; nothing here is
//! trusted when it comes back from a client.

use crate::money::Money;
use serde::{Deserialize, Serialize};

/// A product's id in the shop's database.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ProductId(pub i64);

/// A variant's id: what a cart line and an order line name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct VariantId(pub i64);

/// A category's id (the merchant's API names categories by id; the storefront by slug).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct CategoryId(pub i64);

/// A gallery photo's id (a product's main photo has none: it is replaced, not deleted).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct PhotoId(pub i64);

/// The whole catalog: categories in display order, and the products in them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Catalog {
    pub categories: Vec<CategoryView>,
    pub products: Vec<ProductView>,
    /// `https://t.me/<bot username>`, the base of share links (`…?startapp=p_<id>` opens the
    /// shop's main Mini App on a product); absent until the server has asked Telegram.
    #[serde(default)]
    pub bot_link: Option<String>,
}

/// A category of products.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryView {
    pub slug: String,
    pub name: String,
}

/// A product as a shopper sees it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProductView {
    pub id: ProductId,
    pub slug: String,
    pub name: String,
    pub description: String,
    /// Slug of the product's category.
    pub category: String,
    /// The lowest price of its variants.
    pub price: Money,
    /// That price formatted by Telegram's rules for its currency, e.g. `€24.00` or `⭐ 50`.
    pub price_label: String,
    /// True when its variants cost different amounts, so `price` is a "from" price.
    pub price_varies: bool,
    /// Units that can still be bought, of all variants.
    pub stock: i64,
    /// The main photo, the one the catalog card shows.
    pub photo: Photo,
    /// The product page's gallery: `photo` first, then any further ones. Absent from JSON
    /// written before galleries; [`ProductView::gallery`] falls back to `photo` then.
    #[serde(default)]
    pub photos: Vec<Photo>,
    /// What the shopper picks from, in display order; at least one. A product without
    /// options has one variant with an empty name.
    pub variants: Vec<VariantView>,
    /// The page where it is chosen and bought. Absent from JSON written before events.
    #[serde(default)]
    pub page: ProductPage,
    /// Words of its names (its own, its variants', its category's) the shopper is not shown —
    /// the shop's own where this language has its own, the merchant's other languages' —
    /// folded as search folds them (lower case, no Latin accents), each once; search matches
    /// them too, so a Chinese shopper still finds the mug by "mug". Empty (absent from JSON)
    /// when there are none.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub search_words: String,
}

/// Where a product is chosen and bought: most on their own page; an event's tickets on the
/// event's page (dates, venue, a name per ticket), `/shop/events/<id>`; a salon service on its
/// booking page (who, which day and time), `/shop/services/<id>`; a Stars subscription on its
/// own page, subscribed to there rather than added to the cart.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProductPage {
    #[default]
    Product,
    Event,
    Service,
    Subscription,
}

/// One variant of a product: a size, a colour, a time slot, a ticket tier.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VariantView {
    pub id: VariantId,
    /// Empty for a product's only variant.
    pub name: String,
    pub price: Money,
    pub price_label: String,
    pub stock: i64,
}

/// What a cart or order line calls a variant: "Linen Scarf (Saffron)", or the product's name
/// alone for its only, unnamed variant.
pub fn line_name(product: &str, variant: &str) -> String {
    match variant.is_empty() {
        true => product.to_owned(),
        false => format!("{product} ({variant})"),
    }
}

impl ProductView {
    /// The variant to buy when the shopper does not pick one: the product has only one.
    pub fn only_variant(&self) -> Option<&VariantView> {
        match self.variants.as_slice() {
            [only] => Some(only),
            _ => None,
        }
    }

    /// The path of the page where it is chosen and bought.
    pub fn href(&self) -> String {
        match self.page {
            ProductPage::Product | ProductPage::Subscription => format!("/shop/products/{}", self.id.0),
            ProductPage::Event => format!("/shop/events/{}", self.id.0),
            ProductPage::Service => format!("/shop/services/{}", self.id.0),
        }
    }

    /// Every photo of the product, the main one first; at least that one.
    pub fn gallery(&self) -> &[Photo] {
        match self.photos.is_empty() {
            true => std::slice::from_ref(&self.photo),
            false => &self.photos,
        }
    }
}

/// A product photo with its intrinsic size, so the page reserves space before it loads.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Photo {
    pub url: String,
    pub width: u32,
    pub height: u32,
    pub alt: String,
}

impl Catalog {
    /// The products of one category, in catalog order.
    pub fn in_category<'a>(&'a self, slug: &'a str) -> impl Iterator<Item = &'a ProductView> + 'a {
        self.products.iter().filter(move |p| p.category == slug)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_product_from_before_galleries_still_parses_and_shows_its_one_photo() {
        let json = r#"{"id": 1, "slug": "blue-mug", "name": "Blue Glazed Mug", "description": "",
            "category": "handmade", "price": {"minor": 2400, "currency": "EUR"},
            "price_label": "24,00 €", "price_varies": false, "stock": 12,
            "photo": {"url": "/products/blue-mug.svg", "width": 600, "height": 600, "alt": "Blue Glazed Mug"},
            "variants": []}"#;
        let product: ProductView = serde_json::from_str(json).unwrap();
        assert!(product.photos.is_empty());
        assert_eq!(product.gallery(), std::slice::from_ref(&product.photo));
        assert_eq!(product.page, ProductPage::Product, "from before events");
    }

    #[test]
    fn events_and_services_are_chosen_on_their_own_pages() {
        let json = r#"{"id": 4, "slug": "haircut", "name": "Haircut", "description": "",
            "category": "appointments", "price": {"minor": 3500, "currency": "EUR"},
            "price_label": "35,00 €", "price_varies": true, "stock": 28,
            "photo": {"url": "/products/haircut.svg", "width": 600, "height": 600, "alt": "Haircut"},
            "variants": [], "page": "service"}"#;
        let mut product: ProductView = serde_json::from_str(json).unwrap();
        assert_eq!(product.page, ProductPage::Service);
        assert_eq!(product.href(), "/shop/services/4");
        product.page = ProductPage::Event;
        assert_eq!(product.href(), "/shop/events/4");
        product.page = ProductPage::Product;
        assert_eq!(product.href(), "/shop/products/4");
    }

    #[test]
    fn a_subscription_is_subscribed_to_on_its_product_page() {
        let json = r#"{"id": 9, "slug": "makers-club", "name": "Makers' Club", "description": "",
            "category": "digital", "price": {"minor": 250, "currency": "XTR"},
            "price_label": "250 ⭐", "price_varies": false, "stock": 1000000,
            "photo": {"url": "/products/club.svg", "width": 600, "height": 600, "alt": "Makers' Club"},
            "variants": [], "page": "subscription"}"#;
        let product: ProductView = serde_json::from_str(json).unwrap();
        assert_eq!(product.page, ProductPage::Subscription);
        assert_eq!(product.href(), "/shop/products/9");
    }
}
