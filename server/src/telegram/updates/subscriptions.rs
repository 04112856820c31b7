//! Stars subscriptions as Telegram reports them (`crate::shop::subscriptions` has the rules):
//! the pre-checkout query of a first payment, each charge (`successful_payment` with
//! `is_first_recurring` starting it, `is_recurring` extending it — once per charge id, by the
//! ledger), Bot API 10.2's `subscription` update (`canceled`, `active`, `failed`), and the
//! `chat_join_request`s of the chat a subscription grants: approved for a subscriber whose
//! subscription is active, declined for anyone else. Every effect, and every Bot API call it
//! causes (invite links, answers to join requests, removals), is written in the update's
//! transaction and sent by the outbox after the commit.

use super::messages::{self, locale_of, merchant_alert, plain, Outgoing};
use super::payment::notify_merchants;
use super::{UpdateError, UpdateHandler};
use crate::shop::events::TimeZone;
use crate::shop::subscriptions::{Charge, ChargeMismatch, Subscription, SubscriptionPayload, TelegramState};
use crate::storage::telegram::updates::{Claim, LedgerEntry, UpdateTx};
use crate::telegram::bot_api::{
    BotSubscriptionUpdated, ChatJoinRequest, PreCheckoutQuery, SuccessfulPayment,
};
use app::i18n::{td_string, Locale};
use app::identity::{ChatId, UserId};
use app::money::{Currency, Money};
use app::subscriptions::SubscriptionStatus;

/// Why the first payment of the subscription a pre-checkout query names may not go ahead, if
/// it may not.
pub(super) async fn pre_checkout_refusal(
    tx: &mut UpdateTx,
    query: &PreCheckoutQuery,
    payload: SubscriptionPayload,
) -> Result<Option<String>, UpdateError> {
    let locale = locale_of(query.from.language_code.as_deref().unwrap_or_default());
    let Some(subscription) = tx.subscription(payload.0).await? else {
        return Ok(Some(td_string!(locale, bot_refuse_sub_gone).to_owned()));
    };
    let refusal = if subscription.buyer_id != query.from.id.0 {
        Some(td_string!(locale, bot_refuse_sub_other))
    } else if subscription.status != SubscriptionStatus::Pending {
        Some(td_string!(locale, bot_refuse_sub_paid))
    } else if query.currency != "XTR" || query.total_amount != subscription.price_stars {
        Some(td_string!(locale, bot_refuse_sub_price))
    } else {
        None
    };
    Ok(refusal.map(str::to_owned))
}

/// A charge for subscription `payload`, in the payment update's transaction: recorded in the
/// ledger (once per charge id: a redelivered update finds it there and does nothing more),
/// then the subscription started or extended to Telegram's expiration date, and the
/// subscriber told — with an invite to the chat when they are not in it.
pub(super) async fn paid(
    handler: &UpdateHandler,
    tx: &mut UpdateTx,
    payer: UserId,
    payment: &SuccessfulPayment,
    payload: SubscriptionPayload,
    now: i64,
) -> Result<(), UpdateError> {
    let Ok(currency) = Currency::parse(&payment.currency) else {
        tracing::error!("a subscription payment in a malformed currency; recorded nowhere");
        return Ok(());
    };
    let entry = LedgerEntry {
        order_id: None,
        telegram_charge_id: &payment.telegram_payment_charge_id,
        provider_charge_id: None,
        currency,
        amount_minor: payment.total_amount,
        now,
    };
    if !tx.record_ledger("charge", &entry).await? {
        tracing::info!("this subscription charge was recorded before; nothing more to do");
        return Ok(());
    }
    let charge = Charge {
        payer: payer.0,
        currency: &payment.currency,
        amount: payment.total_amount,
        expires_secs: payment.subscription_expiration_date,
    };
    let checked = match tx.subscription(payload.0).await? {
        None => Err(None),
        Some(s) => s.charged(&charge, now).map(|c| (s, c)).map_err(Some),
    };
    let (subscription, charged) = match checked {
        Ok(checked) => checked,
        Err(why) => {
            tracing::error!(%payload, ?why, "a subscription charge that pays for nothing of ours");
            let charge = payment.telegram_payment_charge_id.as_str();
            let alert = |locale: Locale| {
                let why = charge_mismatch(locale, why.as_ref());
                let payload = payload.to_string();
                merchant_alert(&td_string!(locale, bot_m_sub_payment, payload, charge, why).to_string())
            };
            let shop = tx.shop_settings().await?;
            return notify_merchants(handler, tx, &shop, alert, now).await;
        }
    };
    tx.subscription_paid(
        subscription.id,
        charged.expires_at,
        &payment.telegram_payment_charge_id,
        now,
    )
    .await?;
    let buyer = ChatId(subscription.buyer_id);
    let news = match charged.needs_invite {
        true => invite(&subscription, charged.expires_at),
        false => renewed(&subscription, charged.expires_at),
    };
    tx.enqueue_message(buyer, &news, now).await?;
    Ok(())
}

