//! Deep links: the start parameter of a link such as `t.me/<bot>?startapp=p_3` arrives in
//! initData (`start_param`) and the launch parameters, and names where the Mini App opens.
//! `p_<id>` opens a product, `o_<id>` an order, `e_<id>` an event (the link a channel post's
//! button carries), `s_<id>` a salon service's booking page; anything else opens the
//! storefront.

use crate::catalog::ProductId;
use crate::events::EventId;
use crate::orders::OrderId;

/// Where a start parameter leads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DeepLink {
    Product(ProductId),
    Order(OrderId),
    Event(EventId),
    Service(ProductId),
}

impl DeepLink {
    /// Reads a start parameter (Telegram allows `A-Za-z0-9_-`, up to 512 characters). Ids are
    /// positive integers; anything else is not a deep link.
    pub fn parse(start_param: &str) -> Option<Self> {
        let id = |digits: &str| {
            digits
                .parse::<i64>()
                .ok()
                .filter(|id| *id > 0 && digits.bytes().all(|b| b.is_ascii_digit()))
        };
        match start_param.split_once('_')? {
            ("p", digits) => id(digits).map(|id| DeepLink::Product(ProductId(id))),
            ("o", digits) => id(digits).map(|id| DeepLink::Order(OrderId(id))),
            ("e", digits) => id(digits).map(|id| DeepLink::Event(ProductId(id))),
            ("s", digits) => id(digits).map(|id| DeepLink::Service(ProductId(id))),
            _ => None,
        }
    }

    /// The page it opens.
    pub fn path(&self) -> String {
        match self {
            DeepLink::Product(id) => format!("/shop/products/{}", id.0),
            DeepLink::Order(id) => format!("/shop/orders/{}", id.0),
            DeepLink::Event(id) => format!("/shop/events/{}", id.0),
            DeepLink::Service(id) => format!("/shop/services/{}", id.0),
        }
    }

    /// The start parameter that leads here, for share links.
    pub fn start_param(&self) -> String {
        match self {
            DeepLink::Product(id) => format!("p_{}", id.0),
            DeepLink::Order(id) => format!("o_{}", id.0),
            DeepLink::Event(id) => format!("e_{}", id.0),
            DeepLink::Service(id) => format!("s_{}", id.0),
        }
    }
}

/// True the first time it is asked in this page's life, false after: a deep link is followed
/// when the Mini App opens, not again when the shopper comes back to the storefront.
pub fn first_follow() -> bool {
    static FOLLOWED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
    !FOLLOWED.swap(true, std::sync::atomic::Ordering::Relaxed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn products_and_orders_are_linked_by_id() {
        assert_eq!(DeepLink::parse("p_3"), Some(DeepLink::Product(ProductId(3))));
        assert_eq!(DeepLink::parse("o_42"), Some(DeepLink::Order(OrderId(42))));
        assert_eq!(DeepLink::parse("p_3").unwrap().path(), "/shop/products/3");
        assert_eq!(DeepLink::parse("o_42").unwrap().path(), "/shop/orders/42");
        for link in [DeepLink::Product(ProductId(7)), DeepLink::Order(OrderId(9))] {
            assert_eq!(DeepLink::parse(&link.start_param()), Some(link));
        }
    }

    #[test]
    fn events_are_linked_by_id() {
        assert_eq!(DeepLink::parse("e_5"), Some(DeepLink::Event(ProductId(5))));
        assert_eq!(DeepLink::parse("e_5").unwrap().path(), "/shop/events/5");
        assert_eq!(DeepLink::Event(ProductId(12)).start_param(), "e_12");
        for other in ["e_", "e_0", "e_x", "e_-2", "E_5"] {
            assert_eq!(DeepLink::parse(other), None, "{other:?}");
        }
    }

    #[test]
    fn services_are_linked_by_id() {
        assert_eq!(DeepLink::parse("s_4"), Some(DeepLink::Service(ProductId(4))));
        assert_eq!(DeepLink::parse("s_4").unwrap().path(), "/shop/services/4");
        assert_eq!(DeepLink::Service(ProductId(4)).start_param(), "s_4");
        for other in ["s_", "s_0", "s_x", "s_-4", "S_4", "s_4_1"] {
            assert_eq!(DeepLink::parse(other), None, "{other:?}");
        }
    }

    #[test]
    fn anything_else_opens_the_storefront() {
        for other in [
            "",
            "p",
            "p_",
            "p_0",
            "p_-1",
            "p_+3",
            "p_3x",
            "x_3",
            "P_3",
            "o_99999999999999999999",
            "ref_abc",
        ] {
            assert_eq!(DeepLink::parse(other), None, "{other:?}");
        }
    }
}
