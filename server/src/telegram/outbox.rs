//! Sends the bot messages (documents, digital deliveries, Stars refunds owed, subscribers'
//! invite links, answers to join requests and lapsed members' removals) queued in the outbox
//! (`crate::storage::telegram::outbox`): woken when an update
//! queued some, and every few seconds for retries. A failed send is retried with backoff;
//! Telegram's 429 `retry_after` is honoured. A delivery file is uploaded once: the file id
//! Telegram answers is kept by content hash, and the file is sent by that id from then on.

use super::bot_api::BotApi;
use super::bot_api::{
    ApproveChatJoinRequest, BanChatMember, BotApiError, CreateChatInviteLink, DeclineChatJoinRequest,
    InlineKeyboardMarkup, RefundStarPayment, SendDocument, SendMessage, UnbanChatMember,
};
use super::updates::messages::OutgoingDelivery;
use super::updates::Outgoing;
use crate::clock::now_ms;
use crate::storage::telegram::outbox::QueuedMessage;
use crate::storage::Db;
use app::identity::{ChatId, UserId};
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Notify;

/// How long a sender holds the messages it is sending.
const LEASE_MS: i64 = 30_000;
/// How often the outbox is looked at without being woken.
const POLL: Duration = Duration::from_secs(3);

/// Sends queued messages until the process ends; delivery files are read from `files`
/// (`DELIVERY_DIR`).
pub async fn run(db: Db, bot: BotApi, wake: Arc<Notify>, files: Arc<Path>) {
    loop {
        match send_due(&db, &bot, &files).await {
            Ok(0) => {
                let _ = tokio::time::timeout(POLL, wake.notified()).await;
            }
            Ok(_) => {}
            Err(error) => {
                tracing::warn!(%error, "the outbox could not be read");
                tokio::time::sleep(POLL).await;
            }
        }
    }
}

/// Sends what is due now; returns how many messages it tried.
pub async fn send_due(db: &Db, bot: &BotApi, files: &Path) -> Result<usize, crate::storage::StorageError> {
    let leased_at = now_ms();
    let due = db.lease_outbox(leased_at, LEASE_MS, 20).await?;
    let mut sent = Vec::with_capacity(due.len());
    let mut failed = None;
    for message in &due {
        match send(db, bot, files, message).await {
            Ok(true) => sent.push(message.id),
            Ok(false) => {}
            Err(error) => {
                failed = Some(error);
                break;
            }
        }
    }
    // One commit for the lease's sent messages rather than one each: under load the outbox's
    // commits compete with the payments' for the disk. A crash before it re-sends them, as a
    // crash between a send and its mark always could.
    mark_sent(db, &sent, leased_at).await?;
    failed.map_or(Ok(due.len()), Err)
}

/// Marks `sent` as sent, trying again while the lease taken at `leased_at` holds: they went
/// out, so a mark lost to a passing failure (a SQLite file busy past its timeout while another
/// process writes, a dropped connection) would have them sent twice once the lease ends.
async fn mark_sent(db: &Db, sent: &[i64], leased_at: i64) -> Result<(), crate::storage::StorageError> {
    let mut pause = Duration::from_millis(100);
    loop {
        match db.mark_sent(sent, now_ms()).await {
            Ok(()) => return Ok(()),
            Err(error) if now_ms() + pause.as_millis() as i64 >= leased_at + LEASE_MS => return Err(error),
            Err(error) => {
                tracing::warn!(%error, messages = sent.len(), "could not mark sent messages; trying again");
                tokio::time::sleep(pause).await;
                pause = (pause * 2).min(Duration::from_secs(2));
            }
        }
    }
}

/// A fresh join-request link to `chat`, sent to `to` with `text`. A retry after a failed
/// send makes another link: links cost nothing, and each only asks to join.
async fn invite(
    bot: &BotApi,
    to: ChatId,
    chat: ChatId,
    name: String,
    text: String,
    button: String,
) -> Result<(), BotApiError> {
    let link = bot
        .call(&CreateChatInviteLink {
            chat_id: chat.into(),
            name: Some(name.chars().take(32).collect()),
            creates_join_request: Some(true),
            ..CreateChatInviteLink::default()
        })
        .await?;
    let request = SendMessage {
        chat_id: to.into(),
        text,
        reply_markup: Some(InlineKeyboardMarkup::url_button(button, link.invite_link)),
        ..SendMessage::default()
    };
    bot.call(&request).await.map(drop)
}

/// Bans `user` from `chat` (which removes them), then lifts the ban so they may ask to join
/// again; a retry repeats both, which Telegram takes.
async fn remove_member(bot: &BotApi, chat: ChatId, user: UserId) -> Result<(), BotApiError> {
    bot.call(&BanChatMember {
        chat_id: chat.into(),
        user_id: user,
        ..BanChatMember::default()
    })
    .await?;
    bot.call(&UnbanChatMember {
        chat_id: chat.into(),
        user_id: user,
        only_if_banned: Some(true),
    })
    .await
    .map(drop)
}

