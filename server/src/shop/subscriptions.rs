//! Stars subscriptions: a monthly membership of a private channel or group, paid in Telegram
//! Stars. Telegram fixes the period at 30 days (`subscription_period=2592000`) and the price at
//! 10,000 Stars at most; it charges the subscriber every period until they (or the merchant,
//! through `editUserStarSubscription`) cancel renewal, and tells the bot of each charge
//! (`successful_payment` with `is_first_recurring` / `is_recurring`) and of each change
//! (Bot API 10.2's `subscription` update).
//!
//! The rules here: what a subscription product must be ([`Plan`]), the invoice payload that
//! names one subscription ([`SubscriptionPayload`]), and how a subscription moves
//! ([`Subscription::charged`], [`Subscription::lapses_at`]). Pure: no I/O.

use super::invalid::Invalid;
use app::error_code::ErrorCode;
use app::money::Money;
use app::subscriptions::{SubscriptionId, SubscriptionStatus, SubscriptionView};

/// Telegram's one subscription period: 30 days, in seconds (createInvoiceLink's
/// `subscription_period`).
pub const PERIOD_SECS: i64 = 2_592_000;

/// The most Telegram lets a subscription cost a period, in Stars.
pub const MAX_STARS: i64 = 10_000;

/// What a subscription product is: one monthly price in Stars, within Telegram's maximum, and
/// the chat it grants.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Plan {
    pub price_stars: i64,
    pub chat_id: i64,
}

impl Plan {
    /// Checks a subscription product as the merchant describes it: its variants' prices
    /// (exactly one, in Stars, at most [`MAX_STARS`]) and the chat it grants — a group or
    /// channel, whose Telegram ids are negative (a user's are positive).
    pub fn parse(prices: &[Money], chat_id: Option<i64>) -> Result<Plan, Invalid> {
        let [price] = prices else {
            return Err(Invalid::new(
                ErrorCode::SubscriptionOneVariant,
                "a subscription has exactly one variant: its monthly price",
            ));
        };
        Ok(Plan {
            price_stars: Self::price(price)?,
            chat_id: granted_chat(chat_id)?,
        })
    }

    /// A subscription's monthly price: in Stars, at most [`MAX_STARS`].
    pub fn price(price: &Money) -> Result<i64, Invalid> {
        if !price.currency.is_stars() {
            return Err(Invalid::new(
                ErrorCode::SubscriptionNeedsStars,
                "a subscription is priced in Telegram Stars (XTR) only",
            ));
        }
        if price.minor > MAX_STARS {
            return Err(Invalid::new(
                ErrorCode::SubscriptionPriceTooHigh,
                format!("a subscription costs at most {MAX_STARS} Stars a month"),
            ));
        }
        Ok(price.minor)
    }
}

/// The chat a subscription grants: a channel's or group's id (negative).
fn granted_chat(chat_id: Option<i64>) -> Result<i64, Invalid> {
    match chat_id {
        Some(id) if id < 0 => Ok(id),
        Some(_) => Err(Invalid::new(
            ErrorCode::BadGrantedChat,
            "grants_chat_id is a channel's or group's chat id (negative, e.g. -1001234567890)",
        )),
        None => Err(Invalid::new(
            ErrorCode::BadGrantedChat,
            "a subscription names the private channel or group it grants in grants_chat_id",
        )),
    }
}

/// Refuses a granted chat on a product that is not a subscription.
pub fn no_granted_chat(chat_id: Option<i64>) -> Result<(), Invalid> {
    match chat_id {
        None => Ok(()),
        Some(_) => Err(Invalid::new(
            ErrorCode::BadGrantedChat,
            "only a subscription grants a chat (grants_chat_id)",
        )),
    }
}

/// The invoice payload naming one subscription: `sub:<id>`. Telegram repeats it with every
/// renewal and in `subscription` updates, where it (with the user) is all that identifies it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SubscriptionPayload(pub SubscriptionId);

impl SubscriptionPayload {
    const PREFIX: &'static str = "sub:";

