//! The shopper's cart as the shop knows it: variants and quantities parsed from what the
//! page sends ([`Cart::parse`] for checkout, [`Cart::parse_allowing_empty`] for the cart kept
//! per shopper), checked against the catalog when saved, and priced from the catalog whenever
//! it is shown, so the cart and the invoice agree.

use super::catalog::{find_variant, Product, Variant};
use super::checkout::{price_in, CheckoutError, Tender};
use super::currencies::CurrencyTable;
use super::invoice::TipPreset;
use super::kind::Asks;
use app::cart::view::{CartLineView, CartTotal, CartView, TipChoice};
use app::catalog::VariantId;
use app::money::{Currency, Money};
use app::orders::CheckoutRequest;
use std::collections::BTreeMap;

/// The most units of one variant in one order.
pub const MAX_QUANTITY: i64 = 99;
/// The most distinct variants in one order.
pub const MAX_LINES: usize = 50;

/// A cart whose quantities are sane: 1–50 variants, 1–99 units each, repeats merged.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Cart(BTreeMap<VariantId, i64>);

impl Cart {
    /// Parses a checkout request: at least one line.
    pub fn parse(request: &CheckoutRequest) -> Result<Self, CheckoutError> {
        let cart = Self::parse_allowing_empty(request)?;
        if cart.is_empty() {
            return Err(CheckoutError::EmptyCart);
        }
        Ok(cart)
    }

    /// Parses lines as a saved cart may hold them: the same rules, but empty is fine.
    pub fn parse_allowing_empty(request: &CheckoutRequest) -> Result<Self, CheckoutError> {
        let mut lines = BTreeMap::new();
        for line in &request.lines {
            let bad = || CheckoutError::BadQuantity {
                variant_id: line.variant_id.0,
                quantity: line.quantity,
            };
            if !(1..=MAX_QUANTITY).contains(&line.quantity) {
                return Err(bad());
            }
            let total = lines.entry(line.variant_id).or_insert(0);
            *total += line.quantity;
            if *total > MAX_QUANTITY {
                return Err(bad());
            }
        }
        if lines.len() > MAX_LINES {
            return Err(CheckoutError::TooManyLines);
        }
        Ok(Cart(lines))
    }

    /// Variants and quantities, by variant id.
    pub fn lines(&self) -> impl Iterator<Item = (VariantId, i64)> + '_ {
        self.0.iter().map(|(&variant, &quantity)| (variant, quantity))
    }

    /// Units of `variant` in the cart.
    pub fn quantity(&self, variant: VariantId) -> i64 {
        self.0.get(&variant).copied().unwrap_or(0)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// How many distinct variants it holds.
    pub fn len(&self) -> usize {
        self.0.len()
    }
}

/// Refuses a cart to save that names a variant the shop does not sell, or more units than
/// are in stock.
pub fn check_saveable(cart: &Cart, catalog: &[Product]) -> Result<(), CheckoutError> {
    for (variant_id, quantity) in cart.lines() {
        let (product, variant) =
            find_variant(catalog, variant_id).ok_or(CheckoutError::UnknownVariant(variant_id.0))?;
        if variant.stock < quantity {
            return Err(CheckoutError::SoldOut {
                name: product.line_name(variant),
                available: variant.stock,
            });
        }
    }
    Ok(())
}