/// Bot API 10.2's `subscription` update: the subscriber cancelled or re-enabled renewal in
/// Telegram, or a renewal's payment failed (the subscription then lapses at its end). Once per
/// update id; a payload or user that names no subscription of ours changes nothing.
pub(super) async fn changed(
    handler: &UpdateHandler,
    update_id: i64,
    update: &BotSubscriptionUpdated,
    now: i64,
) -> Result<(), UpdateError> {
    let Claim::New(mut tx) = handler.db.begin_update(update_id, "subscription", now).await? else {
        return Ok(());
    };
    let subscription = match SubscriptionPayload::parse(&update.invoice_payload) {
        Some(payload) => tx.subscription(payload.0).await?,
        None => None,
    };
    let state = TelegramState::parse(&update.state);
    match (subscription.filter(|s| s.buyer_id == update.user.id.0), state) {
        (Some(subscription), Some(TelegramState::Canceled)) => {
            tx.subscription_renews(subscription.id, false, now).await?
        }
        (Some(subscription), Some(TelegramState::Active)) => {
            tx.subscription_renews(subscription.id, true, now).await?
        }
        (Some(subscription), Some(TelegramState::Failed)) => {
            tx.subscription_failed(subscription.id, now).await?
        }
        (found, _) => tracing::warn!(
            known = found.is_some(),
            state = %update.state,
            "a subscription update that changes nothing of ours"
        ),
    }
    tx.commit().await?;
    Ok(())
}

/// A request to join a chat: approved when the user's subscription grants that chat now,
/// declined otherwise (a chat the shop grants nothing for is declined too: the bot's join
/// links are its subscribers').
pub(super) async fn join_request(
    handler: &UpdateHandler,
    update_id: i64,
    request: &ChatJoinRequest,
    now: i64,
) -> Result<(), UpdateError> {
    let Claim::New(mut tx) = handler
        .db
        .begin_update(update_id, "chat_join_request", now)
        .await?
    else {
        return Ok(());
    };
    let user = request.from.id;
    let answer = match tx.subscribed(user, request.chat.id, now).await? {
        true => Outgoing::ApproveJoin {
            approve_join_user_id: user.0,
        },
        false => Outgoing::DeclineJoin {
            decline_join_user_id: user.0,
        },
    };
    tracing::info!(
        approved = matches!(answer, Outgoing::ApproveJoin { .. }),
        "a join request answered"
    );
    tx.enqueue_message(request.chat.id, &answer.json(), now).await?;
    tx.commit().await?;
    handler.outbox.notify_one();
    Ok(())
}

/// What the sweep sends when `subscription` lapsed: its member's removal from the chat, and
/// a notice to the subscriber.
pub fn lapsed(subscription: &Subscription) -> Vec<(ChatId, String)> {
    let locale = locale_of(&subscription.language);
    let name = subscription.product_name.as_str();
    let removal = Outgoing::RemoveMember {
        remove_member_user_id: subscription.buyer_id,
    };
    vec![
        (ChatId(subscription.chat_id), removal.json()),
        (
            ChatId(subscription.buyer_id),
            plain(td_string!(locale, bot_subscription_lapsed, name).to_string()),
        ),
    ]
}

/// The subscriber's welcome, with a join-request link to the chat.
fn invite(subscription: &Subscription, until: i64) -> String {
    let locale = locale_of(&subscription.language);
    let (name, until) = (subscription.product_name.as_str(), date(locale, until));
    Outgoing::Invite {
        invite_to: subscription.chat_id,
        invite_name: name.to_owned(),
        text: td_string!(locale, bot_subscription_started, name, until).to_string(),
        button: td_string!(locale, bot_subscription_join, name).to_string(),
    }
    .json()
}

fn renewed(subscription: &Subscription, until: i64) -> String {
    let locale = locale_of(&subscription.language);
    let (name, until) = (subscription.product_name.as_str(), date(locale, until));
    plain(td_string!(locale, bot_subscription_renewed, name, until).to_string())
}

/// A unix-ms time as its UTC date in `locale` (`5 December 2026`, `5 décembre 2026`): Telegram
/// renews subscriptions by the clock, not by the shop's time zone.
fn date(locale: Locale, ms: i64) -> String {
    super::salon::written(locale, &TimeZone::utc(), ms, td_string!(locale, bot_date))
}

/// Why a charge pays for nothing of ours (`None`: its payload names no subscription), in
/// `locale`.
fn charge_mismatch(locale: Locale, why: Option<&ChargeMismatch>) -> String {
    match why {
        None => td_string!(locale, bot_m_sub_unknown).to_owned(),
        Some(ChargeMismatch::Payer(payer)) => td_string!(locale, bot_m_sub_other_payer, payer).to_string(),
        Some(ChargeMismatch::Amount {
            amount,
            currency,
            price,
        }) => {
            let paid = match Currency::parse(currency) {
                Ok(currency) => messages::amount(locale, Money::new(*amount, currency)),
                Err(_) => format!("{amount} {currency}"),
            };
            let price = messages::amount(locale, Money::new(*price, Currency::STARS));
            td_string!(locale, bot_m_sub_price, paid, price).to_string()
        }
    }
}
