//! A small catalog for the shop's unit tests: parcels, an appointment, digital goods, in
//! euros and Stars. Product n's only variant is variant n; product 6 has options 61 (Small)
//! and 62 (Large, sold out).

use super::catalog::{PhotoRef, Product, Slug, Variant};
use super::checkout::{PricedCart, PricedLine};
use super::kind::ProductKind;
use app::catalog::{ProductId, VariantId};
use app::money::{Currency, Money};
use app::orders::{CheckoutLine, CheckoutRequest};

/// A checkout request for `(variant id, quantity)` lines.
pub fn request(lines: &[(i64, i64)]) -> CheckoutRequest {
    CheckoutRequest {
        lines: lines
            .iter()
            .map(|&(id, quantity)| CheckoutLine {
                variant_id: VariantId(id),
                quantity,
                attendees: Vec::new(),
                appointment: None,
            })
            .collect(),
        promo_code: None,
        tip_minor: None,
        pay_in_stars: false,
    }
}

pub fn product(id: i64, price: i64, currency: &str, stock: i64, kind: ProductKind) -> Product {
    let currency = Currency::parse(currency).unwrap();
    Product {
        id: ProductId(id),
        category: Slug::parse("things").unwrap(),
        slug: Slug::parse(&format!("thing-{id}")).unwrap(),
        name: format!("Thing {id}"),
        description: String::new(),
        currency,
        variants: vec![Variant {
            id: VariantId(id),
            name: String::new(),
            price: Money::new(price, currency),
            stock,
            stars_price: None,
        }],
        photo: PhotoRef {
            url: "/x.svg".into(),
            width: 1,
            height: 1,
            alt: String::new(),
        },
        photos: Vec::new(),
        kind,
    }
}

pub fn catalog() -> Vec<Product> {
    vec![
        product(1, 2400, "EUR", 5, ProductKind::Parcel),
        product(2, 3500, "EUR", 1, ProductKind::Appointment),
        product(3, 50, "XTR", 1000, ProductKind::Digital),
        product(4, 5, "EUR", 100, ProductKind::Digital),
        product(5, 9000, "XTR", 10, ProductKind::Digital),
        with_options(),
    ]
}

fn with_options() -> Product {
    let mut product = product(6, 1000, "EUR", 3, ProductKind::Parcel);
    let eur = product.currency;
    let option = |id, name: &str, minor, stock| Variant {
        id: VariantId(id),
        name: name.into(),
        price: Money::new(minor, eur),
        stock,
        stars_price: None,
    };
    product.variants = vec![option(61, "Small", 1000, 3), option(62, "Large", 1500, 0)];
    product
}

/// A line priced at `unit` minor units: product n's only variant n, named "Thing n".
pub fn priced_line(id: i64, unit: i64, quantity: i64, kind: ProductKind) -> PricedLine {
    PricedLine {
        product_id: ProductId(id),
        variant_id: VariantId(id),
        name: format!("Thing {id}"),
        unit_minor: unit,
        quantity,
        kind,
    }
}

/// A cart of `lines` in `currency`, without a promo code.
pub fn priced_cart(currency: &str, lines: Vec<PricedLine>) -> PricedCart {
    PricedCart {
        currency: Currency::parse(currency).unwrap(),
        items_total: lines.iter().map(|l| l.unit_minor * l.quantity).sum(),
        lines,
        promo: None,
    }
}
