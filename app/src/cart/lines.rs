//! The cart's lines as pure data: variant → quantity, with the rules the page applies before
//! the server sees a change (stock shown, at most 99 units), tested without a browser.

use crate::cart::view::SavedLines;
use crate::catalog::VariantId;
use std::collections::BTreeMap;

/// Cart lines: variant → quantity.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CartLines(BTreeMap<VariantId, u32>);

/// Why an item could not be added.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CartError {
    #[error("this product is sold out")]
    SoldOut,
    #[error("no more of this product is in stock")]
    NotEnoughStock,
}

impl CartError {
    /// What the shopper reads, in `locale`.
    pub fn text(&self, locale: crate::i18n::Locale) -> &'static str {
        use crate::i18n::td_string;
        match self {
            CartError::SoldOut => td_string!(locale, error_sold_out),
            CartError::NotEnoughStock => td_string!(locale, error_no_more),
        }
    }
}

impl CartLines {
    /// Adds one unit of `product`, refusing to go beyond the `stock` the page was shown.
    pub fn add(&mut self, product: VariantId, stock: i64) -> Result<(), CartError> {
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

    /// Sets the units of `product`; zero removes it.
    pub fn set(&mut self, product: VariantId, quantity: u32) {
        if quantity == 0 {
            self.0.remove(&product);
        } else {
            self.0.insert(product, quantity);
        }
    }

    /// Adds `units` of `product` at once (as "buy again" does), up to the 99 units a cart line
    /// holds. Stock is the server's to check when it saves and prices the cart.
    pub fn add_units(&mut self, product: VariantId, units: u32) {
        let quantity = self.0.entry(product).or_insert(0);
        *quantity = quantity.saturating_add(units).min(Self::MAX_UNITS);
    }

    /// The most units of one product a cart line holds (the server's limit too).
    pub const MAX_UNITS: u32 = 99;

    /// The lines of a cart the server answered.
    pub fn from_saved(saved: &SavedLines) -> Self {
        CartLines(
            saved
                .lines
                .iter()
                .map(|l| (l.variant_id, u32::try_from(l.quantity).unwrap_or(0)))
                .filter(|&(_, quantity)| quantity > 0)
                .collect(),
        )
    }

    /// `saved` with this cart's own lines on top: what the shopper added before the saved
    /// cart arrived is kept.
    pub fn merged_over(&self, saved: &CartLines) -> CartLines {
        let mut merged = saved.clone();
        merged
            .0
            .extend(self.0.iter().map(|(&product, &quantity)| (product, quantity)));
        merged
    }

    /// Units of every product together, as the cart badge shows.
    pub fn item_count(&self) -> u32 {
        self.0.values().sum()
    }

    /// Units of one product in the cart.
    pub fn quantity(&self, product: VariantId) -> u32 {
        self.0.get(&product).copied().unwrap_or(0)
    }

    /// The cart as a checkout request: products and quantities, never prices.
    pub fn checkout_request(&self) -> crate::orders::CheckoutRequest {
        crate::orders::CheckoutRequest {
            lines: self
                .0
                .iter()
                .map(|(variant_id, quantity)| crate::orders::CheckoutLine {
                    variant_id: *variant_id,
                    quantity: i64::from(*quantity),
                    attendees: Vec::new(),
                    appointment: None,
                })
                .collect(),
            promo_code: None,
            tip_minor: None,
            pay_in_stars: false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MUG: VariantId = VariantId(1);
    const SCARF: VariantId = VariantId(2);

    #[test]
    fn a_checkout_request_carries_quantities_only() {
        let mut cart = CartLines::default();
        cart.add(MUG, 5).unwrap();
        cart.add(MUG, 5).unwrap();
        let request = cart.checkout_request();
        assert_eq!(request.lines.len(), 1);
        assert_eq!((request.lines[0].variant_id, request.lines[0].quantity), (MUG, 2));
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

    #[test]
    fn setting_a_quantity_to_zero_removes_the_line() {
        let mut cart = CartLines::default();
        cart.add(MUG, 5).unwrap();
        cart.set(MUG, 4);
        assert_eq!(cart.quantity(MUG), 4);
        cart.set(MUG, 0);
        assert_eq!((cart.item_count(), cart.checkout_request().lines.len()), (0, 0));
    }

    #[test]
    fn what_was_added_before_the_saved_cart_arrived_is_kept() {
        let mut saved = CartLines::default();
        saved.set(MUG, 2);
        saved.set(SCARF, 1);
        let mut early = CartLines::default();
        early.set(SCARF, 3);
        let merged = early.merged_over(&saved);
        assert_eq!((merged.quantity(MUG), merged.quantity(SCARF)), (2, 3));
    }

    #[test]
    fn buying_again_adds_to_what_is_there_up_to_99_units() {
        let mut cart = CartLines::default();
        cart.set(MUG, 2);
        cart.add_units(MUG, 3);
        cart.add_units(SCARF, 1);
        assert_eq!((cart.quantity(MUG), cart.quantity(SCARF)), (5, 1));
        cart.add_units(MUG, u32::MAX);
        assert_eq!(cart.quantity(MUG), CartLines::MAX_UNITS);
    }
}
