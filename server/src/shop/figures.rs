//! The figures of the merchant's dashboard: takings per day and currency, and the products
//! that sell most (the sales funnel is [`super::funnel`]).

/// One day's takings in one currency; `day` counts days since 1970-01-01 (UTC).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DayTakings {
    pub day: i64,
    pub currency: String,
    pub minor: i64,
}

/// A product that sold, with the units sold.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TopProduct {
    pub product_id: i64,
    pub name: String,
    pub units: i64,
}