async fn send(
    db: &Db,
    bot: &BotApi,
    files: &Path,
    message: &QueuedMessage,
) -> Result<bool, crate::storage::StorageError> {
    let Ok(outgoing) = serde_json::from_str::<Outgoing>(&message.request) else {
        tracing::error!(id = message.id, "an outbox message is malformed; left unsent");
        return db.mark_failed(message.id, i64::MAX).await.map(|()| false);
    };
    let sent = match outgoing {
        Outgoing::Message(text) => bot.call(&text.into_request(message.chat_id)).await.map(drop),
        Outgoing::RefundStars {
            refund_stars_charge_id,
        } => {
            let request = RefundStarPayment {
                user_id: UserId(message.chat_id.0),
                telegram_payment_charge_id: refund_stars_charge_id,
            };
            bot.call(&request).await.map(drop)
        }
        Outgoing::Delivery { delivery } => deliver(db, bot, files, message, delivery).await?,
        Outgoing::Document {
            document,
            caption,
            reply_markup,
        } => {
            let request = SendDocument {
                chat_id: message.chat_id.into(),
                document: "attach://document".to_owned(),
                caption: Some(caption),
                protect_content: None,
                reply_markup,
            };
            let bytes = document.content.into_bytes();
            bot.call_with_file(&request, "document", document.file_name, bytes)
                .await
                .map(drop)
        }
        Outgoing::Invite {
            invite_to,
            invite_name,
            text,
            button,
        } => invite(bot, message.chat_id, ChatId(invite_to), invite_name, text, button).await,
        Outgoing::ApproveJoin { approve_join_user_id } => {
            let request = ApproveChatJoinRequest {
                chat_id: message.chat_id.into(),
                user_id: UserId(approve_join_user_id),
            };
            bot.call(&request).await.map(drop)
        }
        Outgoing::DeclineJoin { decline_join_user_id } => {
            let request = DeclineChatJoinRequest {
                chat_id: message.chat_id.into(),
                user_id: UserId(decline_join_user_id),
            };
            bot.call(&request).await.map(drop)
        }
        Outgoing::RemoveMember {
            remove_member_user_id,
        } => remove_member(bot, message.chat_id, UserId(remove_member_user_id)).await,
    };
    match sent {
        Ok(_) => Ok(true),
        Err(error) => {
            crate::metrics::outbox_send_failed();
            let wait = error.retry_after().unwrap_or_else(|| {
                Duration::from_secs(2u64.saturating_pow(message.attempts.clamp(0, 10) as u32))
            });
            tracing::warn!(id = message.id, %error, "a bot message could not be sent; will retry");
            db.mark_failed(message.id, now_ms() + wait.as_millis() as i64)
                .await
                .map(|()| false)
        }
    }
}

/// Sends a digital delivery: a message, or a file by its Telegram file id when it was uploaded
/// before, else uploaded from `files` (and its new file id kept). An error is the Bot API's,
/// to retry; a file gone from the disk is logged and retried like any failure.
async fn deliver(
    db: &Db,
    bot: &BotApi,
    files: &Path,
    message: &QueuedMessage,
    delivery: OutgoingDelivery,
) -> Result<Result<(), BotApiError>, crate::storage::StorageError> {
    let protect_content = delivery.protect_content.then_some(true);
    let Some(file) = delivery.file else {
        let request = crate::telegram::bot_api::SendMessage {
            chat_id: message.chat_id.into(),
            text: delivery.text,
            protect_content,
            reply_markup: delivery.reply_markup,
            ..Default::default()
        };
        return Ok(bot.call(&request).await.map(drop));
    };
    let mut request = SendDocument {
        chat_id: message.chat_id.into(),
        document: "attach://document".to_owned(),
        caption: Some(delivery.text),
        protect_content,
        reply_markup: delivery.reply_markup,
    };
    if let Some(file_id) = db.telegram_file_id(&file.hash).await? {
        request.document = file_id;
        return Ok(bot.call(&request).await.map(drop));
    }
    let bytes = match tokio::fs::read(files.join(&file.hash)).await {
        Ok(bytes) => bytes,
        Err(error) => {
            tracing::error!(id = message.id, %error, "a delivery file cannot be read; will retry");
            return Ok(Err(BotApiError::InvalidResponse(
                "the delivery file cannot be read".into(),
            )));
        }
    };
    let sent = bot
        .call_with_file(&request, "document", file.file_name, bytes)
        .await;
    match sent {
        Ok(sent) => {
            if let Some(document) = sent.document {
                db.store_telegram_file_id(&file.hash, &document.file_id, now_ms())
                    .await?;
            }
            Ok(Ok(()))
        }
        Err(error) => Ok(Err(error)),
    }
}
