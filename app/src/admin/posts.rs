//! `/admin/posts`: the merchant posts a product's invoice into a group or channel the bot is
//! in (`POST /api/admin/posts`), choosing the product, the chat (the notification chat, one
//! posted into before, or an id / @username typed) and the mode — multi-chat (forwarded copies
//! keep their Pay button, anyone may pay, many times) or single-chat (forwarded copies link
//! back to the bot) — and sees the posts made with the orders each brought.
//!
//! Its texts are English literals, grouped in [`text`], for the admin page's translation.

use super::action::{load, show, Act, Loaded, Refusal};
use super::api;
use crate::admin_api::{ChatRef, NewPost, PostList, PostView, ProductList};
use crate::catalog::ProductId;
use crate::components::Moment;
use leptos::prelude::*;

/// The page's texts.
mod text {
    pub const TITLE: &str = "Posts";
    pub const INTRO: &str = "Post a product's invoice into a group or channel: anyone there can pay it, and each payment is its own order. Products that need a choice first (options, a time, tickets) are shared from their page in the shop instead.";
    pub const PRODUCT: &str = "Product";
    pub const CHAT: &str = "Chat";
    pub const TYPED: &str = "Another chat (id or @username)";
    pub const TYPED_HINT: &str = "-1001234567890 or @channel";
    pub const MULTI: &str = "Multi-chat: forwarded copies keep their Pay button; anyone may pay, many times.";
    pub const SINGLE: &str = "Single-chat: forwarded copies show a link to the bot, which opens the product.";
    pub const POST: &str = "Post";
    pub const POSTED: &str = "Posted.";
    pub const NONE: &str = "Nothing posted yet.";
    pub const PICK_PRODUCT: &str = "Choose a product.";
    pub const PICK_CHAT: &str = "Choose a chat or type one.";
    pub const BAD_CHAT: &str = "A chat is a numeric id (-100…) or an @username.";
    pub const HEAD_WHEN: &str = "Posted";
    pub const HEAD_CHAT: &str = "Chat";
    pub const HEAD_PRODUCT: &str = "Product";
    pub const HEAD_MODE: &str = "Mode";
    pub const HEAD_ORDERS: &str = "Paid orders";
    pub const MODE_MULTI: &str = "multi-chat";
    pub const MODE_SINGLE: &str = "single-chat";
}

/// The posts page.
#[component]
pub(crate) fn PostsPage() -> impl IntoView {
    let posts = load::<PostList>(|| "/api/admin/posts".into());
    let products = load::<ProductList>(|| "/api/admin/products?archived=false".into());
    view! {
        <h1>{text::TITLE}</h1>
        <p class="admin-note">{text::INTRO}</p>
        {show(products, move |products| view! { <PostForm products posts/> })}
        {show(posts, |list| match list.posts.is_empty() {
            true => view! { <p class="admin-note" data-testid="no-posts">{text::NONE}</p> }.into_any(),
            false => view! { <PostTable posts=list.posts/> }.into_any(),
        })}
    }
}

/// The chat a form names: the one chosen, else the one typed.
fn chat_ref(chosen: &str, typed: &str) -> Result<ChatRef, &'static str> {
    let value = match chosen.is_empty() {
        true => typed.trim(),
        false => chosen,
    };
    if value.is_empty() {
        return Err(text::PICK_CHAT);
    }
    match value.parse::<i64>() {
        Ok(id) => Ok(ChatRef::Id(id)),
        Err(_) if value.starts_with('@') && value.len() > 1 => Ok(ChatRef::Username(value.to_owned())),
        Err(_) => Err(text::BAD_CHAT),
    }
}

