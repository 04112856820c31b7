//! A small catalog for the shop's unit tests: parcels, an appointment, digital goods, in
//! euros and Stars.

use super::catalog::{Fulfilment, PhotoRef, Product, Slug};
use app::catalog::ProductId;
use app::money::{Currency, Money};

pub fn product(id: i64, price: i64, currency: &str, stock: i64, fulfilment: Fulfilment) -> Product {
    Product {
        id: ProductId(id),
        category: Slug::parse("things").unwrap(),
        slug: Slug::parse(&format!("thing-{id}")).unwrap(),
        name: format!("Thing {id}"),
        description: String::new(),
        price: Money::new(price, Currency::parse(currency).unwrap()),
        stock,
        photo: PhotoRef {
            url: "/x.svg".into(),
            width: 1,
            height: 1,
        },
        fulfilment,
    }
}

pub fn catalog() -> Vec<Product> {
    vec![
        product(1, 2400, "EUR", 5, Fulfilment::Parcel),
        product(2, 3500, "EUR", 1, Fulfilment::Appointment),
        product(3, 50, "XTR", 1000, Fulfilment::Digital),
        product(4, 5, "EUR", 100, Fulfilment::Digital),
        product(5, 9000, "XTR", 10, Fulfilment::Digital),
    ]
}
