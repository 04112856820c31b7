//! Checkout rules: a [`Cart`] priced from the shop's own
//! catalog (a client's prices never count), in one currency, within Telegram's limits for it.
//!
//! Pure: storage re-checks stock atomically when it reserves, because the catalog read here
//! may be stale by then.

use super::cart::{Cart, MAX_LINES, MAX_QUANTITY};
use super::catalog::{find_variant, Product, Variant};
use super::currencies::CurrencyTable;
use super::events::AttendeeError;
use super::kind::{AfterPayment, Payment, ProductKind};
use super::promo_codes::{Promo, PromoCode, PromoError};
use super::settings::UnitCap;
use super::tips::TipError;
use app::catalog::{ProductId, VariantId};
use app::error_code::ErrorCode;
use app::money::{Currency, Money};

/// Why a cart cannot be checked out. Each has a stable code and a message for the shopper.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CheckoutError {
    #[error("the cart is empty")]
    EmptyCart,
    #[error("an order can hold at most {MAX_LINES} different items")]
    TooManyLines,
    #[error("quantity {quantity} of variant {variant_id} is not between 1 and {MAX_QUANTITY}")]
    BadQuantity { variant_id: i64, quantity: i64 },
    #[error("variant {0} is not sold in this shop")]
    UnknownVariant(i64),
    #[error("products priced in different currencies must be bought separately")]
    MixedCurrencies,
    #[error("only {available} of {name} left")]
    SoldOut { name: String, available: i64 },
    #[error("one buyer may reserve at most {cap} of {name}")]
    OverBuyerLimit { name: String, cap: i64 },
    #[error("the total is below the smallest payment Telegram accepts ({minimum})")]
    BelowMinimum { minimum: String },
    #[error("the total is above the largest payment Telegram accepts ({maximum})")]
    AboveMaximum { maximum: String },
    #[error("Telegram does not take payments in {0}")]
    UnsupportedCurrency(Currency),
    #[error("card payments are not set up in this shop yet")]
    NoPaymentProvider,
    #[error("{0} cannot be paid with Telegram Stars")]
    NoStarsPrice(String),
    #[error("{0} ships as a parcel: Telegram Stars pay for digital goods and services only")]
    StarsNeedNoShipping(String),
    #[error("{0} is a digital good: Telegram Stars alone pay for it, not cards (Telegram's developer terms, §6.2)")]
    CardsRefusedForDigitalGoods(String),
    #[error("{0}")]
    Promo(PromoError),
    #[error("{0}")]
    Tip(TipError),
    #[error("tickets to {0} are no longer sold")]
    SalesClosed(String),
    #[error("one order may hold at most {max} tickets of {name}")]
    OverMaxPerOrder { name: String, max: i64 },
    #[error("{name}: {error}")]
    AttendeeNames { name: String, error: AttendeeError },
    /// A service's line without a time (or of more than one), or a time on a line of
    /// something that is not booked by time.
    #[error("{0}")]
    AppointmentTime(String),
    #[error("{0}")]
    Booking(super::appointments::booking::Refusal),
    #[error("{0} is a subscription: it is paid on its own, from My subscriptions")]
    SubscriptionAlone(String),
}

impl CheckoutError {
    /// A stable machine-readable code, e.g. `sold_out`.
    pub fn code(&self) -> ErrorCode {
        match self {
            Self::EmptyCart => ErrorCode::EmptyCart,
            Self::TooManyLines => ErrorCode::TooManyLines,
            Self::BadQuantity { .. } => ErrorCode::BadQuantity,
            Self::UnknownVariant(_) => ErrorCode::UnknownVariant,
            Self::MixedCurrencies => ErrorCode::MixedCurrencies,
            Self::SoldOut { .. } => ErrorCode::SoldOut,
            Self::OverBuyerLimit { .. } => ErrorCode::OverBuyerLimit,
            Self::BelowMinimum { .. } => ErrorCode::BelowMinimum,
            Self::AboveMaximum { .. } => ErrorCode::AboveMaximum,
            Self::UnsupportedCurrency(_) => ErrorCode::UnsupportedCurrency,
            Self::NoPaymentProvider => ErrorCode::NoPaymentProvider,
            Self::NoStarsPrice(_) => ErrorCode::NoStarsPrice,
            Self::StarsNeedNoShipping(_) => ErrorCode::StarsNeedNoShipping,
            Self::CardsRefusedForDigitalGoods(_) => ErrorCode::CardsRefusedForDigitalGoods,
            Self::Promo(promo) => promo.code(),
            Self::Tip(tip) => tip.code(),
            Self::SalesClosed(_) => ErrorCode::SalesClosed,
            Self::OverMaxPerOrder { .. } => ErrorCode::OverMaxPerOrder,
            Self::AttendeeNames { .. } => ErrorCode::AttendeeNamesRequired,
            Self::AppointmentTime(_) => ErrorCode::AppointmentTimeRequired,
            Self::SubscriptionAlone(_) => ErrorCode::SubscriptionAlone,
            Self::Booking(super::appointments::booking::Refusal::Taken { .. }) => ErrorCode::SlotTaken,
            Self::Booking(super::appointments::booking::Refusal::NotOffered { .. }) => {
                ErrorCode::SlotNotOffered
            }
        }
    }
}

