//! What the merchant may type into the catalog, parsed into types that only hold allowed
//! values: names, slugs (given or derived from a name), descriptions, variant names, prices
//! within Telegram's limits for one payment, stock levels, stock adjustments and positions.
//!
//! Pure rules; the admin API turns an [`Invalid`] into a 422 naming the field. Must not: touch
//! storage, or decide conflicts that need the database (a slug already taken).

use super::Slug;
use crate::shop::checkout::STARS_LIMITS;
use crate::shop::currencies::CurrencyTable;
use app::error_code::ErrorCode;
use app::money::{Currency, Money};

/// Ids of the catalog's categories and gallery photos (defined with the wire types).
pub use app::catalog::{CategoryId, PhotoId};

/// The most units a variant is created with.
pub const MAX_STOCK: i64 = 1_000_000;

pub use crate::shop::invalid::Invalid;

fn invalid(code: ErrorCode, message: impl Into<String>) -> Invalid {
    Invalid::new(code, message)
}

/// Text trimmed and checked to be `min..=max` characters without control characters.
fn text(raw: &str, min: usize, max: usize, multiline: bool) -> Option<String> {
    let trimmed = raw.trim();
    let allowed = |c: char| !c.is_control() || (multiline && c == '\n');
    let length = trimmed.chars().count();
    ((min..=max).contains(&length) && trimmed.chars().all(allowed)).then(|| trimmed.to_owned())
}

/// A category's or a product's name: 1–120 characters on one line, trimmed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Name(String);

