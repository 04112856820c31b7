//! Tickets: a seat at an event. The sheet asks for a name and an email, where the ticket goes;
//! nothing ships; Stars may pay for them; paid is the last step the shop records.

use super::{AfterPayment, Asks, Payment, Rules};

pub(super) const RULES: Rules = Rules {
    name: "ticket",
    asks: Asks {
        name: true,
        shipping_address: false,
        phone: false,
        email: true,
    },
    ships: false,
    payment: Payment::ListedOrStars,
    after_payment: AfterPayment::Served,
};
