//! Shared invoices: an invoice that names a product, not an order, so that anyone who sees it
//! — in a group, a channel, a chat it was forwarded to — can pay it, each payment becoming its
//! own order for its own buyer (Telegram's Payments 2.0, <https://core.telegram.org/bots/payments>).
//!
//! Owns the payload such an invoice carries ([`SharedPayload`], `buy:<variant>:<source>`),
//! which products can be sold that way ([`shareable`]: those needing no choice first), and
//! the invoice's content for a variant ([`SharedInvoice::for_variant`]). Pure: the Bot API
//! request (`sendInvoice`, `InputInvoiceMessageContent`) is made from it by
//! `crate::telegram::invoice`, which adds the payment provider's token.

use super::catalog::{PhotoRef, Product, Variant};
use super::checkout::{check_limits, CheckoutError, Tender};
use super::currencies::CurrencyTable;
use super::invoice::PriceLine;
use super::kind::{Asks, Payment, ProductKind};
use super::order::payload_id;
use app::catalog::VariantId;
use app::money::Currency;

/// Telegram's limit on an invoice payload, in bytes.
pub const MAX_PAYLOAD_BYTES: usize = 128;

/// The id of an admin's post of a shared invoice into a group or channel.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PostId(pub i64);

impl std::fmt::Display for PostId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

/// Where a shared invoice was put, kept on each order it brings.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SaleSource {
    /// Shared from the Mini App ("Send to a chat", a prepared inline message).
    App,
    /// Chosen from the bot's inline results in some chat.
    Inline,
    /// An admin's post into a group or channel.
    Post(PostId),
}

impl SaleSource {
    /// Its spelling in a payload and in the database: `app`, `inline`, `post<id>`.
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "app" => Some(SaleSource::App),
            "inline" => Some(SaleSource::Inline),
            other => payload_id(other, "post").map(|id| SaleSource::Post(PostId(id))),
        }
    }
}

impl std::fmt::Display for SaleSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SaleSource::App => f.write_str("app"),
            SaleSource::Inline => f.write_str("inline"),
            SaleSource::Post(id) => write!(f, "post{id}"),
        }
    }
}

/// The payload of a shared invoice: `buy:<variant id>:<source>`, e.g. `buy:12:post3`. Telegram
/// hands it back in the shipping, pre-checkout and payment updates of every one of its
/// payments; the pre-checkout query makes the order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SharedPayload {
    pub variant: VariantId,
    pub source: SaleSource,
}

impl SharedPayload {
    const PREFIX: &'static str = "buy:";

    /// Reads a payload; anything but `buy:<positive id>:<source>` (each number in its one
    /// spelling: no sign, no leading zero) is not a shared invoice of ours.
    pub fn parse(payload: &str) -> Option<Self> {
        if payload.len() > MAX_PAYLOAD_BYTES {
            return None;
        }
        let rest = payload.strip_prefix(Self::PREFIX)?;
        let (variant, source) = rest.split_once(':')?;
        let variant = payload_id(variant, "")?;
        Some(SharedPayload {
            variant: VariantId(variant),
            source: SaleSource::parse(source)?,
        })
    }
}

impl std::fmt::Display for SharedPayload {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}{}:{}", Self::PREFIX, self.variant.0, self.source)
    }
}

/// Why a product cannot be sold by a shared invoice. The first four need a choice in the Mini
/// App first: share a card that opens the product instead ([`NotShareable::needs_choice`]).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum NotShareable {
    #[error("{0} comes in several options: the buyer chooses one in the shop first")]
    Options(String),
    #[error("{0} is booked for a time the buyer chooses in the shop first")]
    Time(String),
    #[error("{0} is a ticket: its event's rules and attendees' names are given in the shop")]
    Ticket(String),
    #[error("{0} is a subscription: it is paid from My subscriptions in the shop")]
    Subscription(String),
    #[error("{0}")]
    Price(CheckoutError),
}

