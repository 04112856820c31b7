//! Message updates: `successful_payment` of a subscription goes to `super::subscriptions`;
//! otherwise it makes an order paid and issues its tickets' vouchers —
//! when its buyer, currency and total are the order's; otherwise the money is recorded, the
//! order flagged and the merchant told — and its digital goods delivered (`super::delivery`);
//! `refunded_payment` refunded (vouchers revoked), `/start` gets a button into the shop. Every effect,
//! including the bot messages they cause, is written in the update's transaction. Payments
//! are deduplicated by their charge id in the ledger, other messages by update id.

use super::messages;
use super::{UpdateError, UpdateHandler};
use crate::shop::order::payment::{judge_payment, PaymentFacts, PaymentFits, PaymentMismatch};
use crate::shop::order::OrderRecord;
use crate::shop::order::{apply, InvoicePayload, OrderEvent};
use crate::shop::settings::ShopSettings;
use crate::shop::shared_invoice::{where_sold, SaleSource, SharedPayload};
use crate::shop::subscriptions::SubscriptionPayload;
use crate::storage::telegram::updates::{Claim, LedgerEntry, Payment, UpdateTx};
use crate::telegram::bot_api::{Message, RefundedPayment, SuccessfulPayment};
use app::i18n::{td_string, Locale};
use app::identity::{ChatId, UserId};
use app::money::{Currency, Money};

/// Handles a message update. A payment or refund is applied once per charge id, whatever its
/// update id (which Telegram may reuse); any other message once per update id.
pub(super) async fn message(
    handler: &UpdateHandler,
    update_id: i64,
    message: &Message,
    now: i64,
) -> Result<(), UpdateError> {
    let payer = message
        .from
        .as_ref()
        .map_or(UserId(message.chat.id.0), |from| from.id);
    let language = message
        .from
        .as_ref()
        .and_then(|from| from.language_code.as_deref())
        .unwrap_or_default();
    let tx = if let Some(payment) = &message.successful_payment {
        let mut tx = handler
            .db
            .begin_payment_update(update_id, "successful_payment", now)
            .await?;
        match SubscriptionPayload::parse(&payment.invoice_payload) {
            Some(payload) => {
                super::subscriptions::paid(handler, &mut tx, payer, payment, payload, now).await?
            }
            None => {
                let payer = Payer {
                    chat_id: message.chat.id,
                    id: payer,
                    language,
                };
                paid(handler, &mut tx, &payer, payment, now).await?
            }
        }
        tx
    } else if let Some(refund) = &message.refunded_payment {
        let mut tx = handler
            .db
            .begin_payment_update(update_id, "refunded_payment", now)
            .await?;
        refunded(&mut tx, message.chat.id, refund, now).await?;
        tx
    } else {
        let Claim::New(mut tx) = handler.db.begin_update(update_id, "message", now).await? else {
            return Ok(());
        };
        if message
            .text
            .as_deref()
            .is_some_and(super::admin_command::is_admin_command)
        {
            super::admin_command::answer(handler, &mut tx, message, now).await?;
        } else if let Some(command) = message.text.as_deref().and_then(super::commands::Command::parse) {
            super::commands::answer(handler, &mut tx, message, command, now).await?;
        } else if let Some(start) = message.text.as_deref().and_then(start_parameter) {
            let shop = tx.shop_settings().await?;
            let locale = messages::locale_of(language);
            let welcome = messages::welcome(locale, &handler.settings, shop.name.as_str(), start);
            tx.enqueue_message(message.chat.id, &welcome, now).await?;
        }
        tx
    };
    tx.commit().await?;
    handler.outbox.notify_one();
    Ok(())
}

/// `/start` or `/start <parameter>` (also `/start@bot_name`): the parameter, possibly empty.
fn start_parameter(text: &str) -> Option<&str> {
    let (command, rest) = text.split_once(' ').unwrap_or((text, ""));
    let command = command.split('@').next().unwrap_or(command);
    (command == "/start").then(|| rest.trim())
}

fn currency_of(code: &str) -> Option<Currency> {
    Currency::parse(code).ok()
}

