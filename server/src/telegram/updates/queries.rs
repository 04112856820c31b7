//! Shipping and pre-checkout queries: decided and recorded in one transaction, committed,
//! then answered. Telegram waits at most 10 seconds for a pre-checkout answer, so nothing
//! here waits on anything but the database and one Bot API call.
//!
//! A redelivered query finds its stored answer and sends it again (Telegram may refuse a
//! second answer to the same query; that refusal is not an error). A refusal is written in
//! the language of the query's sender (its `from.language_code`; English otherwise).

use super::messages;
use super::{UpdateError, UpdateHandler};
use crate::shop::order::payment::{judge_pre_checkout, PreCheckoutFacts, Refusal, Verdict};
use crate::shop::order::InvoicePayload;
use crate::shop::promo_codes::PromoError;
use crate::shop::shared_invoice::SharedPayload;
use crate::shop::subscriptions::SubscriptionPayload;
use crate::storage::telegram::updates::{Claim, UpdateTx};
use crate::telegram::bot_api::{
    AnswerPreCheckoutQuery, AnswerShippingQuery, BotApiError, LabeledPrice, PreCheckoutQuery, ShippingOption,
    ShippingQuery,
};
use app::i18n::{td_string, Locale};
use app::money::Currency;
use app::orders::OrderStatus;
use serde::{Deserialize, Serialize};

/// How long a reservation is held once a pre-checkout query was accepted, while Telegram and
/// the payment provider charge the shopper.
const CHARGE_HOLD_MS: i64 = 10 * 60 * 1000;

/// The answer given to a query, kept to repeat it.
#[derive(Clone, Debug, Serialize, Deserialize)]
struct Answer {
    ok: bool,
    error_message: Option<String>,
    #[serde(default)]
    shipping_options: Vec<ShippingOption>,
}

impl Answer {
    fn refuse(why: impl Into<String>) -> Self {
        Answer {
            ok: false,
            error_message: Some(why.into()),
            shipping_options: Vec::new(),
        }
    }
    fn ok(shipping_options: Vec<ShippingOption>) -> Self {
        Answer {
            ok: true,
            error_message: None,
            shipping_options,
        }
    }
}

/// Decides (once) and answers a pre-checkout query.
pub(super) async fn pre_checkout(
    handler: &UpdateHandler,
    update_id: i64,
    query: &PreCheckoutQuery,
    now: i64,
) -> Result<(), UpdateError> {
    let _answer_time = crate::metrics::PreCheckoutTimer::start();
    // A shared invoice names a product: read it before the update's transaction.
    let shared = SharedPayload::parse(&query.invoice_payload);
    let product = match &shared {
        Some(payload) => super::shared::product_of(handler, payload).await?,
        None => None,
    };
    let answer = match handler
        .db
        .begin_update(update_id, "pre_checkout_query", now)
        .await?
    {
        Claim::Seen { answer } => match stored(answer) {
            Some(answer) => answer,
            None => return Ok(()),
        },
        Claim::New(mut tx) => {
            let answer = match &shared {
                Some(payload) => {
                    let refusal = super::shared::pre_checkout(
                        &mut tx,
                        query,
                        payload,
                        product.as_ref(),
                        now,
                        CHARGE_HOLD_MS,
                    )
                    .await?;
                    refusal.map_or_else(|| Answer::ok(Vec::new()), Answer::refuse)
                }
                None => decide_pre_checkout(&mut tx, query, now).await?,
            };
            save_and_commit(tx, &answer).await?
        }
    };
    tracing::info!(ok = answer.ok, "answering pre-checkout query");
    let call = AnswerPreCheckoutQuery {
        pre_checkout_query_id: query.id.clone(),
        ok: answer.ok,
        error_message: answer.error_message,
    };
    settle(handler.bot.call(&call).await)
}

