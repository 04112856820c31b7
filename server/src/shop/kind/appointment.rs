//! Appointments: a time at the salon. The sheet asks for a name and a phone number, to confirm
//! the time; nothing ships; Stars may pay for them (a service); paid is the last step the shop
//! records.

use super::{AfterPayment, Asks, Payment, Rules};

pub(super) const RULES: Rules = Rules {
    name: "appointment",
    asks: Asks {
        name: true,
        shipping_address: false,
        phone: true,
        email: false,
    },
    ships: false,
    payment: Payment::ListedOrStars,
    after_payment: AfterPayment::Served,
};