#[component]
fn PostForm(products: ProductList, posts: Loaded<PostList>) -> impl IntoView {
    let act = Act::new();
    let product = RwSignal::new(String::new());
    let chosen = RwSignal::new(String::new());
    let typed = RwSignal::new(String::new());
    let multi = RwSignal::new(true);
    let done = RwSignal::new(false);
    let chats = move || {
        posts
            .get()
            .and_then(Result::ok)
            .map(|list| list.chats)
            .unwrap_or_default()
    };
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        done.set(false);
        let Ok(id) = product.get_untracked().parse::<i64>() else {
            return act.refuse(text::PICK_PRODUCT);
        };
        let chat = match chat_ref(&chosen.get_untracked(), &typed.get_untracked()) {
            Ok(chat) => chat,
            Err(why) => return act.refuse(why),
        };
        let body = NewPost {
            product_id: Some(ProductId(id)),
            variant_id: None,
            chat_id: chat,
            multi_chat: multi.get_untracked(),
        };
        act.run(
            move |auth| async move { api::send::<PostView>(&auth, "POST", "/api/admin/posts", Some(&body)).await },
            move |_| {
                done.set(true);
                posts.refetch();
            },
        );
    };
    view! {
        <form class="admin-card admin-form" on:submit=submit data-testid="post-form">
            <label>{text::PRODUCT}
                <select data-testid="post-product" on:change=move |e| product.set(event_target_value(&e))>
                    <option value="">"—"</option>
                    {products.products.into_iter().map(|p| view! {
                        <option value=p.id.0.to_string()>{p.name}</option>
                    }).collect_view()}
                </select>
            </label>
            <label>{text::CHAT}
                <select data-testid="post-chat" on:change=move |e| chosen.set(event_target_value(&e))>
                    <option value="">"—"</option>
                    {move || chats().into_iter().map(|c| view! {
                        <option value=c.chat_id.to_string()>{format!("{} ({})", c.title, c.chat_id)}</option>
                    }).collect_view()}
                </select>
            </label>
            <label>{text::TYPED}
                <input type="text" data-testid="post-chat-typed" placeholder=text::TYPED_HINT
                    prop:value=typed on:input=move |e| typed.set(event_target_value(&e))/>
            </label>
            <fieldset>
                <label><input type="radio" name="post-mode" data-testid="post-multi" prop:checked=multi
                    on:change=move |_| multi.set(true)/>" "{text::MULTI}</label>
                <label><input type="radio" name="post-mode" data-testid="post-single" prop:checked=move || !multi.get()
                    on:change=move |_| multi.set(false)/>" "{text::SINGLE}</label>
            </fieldset>
            <button type="submit" class="admin-button" disabled=move || act.busy.get() data-testid="post-submit">{text::POST}</button>
            {move || done.get().then(|| view! { <p class="admin-note" role="status" data-testid="post-done">{text::POSTED}</p> })}
            <Refusal act/>
        </form>
    }
}

#[component]
fn PostTable(posts: Vec<PostView>) -> impl IntoView {
    view! {
        <table class="admin-table" data-testid="admin-posts">
            <thead><tr>
                <th>{text::HEAD_WHEN}</th><th>{text::HEAD_CHAT}</th><th>{text::HEAD_PRODUCT}</th>
                <th>{text::HEAD_MODE}</th><th>{text::HEAD_ORDERS}</th>
            </tr></thead>
            <tbody>
                {posts.into_iter().map(|p| { let count = p.orders.len(); view! {
                    <tr data-testid="admin-post" data-id=p.id>
                        <td><Moment ms=p.created_at/></td>
                        <td>{p.chat_title}</td>
                        <td>{p.product_name}</td>
                        <td>{if p.multi_chat { text::MODE_MULTI } else { text::MODE_SINGLE }}</td>
                        <td data-testid="admin-post-orders" data-count=count>
                            {p.orders.into_iter().map(|id| view! {
                                <a href=format!("/admin/orders/{}", id.0)>{format!("#{} ", id.0)}</a>
                            }).collect_view()}
                        </td>
                    </tr>
                }}).collect_view()}
            </tbody>
        </table>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chat_is_the_one_chosen_or_the_one_typed() {
        assert_eq!(chat_ref("-1001", "@other"), Ok(ChatRef::Id(-1001)));
        assert_eq!(
            chat_ref("", " @shop_news "),
            Ok(ChatRef::Username("@shop_news".into()))
        );
        assert_eq!(chat_ref("", "-100200"), Ok(ChatRef::Id(-100200)));
        assert_eq!(chat_ref("", ""), Err(text::PICK_CHAT));
        assert_eq!(chat_ref("", "shop news"), Err(text::BAD_CHAT));
    }
}