/// Decides (once) and answers a shipping query.
pub(super) async fn shipping(
    handler: &UpdateHandler,
    update_id: i64,
    query: &ShippingQuery,
    now: i64,
) -> Result<(), UpdateError> {
    let shared = SharedPayload::parse(&query.invoice_payload);
    let product = match &shared {
        Some(payload) => super::shared::product_of(handler, payload).await?,
        None => None,
    };
    let answer = match handler.db.begin_update(update_id, "shipping_query", now).await? {
        Claim::Seen { answer } => match stored(answer) {
            Some(answer) => answer,
            None => return Ok(()),
        },
        Claim::New(mut tx) => {
            let answer = match &shared {
                Some(payload) => decide_shared_shipping(&mut tx, query, payload, product.as_ref()).await?,
                None => decide_shipping(&mut tx, query).await?,
            };
            save_and_commit(tx, &answer).await?
        }
    };
    let call = AnswerShippingQuery {
        shipping_query_id: query.id.clone(),
        ok: answer.ok,
        shipping_options: answer.ok.then_some(answer.shipping_options),
        error_message: answer.error_message,
    };
    settle(handler.bot.call(&call).await)
}

/// The answer stored for a redelivered query, if one was stored.
fn stored(answer: Option<String>) -> Option<Answer> {
    answer.and_then(|answer| serde_json::from_str(&answer).ok())
}

async fn save_and_commit(mut tx: UpdateTx, answer: &Answer) -> Result<Answer, UpdateError> {
    tx.save_answer(&serde_json::to_string(answer).expect("answers serialize"))
        .await?;
    tx.commit().await?;
    Ok(answer.clone())
}

/// The price of the shipping option the buyer chose on the sheet, as the shop prices it for
/// their country in `currency` today; `None` without a choice, or for an option it no longer
/// offers there.
pub(super) async fn chosen_shipping(
    tx: &mut UpdateTx,
    query: &PreCheckoutQuery,
    currency: Currency,
) -> Result<Option<i64>, UpdateError> {
    let country = query
        .order_info
        .as_ref()
        .and_then(|info| info.shipping_address.as_ref())
        .map(|address| address.country_code.as_str());
    let (Some(option), Some(country)) = (&query.shipping_option_id, country) else {
        return Ok(None);
    };
    let rates = tx.shipping_rates(country, currency).await?;
    Ok(rates
        .into_iter()
        .find(|rate| rate.id == *option)
        .map(|rate| rate.price_minor))
}

async fn decide_pre_checkout(
    tx: &mut UpdateTx,
    query: &PreCheckoutQuery,
    now: i64,
) -> Result<Answer, UpdateError> {
    if let Some(payload) = SubscriptionPayload::parse(&query.invoice_payload) {
        let refusal = super::subscriptions::pre_checkout_refusal(tx, query, payload).await?;
        return Ok(refusal.map_or_else(|| Answer::ok(Vec::new()), Answer::refuse));
    }
    let locale = messages::locale_of(query.from.language_code.as_deref().unwrap_or_default());
    let Some(InvoicePayload(order_id)) = InvoicePayload::parse(&query.invoice_payload) else {
        return Ok(Answer::refuse(td_string!(locale, bot_refuse_not_ours)));
    };
    let Some(order) = tx.order(order_id).await? else {
        return Ok(Answer::refuse(td_string!(locale, bot_refuse_gone)));
    };
    let shipping_minor = chosen_shipping(tx, query, order.currency).await?;
    let facts = PreCheckoutFacts {
        buyer_id: query.from.id,
        currency: &query.currency,
        total_amount: query.total_amount,
        shipping_minor,
        now,
    };
    match judge_pre_checkout(&order, &facts) {
        Verdict::Refuse(why) => Ok(Answer::refuse(messages::refusal(locale, &why))),
        Verdict::Accept { reserve_again, .. } => {
            // The code may have been switched off or expired since the invoice was made; an
            // order whose reservation lapsed gave its use back and must take one again.
            if let Some(code) = &order.promo_code {
                let why = match tx.promo(code).await? {
                    Some(promo) => match promo.open(now) {
                        Err(closed) => Some(promo_closed(locale, &closed)),
                        Ok(()) if !tx.hold_promo_use(order.id).await? => {
                            Some(promo_closed(locale, &PromoError::UsedUp))
                        }
                        Ok(()) => None,
                    },
                    None => Some(td_string!(locale, bot_promo_gone)),
                };
                if let Some(why) = why {
                    let refusal = td_string!(locale, bot_refuse_promo, code = code.as_str(), why);
                    return Ok(Answer::refuse(refusal.to_string()));
                }
            }
            // A salon appointment keeps its time (or, its hold lapsed, takes it again if free).
            if let Some(lost) = tx.keep_appointments(order.id, now, now + CHARGE_HOLD_MS).await? {
                if reserve_again {
                    tx.give_back_promo_use(order.id).await?;
                }
                let shop = tx.shop_settings().await?;
                let taken = messages::time_taken(locale, &shop.time_zone, &lost.staff, lost.starts_at);
                return Ok(Answer::refuse(taken));
            }
            if reserve_again {
                if let Some(gone) = tx.reserve_again(&order, Some(now)).await? {
                    // Nothing held for an order that cannot be paid for.
                    tx.give_back_promo_use(order.id).await?;
                    tx.let_appointments_go(order.id).await?;
                    return Ok(Answer::refuse(messages::sold_out(locale, &gone)));
                }
            }
            tx.hold_until(order.id, now + CHARGE_HOLD_MS).await?;
            Ok(Answer::ok(Vec::new()))
        }
    }
}

