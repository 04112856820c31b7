//! Orders: the record the shop keeps ([`record`]), the buyer's views of it ([`receipt`]), whether
//! a payment may go ahead ([`payment`]), and its life as pure rules — which events move it
//! where, and the invoice payload that ties a Telegram payment back to it.
//!
//! Storage applies these inside its transactions; nothing here does I/O.

pub mod payment;
mod receipt;
mod record;

pub use record::{BuyerName, OrderBackOffice, OrderHeadline, OrderInfo, OrderRecord, ShippingAddress};

use app::orders::{OrderId, OrderStatus};

/// Something that happens to an order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OrderEvent {
    /// Telegram reported `successful_payment`.
    Pay,
    /// The merchant sent it.
    Ship,
    /// It arrived.
    Deliver,
    /// The merchant or the shopper gave up on it before payment.
    Cancel,
    /// The reservation ran out before payment.
    Expire,
    /// The payment was given back.
    Refund,
}

/// An event that does not apply to an order in its current status.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("an order that is {from:?} cannot take {event:?}")]
pub struct IllegalTransition {
    pub from: OrderStatus,
    pub event: OrderEvent,
}

/// The status after `event`, or why it cannot happen. An expired order can still be paid:
/// Telegram may charge the shopper after our reservation ran out, and money taken is a fact.
pub fn apply(from: OrderStatus, event: OrderEvent) -> Result<OrderStatus, IllegalTransition> {
    use OrderEvent as E;
    use OrderStatus as S;
    let to = match (from, event) {
        (S::AwaitingPayment | S::Expired, E::Pay) => S::Paid,
        (S::Paid, E::Ship) => S::Shipped,
        (S::Shipped, E::Deliver) => S::Delivered,
        (S::AwaitingPayment, E::Cancel) => S::Cancelled,
        (S::AwaitingPayment, E::Expire) => S::Expired,
        (S::Paid | S::Shipped | S::Delivered, E::Refund) => S::Refunded,
        _ => return Err(IllegalTransition { from, event }),
    };
    Ok(to)
}

/// The invoice payload naming an order: `order:<id>`, far below Telegram's 128-byte limit.
/// Telegram hands it back in shipping, pre-checkout and payment updates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct InvoicePayload(pub OrderId);

impl InvoicePayload {
    const PREFIX: &'static str = "order:";

    /// Reads a payload; anything but `order:<positive id>` names no order of ours.
    pub fn parse(payload: &str) -> Option<Self> {
        payload_id(payload, Self::PREFIX).map(|id| InvoicePayload(OrderId(id)))
    }
}

/// The id in a payload the shop wrote as `<prefix><positive id>` (no sign, no leading zero,
/// so each id has one spelling); `None` for anything else.
pub fn payload_id(payload: &str, prefix: &str) -> Option<i64> {
    let id = payload.strip_prefix(prefix)?;
    if id.starts_with('+') || id.starts_with('0') {
        return None;
    }
    id.parse::<i64>().ok().filter(|id| *id > 0)
}

impl std::fmt::Display for InvoicePayload {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}{}", Self::PREFIX, self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use OrderEvent as E;
    use OrderStatus as S;

    #[test]
    fn an_order_is_paid_shipped_and_delivered_in_turn() {
        let paid = apply(S::AwaitingPayment, E::Pay).unwrap();
        let shipped = apply(paid, E::Ship).unwrap();
        assert_eq!(apply(shipped, E::Deliver), Ok(S::Delivered));
    }

    #[test]
    fn nothing_is_paid_twice_or_shipped_unpaid() {
        for (from, event) in [
            (S::Paid, E::Pay),
            (S::AwaitingPayment, E::Ship),
            (S::Refunded, E::Refund),
            (S::Cancelled, E::Pay),
            (S::Paid, E::Expire),
            (S::Paid, E::Cancel),
        ] {
            assert_eq!(apply(from, event), Err(IllegalTransition { from, event }));
        }
    }

    #[test]
    fn a_late_payment_revives_an_expired_order() {
        assert_eq!(apply(S::Expired, E::Pay), Ok(S::Paid));
    }

    #[test]
    fn paid_orders_can_be_refunded_until_delivered() {
        for from in [S::Paid, S::Shipped, S::Delivered] {
            assert_eq!(apply(from, E::Refund), Ok(S::Refunded));
        }
    }

    #[test]
    fn payloads_round_trip_and_refuse_strangers() {
        let payload = InvoicePayload(OrderId(42));
        assert_eq!(payload.to_string(), "order:42");
        assert_eq!(InvoicePayload::parse("order:42"), Some(payload));
        for bad in [
            "order:",
            "order:0",
            "order:-1",
            "order:+4",
            "order:042",
            "42",
            "order:4x",
            "",
        ] {
            assert_eq!(InvoicePayload::parse(bad), None, "{bad}");
        }
    }
}
