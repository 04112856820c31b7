//! The merchant's posts of shared invoices: `POST /api/admin/posts` sends a product's invoice
//! (`sendInvoice`) into a group or channel — one the bot is in (a group) or may post in as an
//! administrator (a channel), as `getChat` and `getChatMember` say — which anyone there may
//! pay, each payment its own order (`crate::telegram::updates::shared`). A multi-chat post has
//! no `start_parameter`, so forwarded copies keep their Pay button; a single-chat post carries
//! the product's deep link (`p_<id>`), which forwarded copies show instead and `/start`
//! answers with a button opening the product. `GET /api/admin/posts` lists the posts with the
//! paid orders each brought, and the chats known to post into.
//!
//! Must not: decide what a shared invoice holds (`crate::shop::shared_invoice`).

use super::telegram_failed;
use super::Admin;
use crate::clock::now_ms;
use crate::http::{ApiError, AppJson, AppState};
use crate::shop::catalog::Product;
use crate::shop::currencies::CurrencyTable;
use crate::shop::shared_invoice::{NotShareable, SaleSource, SharedInvoice};
use crate::storage::orders::shared::{NewPost as StoredPost, PostRecord};
use crate::telegram::bot_api::{
    BotApiError, ChatInfo, GetChat, GetChatMember, GetMe, InputInvoiceMessageContent, Recipient, SendInvoice,
};
use app::admin_api::{ChatRef, NewPost, PostChat, PostList, PostView};
use app::deep_link::DeepLink;
use app::error_code::ErrorCode;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Json, Router};

/// Routes under `/api/admin`.
pub(super) fn router() -> Router<AppState> {
    Router::new().route("/posts", get(list).post(create))
}

/// `GET /api/admin/posts`.
async fn list(State(state): State<AppState>, _admin: Admin) -> Result<Json<PostList>, ApiError> {
    let (_, products) = state.db.catalog().await?;
    let posts = state.db.posts().await?;
    let mut chats: Vec<PostChat> = Vec::new();
    if let Some(chat) = state.db.shop_settings().await?.notification_chat_id {
        chats.push(PostChat {
            chat_id: chat.0,
            title: "The notification chat (settings)".to_owned(),
        });
    }
    for (id, title) in state.db.posted_chats().await? {
        match chats.iter_mut().find(|c| c.chat_id == id.0) {
            Some(known) => known.title = title,
            None => chats.push(PostChat { chat_id: id.0, title }),
        }
    }
    Ok(Json(PostList {
        posts: posts.iter().map(|p| view(p, &products)).collect(),
        chats,
    }))
}

/// `POST /api/admin/posts`: 201 with the post.
#[tracing::instrument(skip_all, fields(admin = %admin.id))]
async fn create(
    State(state): State<AppState>,
    admin: Admin,
    AppJson(request): AppJson<NewPost>,
) -> Result<(StatusCode, Json<PostView>), ApiError> {
    let (_, products) = state.db.catalog().await?;
    let product = product_named(&products, &request)?;
    let origin = state.bot.shop_url.trim_end_matches("/shop");
    // Checked before anything is sent; the post's id goes into the payload once recorded.
    let mut invoice = SharedInvoice::for_variant(product, SaleSource::App, origin, CurrencyTable::telegram())
        .map_err(not_shareable)?;
    let provider_token = match (
        state.bot.provider_for(invoice.currency),
        invoice.currency.is_stars(),
    ) {
        (_, true) => "",
        (Some(token), false) => token.expose(),
        (None, false) => {
            return Err(ApiError::new(
                StatusCode::CONFLICT,
                ErrorCode::NoPaymentProvider,
                format!(
                    "{} is paid by card, and card payments are not set up in this shop yet",
                    product.name
                ),
            ))
        }
    };
    let chat = chat_to_post_in(&state, &request.chat_id).await?;
    let title = chat.title.clone().unwrap_or_else(|| chat.id.0.to_string());
    let id = state
        .db
        .create_post(&StoredPost {
            chat_id: chat.id,
            chat_title: &title,
            product_id: product.id,
            variant_id: invoice.payload.variant,
            multi_chat: request.multi_chat,
            posted_by: admin.id,
            now: now_ms(),
        })
        .await?;
    invoice.payload.source = SaleSource::Post(id);
    let start_parameter = (!request.multi_chat).then(|| DeepLink::Product(product.id).start_param());
    let send = SendInvoice {
        chat_id: Recipient::Id(chat.id),
        content: InputInvoiceMessageContent::for_shared(&invoice, provider_token),
        start_parameter,
    };
    let sent = match state.bot.api.call(&send).await {
        Ok(sent) => sent,
        Err(error) => {
            state.db.delete_post(id).await?;
            return Err(telegram_failed(error));
        }
    };
    state.db.set_post_message(id, sent.message_id).await?;
    tracing::info!(post_id = %id, chat_id = chat.id.0, multi_chat = request.multi_chat, "an admin posted a shared invoice");
    let posted = state
        .db
        .posts()
        .await?
        .into_iter()
        .find(|p| p.id == id)
        .ok_or_else(|| ApiError::unavailable(format!("post {id} vanished")))?;
    Ok((StatusCode::CREATED, Json(view(&posted, &products))))
}

