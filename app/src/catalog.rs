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

/// The whole catalog: categories in display order, and the products in them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Catalog {
    pub categories: Vec<CategoryView>,
    pub products: Vec<ProductView>,
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
    pub price: Money,
    /// The price formatted by Telegram's rules for its currency, e.g. `€24.00` or `⭐ 50`.
    pub price_label: String,
    /// Units that can still be bought.
    pub stock: i64,
    pub photo: Photo,
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