/// A line priced from the catalog.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PricedLine {
    pub product_id: ProductId,
    pub variant_id: VariantId,
    /// The product's name, with the variant's in brackets when it has one.
    pub name: String,
    pub unit_minor: i64,
    pub quantity: i64,
    pub kind: ProductKind,
}

/// A cart priced by the shop: what the invoice will charge before shipping and tips.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PricedCart {
    pub currency: Currency,
    pub lines: Vec<PricedLine>,
    pub items_total: i64,
    /// A promo code and what it takes off `items_total`.
    pub promo: Option<(PromoCode, i64)>,
}

impl PricedCart {
    /// What the items come to after the promo code, before shipping and tips.
    pub fn after_discount(&self) -> i64 {
        self.items_total - self.promo.as_ref().map_or(0, |(_, off)| *off)
    }

    /// Applies `promo` at `now`: the discounted total must still be one Telegram accepts.
    pub fn apply_promo(
        &mut self,
        promo: &Promo,
        now: i64,
        currencies: &CurrencyTable,
    ) -> Result<(), CheckoutError> {
        let items = Money::new(self.items_total, self.currency);
        let off = promo
            .discount(items, now, currencies)
            .map_err(CheckoutError::Promo)?;
        check_limits(Money::new(self.items_total - off, self.currency), currencies)?;
        self.promo = Some((promo.code.clone(), off));
        Ok(())
    }

    /// Refuses a line of more units than one buyer may reserve of a variant (`cap`). The
    /// buyer's previous unpaid order is replaced by this one, so its units do not count.
    pub fn within_cap(&self, cap: UnitCap) -> Result<(), CheckoutError> {
        match self.lines.iter().find(|line| line.quantity > cap.get()) {
            Some(line) => Err(CheckoutError::OverBuyerLimit {
                name: line.name.clone(),
                cap: cap.get(),
            }),
            None => Ok(()),
        }
    }

    /// The kinds of its lines, a kind once per line.
    pub fn kinds(&self) -> impl Iterator<Item = ProductKind> + '_ {
        self.lines.iter().map(|l| l.kind)
    }

    /// True when something in it ships, so its invoice is priced by the buyer's address.
    pub fn needs_shipping(&self) -> bool {
        self.kinds().any(ProductKind::ships)
    }

    /// True when something in it is of `kind`.
    pub fn has(&self, kind: ProductKind) -> bool {
        self.kinds().any(|k| k == kind)
    }

    /// What happens to its order once paid: the most any of its lines needs.
    pub fn after_payment(&self) -> AfterPayment {
        self.kinds()
            .map(ProductKind::after_payment)
            .max()
            .unwrap_or(AfterPayment::Served)
    }
}

/// Adds back to `catalog`'s stock the units `held` (variant, units) by the buyer's order
/// awaiting payment: their checkout replaces that order, which gives them back, so they are
/// the buyer's to take again.
pub fn with_units_back(catalog: &mut [Product], held: &[(VariantId, i64)]) {
    for &(id, units) in held {
        let variant = catalog
            .iter_mut()
            .flat_map(|p| p.variants.iter_mut())
            .find(|v| v.id == id);
        if let Some(variant) = variant {
            variant.stock += units;
        }
    }
}

/// How the shopper pays, which decides each line's price.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tender {
    /// In each product's own currency, at its variant's price.
    Listed,
    /// In Telegram Stars, at each variant's Stars price: digital goods and services only.
    /// The only way to pay for a kind that takes Stars only ([`Payment::StarsOnly`]).
    Stars,
}

