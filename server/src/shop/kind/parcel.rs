//! Parcels: goods shipped to the buyer. The sheet asks for a name and an address, Telegram
//! then asks the shop for shipping options priced by that address; Stars cannot pay for them
//! (Telegram Stars are for digital goods and services); the merchant ships and delivers them
//! after payment.

use super::{AfterPayment, Asks, Payment, Rules};

pub(super) const RULES: Rules = Rules {
    name: "parcel",
    asks: Asks {
        name: true,
        shipping_address: true,
        phone: false,
        email: false,
    },
    ships: true,
    payment: Payment::ListedOnly,
    after_payment: AfterPayment::ShippedThenDelivered,
};
