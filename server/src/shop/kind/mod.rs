//! Product kinds: the one place that says, per kind of product, what Telegram's payment sheet
//! asks its buyer, whether it ships, how it may be paid, and what happens after payment.
//!
//! Each kind declares its [`Rules`] in its own module (`parcel`, `appointment`, `ticket`,
//! `digital`, `subscription`); [`ProductKind::rules`] is the one exhaustive `match` that reaches them. A new
//! kind is a variant here and a module beside these, and the compiler names every `match` that
//! must learn it. The database keeps a kind as its name in `products.fulfilment`, without a
//! CHECK constraint: [`ProductKind::parse`] is the guard, and storage reports a name it does
//! not know as corrupt. Pure: no I/O.

mod appointment;
mod digital;
mod parcel;
mod subscription;
mod ticket;

use super::invalid::Invalid;
use super::order::OrderEvent;
use app::error_code::ErrorCode;
use app::money::Currency;

/// What kind of product something is, which decides its rules at checkout and after payment.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ProductKind {
    /// Goods shipped as a parcel.
    Parcel,
    /// A salon appointment.
    Appointment,
    /// An event ticket.
    Ticket,
    /// Goods delivered inside Telegram.
    Digital,
    /// A monthly membership of a private channel or group, paid in Stars.
    Subscription,
}

/// A kind's rules, declared by its module.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rules {
    /// Its name in the database and in the admin API (`fulfilment`).
    pub name: &'static str,
    /// What the payment sheet asks whoever pays for it by card.
    pub asks: Asks,
    /// Whether it ships: its invoice is flexible (`is_flexible`), and Telegram asks the shop
    /// for shipping options priced by the buyer's address.
    pub ships: bool,
    /// Which ways of paying it takes.
    pub payment: Payment,
    /// What happens to its order once paid.
    pub after_payment: AfterPayment,
}

/// What Telegram's payment sheet asks the buyer for (createInvoiceLink's `need_*`), which the
/// cart's summary tells the shopper beforehand.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Asks {
    pub name: bool,
    pub shipping_address: bool,
    pub phone: bool,
    pub email: bool,
}

/// Which ways of paying a kind takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Payment {
    /// Its listed currency only, never at a Stars price: Telegram Stars pay for digital goods
    /// and services only.
    ListedOnly,
    /// Its listed currency, or Telegram Stars at its variants' Stars prices.
    ListedOrStars,
    /// Telegram Stars only: digital goods and services. Telegram's developer terms (§6.2) say
    /// that inside Telegram "all transactions pertaining to digital goods and services must be
    /// executed exclusively through the exchange of Telegram Stars", so such a product is
    /// priced in Stars, or — a fiat product stored before the rule — sold at its variants'
    /// Stars prices and never by card.
    StarsOnly,
}

impl Payment {
    /// Whether a product of this payment, listed in `currency`, may be paid by card at its
    /// listed price.
    pub fn takes_cards_in(self, currency: Currency) -> bool {
        !currency.is_stars() && self != Payment::StarsOnly
    }

    /// Refuses a listed price in `currency` for a product of `kind` that takes Stars only.
    pub fn check_listed(self, kind: ProductKind, currency: Currency) -> Result<(), Invalid> {
        match self == Payment::StarsOnly && !currency.is_stars() {
            true => Err(Invalid::new(
                ErrorCode::DigitalGoodsNeedStars,
                format!(
                    "a {} product is priced in Telegram Stars (XTR), not {currency}: Telegram's \
                     developer terms (§6.2) require digital goods and services to be paid in Stars",
                    kind.as_str()
                ),
            )),
            false => Ok(()),
        }
    }
}

/// What happens to an order once it is paid. Ordered by how much is left to do, so an
/// order's step is the largest of its lines' (see `PricedCart::after_payment`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum AfterPayment {
    /// Paid is the last step the shop records: the buyer is served outside it (at the
    /// appointment, at the door, in the chat).
    Served,
    /// The merchant ships it (paid → shipped) and then marks it delivered (shipped →
    /// delivered).
    ShippedThenDelivered,
}

impl ProductKind {
    /// Every kind, in declaration order (which the merchant's messages list them in). A new
    /// kind is listed here too: [`ProductKind::parse`] knows only these.
    pub const ALL: [ProductKind; 5] = [
        Self::Parcel,
        Self::Appointment,
        Self::Ticket,
        Self::Digital,
        Self::Subscription,
    ];