impl Tender {
    /// `pay_in_stars` as a tender.
    pub fn chosen(pay_in_stars: bool) -> Self {
        match pay_in_stars {
            true => Self::Stars,
            false => Self::Listed,
        }
    }

    /// What one unit of `variant` of `product` costs when paid this way.
    pub fn unit_price(self, product: &Product, variant: &Variant) -> Result<Money, CheckoutError> {
        match self {
            Tender::Listed
                if product.kind.payment() == Payment::StarsOnly && !variant.price.currency.is_stars() =>
            {
                Err(CheckoutError::CardsRefusedForDigitalGoods(
                    product.line_name(variant),
                ))
            }
            Tender::Listed => Ok(variant.price),
            Tender::Stars => match product.kind.payment() {
                Payment::ListedOnly => Err(CheckoutError::StarsNeedNoShipping(product.line_name(variant))),
                Payment::ListedOrStars | Payment::StarsOnly => variant
                    .in_stars()
                    .ok_or_else(|| CheckoutError::NoStarsPrice(product.line_name(variant))),
            },
        }
    }
}

/// Prices `cart` from `catalog` in each product's currency and checks it against stock and
/// Telegram's limits.
pub fn price(
    cart: &Cart,
    catalog: &[Product],
    currencies: &CurrencyTable,
) -> Result<PricedCart, CheckoutError> {
    price_in(cart, catalog, currencies, Tender::Listed)
}

/// Prices `cart` from `catalog` as `tender` pays it and checks it against stock and
/// Telegram's limits for the currency paid in.
pub fn price_in(
    cart: &Cart,
    catalog: &[Product],
    currencies: &CurrencyTable,
    tender: Tender,
) -> Result<PricedCart, CheckoutError> {
    let mut lines = Vec::with_capacity(cart.len());
    let mut currency = None;
    let mut items_total: i64 = 0;
    for (variant_id, quantity) in cart.lines() {
        let (product, variant) =
            find_variant(catalog, variant_id).ok_or(CheckoutError::UnknownVariant(variant_id.0))?;
        if product.kind == ProductKind::Subscription {
            // Telegram renews a subscription invoice alone, every month.
            return Err(CheckoutError::SubscriptionAlone(product.line_name(variant)));
        }
        let unit = tender.unit_price(product, variant)?;
        if *currency.get_or_insert(unit.currency) != unit.currency {
            return Err(CheckoutError::MixedCurrencies);
        }
        if variant.stock < quantity {
            return Err(CheckoutError::SoldOut {
                name: product.line_name(variant),
                available: variant.stock,
            });
        }
        // Saturating: an absurd sum is then refused as above Telegram's maximum.
        items_total = items_total.saturating_add(unit.minor.saturating_mul(quantity));
        lines.push(PricedLine {
            product_id: product.id,
            variant_id,
            name: product.line_name(variant),
            unit_minor: unit.minor,
            quantity,
            kind: product.kind,
        });
    }
    let currency = currency.ok_or(CheckoutError::EmptyCart)?;
    check_limits(Money::new(items_total, currency), currencies)?;
    Ok(PricedCart {
        currency,
        lines,
        items_total,
        promo: None,
    })
}

/// The Star amounts Telegram's Bot API documents for a single payment (1–10000).
pub const STARS_LIMITS: (i64, i64) = (1, 10_000);

/// Telegram refuses invoices outside the currency's min/max amounts (its currencies.json).
pub fn check_limits(total: Money, currencies: &CurrencyTable) -> Result<(), CheckoutError> {
    let (min, max) = if total.currency.is_stars() {
        STARS_LIMITS
    } else {
        let rules = currencies
            .rules(total.currency)
            .ok_or(CheckoutError::UnsupportedCurrency(total.currency))?;
        (rules.min_amount, rules.max_amount)
    };
    if total.minor < min {
        let minimum = currencies.format(Money::new(min, total.currency));
        return Err(CheckoutError::BelowMinimum { minimum });
    }
    if total.minor > max {
        let maximum = currencies.format(Money::new(max, total.currency));
        return Err(CheckoutError::AboveMaximum { maximum });
    }
    Ok(())
}

#[cfg(test)]
mod tests;
