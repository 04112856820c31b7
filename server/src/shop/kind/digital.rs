//! Digital goods: delivered inside Telegram. A card payer's sheet asks only for a name;
//! nothing ships; Stars may pay for them (what Stars are for); paid is the last step the shop
//! records.

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
    payment: Payment::ListedOrStars,
    after_payment: AfterPayment::Served,
};
