//! The service layer's one error type.

use crate::shop::checkout::CheckoutError;
use crate::storage::StorageError;
use crate::telegram::bot_api::BotApiError;

/// Why a service did not do what it was asked. `crate::http` answers each as the API always
/// has: a refusal with its own code, a missing promo code 400, Telegram's failure 502,
/// storage's 503.
#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    /// The shop refuses the cart by its rules (checkout's, promo codes', tips').
    #[error(transparent)]
    Refused(#[from] CheckoutError),
    /// A promo preview was asked for without a code.
    #[error("promo_code names no code")]
    PromoMissing,
    /// Telegram made no invoice link; the order was cancelled and its stock given back.
    #[error("Telegram could not create the invoice: {0}")]
    NoInvoice(#[source] BotApiError),
    /// No such appointment among the client's.
    #[error("you have no appointment {0}")]
    NoSuchAppointment(i64),
    /// The client may not change it themselves (any more).
    #[error("{0}")]
    AppointmentNotChangeable(String),
    /// The variant a subscriber named is not a subscription on sale (`None`: no such variant).
    #[error("variant {0} is not a subscription on sale")]
    NotASubscription(i64),
    /// No such subscription (of this subscriber's).
    #[error("there is no subscription {0}")]
    NoSuchSubscription(i64),
    /// Not paid (or lapsed): there is no renewal to change.
    #[error("subscription {0} is not active: there is no renewal to change")]
    NotRenewable(i64),
    /// Telegram did not take a change (editUserStarSubscription); nothing was recorded.
    #[error("Telegram did not take the change: {0}")]
    Telegram(#[source] BotApiError),
    /// No such product on sale (archived, or its event is over).
    #[error("there is no product {0} on sale")]
    NoSuchProduct(i64),
    /// Telegram prepared no message to share (savePreparedInlineMessage).
    #[error("Telegram could not prepare the message: {0}")]
    NoPreparedMessage(#[source] BotApiError),
    #[error(transparent)]
    Storage(#[from] StorageError),
}
