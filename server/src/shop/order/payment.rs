//! Payment rules: whether a pre-checkout query may go ahead, and what a shopper is told when
//! it may not. Telegram shows the refusal in its payment sheet, so every reason is one the
//! shopper can act on ([`Refusal`], written in their language by the bot). And whether the money a
//! `successful_payment` reports is the order's: the same buyer, currency and total, or a
//! [`PaymentMismatch`] the merchant must look at.
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
    Refuse(Refusal),
}

/// Why a pre-checkout query may not go ahead: the bot tells the shopper in their language
/// (`crate::telegram::updates::messages::refusal`); the English text is for logs.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    #[error("This order belongs to another Telegram account.")]
    OtherAccount,
    #[error("This order is already paid.")]
    AlreadyPaid,
    /// Only the buyer's newest order holds stock, and its invoice is the one to pay.
    #[error("You checked out again after this invoice was made, so this order was replaced. Please pay the newer invoice.")]
    Replaced,
    #[error("This order was cancelled. Please check out again.")]
    Cancelled,
    /// The currency or total differs from the order's.
    #[error("Your order changed since the invoice was made. Please check out again.")]
    Changed,
    #[error("Please choose a shipping option that delivers to your address.")]
    NoShippingOption,
}

/// Judges a pre-checkout query against the order it names.
pub fn judge_pre_checkout(order: &OrderRecord, facts: &PreCheckoutFacts<'_>) -> Verdict {
    let refuse = Verdict::Refuse;
    if order.buyer_id != facts.buyer_id {
        return refuse(Refusal::OtherAccount);
    }
    let reserve_again = match (order.status, order.replaced_by) {
        (OrderStatus::Paid | OrderStatus::Shipped | OrderStatus::Delivered, _) => {
            return refuse(Refusal::AlreadyPaid)
        }
        (_, Some(_)) => return refuse(Refusal::Replaced),
        (OrderStatus::AwaitingPayment, None) => !order.reserved,
        (OrderStatus::Expired, None) => true,
        (OrderStatus::Cancelled | OrderStatus::Refunded, None) => return refuse(Refusal::Cancelled),
    };
    if facts.currency != order.currency.as_str() {
        return refuse(Refusal::Changed);
    }
    let shipping_minor = match (order.needs_shipping, facts.shipping_minor) {
        (false, _) => 0,
        (true, Some(price)) => price,
        (true, None) => return refuse(Refusal::NoShippingOption),
    };
    let tip_minor = facts.total_amount - (order.items_minor - order.discount_minor) - shipping_minor;
    // The order's tip is fixed when chosen in the app (tip_minor = max_tip_minor), else 0 up to
    // what the sheet offered.
    if !(order.tip_minor..=order.max_tip_minor).contains(&tip_minor) {
        return refuse(Refusal::Changed);
    }
    Verdict::Accept {
        shipping_minor,
        tip_minor,
        reserve_again,
    }
}

/// What Telegram's `successful_payment` reports, to compare with the order it names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PaymentFacts<'a> {
    /// Who paid: the message's sender (its chat, for a private chat without `from`).
    pub payer_id: UserId,
    pub currency: &'a str,
    pub total_amount: i64,
    /// The chosen shipping option's price for the address given, when one was chosen and
    /// the shop still ships it there.
    pub shipping_minor: Option<i64>,
}

/// How a payment's money matches its order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PaymentFits {
    pub shipping_minor: i64,
    pub tip_minor: i64,
}

/// Why money reported for an order is not that order's payment. The money is taken all the
/// same: the ledger keeps it, the order is flagged and the merchant settles it by hand.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PaymentMismatch {
    #[error("paid by Telegram user {payer}, but the order is user {buyer}'s")]
    OtherBuyer { payer: UserId, buyer: UserId },
    #[error("paid in {paid}, but the order is in {expected}")]
    Currency { paid: String, expected: String },
    #[error("the payment chose no shipping option that ships to its address")]
    NoShipping,
    #[error("paid {paid} (minor units), but the order comes to {}", amounts(.low, .high))]
    Total { paid: i64, low: i64, high: i64 },
}

