//! The merchant's posts of shared invoices into groups and channels (`/api/admin/posts`): an
//! invoice for one product that anyone there may pay, each payment its own order.

use crate::catalog::{ProductId, VariantId};
use crate::orders::OrderId;
use serde::{Deserialize, Serialize};

/// A group or channel as a request names it: its numeric id (`-1001234567890`) or its
/// `@username`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum ChatRef {
    Id(i64),
    Username(String),
}

/// `POST /api/admin/posts`: post `product_id`'s invoice (or `variant_id`'s, which names its
/// product) into `chat_id`. `multi_chat`: forwarded copies keep their Pay button and anyone may
/// pay them, many times; otherwise forwarded copies carry a link to the bot, which opens the
/// product (Telegram's `start_parameter`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewPost {
    #[serde(default)]
    pub product_id: Option<ProductId>,
    #[serde(default)]
    pub variant_id: Option<VariantId>,
    pub chat_id: ChatRef,
    pub multi_chat: bool,
}

/// A post the bot made, with the paid orders it brought.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PostView {
    pub id: i64,
    pub chat_id: i64,
    /// The chat's title when posted.
    pub chat_title: String,
    /// Telegram's id of the invoice message in that chat.
    pub message_id: i64,
    pub product_id: ProductId,
    pub variant_id: VariantId,
    /// The product's name now (empty when it is gone).
    pub product_name: String,
    pub multi_chat: bool,
    /// The deep link's parameter forwarded copies carry (single-chat posts only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_parameter: Option<String>,
    /// Unix ms.
    pub created_at: i64,
    /// The paid orders it brought, oldest first.
    pub orders: Vec<OrderId>,
}

/// A chat the merchant may post into: the notification chat and the chats posted into before.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PostChat {
    pub chat_id: i64,
    pub title: String,
}

/// `GET /api/admin/posts`: the posts, newest first, and the chats known to post into.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PostList {
    pub posts: Vec<PostView>,
    pub chats: Vec<PostChat>,
}