    /// The kind's rules, from its module.
    pub fn rules(self) -> &'static Rules {
        match self {
            Self::Parcel => &parcel::RULES,
            Self::Appointment => &appointment::RULES,
            Self::Ticket => &ticket::RULES,
            Self::Digital => &digital::RULES,
            Self::Subscription => &subscription::RULES,
        }
    }

    /// Its name in the database and in the admin API, e.g. `parcel`.
    pub fn as_str(self) -> &'static str {
        self.rules().name
    }

    /// Parses a stored or typed name.
    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.as_str() == name)
    }

    /// The kind a merchant named for a new product (`fulfilment`), or, when they named none,
    /// `digital` for a product priced in Stars (which pay for digital goods) and `parcel`
    /// otherwise.
    pub fn parse_input(named: Option<&str>, currency: Currency) -> Result<Self, Invalid> {
        match named {
            None if currency.is_stars() => Ok(Self::Digital),
            None => Ok(Self::Parcel),
            Some(name) => Self::parse(name).ok_or_else(|| {
                Invalid::new(
                    ErrorCode::BadFulfilment,
                    format!("fulfilment is {}", Self::names()),
                )
            }),
        }
    }

    /// "parcel, appointment, ticket, digital or subscription".
    fn names() -> String {
        let names: Vec<&str> = Self::ALL.iter().map(|kind| kind.as_str()).collect();
        match names.split_last() {
            Some((last, [])) => (*last).to_owned(),
            Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
            None => String::new(),
        }
    }

    /// What the payment sheet asks whoever pays for it by card.
    pub fn asks(self) -> Asks {
        self.rules().asks
    }

    /// True when it ships as a parcel, priced by address.
    pub fn ships(self) -> bool {
        self.rules().ships
    }

    /// Which ways of paying it takes.
    pub fn payment(self) -> Payment {
        self.rules().payment
    }

    /// Refuses a price in `currency` this kind may not be listed in: a fiat price on a kind that
    /// takes Stars only (`digital_goods_need_stars`).
    pub fn check_listed_in(self, currency: Currency) -> Result<(), Invalid> {
        self.payment().check_listed(self, currency)
    }

    /// What happens to its order once paid.
    pub fn after_payment(self) -> AfterPayment {
        self.rules().after_payment
    }
}

// `ALL` lists the kinds in declaration order, each once: a kind inserted between others
// shifts the ones after it, and this stops the build until `ALL` has it in its place.
const _: () = {
    let mut i = 0;
    while i < ProductKind::ALL.len() {
        assert!(ProductKind::ALL[i] as usize == i);
        i += 1;
    }
};

impl Asks {
    /// What the sheet asks for goods of `kinds`: nothing when paid in Telegram Stars (which
    /// take no `need_*` fields), else everything any of them asks.
    pub fn for_goods(stars: bool, kinds: impl IntoIterator<Item = ProductKind>) -> Self {
        if stars {
            return Asks::default();
        }
        kinds
            .into_iter()
            .fold(Asks::default(), |asks, kind| asks.and(kind.asks()))
    }

    /// Both askings together.
    fn and(self, other: Asks) -> Self {
        Asks {
            name: self.name || other.name,
            shipping_address: self.shipping_address || other.shipping_address,
            phone: self.phone || other.phone,
            email: self.email || other.email,
        }
    }

    /// As codes, in the sheet's order: `["name", "shipping_address"]` (the page words them in
    /// the shopper's language).
    pub fn codes(&self) -> Vec<String> {
        [
            (self.name, "name"),
            (self.shipping_address, "shipping_address"),
            (self.phone, "phone"),
            (self.email, "email"),
        ]
        .into_iter()
        .filter(|(asked, _)| *asked)
        .map(|(_, words)| words.to_owned())
        .collect()
    }
}

impl AfterPayment {
    /// The merchant's moves this step expects after payment (which makes every order paid),
    /// in turn. The admin API does not refuse others yet: a paid order of any kind can be
    /// marked shipped, as before kinds had steps.
    pub fn merchant_moves(self) -> &'static [OrderEvent] {
        match self {
            AfterPayment::Served => &[],
            AfterPayment::ShippedThenDelivered => &[OrderEvent::Ship, OrderEvent::Deliver],
        }
    }
}

#[cfg(test)]
mod tests;
