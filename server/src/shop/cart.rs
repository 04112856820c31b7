//! The cart the server keeps per shopper: quantities parsed by checkout's rules
//! ([`Cart::parse_allowing_empty`]), checked against the catalog when saved, and priced from
//! the catalog whenever it is shown, so the cart and the invoice agree.

use super::catalog::{Fulfilment, Product};
use super::checkout::{Cart, CheckoutError};
use super::currencies::CurrencyTable;
use app::cart_view::{CartLineView, CartTotal, CartView};
use app::money::{Currency, Money};

/// Refuses a cart to save that names a product the shop does not sell, or more units than
/// are in stock.
pub fn check_saveable(cart: &Cart, catalog: &[Product]) -> Result<(), CheckoutError> {
    for (product_id, quantity) in cart.lines() {
        let product = catalog
            .iter()
            .find(|p| p.id == product_id)
            .ok_or(CheckoutError::UnknownProduct(product_id.0))?;
        if product.stock < quantity {
            return Err(CheckoutError::SoldOut {
                name: product.name.clone(),
                available: product.stock,
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
    let in_cart: Vec<(&Product, i64)> = catalog
        .iter()
        .map(|product| (product, cart.quantity(product.id)))
        .filter(|&(_, quantity)| quantity > 0)
        .collect();
    let mut totals: Vec<Money> = Vec::new();
    for (product, quantity) in &in_cart {
        let line = product.price.minor.saturating_mul(*quantity);
        match totals.iter_mut().find(|t| t.currency == product.price.currency) {
            Some(total) => total.minor = total.minor.saturating_add(line),
            None => totals.push(Money::new(line, product.price.currency)),
        }
    }
    let shipping_from = in_cart
        .iter()
        .find(|(product, _)| product.fulfilment == Fulfilment::Parcel)
        .and_then(|(product, _)| {
            let currency = product.price.currency;
            cheapest_shipping(currency).map(|minor| currencies.format(Money::new(minor, currency)))
        });
    CartView {
        lines: in_cart
            .iter()
            .map(|&(product, quantity)| CartLineView {
                product_id: product.id,
                name: product.name.clone(),
                quantity,
                unit_price: product.price,
                unit_label: currencies.format(product.price),
                line_label: currencies.format(Money::new(
                    product.price.minor.saturating_mul(quantity),
                    product.price.currency,
                )),
                stock: product.stock,
            })
            .collect(),
        totals: totals
            .into_iter()
            .map(|items| CartTotal {
                items,
                label: currencies.format(items),
            })
            .collect(),
        shipping_from,
    }
}

#[cfg(test)]
mod tests;