/// Who paid, where, and in which language the update says they read Telegram.
struct Payer<'a> {
    chat_id: ChatId,
    id: UserId,
    language: &'a str,
}

async fn paid(
    handler: &UpdateHandler,
    tx: &mut UpdateTx,
    payer: &Payer<'_>,
    payment: &SuccessfulPayment,
    now: i64,
) -> Result<(), UpdateError> {
    let chat_id = payer.chat_id;
    let order = match InvoicePayload::parse(&payment.invoice_payload) {
        Some(InvoicePayload(id)) => tx.order(id).await?,
        // A shared invoice's payment pays the order its pre-checkout made for this payer.
        None => match SharedPayload::parse(&payment.invoice_payload) {
            Some(shared) => {
                tx.shared_order_for_payment(payer.id, shared.source, shared.variant)
                    .await?
            }
            None => None,
        },
    };
    // The language of their checkout, else the payment's (a buyer the shop never saw).
    let order = order.map(|mut order| {
        if order.buyer_language.is_empty() {
            payer.language.clone_into(&mut order.buyer_language);
        }
        order
    });
    let Some(currency) = currency_of(&payment.currency) else {
        tracing::error!("a payment in a malformed currency; recorded nowhere");
        return Ok(());
    };
    let entry = LedgerEntry {
        order_id: order.as_ref().map(|o| o.id),
        telegram_charge_id: &payment.telegram_payment_charge_id,
        provider_charge_id: Some(payment.provider_payment_charge_id.as_str()).filter(|id| !id.is_empty()),
        currency,
        amount_minor: payment.total_amount,
        now,
    };
    if !tx.record_ledger("charge", &entry).await? {
        tracing::info!("this charge was recorded before; nothing more to do");
        return Ok(());
    }
    let Some(order) = order else {
        tracing::error!("a payment for an invoice that names no order of ours");
        let alert = |locale: Locale| messages::merchant_alert(td_string!(locale, bot_m_unknown_payment));
        let shop = tx.shop_settings().await?;
        return notify_merchants(handler, tx, &shop, alert, now).await;
    };
    // A shared invoice may be paid in a group or channel: its receipt and goods go to the
    // payer's own chat with the bot, never to where the invoice was posted.
    let chat_id = match order.source {
        Some(_) => ChatId(payer.id.0),
        None => chat_id,
    };
    if let Err(illegal) = apply(order.status_for_payment(), OrderEvent::Pay) {
        tracing::error!(order_id = %order.id, %illegal, "a second payment for an order");
        let alert = |locale: Locale| {
            let (number, status) = (order.id.0, order.status.label(locale));
            messages::merchant_alert(&td_string!(locale, bot_m_paid_again, number, status).to_string())
        };
        let shop = tx.shop_settings().await?;
        return notify_merchants(handler, tx, &shop, alert, now).await;
    }
    let facts = PaymentFacts {
        payer_id: payer.id,
        currency: &payment.currency,
        total_amount: payment.total_amount,
        shipping_minor: shipping_price(tx, &order, payment).await?,
    };
    match judge_payment(&order, &facts) {
        Ok(fits) => mark_paid(handler, tx, &order, chat_id, payment, fits, now).await,
        Err(mismatch) => {
            // The money is a fact (the ledger has it), but not this order's payment: the
            // order stays unpaid, flagged, and the merchant settles it by hand.
            tracing::error!(order_id = %order.id, %mismatch, "a payment that does not match its order");
            tx.flag_payment_mismatch(order.id, &mismatch.to_string(), now)
                .await?;
            let alert = |locale: Locale| {
                let why = mismatch_in(locale, &order, &mismatch);
                let (number, charge) = (order.id.0, payment.telegram_payment_charge_id.as_str());
                messages::merchant_alert(&td_string!(locale, bot_m_mismatch, number, why, charge).to_string())
            };
            let shop = tx.shop_settings().await?;
            notify_merchants(handler, tx, &shop, alert, now).await
        }
    }
}

