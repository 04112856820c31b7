//! Payment rules: whether a pre-checkout query may go ahead, and what a shopper is told when
//! it may not. Telegram shows the refusal in its payment sheet, so every reason is written
//! for the shopper ("Sorry, the last Blue Glazed Mug was just sold").
//!
//! Pure: `crate::telegram::updates` reads the order and applies the verdict in one transaction.

use crate::shop::order::OrderRecord;
use app::identity::UserId;
use app::orders::OrderStatus;

/// What Telegram's pre-checkout query claims.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PreCheckoutFacts<'a> {
    pub buyer_id: UserId,
    pub currency: &'a str,
    pub total_amount: i64,
    /// The chosen shipping option's price, when one was chosen and still ships there.
    pub shipping_minor: Option<i64>,
    pub now: i64,
}

/// The answer to a pre-checkout query.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Go ahead. When `reserve_again`, the order's stock was given back and must be taken
    /// again first; if that fails the shopper is told the item just sold out.
    Accept {
        shipping_minor: i64,
        tip_minor: i64,
        reserve_again: bool,
    },
    /// Stop, telling the shopper why.
    Refuse(String),
}

const CHECK_OUT_AGAIN: &str = "Your order changed since the invoice was made. Please check out again.";

/// The refusal of an order the buyer checked out again after: only their newest order holds
/// stock, and its invoice is the one to pay.
pub const REPLACED: &str =
    "You checked out again after this invoice was made, so this order was replaced. Please pay the newer invoice.";

/// Judges a pre-checkout query against the order it names.
pub fn judge_pre_checkout(order: &OrderRecord, facts: &PreCheckoutFacts<'_>) -> Verdict {
    let refuse = |why: &str| Verdict::Refuse(why.to_owned());
    if order.buyer_id != facts.buyer_id {
        return refuse("This order belongs to another Telegram account.");
    }
    let reserve_again = match (order.status, order.replaced_by) {
        (OrderStatus::Paid | OrderStatus::Shipped | OrderStatus::Delivered, _) => {
            return refuse("This order is already paid.")
        }
        (_, Some(_)) => return refuse(REPLACED),
        (OrderStatus::AwaitingPayment, None) => !order.reserved,
        (OrderStatus::Expired, None) => true,
        (OrderStatus::Cancelled | OrderStatus::Refunded, None) => {
            return refuse("This order was cancelled. Please check out again.")
        }
    };
    if facts.currency != order.currency.as_str() {
        return refuse(CHECK_OUT_AGAIN);
    }
    let shipping_minor = match (order.needs_shipping, facts.shipping_minor) {
        (false, _) => 0,
        (true, Some(price)) => price,
        (true, None) => return refuse("Please choose a shipping option that delivers to your address."),
    };
    let tip_minor = facts.total_amount - (order.items_minor - order.discount_minor) - shipping_minor;
    // The order's tip is fixed when chosen in the app (tip_minor = max_tip_minor), else 0 up to
    // what the sheet offered.
    if !(order.tip_minor..=order.max_tip_minor).contains(&tip_minor) {
        return refuse(CHECK_OUT_AGAIN);
    }
    Verdict::Accept {
        shipping_minor,
        tip_minor,
        reserve_again,
    }
}

