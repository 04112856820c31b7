//! Message updates: `successful_payment` makes an order paid, `refunded_payment` refunded,
//! `/start` gets a button into the shop. Every effect, including the bot messages they cause,
//! is written in the update's transaction.

use super::messages;
use super::{UpdateError, UpdateHandler};
use crate::shop::order::OrderRecord;
use crate::shop::order::{apply, InvoicePayload, OrderEvent};
use crate::shop::settings::ShopSettings;
use crate::storage::telegram::updates::{Claim, LedgerEntry, Payment, UpdateTx};
use crate::telegram::bot_api::{Message, RefundedPayment, SuccessfulPayment};
use app::identity::ChatId;
use app::money::Currency;

/// Handles a message update.
pub(super) async fn message(
    handler: &UpdateHandler,
    update_id: i64,
    message: &Message,
    now: i64,
) -> Result<(), UpdateError> {
    let kind = if message.successful_payment.is_some() {
        "successful_payment"
    } else if message.refunded_payment.is_some() {
        "refunded_payment"
    } else {
        "message"
    };
    let Claim::New(mut tx) = handler.db.begin_update(update_id, kind, now).await? else {
        return Ok(());
    };
    if let Some(payment) = &message.successful_payment {
        paid(handler, &mut tx, message.chat.id, payment, now).await?;
    } else if let Some(refund) = &message.refunded_payment {
        refunded(&mut tx, message.chat.id, refund, now).await?;
    } else if message
        .text
        .as_deref()
        .is_some_and(super::admin_command::is_admin_command)
    {
        super::admin_command::answer(handler, &mut tx, message, now).await?;
    } else if let Some(start) = message.text.as_deref().and_then(start_parameter) {
        let shop = tx.shop_settings().await?;
        let welcome = messages::welcome(&handler.settings, shop.name.as_str(), start);
        tx.enqueue_message(message.chat.id, &welcome, now).await?;
    }
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

async fn paid(
    handler: &UpdateHandler,
    tx: &mut UpdateTx,
    chat_id: ChatId,
    payment: &SuccessfulPayment,
    now: i64,
) -> Result<(), UpdateError> {
    let order = match InvoicePayload::parse(&payment.invoice_payload) {
        Some(InvoicePayload(id)) => tx.order(id).await?,
        None => None,
    };
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
        let alert = messages::merchant_alert("A payment arrived for an unknown order. Check the ledger.");
        let shop = tx.shop_settings().await?;
        return notify_merchants(handler, tx, &shop, &alert, now).await;
    };
    if let Err(illegal) = apply(order.status_for_payment(), OrderEvent::Pay) {
        tracing::error!(order_id = %order.id, %illegal, "a second payment for an order");
        let text = format!(
            "Order #{} was paid again while {:?}. Refund the second payment.",
            order.id, order.status
        );
        let shop = tx.shop_settings().await?;
        return notify_merchants(handler, tx, &shop, &messages::merchant_alert(&text), now).await;
    }
    mark_paid(handler, tx, &order, chat_id, payment, now).await
}

async fn mark_paid(
    handler: &UpdateHandler,
    tx: &mut UpdateTx,
    order: &OrderRecord,
    chat_id: ChatId,
    payment: &SuccessfulPayment,
    now: i64,
) -> Result<(), UpdateError> {
    // Money taken is a fact: an order paid after its stock went elsewhere is still paid,
    // and flagged for the merchant.
    let stock_short = !order.reserved && tx.reserve_again(order, None).await?.is_some();
    let shipping_minor = match (&payment.shipping_option_id, &payment.order_info) {
        (Some(option), Some(info)) => match &info.shipping_address {
            Some(address) => tx
                .shipping_rates(&address.country_code, order.currency)
                .await?
                .into_iter()
                .find(|rate| rate.id == *option)
                .map_or(0, |rate| rate.price_minor),
            None => 0,
        },
        _ => 0,
    };
    let tip_minor =
        (payment.total_amount - (order.items_minor - order.discount_minor) - shipping_minor).max(0);
    tx.mark_paid(&Payment {
        order_id: order.id,
        shipping_option_id: payment.shipping_option_id.as_deref(),
        order_info: payment
            .order_info
            .as_ref()
            .and_then(|i| serde_json::to_string(i).ok()),
        shipping_minor,
        tip_minor,
        stock_short,
        now,
    })
    .await?;
    let shop = tx.shop_settings().await?;
    let receipt = messages::receipt(&handler.settings, shop.name.as_str(), order, payment.total_amount);
    tx.enqueue_message(chat_id, &receipt, now).await?;
    let sale = messages::merchant_sale(shop.name.as_str(), order, payment.total_amount, stock_short);
    notify_merchants(handler, tx, &shop, &sale, now).await
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
            tx.set_status(order.id, status, now).await?;
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

/// Queues `text` for the merchant: their notification chat when they chose one, else each
/// admin — `shop` is read in this transaction, so a change applies to the next sale.
async fn notify_merchants(
    handler: &UpdateHandler,
    tx: &mut UpdateTx,
    shop: &ShopSettings,
    text: &str,
    now: i64,
) -> Result<(), UpdateError> {
    for chat in shop.merchant_chats(&handler.settings.admins) {
        tx.enqueue_message(chat, text, now).await?;
    }
    Ok(())
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
