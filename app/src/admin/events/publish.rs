//! "Publish to a channel": the bot posts the event (photo, text and a button opening the
//! Mini App at it) in a channel or group where it is an administrator
//! (`POST /api/admin/events/{id}/publish`). The server's refusal, such as the bot not being
//! an admin there, is shown as it says it.

use super::super::action::{Act, Refusal};
use super::super::api;
use crate::admin::texts::{t, tf};
use crate::admin_api::{AdminEvent, PublishEvent, Published};
use leptos::prelude::*;

/// The post's own address when Telegram gives it one: `t.me/<username>/<message>` for a
/// public chat named by `@username`, `t.me/c/<id>/<message>` for a supergroup or channel id.
fn post_link(chat: &str, published: &Published) -> Option<String> {
    let message = published.message_id;
    if let Some(username) = chat.trim().strip_prefix('@') {
        return Some(format!("https://t.me/{username}/{message}"));
    }
    let internal = published.chat_id.to_string();
    internal
        .strip_prefix("-100")
        .filter(|id| !id.is_empty())
        .map(|id| format!("https://t.me/c/{id}/{message}"))
}

/// The publish card.
#[component]
pub(super) fn Publish(current: RwSignal<AdminEvent>) -> impl IntoView {
    let act = Act::new();
    let chat = RwSignal::new(String::new());
    let done = RwSignal::new(None::<(String, Published)>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let typed = chat.get_untracked().trim().to_owned();
        if typed.is_empty() {
            return act.refuse(t("name the channel: @username or its chat id"));
        }
        done.set(None);
        let path = format!("/api/admin/events/{}/publish", current.with_untracked(|e| e.id.0));
        let body = PublishEvent { chat: typed.clone() };
        act.run(
            move |auth| async move { api::send::<Published>(&auth, "POST", &path, Some(&body)).await },
            move |published| done.set(Some((typed, published))),
        );
    };
    view! {
        <section class="admin-card" aria-labelledby="publish-title" data-testid="event-publish">
            <h2 id="publish-title">{t("Publish to a channel")}</h2>
            <p class="admin-note">{t("The bot posts the event's photo and text with a button that opens it in the Mini App. Make the bot an administrator of the channel or group first.")}</p>
            <form class="admin-form admin-form--row" on:submit=submit aria-label=t("Publish")>
                <label>{t("Channel or group (@username or chat id)")} <input type="text" required bind:value=chat/></label>
                <button type="submit" class="admin-button" disabled=move || act.busy.get()>{t("Publish")}</button>
            </form>
            {move || done.get().map(|(chat, published)| {
                let post = post_link(&chat, &published);
                view! {
                    <p class="admin-ok" role="status" data-testid="published">
                        {tf!("Posted in {chat} (message {id}).", chat = chat, id = published.message_id)}" "
                        {post.map(|href| view! { <a href=href.clone() target="_blank" rel="noopener" data-testid="post-link">{href.clone()}</a> })}
                    </p>
                    <p class="admin-note">{t("Its button opens ")}<a href=published.link.clone() data-testid="post-button-link">{published.link.clone()}</a></p>
                }
            })}
            <Refusal act/>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn published(chat_id: i64) -> Published {
        Published {
            chat_id,
            message_id: 42,
            link: "https://t.me/shop_bot/shop?startapp=e_7".into(),
        }
    }

    #[test]
    fn a_public_channels_post_is_linked_by_its_username() {
        let link = post_link("@concerts", &published(-1_001_234_567_890));
        assert_eq!(link.as_deref(), Some("https://t.me/concerts/42"));
    }

    #[test]
    fn a_channel_named_by_id_is_linked_through_t_me_c_and_a_basic_group_not_at_all() {
        let link = post_link("-1001234567890", &published(-1_001_234_567_890));
        assert_eq!(link.as_deref(), Some("https://t.me/c/1234567890/42"));
        assert_eq!(post_link("-4567", &published(-4567)), None);
    }
}
