//! Digital goods: delivered inside Telegram. Nothing ships; Telegram Stars only pay for them
//! (Telegram's developer terms §6.2), so the sheet asks for nothing (the name it would ask a
//! card payer stays declared for the fiat products stored before the rule, which no card pays
//! any more); paid is the last step the shop records.

use super::{AfterPayment, Asks, Payment, Rules};

pub(super) const RULES: Rules = Rules {
    name: "digital",
    asks: Asks {
        name: true,
        shipping_address: false,
        phone: false,
        email: false,
    },
    ships: false,
    payment: Payment::StarsOnly,
    after_payment: AfterPayment::Served,
};
