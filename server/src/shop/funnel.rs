//! The sales funnel: how many distinct buyers reached each step in a period — opened the shop,
//! added to the cart, had an invoice made (checked out), paid.
//!
//! Pure; `crate::storage::figures::funnel` records the first two steps and counts all four.

/// A step the storefront reports; the later steps are read from the orders.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FunnelEvent {
    /// The Mini App launched with the buyer's initData (it asks `GET /api/me`).
    Opened,
    /// A cart save that raised the cart's total quantity.
    AddedToCart,
}

impl FunnelEvent {
    /// The stored form (`funnel_events.kind`).
    pub fn as_str(self) -> &'static str {
        match self {
            FunnelEvent::Opened => "opened",
            FunnelEvent::AddedToCart => "added_to_cart",
        }
    }

    /// A cart save is an addition when the cart holds more units after it than before:
    /// changing a size or removing a line is not.
    pub fn added_to_cart(units_before: i64, units_after: i64) -> Option<Self> {
        (units_after > units_before).then_some(FunnelEvent::AddedToCart)
    }
}

/// Distinct buyers per step over a period.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Funnel {
    pub opened: i64,
    pub added_to_cart: i64,
    pub invoice_created: i64,
    pub paid: i64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_save_with_more_units_is_an_addition() {
        assert_eq!(FunnelEvent::added_to_cart(0, 1), Some(FunnelEvent::AddedToCart));
        assert_eq!(FunnelEvent::added_to_cart(2, 3), Some(FunnelEvent::AddedToCart));
        assert_eq!(FunnelEvent::added_to_cart(2, 2), None, "a variant swapped");
        assert_eq!(FunnelEvent::added_to_cart(3, 1), None, "units removed");
    }
}