/// The price of the shipping option a payment chose, for the address it gave, as the shop
/// ships it now; `None` when it chose none or one the shop does not ship there.
async fn shipping_price(
    tx: &mut UpdateTx,
    order: &OrderRecord,
    payment: &SuccessfulPayment,
) -> Result<Option<i64>, UpdateError> {
    let country = payment
        .order_info
        .as_ref()
        .and_then(|info| info.shipping_address.as_ref())
        .map(|address| address.country_code.as_str());
    let (Some(option), Some(country)) = (&payment.shipping_option_id, country) else {
        return Ok(None);
    };
    Ok(tx
        .shipping_rates(country, order.currency)
        .await?
        .into_iter()
        .find(|rate| rate.id == *option)
        .map(|rate| rate.price_minor))
}

async fn mark_paid(
    handler: &UpdateHandler,
    tx: &mut UpdateTx,
    order: &OrderRecord,
    chat_id: ChatId,
    payment: &SuccessfulPayment,
    fits: PaymentFits,
    now: i64,
) -> Result<(), UpdateError> {
    // Money taken is a fact: an order paid after its stock went elsewhere is still paid,
    // and flagged for the merchant.
    let stock_short = !order.reserved && tx.reserve_again(order, None).await?.is_some();
    // A salon appointment is booked if it kept (or can take again) its time; never twice.
    let lost = tx.book_appointments(order.id, now).await?;
    tx.mark_paid(&Payment {
        order_id: order.id,
        shipping_option_id: payment.shipping_option_id.as_deref(),
        order_info: payment
            .order_info
            .as_ref()
            .and_then(|i| serde_json::to_string(i).ok()),
        shipping_minor: fits.shipping_minor,
        tip_minor: fits.tip_minor,
        stock_short: stock_short || !lost.is_empty(),
        now,
    })
    .await?;
    // Tickets whose units went to others meanwhile are not issued: the merchant is told to
    // refund or restock, as for any good.
    let tickets = match stock_short {
        true => 0,
        false => tx.issue_vouchers(order.id, now).await?,
    };
    let shop = tx.shop_settings().await?;
    // Each booked appointment's confirmation, in the client's language, with its calendar file.
    let booked = tx.booked_appointments(order.id).await?;
    let language = order.buyer_language.as_str();
    for appointment in &booked {
        let (name, url) = (shop.name.as_str(), handler.settings.shop_url.as_str());
        let confirmation = super::salon::booked(language, appointment, &shop.time_zone, name, url);
        tx.enqueue_message(chat_id, &confirmation, now).await?;
    }
    let receipt = messages::receipt(
        messages::locale_of(language),
        &handler.settings,
        shop.name.as_str(),
        order,
        payment.total_amount,
        tickets,
    );
    tx.enqueue_message(chat_id, &receipt, now).await?;
    // Digital goods follow their receipt; never units that went to others meanwhile.
    if !stock_short {
        super::delivery::deliver(handler, tx, order, chat_id, &shop, now).await?;
    }
    let post_chat = match order.source {
        Some(source) => post_chat(tx, source).await?,
        None => None,
    };
    let sale = |locale: Locale| {
        let sold_where = order
            .source
            .map(|source| where_sold(locale, source, post_chat.as_deref()));
        messages::merchant_sale(
            locale,
            shop.name.as_str(),
            order,
            payment.total_amount,
            stock_short,
            sold_where.as_deref(),
        )
    };
    notify_merchants(handler, tx, &shop, sale, now).await?;
    if lost.is_empty() {
        return Ok(());
    }
    // Paid after its hold lapsed, and the time went to another client meanwhile. Stars are
    // refunded at once (through the outbox, once this commits); a card payment is the salon's
    // to refund with its provider or to settle with the client.
    let zone = &shop.time_zone;
    let stars = order.currency.is_stars();
    if stars {
        tx.enqueue_message(
            chat_id,
            &messages::refund_stars(&payment.telegram_payment_charge_id),
            now,
        )
        .await?;
    }
    tx.enqueue_message(
        chat_id,
        &messages::appointment_lost(order, &lost, zone, stars),
        now,
    )
    .await?;
    let alert = |locale: Locale| messages::appointment_lost_alert(locale, order, &lost, zone, stars);
    notify_merchants(handler, tx, &shop, alert, now).await
}

