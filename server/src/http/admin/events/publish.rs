//! `POST /api/admin/events/{id}/publish`: announces an event in a channel or group. It needs
//! the Mini App's short name (a setting) and the bot's username (learned from getMe at
//! start) for the button's link, and the bot must be an administrator there that may post
//! (getChatMember); then the post goes out: sendPhoto with the event's uploaded photo, or
//! sendMessage when it has only the placeholder. See `crate::telegram::announcement`.

use super::{no_event, Admin};
use crate::clock::now_ms;
use crate::http::admin::invalid;
use crate::http::admin::telegram_failed;
use crate::http::{ApiError, AppJson, AppPath, AppState};
use crate::shop::catalog::photo::PLACEHOLDER;
use crate::shop::catalog::Product;
use crate::shop::currencies::CurrencyTable;
use crate::shop::events::EventState;
use crate::shop::invalid::Invalid;
use crate::telegram::announcement::{link, Post};
use crate::telegram::bot_api::{BotApiError, GetChatMember, GetMe, Recipient, SentMessage};
use app::admin_api::{PublishEvent, Published};
use app::catalog::ProductId;
use app::error_code::ErrorCode;
use app::i18n::Locale;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;

/// `POST /api/admin/events/{id}/publish`.
#[tracing::instrument(skip_all, fields(admin = %admin.id, event_id = id.0))]
pub(super) async fn publish(
    State(state): State<AppState>,
    admin: Admin,
    AppPath(id): AppPath<ProductId>,
    AppJson(request): AppJson<PublishEvent>,
) -> Result<Json<Published>, ApiError> {
    let chat = parse_chat(&request.chat).map_err(invalid)?;
    let event = state.db.event(id).await?.ok_or_else(|| no_event(id))?;
    if event.state == EventState::Cancelled {
        return Err(conflict(
            ErrorCode::EventCancelled,
            "the event is cancelled: it is not announced",
        ));
    }
    let (_, products) = state.db.catalog().await?;
    let product = products.iter().find(|p| p.id == id).ok_or_else(|| no_event(id))?;
    let settings = state.db.shop_settings().await?;
    let short_name = settings.mini_app_short_name.ok_or_else(|| {
        conflict(
            ErrorCode::MiniAppShortNameMissing,
            "set the Mini App's short name first (settings: mini_app_short_name, as BotFather shows it in t.me/<bot>/<short name>)",
        )
    })?;
    let bot = state.bot.username.get().cloned().ok_or_else(|| {
        ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            ErrorCode::BotUsernameUnknown,
            "the bot's username is not known yet (Telegram's getMe did not answer): try again shortly",
        )
    })?;
    bot_may_post(&state, &chat, &request.chat).await?;
    let link = link(&bot, short_name.as_str(), id);
    let from = CurrencyTable::telegram().format(product.from_price());
    let post = Post {
        event: &event,
        name: &product.name,
        description: &product.description,
        from: &from,
        time_zone: &settings.time_zone,
        locale: settings.language.unwrap_or(Locale::en),
    };
    let sent = send(&state, product, &post, chat, &link).await?;
    tracing::info!(
        chat_id = sent.chat.id,
        at = now_ms(),
        "an admin announced an event"
    );
    Ok(Json(Published {
        chat_id: sent.chat.id,
        message_id: sent.message_id,
        link,
    }))
}

/// `@username` (5–32 of `A-Za-z0-9_`) or a numeric chat id, as typed.
fn parse_chat(typed: &str) -> Result<Recipient, Invalid> {
    let typed = typed.trim();
    if let Ok(id) = typed.parse::<i64>() {
        if id != 0 {
            return Ok(Recipient::Id(app::identity::ChatId(id)));
        }
    }
    let name = typed.strip_prefix('@').unwrap_or_default();
    let valid = (5..=32).contains(&name.len()) && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    match valid {
        true => Ok(Recipient::Username(typed.to_owned())),
        false => Err(Invalid::new(
            ErrorCode::BadChat,
            "chat is the channel's or group's @username or its numeric id, e.g. -1001234567890",
        )),
    }
}

/// Refuses with `409 bot_not_chat_admin` unless the bot is an administrator of `chat` that
/// may post there.
async fn bot_may_post(state: &AppState, chat: &Recipient, typed: &str) -> Result<(), ApiError> {
    let me = state
        .bot
        .api
        .call(&GetMe::default())
        .await
        .map_err(telegram_failed)?;
    let request = GetChatMember {
        chat_id: chat.clone(),
        user_id: me.id,
    };
    let not_admin = || {
        conflict(
            ErrorCode::BotNotChatAdmin,
            format!("the bot is not an administrator of {} that may post there: add it as one, then publish again", typed.trim()),
        )
    };
    match state.bot.api.call(&request).await {
        Ok(member) if member.can_post_as_admin() => Ok(()),
        Ok(_) => Err(not_admin()),
        // "chat not found", "member list is inaccessible", "bot is not a member": not there.
        Err(BotApiError::Api { code: 400 | 403, .. }) => Err(not_admin()),
        Err(error) => Err(telegram_failed(error)),
    }
}

/// Sends the post: the uploaded photo with its caption, or a message when the event has
/// the placeholder (or a photo that is not an upload of this shop's).
async fn send(
    state: &AppState,
    product: &Product,
    post: &Post<'_>,
    chat: Recipient,
    link: &str,
) -> Result<SentMessage, ApiError> {
    let upload = product.photo.url.strip_prefix("/media/").filter(|name| {
        product.photo.url != PLACEHOLDER.0 && !name.contains(['/', '\\']) && !name.starts_with('.')
    });
    let file = match upload {
        Some(name) => tokio::fs::read(state.uploads.join(name))
            .await
            .ok()
            .map(|bytes| (name, bytes)),
        None => None,
    };
    let sent = match file {
        Some((name, bytes)) => {
            let request = post.photo(chat, link);
            state
                .bot
                .api
                .call_with_file(&request, "photo", name.to_owned(), bytes)
                .await
        }
        None => {
            let request = post.message(chat, link);
            let answer = state.bot.api.call(&request).await;
            answer.and_then(|value| {
                serde_json::from_value(value).map_err(|e| {
                    BotApiError::InvalidResponse(format!("sendMessage answered an unreadable message: {e}"))
                })
            })
        }
    };
    sent.map_err(telegram_failed)
}

fn conflict(code: ErrorCode, message: impl Into<String>) -> ApiError {
    ApiError::new(StatusCode::CONFLICT, code, message)
}
