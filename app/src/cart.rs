//! The shopper's cart as the page sees it.
//!
//! For now the cart lives in the page only; keeping it on the server per Telegram user is a
//! later step (issue #5). The server never takes prices from here: checkout re-prices every
//! line from its own database.

use crate::catalog::ProductId;
use leptos::prelude::*;
use std::collections::BTreeMap;

/// Cart lines: product → quantity. Pure data, so its rules are tested without a browser.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CartLines(BTreeMap<ProductId, u32>);

/// Why an item could not be added.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CartError {
    #[error("this product is sold out")]
    SoldOut,
    #[error("no more of this product is in stock")]
    NotEnoughStock,
}

impl CartLines {
    /// Adds one unit of `product`, refusing to go beyond the `stock` the page was shown.
    pub fn add(&mut self, product: ProductId, stock: i64) -> Result<(), CartError> {
        if stock <= 0 {
            return Err(CartError::SoldOut);
        }
        let quantity = self.0.entry(product).or_insert(0);
        if i64::from(*quantity) >= stock {
            return Err(CartError::NotEnoughStock);
        }
        *quantity += 1;
        Ok(())
    }

    /// Units of every product together, as the cart badge shows.
    pub fn item_count(&self) -> u32 {
        self.0.values().sum()
    }

    /// Units of one product in the cart.
    pub fn quantity(&self, product: ProductId) -> u32 {
        self.0.get(&product).copied().unwrap_or(0)
    }

    /// The cart as a checkout request: products and quantities, never prices.
    pub fn checkout_request(&self) -> crate::orders::CheckoutRequest {
        crate::orders::CheckoutRequest {
            lines: self
                .0
                .iter()
                .map(|(product_id, quantity)| crate::orders::CheckoutLine {
                    product_id: *product_id,
                    quantity: i64::from(*quantity),
                })
                .collect(),
        }
    }
}

/// The cart, shared through Leptos context by every component on the page.
#[derive(Clone, Copy)]
pub struct Cart(RwSignal<CartLines>);

impl Cart {
    /// Creates an empty cart and provides it to the components below.
    pub fn provide() -> Self {
        let cart = Cart(RwSignal::new(CartLines::default()));
        provide_context(cart);
        cart
    }

    /// The cart provided by [`Cart::provide`].
    pub fn expect() -> Self {
        expect_context::<Cart>()
    }

    /// Adds one unit of `product`; see [`CartLines::add`].
    pub fn add(&self, product: ProductId, stock: i64) -> Result<(), CartError> {
        self.0
            .try_update(|lines| lines.add(product, stock))
            .unwrap_or(Ok(()))
    }

    /// Units in the cart, reactively.
    pub fn item_count(&self) -> u32 {
        self.0.with(CartLines::item_count)
    }

    /// Units of one product in the cart, reactively.
    pub fn quantity(&self, product: ProductId) -> u32 {
        self.0.with(|lines| lines.quantity(product))
    }

    /// The cart as a checkout request (not reactive).
    pub fn checkout_request(&self) -> crate::orders::CheckoutRequest {
        self.0.with_untracked(CartLines::checkout_request)
    }

    /// Empties the cart, e.g. once its order is paid.
    pub fn clear(&self) {
        self.0.set(CartLines::default());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MUG: ProductId = ProductId(1);
    const SCARF: ProductId = ProductId(2);

    #[test]
    fn a_checkout_request_carries_quantities_only() {
        let mut cart = CartLines::default();
        cart.add(MUG, 5).unwrap();
        cart.add(MUG, 5).unwrap();
        let request = cart.checkout_request();
        assert_eq!(request.lines.len(), 1);
        assert_eq!((request.lines[0].product_id, request.lines[0].quantity), (MUG, 2));
    }

    #[test]
    fn adding_products_counts_every_unit() {
        let mut cart = CartLines::default();
        cart.add(MUG, 5).unwrap();
        cart.add(MUG, 5).unwrap();
        cart.add(SCARF, 1).unwrap();
        assert_eq!(cart.item_count(), 3);
        assert_eq!(cart.quantity(MUG), 2);
    }

    #[test]
    fn a_sold_out_product_cannot_be_added() {
        let mut cart = CartLines::default();
        assert_eq!(cart.add(MUG, 0), Err(CartError::SoldOut));
        assert_eq!(cart.item_count(), 0);
    }

    #[test]
    fn the_cart_never_holds_more_than_the_stock_shown() {
        let mut cart = CartLines::default();
        cart.add(MUG, 1).unwrap();
        assert_eq!(cart.add(MUG, 1), Err(CartError::NotEnoughStock));
        assert_eq!(cart.quantity(MUG), 1);
    }
}
