//! `/admin/posts`: the merchant posts a product's invoice into a group or channel the bot is
//! in (`POST /api/admin/posts`), choosing the product, the chat (the notification chat, one
//! posted into before, or an id / @username typed) and the mode — multi-chat (forwarded copies
//! keep their Pay button, anyone may pay, many times) or single-chat (forwarded copies link
//! back to the bot) — and sees the posts made with the orders each brought.
//!
//! Its texts are in the merchant's language ([`super::texts`]).

use super::action::{load, show, Act, Loaded, Refusal};
use super::api;
use super::texts::t;
use crate::admin::formats::Moment;
use crate::admin_api::{ChatRef, NewPost, PostList, PostView, ProductList};
use crate::catalog::ProductId;
use leptos::prelude::*;

/// The posts page.
#[component]
pub(crate) fn PostsPage() -> impl IntoView {
    let posts = load::<PostList>(|| "/api/admin/posts".into());
    let products = load::<ProductList>(|| "/api/admin/products?archived=false".into());
    view! {
        <h1>{t("Posts")}</h1>
        <p class="admin-note">{t("Post a product's invoice into a group or channel: anyone there can pay it, and each payment is its own order. Products that need a choice first (options, a time, tickets) are shared from their page in the shop instead.")}</p>
        {show(products, move |products| view! { <PostForm products posts/> })}
        {show(posts, |list| match list.posts.is_empty() {
            true => view! { <p class="admin-note" data-testid="no-posts">{t("Nothing posted yet.")}</p> }.into_any(),
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
        return Err(t("Choose a chat or type one."));
    }
    match value.parse::<i64>() {
        Ok(id) => Ok(ChatRef::Id(id)),
        Err(_) if value.starts_with('@') && value.len() > 1 => Ok(ChatRef::Username(value.to_owned())),
        Err(_) => Err(t("A chat is a numeric id (-100…) or an @username.")),
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
            return act.refuse(t("Choose a product."));
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
            <label>{t("Product")}
                <select data-testid="post-product" on:change=move |e| product.set(event_target_value(&e))>
                    <option value="">"—"</option>
                    {products.products.into_iter().map(|p| view! {
                        <option value=p.id.0.to_string()>{p.name}</option>
                    }).collect_view()}
                </select>
            </label>
            <label>{t("Chat")}
                <select data-testid="post-chat" on:change=move |e| chosen.set(event_target_value(&e))>
                    <option value="">"—"</option>
                    {move || chats().into_iter().map(|c| view! {
                        <option value=c.chat_id.to_string()>{format!("{} ({})", c.title, c.chat_id)}</option>
                    }).collect_view()}
                </select>
            </label>
            <label>{t("Another chat (id or @username)")}
                <input type="text" data-testid="post-chat-typed" placeholder=t("-1001234567890 or @channel")
                    prop:value=typed on:input=move |e| typed.set(event_target_value(&e))/>
            </label>
            <fieldset>
                <label><input type="radio" name="post-mode" data-testid="post-multi" prop:checked=multi
                    on:change=move |_| multi.set(true)/>" "{t("Multi-chat: forwarded copies keep their Pay button; anyone may pay, many times.")}</label>
                <label><input type="radio" name="post-mode" data-testid="post-single" prop:checked=move || !multi.get()
                    on:change=move |_| multi.set(false)/>" "{t("Single-chat: forwarded copies show a link to the bot, which opens the product.")}</label>
            </fieldset>
            <button type="submit" class="admin-button" disabled=move || act.busy.get() data-testid="post-submit">{t("Post")}</button>
            {move || done.get().then(|| view! { <p class="admin-note" role="status" data-testid="post-done">{t("Posted.")}</p> })}
            <Refusal act/>
        </form>
    }
}

#[component]
fn PostTable(posts: Vec<PostView>) -> impl IntoView {
    view! {
        <table class="admin-table" data-testid="admin-posts">
            <thead><tr>
                <th>{t("Posted")}</th><th>{t("Chat")}</th><th>{t("Product")}</th>
                <th>{t("Mode")}</th><th>{t("Paid orders")}</th>
            </tr></thead>
            <tbody>
                {posts.into_iter().map(|p| { let count = p.orders.len(); view! {
                    <tr data-testid="admin-post" data-id=p.id>
                        <td><Moment ms=p.created_at/></td>
                        <td>{p.chat_title}</td>
                        <td>{p.product_name}</td>
                        <td>{if p.multi_chat { t("multi-chat") } else { t("single-chat") }}</td>
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
        assert_eq!(chat_ref("", ""), Err("Choose a chat or type one."));
        assert_eq!(
            chat_ref("", "shop news"),
            Err("A chat is a numeric id (-100…) or an @username.")
        );
    }
}