async fn decide_shipping(tx: &mut UpdateTx, query: &ShippingQuery) -> Result<Answer, UpdateError> {
    let locale = messages::locale_of(query.from.language_code.as_deref().unwrap_or_default());
    let order = match InvoicePayload::parse(&query.invoice_payload) {
        Some(InvoicePayload(id)) => tx.order(id).await?,
        None => None,
    };
    let Some(order) =
        order.filter(|o| matches!(o.status, OrderStatus::AwaitingPayment | OrderStatus::Expired))
    else {
        return Ok(Answer::refuse(td_string!(locale, bot_refuse_unpayable)));
    };
    if order.replaced_by.is_some() {
        return Ok(Answer::refuse(messages::refusal(locale, &Refusal::Replaced)));
    }
    shipping_options(tx, locale, &query.shipping_address.country_code, order.currency).await
}

/// A shared invoice's shipping query: the options for the address, in the invoice's currency
/// (the product's as it is now), or the refusal in the shopper's language.
async fn decide_shared_shipping(
    tx: &mut UpdateTx,
    query: &ShippingQuery,
    payload: &SharedPayload,
    product: Option<&crate::shop::catalog::Product>,
) -> Result<Answer, UpdateError> {
    let locale = super::shared::locale_of(&query.from);
    let Some(invoice) = super::shared::invoice_now(product, payload) else {
        let why = crate::shop::shared_invoice::SharedRefusal::NotSold;
        return Ok(Answer::refuse(super::shared::refusal(locale, &why)));
    };
    shipping_options(tx, locale, &query.shipping_address.country_code, invoice.currency).await
}

/// The shop's shipping options to `country` in `currency`, or a refusal (in `locale`) when it
/// ships none there.
async fn shipping_options(
    tx: &mut UpdateTx,
    locale: Locale,
    country: &str,
    currency: app::money::Currency,
) -> Result<Answer, UpdateError> {
    let rates = tx.shipping_rates(country, currency).await?;
    if rates.is_empty() {
        return Ok(Answer::refuse(
            td_string!(locale, bot_refuse_no_shipping, country).to_string(),
        ));
    }
    let options = rates
        .into_iter()
        .map(|rate| ShippingOption {
            id: rate.id,
            prices: vec![LabeledPrice {
                label: rate.title.clone(),
                amount: rate.price_minor,
            }],
            title: rate.title,
        })
        .collect();
    Ok(Answer::ok(options))
}

/// Why a promo code no longer applies, in `locale` (a clause: "this promo code has expired").
fn promo_closed(locale: Locale, closed: &PromoError) -> &'static str {
    match closed {
        PromoError::NotYet => td_string!(locale, bot_promo_not_yet),
        PromoError::Expired => td_string!(locale, bot_promo_expired),
        PromoError::UsedUp => td_string!(locale, bot_promo_used_up),
        _ => td_string!(locale, bot_promo_invalid),
    }
}

/// An answer Telegram refused for good (e.g. the query is too old, after a redelivery) is
/// settled; only a failure worth retrying makes the update fail.
fn settle<T>(result: Result<T, BotApiError>) -> Result<(), UpdateError> {
    match result {
        Ok(_) => Ok(()),
        Err(error) if error.is_transient() => Err(error.into()),
        Err(error) => {
            tracing::warn!(%error, "Telegram refused the answer to a query");
            Ok(())
        }
    }
}