/// `120`, or `2400–3400` when a tip may vary.
fn amounts(low: &i64, high: &i64) -> String {
    match low == high {
        true => low.to_string(),
        false => format!("{low}–{high}"),
    }
}

/// Judges a successful payment against the order it names. The total must be the order's
/// items less its discount, plus the shipping option's price for the address, plus a tip
/// within what the order allows (exactly the tip chosen in the app, or 0 up to the sheet's
/// maximum).
pub fn judge_payment(order: &OrderRecord, facts: &PaymentFacts<'_>) -> Result<PaymentFits, PaymentMismatch> {
    if order.buyer_id != facts.payer_id {
        return Err(PaymentMismatch::OtherBuyer {
            payer: facts.payer_id,
            buyer: order.buyer_id,
        });
    }
    if facts.currency != order.currency.as_str() {
        return Err(PaymentMismatch::Currency {
            paid: facts.currency.to_owned(),
            expected: order.currency.as_str().to_owned(),
        });
    }
    let shipping_minor = match (order.needs_shipping, facts.shipping_minor) {
        (false, _) => 0,
        (true, Some(price)) => price,
        (true, None) => return Err(PaymentMismatch::NoShipping),
    };
    let base = (order.items_minor - order.discount_minor).saturating_add(shipping_minor);
    let tip_minor = facts.total_amount.saturating_sub(base);
    if !(order.tip_minor..=order.max_tip_minor).contains(&tip_minor) {
        return Err(PaymentMismatch::Total {
            paid: facts.total_amount,
            low: base.saturating_add(order.tip_minor),
            high: base.saturating_add(order.max_tip_minor),
        });
    }
    Ok(PaymentFits {
        shipping_minor,
        tip_minor,
    })
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
            buyer_language: String::new(),
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

    fn paid(total_amount: i64, shipping_minor: Option<i64>) -> PaymentFacts<'static> {
        PaymentFacts {
            payer_id: UserId(1001),
            currency: "EUR",
            total_amount,
            shipping_minor,
        }
    }

    #[test]
    fn a_payment_of_the_orders_total_fits_it() {
        let parcel = order(OrderStatus::AwaitingPayment, true);
        assert_eq!(
            judge_payment(&parcel, &paid(2400 + 490 + 200, Some(490))),
            Ok(PaymentFits {
                shipping_minor: 490,
                tip_minor: 200
            })
        );
        let download = order(OrderStatus::Expired, false);
        assert_eq!(
            judge_payment(&download, &paid(2400, None)).map(|f| f.tip_minor),
            Ok(0)
        );
    }

    #[test]
    fn a_payment_of_another_buyer_currency_or_total_does_not_fit() {
        let download = order(OrderStatus::AwaitingPayment, false);
        let stranger = PaymentFacts {
            payer_id: UserId(1002),
            ..paid(2400, None)
        };
        assert!(matches!(
            judge_payment(&download, &stranger),
            Err(PaymentMismatch::OtherBuyer { .. })
        ));
        let dollars = PaymentFacts {
            currency: "USD",
            ..paid(2400, None)
        };
        assert!(matches!(
            judge_payment(&download, &dollars),
            Err(PaymentMismatch::Currency { .. })
        ));
        for wrong in [2399, 2400 + 1001, i64::MIN, i64::MAX] {
            assert!(
                matches!(
                    judge_payment(&download, &paid(wrong, None)),
                    Err(PaymentMismatch::Total { .. })
                ),
                "{wrong}"
            );
        }
        let parcel = order(OrderStatus::AwaitingPayment, true);
        assert_eq!(
            judge_payment(&parcel, &paid(2400, None)),
            Err(PaymentMismatch::NoShipping)
        );
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
                Verdict::Refuse(Refusal::Replaced)
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
    }
}