/// The refusal when an item of an order sold out while its reservation had lapsed.
pub fn sold_out(name: &str) -> String {
    format!("Sorry, the last {name} was just sold.")
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::money::Currency;
    use app::orders::OrderId;

    fn order(status: OrderStatus, needs_shipping: bool) -> OrderRecord {
        OrderRecord {
            id: OrderId(7),
            buyer_id: UserId(1001),
            status,
            currency: Currency::parse("EUR").unwrap(),
            items_minor: 2400,
            discount_minor: 0,
            promo_code: None,
            shipping_minor: 0,
            tip_minor: 0,
            max_tip_minor: 1000,
            needs_shipping,
            reserved: status == OrderStatus::AwaitingPayment,
            created_at: 0,
            expires_at: 1_000,
            paid_at: None,
            lines: vec![],
            timeline: vec![],
            order_info: None,
            charge_id: None,
            replaced_by: None,
        }
    }

    fn facts(total_amount: i64, shipping_minor: Option<i64>) -> PreCheckoutFacts<'static> {
        PreCheckoutFacts {
            buyer_id: UserId(1001),
            currency: "EUR",
            total_amount,
            shipping_minor,
            now: 500,
        }
    }

    fn accepted(shipping_minor: i64, tip_minor: i64, reserve_again: bool) -> Verdict {
        Verdict::Accept {
            shipping_minor,
            tip_minor,
            reserve_again,
        }
    }

    #[test]
    fn the_exact_total_with_shipping_and_a_tip_goes_ahead() {
        let order = order(OrderStatus::AwaitingPayment, true);
        assert_eq!(
            judge_pre_checkout(&order, &facts(2400 + 490 + 200, Some(490))),
            accepted(490, 200, false)
        );
    }

    #[test]
    fn a_tip_chosen_in_the_app_must_be_paid_exactly() {
        let order = OrderRecord {
            tip_minor: 200,
            max_tip_minor: 200,
            ..order(OrderStatus::AwaitingPayment, false)
        };
        assert_eq!(
            judge_pre_checkout(&order, &facts(2400 + 200, None)),
            accepted(0, 200, false)
        );
        for wrong in [2400, 2400 + 100, 2400 + 300] {
            assert!(
                matches!(
                    judge_pre_checkout(&order, &facts(wrong, None)),
                    Verdict::Refuse(_)
                ),
                "{wrong}"
            );
        }
    }

    #[test]
    fn a_wrong_amount_or_currency_is_refused() {
        let order = order(OrderStatus::AwaitingPayment, false);
        for wrong in [2399, 2400 + 1001] {
            assert!(matches!(
                judge_pre_checkout(&order, &facts(wrong, None)),
                Verdict::Refuse(_)
            ));
        }
        let stars = PreCheckoutFacts {
            currency: "XTR",
            ..facts(2400, None)
        };
        assert!(matches!(judge_pre_checkout(&order, &stars), Verdict::Refuse(_)));
    }

    #[test]
    fn a_parcel_needs_a_shipping_option() {
        let order = order(OrderStatus::AwaitingPayment, true);
        assert!(matches!(
            judge_pre_checkout(&order, &facts(2400, None)),
            Verdict::Refuse(_)
        ));
    }

    #[test]
    fn paid_cancelled_and_foreign_orders_are_refused() {
        for status in [OrderStatus::Paid, OrderStatus::Cancelled, OrderStatus::Refunded] {
            assert!(matches!(
                judge_pre_checkout(&order(status, false), &facts(2400, None)),
                Verdict::Refuse(_)
            ));
        }
        let someone_else = PreCheckoutFacts {
            buyer_id: UserId(1002),
            ..facts(2400, None)
        };
        let refusal = judge_pre_checkout(&order(OrderStatus::AwaitingPayment, false), &someone_else);
        assert!(matches!(refusal, Verdict::Refuse(_)));
    }

    #[test]
    fn a_replaced_order_is_refused_and_told_to_pay_the_newer_invoice() {
        for status in [OrderStatus::Cancelled, OrderStatus::Expired] {
            let replaced = OrderRecord {
                replaced_by: Some(OrderId(8)),
                ..order(status, false)
            };
            assert_eq!(
                judge_pre_checkout(&replaced, &facts(2400, None)),
                Verdict::Refuse(REPLACED.to_owned())
            );
        }
    }

    #[test]
    fn a_replaced_order_is_paid_late_like_an_expired_one() {
        let cancelled = order(OrderStatus::Cancelled, false);
        assert_eq!(cancelled.status_for_payment(), OrderStatus::Cancelled);
        let replaced = OrderRecord {
            replaced_by: Some(OrderId(8)),
            ..cancelled
        };
        assert_eq!(replaced.status_for_payment(), OrderStatus::Expired);
        let paid = OrderRecord {
            replaced_by: Some(OrderId(8)),
            ..order(OrderStatus::Paid, false)
        };
        assert_eq!(paid.status_for_payment(), OrderStatus::Paid);
    }

    #[test]
    fn an_expired_order_goes_ahead_only_if_its_stock_can_be_taken_again() {
        let order = order(OrderStatus::Expired, false);
        assert_eq!(
            judge_pre_checkout(&order, &facts(2400, None)),
            accepted(0, 0, true)
        );
        assert_eq!(
            sold_out("Blue Glazed Mug"),
            "Sorry, the last Blue Glazed Mug was just sold."
        );
    }
}