/// The product a request names, by its id or one of its variants'.
fn product_named<'a>(products: &'a [Product], request: &NewPost) -> Result<&'a Product, ApiError> {
    let found = match (request.product_id, request.variant_id) {
        (_, Some(variant)) => products
            .iter()
            .find(|p| p.variant(variant).is_some())
            .filter(|p| request.product_id.is_none_or(|id| id == p.id)),
        (Some(id), None) => products.iter().find(|p| p.id == id),
        (None, None) => {
            return Err(ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                ErrorCode::UnknownVariant,
                "name the product to post: product_id or variant_id",
            ))
        }
    };
    found.ok_or_else(|| {
        let named = match (request.product_id, request.variant_id) {
            (_, Some(variant)) => format!("variant {}", variant.0),
            (Some(id), None) => format!("product {}", id.0),
            (None, None) => unreachable!("refused above"),
        };
        ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            ErrorCode::UnknownVariant,
            format!("{named} is not sold in this shop"),
        )
    })
}

/// The group or channel `typed` names, if the bot may post an invoice there: 422 for a chat
/// the bot does not know or a private chat, 409 when the bot may not post there.
async fn chat_to_post_in(state: &AppState, typed: &ChatRef) -> Result<ChatInfo, ApiError> {
    let (recipient, named) = match typed {
        ChatRef::Id(id) => (Recipient::Id(app::identity::ChatId(*id)), id.to_string()),
        ChatRef::Username(name) if name.starts_with('@') && name.len() > 1 => {
            (Recipient::Username(name.clone()), name.clone())
        }
        ChatRef::Username(name) => {
            return Err(ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                ErrorCode::BadChat,
                format!("{name:?} is neither a chat id nor an @username"),
            ))
        }
    };
    let chat = match state.bot.api.call(&GetChat { chat_id: recipient }).await {
        Ok(chat) => chat,
        Err(BotApiError::Api { code: 400 | 403, .. }) => {
            return Err(ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                ErrorCode::BadChat,
                format!("the bot knows no chat {named}: add the bot to it first"),
            ))
        }
        Err(error) => return Err(telegram_failed(error)),
    };
    if !chat.is_group() && !chat.is_channel() {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            ErrorCode::NotAGroupOrChannel,
            format!(
                "{named} is a {} chat: posts go to a group or a channel",
                chat.kind
            ),
        ));
    }
    let me = state
        .bot
        .api
        .call(&GetMe::default())
        .await
        .map_err(telegram_failed)?;
    let member = GetChatMember {
        chat_id: Recipient::Id(chat.id),
        user_id: me.id,
    };
    let may_post = match state.bot.api.call(&member).await {
        Ok(member) if chat.is_channel() => member.can_post_as_admin(),
        Ok(member) => matches!(member.status.as_str(), "creator" | "administrator" | "member"),
        Err(BotApiError::Api { code: 400 | 403, .. }) => false,
        Err(error) => return Err(telegram_failed(error)),
    };
    match may_post {
        true => Ok(chat),
        false => Err(ApiError::new(
            StatusCode::CONFLICT,
            ErrorCode::BotCannotPost,
            format!(
                "the bot may not post in {named}: add it to the group, or make it an administrator of the channel that may post"
            ),
        )),
    }
}

fn not_shareable(why: NotShareable) -> ApiError {
    let hint = match why.needs_choice() {
        true => ": share it from its page in the shop instead",
        false => "",
    };
    ApiError::new(
        StatusCode::UNPROCESSABLE_ENTITY,
        ErrorCode::NotShareable,
        format!("{why}{hint}"),
    )
}

fn view(post: &PostRecord, products: &[Product]) -> PostView {
    let product = products.iter().find(|p| p.id == post.product_id);
    PostView {
        id: post.id.0,
        chat_id: post.chat_id.0,
        chat_title: post.chat_title.clone(),
        message_id: post.message_id.unwrap_or_default(),
        product_id: post.product_id,
        variant_id: post.variant_id,
        product_name: product.map(|p| p.name.clone()).unwrap_or_default(),
        multi_chat: post.multi_chat,
        start_parameter: (!post.multi_chat).then(|| DeepLink::Product(post.product_id).start_param()),
        created_at: post.created_at,
        orders: post.paid_orders.clone(),
    }
}
