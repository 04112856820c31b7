//! Digital goods delivered in the payment's transaction: a key per unit taken from each key
//! pool the order draws on, and each paid line's delivery queued in the outbox — a file
//! (`sendDocument`), a key or a text (a message) — in the buyer's language, with a button to
//! the order, where it is offered again. A pool that fell to its warning level is told to the
//! merchant, once per crossing. Being in the payment's transaction, a redelivered payment
//! (already in the ledger) delivers nothing twice.

use super::messages::{DeliveryFile, Outgoing, OutgoingDelivery};
use super::payment::notify_merchants;
use super::{UpdateError, UpdateHandler};
use crate::shop::delivery::{Delivered, DeliveredItem};
use crate::shop::order::OrderRecord;
use crate::shop::settings::ShopSettings;
use crate::storage::telegram::updates::UpdateTx;
use crate::telegram::bot_api::InlineKeyboardMarkup;
use app::i18n::{td_string, Locale};
use app::identity::ChatId;

/// Gives paid `order` its keys and queues what its lines deliver to `chat_id`; warns the
/// merchant of pools running low.
pub(super) async fn deliver(
    handler: &UpdateHandler,
    tx: &mut UpdateTx,
    order: &OrderRecord,
    chat_id: ChatId,
    shop: &ShopSettings,
    now: i64,
) -> Result<(), UpdateError> {
    let low = tx.give_keys(order.id, now).await?;
    let delivered = tx.order_deliveries(order.id).await?;
    if !delivered.is_empty() {
        let locale = super::messages::locale_of(&order.buyer_language);
        let url = format!("{}/orders/{}", handler.settings.shop_url, order.id);
        for item in &delivered {
            tx.enqueue_message(chat_id, &outgoing(locale, item, &url), now)
                .await?;
        }
    }
    for pool in low {
        let alert = |locale: Locale| {
            let (count, name) = (pool.free_keys, pool.name.as_str());
            super::messages::merchant_alert(&td_string!(locale, bot_m_low_keys, count, name).to_string())
        };
        notify_merchants(handler, tx, shop, alert, now).await?;
    }
    Ok(())
}

/// One delivery as the outbox keeps it.
fn outgoing(locale: Locale, delivered: &Delivered, order_url: &str) -> String {
    let name = delivered.name.as_str();
    let (text, file) = match &delivered.what {
        DeliveredItem::File(file) => (
            td_string!(locale, bot_delivery_file, name).to_string(),
            Some(DeliveryFile {
                hash: file.hash.clone(),
                file_name: file.file_name.clone(),
            }),
        ),
        DeliveredItem::Keys { keys, .. } => {
            let keys = keys.join("\n");
            (
                td_string!(locale, bot_delivery_keys, name, keys).to_string(),
                None,
            )
        }
        DeliveredItem::Text(text) => {
            let text = text.as_str();
            (
                td_string!(locale, bot_delivery_text, name, text).to_string(),
                None,
            )
        }
    };
    let label = td_string!(locale, bot_open_order).to_string();
    let delivery = OutgoingDelivery {
        text,
        file,
        protect_content: delivered.protect_content,
        reply_markup: Some(InlineKeyboardMarkup::web_app_button(&label, order_url.to_owned())),
    };
    serde_json::to_string(&Outgoing::Delivery { delivery }).expect("deliveries serialize")
}