/// The title of the chat a post went to, for a sale it made.
async fn post_chat(tx: &mut UpdateTx, source: SaleSource) -> Result<Option<String>, UpdateError> {
    Ok(match source {
        SaleSource::Post(id) => tx.post_chat_title(id).await?,
        SaleSource::App | SaleSource::Inline => None,
    })
}

async fn refunded(
    tx: &mut UpdateTx,
    chat_id: ChatId,
    refund: &RefundedPayment,
    now: i64,
) -> Result<(), UpdateError> {
    let order = match InvoicePayload::parse(&refund.invoice_payload) {
        Some(InvoicePayload(id)) => tx.order(id).await?,
        None => None,
    };
    let Some(currency) = currency_of(&refund.currency) else {
        return Ok(());
    };
    let entry = LedgerEntry {
        order_id: order.as_ref().map(|o| o.id),
        telegram_charge_id: &refund.telegram_payment_charge_id,
        provider_charge_id: refund.provider_payment_charge_id.as_deref(),
        currency,
        amount_minor: refund.total_amount,
        now,
    };
    if !tx.record_ledger("refund", &entry).await? {
        return Ok(());
    }
    let Some(order) = order else {
        tracing::warn!("a refund for an invoice that names no order of ours");
        return Ok(());
    };
    match apply(order.status, OrderEvent::Refund) {
        Ok(status) => {
            tx.set_status(order.id, order.status, status, now).await?;
            // A refunded order's licence keys are revoked (its download links stop with its
            // paid status).
            tx.revoke_keys(order.id, now).await?;
            tx.enqueue_message(
                chat_id,
                &messages::refund_notice(&order, refund.total_amount),
                now,
            )
            .await?;
        }
        Err(illegal) => tracing::warn!(order_id = %order.id, %illegal, "refund left the order as it was"),
    }
    Ok(())
}

/// Queues `message` (an outbox message in the language given) for the merchant: their
/// notification chat when they chose one, else each admin, each in their language — `shop` is
/// read in this transaction, so a change applies to the next sale.
pub(super) async fn notify_merchants(
    handler: &UpdateHandler,
    tx: &mut UpdateTx,
    shop: &ShopSettings,
    message: impl Fn(Locale) -> String,
    now: i64,
) -> Result<(), UpdateError> {
    let readers = tx.merchant_readers(shop, &handler.settings.admins).await?;
    for (chat, locale) in readers.iter() {
        tx.enqueue_message(chat, &message(locale), now).await?;
    }
    Ok(())
}

/// Why a payment is not its order's, in `locale`, amounts in the order's currency.
fn mismatch_in(locale: Locale, order: &OrderRecord, mismatch: &PaymentMismatch) -> String {
    let money = |minor| messages::amount(locale, Money::new(minor, order.currency));
    match mismatch {
        PaymentMismatch::OtherBuyer { payer, buyer } => {
            td_string!(locale, bot_m_mismatch_buyer, payer = payer.0, buyer = buyer.0).to_string()
        }
        PaymentMismatch::Currency { paid, expected } => {
            td_string!(locale, bot_m_mismatch_currency, paid, expected).to_string()
        }
        PaymentMismatch::NoShipping => td_string!(locale, bot_m_mismatch_shipping).to_owned(),
        PaymentMismatch::Total { paid, low, high } => {
            let expected = match low == high {
                true => money(*low),
                false => format!("{}–{}", money(*low), money(*high)),
            };
            td_string!(locale, bot_m_mismatch_total, paid = money(*paid), expected).to_string()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::start_parameter;

    #[test]
    fn start_commands_carry_their_parameter() {
        assert_eq!(start_parameter("/start"), Some(""));
        assert_eq!(start_parameter("/start p_12"), Some("p_12"));
        assert_eq!(start_parameter("/start@shop_bot o_3"), Some("o_3"));
        assert_eq!(start_parameter("/stop"), None);
        assert_eq!(start_parameter("hello"), None);
    }
}
