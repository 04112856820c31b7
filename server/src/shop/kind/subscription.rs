//! Stars subscriptions: a month of membership in a private channel or group, paid in Telegram
//! Stars and renewed by Telegram every 30 days (`crate::shop::subscriptions`). Telegram's
//! sheet asks nothing for Stars; nothing ships; paid is the last step the shop records (the
//! bot lets the subscriber into the chat).
//!
//! Stars only (`Payment::StarsOnly`: Telegram's terms §6.2 and `subscription_period` both ask
//! it), at most 10,000 a month: the admin API enforces it when the product is created
//! (`crate::shop::subscriptions::Plan`).

use super::{AfterPayment, Asks, Payment, Rules};

pub(super) const RULES: Rules = Rules {
    name: "subscription",
    asks: Asks {
        name: false,
        shipping_address: false,
        phone: false,
        email: false,
    },
    ships: false,
    payment: Payment::StarsOnly,
    after_payment: AfterPayment::Served,
};