impl NotShareable {
    /// True when the product can be bought in the Mini App once the buyer made a choice there
    /// (a card opening it is the thing to share); false when its price cannot be invoiced.
    pub fn needs_choice(&self) -> bool {
        !matches!(self, NotShareable::Price(_))
    }
}

/// The one variant of `product` a shared invoice can sell, or why there is none: it must need
/// no choice first (one variant, no time, no attendees, not a subscription).
pub fn shareable(product: &Product) -> Result<&Variant, NotShareable> {
    let name = || product.name.clone();
    match product.kind {
        ProductKind::Appointment => return Err(NotShareable::Time(name())),
        ProductKind::Ticket => return Err(NotShareable::Ticket(name())),
        ProductKind::Subscription => return Err(NotShareable::Subscription(name())),
        ProductKind::Parcel | ProductKind::Digital => {}
    }
    match product.variants.as_slice() {
        [only] => Ok(only),
        _ => Err(NotShareable::Options(name())),
    }
}

/// What a shared invoice shows and charges: one unit of one variant. The same content serves
/// `sendInvoice` (an admin's post) and `InputInvoiceMessageContent` (inline results and
/// prepared messages); see `crate::telegram::invoice`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SharedInvoice {
    /// The product's name, at most Telegram's 32 characters.
    pub title: String,
    /// The product's description (its name when it has none), at most 255 characters.
    pub description: String,
    pub payload: SharedPayload,
    /// What is charged in: the product's currency, or Telegram Stars for a product that
    /// takes Stars only.
    pub currency: Currency,
    /// One line: the unit's price.
    pub prices: Vec<PriceLine>,
    /// The product's photo, as an absolute URL Telegram can fetch (https only).
    pub photo: Option<PhotoRef>,
    /// What the sheet asks the payer for (nothing for Stars).
    pub asks: Asks,
    /// Shipped: priced by the buyer's address (`is_flexible`), asking for it.
    pub flexible: bool,
}

impl SharedInvoice {
    /// The invoice selling one unit of `product`'s only variant, shared from `source`. `origin`
    /// is the shop's public https origin, which makes the product's photo URL absolute.
    pub fn for_variant(
        product: &Product,
        source: SaleSource,
        origin: &str,
        currencies: &CurrencyTable,
    ) -> Result<Self, NotShareable> {
        let variant = shareable(product)?;
        let tender = match product.kind.payment() {
            Payment::StarsOnly => Tender::Stars,
            Payment::ListedOnly | Payment::ListedOrStars => Tender::Listed,
        };
        let unit = tender.unit_price(product, variant).map_err(NotShareable::Price)?;
        check_limits(unit, currencies).map_err(NotShareable::Price)?;
        let stars = unit.currency.is_stars();
        let name = product.line_name(variant);
        Ok(SharedInvoice {
            title: cut(&product.name, 32),
            description: cut(
                match product.description.trim() {
                    "" => &name,
                    description => description,
                },
                255,
            ),
            payload: SharedPayload {
                variant: variant.id,
                source,
            },
            currency: unit.currency,
            prices: vec![PriceLine {
                label: cut(&name, 64),
                amount: unit.minor,
            }],
            photo: absolute(&product.photo, origin),
            asks: Asks::for_goods(stars, [product.kind]),
            flexible: !stars && product.kind.ships(),
        })
    }
}

/// `photo` with an absolute https URL: as it is, or under `origin` when it is a path.
fn absolute(photo: &PhotoRef, origin: &str) -> Option<PhotoRef> {
    let url = match photo.url.starts_with('/') {
        true => format!("{}{}", origin.trim_end_matches('/'), photo.url),
        false => photo.url.clone(),
    };
    url.starts_with("https://")
        .then(|| PhotoRef { url, ..photo.clone() })
}

/// `text` in at most `max` characters, an ellipsis ending a cut one.
fn cut(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let mut cut: String = text.chars().take(max - 1).collect();
    cut.push('…');
    cut
}

#[cfg(test)]
mod tests;