    /// Reads a payload; anything but `sub:<positive id>` names no subscription of ours.
    pub fn parse(payload: &str) -> Option<Self> {
        super::order::payload_id(payload, Self::PREFIX).map(|id| SubscriptionPayload(SubscriptionId(id)))
    }
}

impl std::fmt::Display for SubscriptionPayload {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}{}", Self::PREFIX, self.0)
    }
}

/// A subscription as the shop keeps it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Subscription {
    pub id: SubscriptionId,
    pub buyer_id: i64,
    /// The subscriber's `language_code` at checkout: the bot writes to them in it.
    pub language: String,
    pub product_name: String,
    /// The chat it grants, as it was at checkout.
    pub chat_id: i64,
    pub price_stars: i64,
    pub status: SubscriptionStatus,
    pub renews: bool,
    /// End of the paid period, unix ms.
    pub expires_at: Option<i64>,
    /// The last charge's `telegram_payment_charge_id`: `editUserStarSubscription` names the
    /// subscription by it.
    pub charge_id: Option<String>,
}

/// A charge Telegram reported for a subscription.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Charge<'a> {
    pub payer: i64,
    pub currency: &'a str,
    pub amount: i64,
    /// `subscription_expiration_date`, unix seconds, if given.
    pub expires_secs: Option<i64>,
}

/// Why a charge does not pay for the subscription its payload names.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ChargeMismatch {
    #[error("paid by user {0}, not the subscriber")]
    Payer(i64),
    #[error("paid {amount} {currency}, the subscription costs {price} XTR")]
    Amount {
        amount: i64,
        currency: String,
        price: i64,
    },
}

/// What a charge does to a subscription.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Charged {
    /// The paid period's new end, unix ms.
    pub expires_at: i64,
    /// True when the subscriber is not (or no longer) in the chat and needs an invite.
    pub needs_invite: bool,
}

impl Subscription {
    /// The effect of a charge at `now`: the period runs to Telegram's
    /// `subscription_expiration_date` (or 30 days on, if it gave none), never backwards.
    pub fn charged(&self, charge: &Charge<'_>, now: i64) -> Result<Charged, ChargeMismatch> {
        if charge.payer != self.buyer_id {
            return Err(ChargeMismatch::Payer(charge.payer));
        }
        if charge.currency != "XTR" || charge.amount != self.price_stars {
            return Err(ChargeMismatch::Amount {
                amount: charge.amount,
                currency: charge.currency.to_owned(),
                price: self.price_stars,
            });
        }
        let given = charge
            .expires_secs
            .map(|secs| secs * 1000)
            .unwrap_or(now + PERIOD_SECS * 1000);
        Ok(Charged {
            expires_at: given.max(self.expires_at.unwrap_or(0)),
            needs_invite: self.status != SubscriptionStatus::Active,
        })
    }

    /// True when it lets its subscriber into its chat at `now`.
    pub fn grants_at(&self, now: i64) -> bool {
        self.status == SubscriptionStatus::Active && self.expires_at.is_some_and(|end| end > now)
    }

    /// As the subscriber and the merchant see it.
    pub fn view(&self) -> SubscriptionView {
        SubscriptionView {
            id: self.id,
            name: self.product_name.clone(),
            price_stars: self.price_stars,
            status: self.status,
            renews: self.renews,
            expires_at: self.expires_at,
            user_id: self.buyer_id,
        }
    }
}

/// A `subscription` update's state (Bot API 10.2's `BotSubscriptionUpdated.state`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TelegramState {
    /// The user cancelled renewal.
    Canceled,
    /// The user re-enabled a cancelled subscription.
    Active,
    /// A renewal's payment failed: the subscription runs out at its end.
    Failed,
}

impl TelegramState {
    /// Telegram's word for it; `None` for a state this shop does not know.
    pub fn parse(state: &str) -> Option<Self> {
        match state {
            "canceled" => Some(Self::Canceled),
            "active" => Some(Self::Active),
            "failed" => Some(Self::Failed),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests;
