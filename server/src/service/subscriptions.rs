//! Stars subscriptions, the subscriber's and the merchant's side: subscribing (a pending
//! subscription and Telegram's invoice link with `subscription_period`, which Telegram then
//! charges every 30 days), and cancelling or re-enabling renewal — asked of Telegram with
//! `editUserStarSubscription` and recorded only once Telegram took it.

use super::ServiceError;
use crate::clock::now_ms;
use crate::shop::catalog::texts::shopper_language;
use crate::shop::subscriptions::{Plan, SubscriptionPayload};
use crate::storage::subscriptions::{Offer, OnSale};
use crate::storage::Db;
use crate::telegram::bot::ShopBot;
use crate::telegram::bot_api::{CreateInvoiceLink, EditUserStarSubscription};
use app::catalog::{ProductId, VariantId};
use app::i18n::Locale;
use app::identity::{UserId, WebAppUser};
use app::money::{Currency, Money};
use app::subscriptions::{
    SubscribeRequest, SubscribeResponse, SubscriptionId, SubscriptionStatus, SubscriptionView,
};

/// Subscribes `buyer` to the subscription product `request` names: a pending subscription,
/// and the link to its invoice. If Telegram makes no link, the subscription is forgotten.
pub async fn subscribe(
    db: &Db,
    bot: &ShopBot,
    buyer: &WebAppUser,
    request: &SubscribeRequest,
) -> Result<SubscribeResponse, ServiceError> {
    let offer = match db.subscription_offer(VariantId(request.variant_id)).await? {
        Offer::Subscription(offer) => offer,
        Offer::Unknown | Offer::NotASubscription => {
            return Err(ServiceError::NotASubscription(request.variant_id))
        }
    };
    // A plan the merchant made before its rules tightened is still refused here.
    let currency =
        Currency::parse(&offer.currency).map_err(|_| ServiceError::NotASubscription(request.variant_id))?;
    Plan::price(&Money::new(offer.price_minor, currency))
        .map_err(|_| ServiceError::NotASubscription(request.variant_id))?;
    let language = buyer.language_code.as_deref().unwrap_or_default();
    let id = db
        .create_subscription(buyer.id, language, &offer, now_ms())
        .await?;
    let locale = shopper_language(buyer);
    let name = name_in(db, &offer, locale).await?;
    let invoice =
        CreateInvoiceLink::for_subscription(SubscriptionPayload(id), &name, offer.price_minor, locale);
    match bot.api.call(&invoice).await {
        Ok(invoice_link) => Ok(SubscribeResponse {
            subscription_id: id,
            invoice_link,
        }),
        Err(error) => {
            db.drop_pending_subscription(id).await?;
            Err(ServiceError::NoInvoice(error))
        }
    }
}

/// The plan's product name in `locale` as the merchant entered it, else the shop's own.
async fn name_in(db: &Db, offer: &OnSale, locale: Locale) -> Result<String, ServiceError> {
    let texts = db.product_texts(ProductId(offer.product_id)).await?;
    let translated = texts.and_then(|texts| {
        texts
            .product
            .into_iter()
            .find(|(lang, _)| *lang == locale)
            .and_then(|(_, text)| text.name)
    });
    Ok(translated.map_or_else(|| offer.name.clone(), |name| name.as_str().to_owned()))
}

/// Cancels (`renews` false) or re-enables renewal of subscription `id` — `subscriber`'s, or
/// any when the merchant asks (`None`) — through Telegram, then records it.
pub async fn change_renewal(
    db: &Db,
    bot: &ShopBot,
    id: SubscriptionId,
    subscriber: Option<UserId>,
    renews: bool,
) -> Result<SubscriptionView, ServiceError> {
    let subscription = db
        .subscription(id)
        .await?
        .filter(|s| s.status != SubscriptionStatus::Pending)
        .filter(|s| subscriber.is_none_or(|user| user.0 == s.buyer_id))
        .ok_or(ServiceError::NoSuchSubscription(id.0))?;
    let charge = match (&subscription.charge_id, subscription.grants_at(now_ms())) {
        (Some(charge), true) => charge.clone(),
        _ => return Err(ServiceError::NotRenewable(id.0)),
    };
    let edit = EditUserStarSubscription {
        user_id: UserId(subscription.buyer_id),
        telegram_payment_charge_id: charge,
        is_canceled: !renews,
    };
    bot.api.call(&edit).await.map_err(ServiceError::Telegram)?;
    tracing::info!(subscription_id = %id, renews, "renewal changed through Telegram");
    db.set_renewal(id, renews, now_ms()).await?;
    let mut view = subscription.view();
    view.renews = renews;
    Ok(view)
}