/// The cart priced from `catalog`, lines in catalog order. Products no longer sold drop out;
/// `cheapest_shipping` gives the lowest shipping price in a currency, if the shop ships in it.
pub fn view(
    cart: &Cart,
    catalog: &[Product],
    cheapest_shipping: impl Fn(Currency) -> Option<i64>,
    currencies: &CurrencyTable,
) -> CartView {
    let in_cart: Vec<(&Product, &Variant, i64)> = catalog
        .iter()
        .flat_map(|product| product.variants.iter().map(move |variant| (product, variant)))
        .map(|(product, variant)| (product, variant, cart.quantity(variant.id)))
        .filter(|&(_, _, quantity)| quantity > 0)
        .collect();
    let totals = totals(&in_cart);
    let shipping_from = in_cart
        .iter()
        .find(|(product, _, _)| product.kind.ships())
        .and_then(|(product, _, _)| {
            let currency = product.currency;
            cheapest_shipping(currency).map(|minor| currencies.format(Money::new(minor, currency)))
        });
    let cards_refused = in_cart
        .iter()
        .any(|(product, variant, _)| !product.kind.payment().takes_cards_in(variant.price.currency));
    let asks = match totals.as_slice() {
        [one] => Asks::for_goods(
            one.currency.is_stars() || cards_refused,
            in_cart.iter().map(|(product, _, _)| product.kind),
        )
        .codes(),
        _ => Vec::new(),
    };
    CartView {
        stars_total_label: stars_total_label(cart, catalog, &totals, currencies),
        cards_refused: cards_refused && totals.iter().all(|total| !total.currency.is_stars()),
        asks,
        lines: in_cart
            .iter()
            .map(|&(product, variant, quantity)| line_view(product, variant, quantity, currencies))
            .collect(),
        totals: totals
            .into_iter()
            .map(|items| CartTotal {
                items,
                label: currencies.format(items),
            })
            .collect(),
        shipping_from,
        tips: Vec::new(),
    }
}

/// The items' total per currency, in the order the currencies first appear.
fn totals(in_cart: &[(&Product, &Variant, i64)]) -> Vec<Money> {
    let mut totals: Vec<Money> = Vec::new();
    for (_, variant, quantity) in in_cart {
        let line = variant.price.minor.saturating_mul(*quantity);
        match totals.iter_mut().find(|t| t.currency == variant.price.currency) {
            Some(total) => total.minor = total.minor.saturating_add(line),
            None => totals.push(Money::new(line, variant.price.currency)),
        }
    }
    totals
}

/// One line of the cart as the page shows it, priced and formatted.
fn line_view(
    product: &Product,
    variant: &Variant,
    quantity: i64,
    currencies: &CurrencyTable,
) -> CartLineView {
    CartLineView {
        product_id: product.id,
        variant_id: variant.id,
        name: product.line_name(variant),
        quantity,
        unit_price: variant.price,
        unit_label: currencies.format(variant.price),
        line_label: currencies.format(Money::new(
            variant.price.minor.saturating_mul(quantity),
            variant.price.currency,
        )),
        stock: variant.stock,
    }
}

/// The Stars total of a cart in one fiat currency that can all be paid in Stars, formatted:
/// checkout's own pricing decides, so the offer and the invoice agree.
fn stars_total_label(
    cart: &Cart,
    catalog: &[Product],
    totals: &[Money],
    currencies: &CurrencyTable,
) -> Option<String> {
    let [total] = totals else { return None };
    if total.currency.is_stars() {
        return None;
    }
    let priced = price_in(cart, catalog, currencies, Tender::Stars).ok()?;
    Some(currencies.format(Money::new(priced.items_total, priced.currency)))
}

/// The merchant's suggested tips for `view`'s card payment, each with the total it makes; none
/// unless the cart is in one currency other than Stars and cards may pay for it.
pub fn tip_choices(view: &CartView, preset: &TipPreset, currencies: &CurrencyTable) -> Vec<TipChoice> {
    let [total] = view.totals.as_slice() else {
        return Vec::new();
    };
    if total.items.currency.is_stars() || view.cards_refused {
        return Vec::new();
    }
    let money = |minor| Money::new(minor, total.items.currency);
    preset
        .suggested
        .iter()
        .map(|&tip| TipChoice {
            minor: tip,
            label: currencies.format(money(tip)),
            total_label: currencies.format(money(total.items.minor.saturating_add(tip))),
        })
        .collect()
}

#[cfg(test)]
mod tests;