impl Name {
    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        text(raw, 1, 120, false)
            .map(Name)
            .ok_or_else(|| invalid(ErrorCode::BadName, "name is 1-120 characters on one line"))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A product's description: up to 4000 characters, lines allowed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Description(String);

impl Description {
    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        text(&raw.replace("\r\n", "\n"), 0, 4000, true)
            .map(Description)
            .ok_or_else(|| {
                invalid(
                    ErrorCode::BadDescription,
                    "description is at most 4000 characters",
                )
            })
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A variant's name ("Large", "10:00"): up to 64 characters; empty only for a product's only
/// variant, which [`VariantNames`] and the storage layer enforce.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct VariantName(String);

impl VariantName {
    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        text(raw, 0, 64, false).map(VariantName).ok_or_else(|| {
            invalid(
                ErrorCode::BadVariantName,
                "a variant's name is at most 64 characters",
            )
        })
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// Checks a new product's variant names: at least one, unique, and none empty unless it is
/// the only one.
pub fn check_variant_names<'a>(names: impl ExactSizeIterator<Item = &'a VariantName>) -> Result<(), Invalid> {
    let count = names.len();
    if count == 0 {
        return Err(invalid(
            ErrorCode::BadVariants,
            "variants: a product has at least one",
        ));
    }
    let mut seen = std::collections::HashSet::new();
    for name in names {
        if name.is_empty() && count > 1 {
            return Err(unnamed_variant());
        }
        if !seen.insert(name.as_str().to_lowercase()) {
            return Err(invalid(
                ErrorCode::BadVariantName,
                format!("variants: two are named {:?}", name.as_str()),
            ));
        }
    }
    Ok(())
}

/// Refuses an empty variant name beside other variants.
pub fn unnamed_variant() -> Invalid {
    invalid(
        ErrorCode::BadVariantName,
        "name: a product with several variants names each of them",
    )
}

/// A photo's alt text: up to 200 characters; empty names the photo after its product.
pub fn parse_alt(raw: &str) -> Result<String, Invalid> {
    text(raw, 0, 200, false)
        .ok_or_else(|| invalid(ErrorCode::BadAlt, "alt is at most 200 characters on one line"))
}

/// A slug given by the merchant.
pub fn parse_slug(raw: &str) -> Result<Slug, Invalid> {
    Slug::parse(raw.trim()).map_err(|_| {
        invalid(
            ErrorCode::BadSlug,
            "slug is 1-64 characters of a-z, 0-9 and inner '-'",
        )
    })
}

/// A slug made from a name: ASCII letters lower-cased and digits kept, every other run of
/// characters one `-`, at most 64 characters. A name without any Latin letter or digit makes
/// none: the merchant then gives one.
pub fn slug_from(name: &Name) -> Result<Slug, Invalid> {
    let mut slug = String::new();
    for c in name.as_str().chars() {
        match c.is_ascii_alphanumeric() {
            true => slug.push(c.to_ascii_lowercase()),
            false if !slug.is_empty() && !slug.ends_with('-') => slug.push('-'),
            false => {}
        }
    }
    slug.truncate(64);
    Slug::parse(slug.trim_end_matches('-')).map_err(|_| {
        invalid(
            ErrorCode::BadSlug,
            "slug: the name has no Latin letters or digits to make one from; give a slug",
        )
    })
}

/// A currency Telegram takes payments in.
pub fn parse_currency(raw: &str, table: &CurrencyTable) -> Result<Currency, Invalid> {
    Currency::parse(raw.trim())
        .ok()
        .filter(|c| table.accepts(*c))
        .ok_or_else(|| {
            invalid(
                ErrorCode::BadCurrency,
                "currency is not one Telegram takes payments in",
            )
        })
}

/// A variant's price: within what Telegram accepts for one payment in its currency (1–10000
/// for Stars).
pub fn parse_price(minor: i64, currency: Currency, table: &CurrencyTable) -> Result<Money, Invalid> {
    let (min, max) = match table.rules(currency) {
        Some(rules) => (rules.min_amount, rules.max_amount),
        None if currency.is_stars() => STARS_LIMITS,
        None => {
            return Err(invalid(
                ErrorCode::BadCurrency,
                "currency is not one Telegram takes payments in",
            ))
        }
    };
    if (min..=max).contains(&minor) {
        return Ok(Money::new(minor, currency));
    }
    let (min, max) = (Money::new(min, currency), Money::new(max, currency));
    Err(invalid(
        ErrorCode::BadPriceMinor,
        format!(
            "price_minor: Telegram accepts {} to {} in one payment",
            table.format(min),
            table.format(max)
        ),
    ))
}

/// A variant's optional second price in Telegram Stars (whole Stars, within what Telegram
/// accepts for one payment), for a product priced in `currency`. Only fiat products take one:
/// a product priced in Stars already is.
pub fn parse_stars_price(stars: i64, currency: Currency) -> Result<Money, Invalid> {
    if currency.is_stars() {
        return Err(invalid(
            ErrorCode::StarsPriceOnStarsProduct,
            "stars_price: the product is priced in Stars already",
        ));
    }
    let (min, max) = STARS_LIMITS;
    match (min..=max).contains(&stars) {
        true => Ok(Money::new(stars, Currency::STARS)),
        false => Err(invalid(
            ErrorCode::BadStarsPrice,
            format!("stars_price: Telegram accepts {min} to {max} Stars in one payment"),
        )),
    }
}

/// A variant's stock when created: 0 to [`MAX_STOCK`] units.
pub fn parse_stock(units: i64) -> Result<i64, Invalid> {
    match (0..=MAX_STOCK).contains(&units) {
        true => Ok(units),
        false => Err(invalid(
            ErrorCode::BadStock,
            format!("stock is 0 to {MAX_STOCK} units"),
        )),
    }
}

/// A display position: 0 to 1,000,000, lower first.
pub fn parse_position(position: i64) -> Result<i64, Invalid> {
    match (0..=1_000_000).contains(&position) {
        true => Ok(position),
        false => Err(invalid(ErrorCode::BadPosition, "position is 0 to 1000000")),
    }
}

/// A change the merchant makes to a variant's stock by hand, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StockAdjustment {
    /// Units added (positive) or taken away (negative); never zero.
    pub delta: i64,
    /// 1–200 characters: "recount", "damaged in storage".
    pub reason: String,
}

impl StockAdjustment {
    pub fn parse(delta: i64, reason: &str) -> Result<Self, Invalid> {
        if delta == 0 || delta.abs() > MAX_STOCK {
            return Err(invalid(
                ErrorCode::BadDelta,
                format!("delta is a non-zero number of units, at most {MAX_STOCK} either way"),
            ));
        }
        let reason = text(reason, 1, 200, false)
            .ok_or_else(|| invalid(ErrorCode::BadReason, "reason is 1-200 characters on one line"))?;
        Ok(StockAdjustment { delta, reason })
    }
}

/// The reason recorded for the stock a variant is created with.
pub const INITIAL_STOCK: &str = "initial stock";

#[cfg(test)]
mod tests;
