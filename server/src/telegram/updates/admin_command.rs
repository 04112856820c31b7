//! The bot's `/admin` command. An admin (`ADMIN_USER_IDS`) writing it in a private chat gets
//! two buttons: one opens the admin page as a Mini App (initData proves who they are), the
//! other is a one-time sign-in link for a desktop browser, valid for
//! [`LINK_LIFETIME`](crate::shop::sign_in::LINK_LIFETIME). The link is stored (hashed) in the
//! update's transaction, with the message that carries it; the outbox scrubs that message's
//! text once Telegram has it. Anyone else is told the command is
//! not for them; in groups the bot says nothing, since a sign-in link must not be seen there.
//! The admin's Telegram language is remembered for the bot's messages to the merchant, and the
//! answer is in the merchant's language (the settings' choice, else this admin's).

use super::{OutgoingMessage, UpdateError, UpdateHandler};
use crate::shop::sign_in::{millis, Token, LINK_LIFETIME};
use crate::storage::telegram::updates::UpdateTx;
use crate::telegram::bot_api::{InlineKeyboardButton, InlineKeyboardMarkup, Message, WebAppInfo};
use app::i18n::{td_string, Locale};

/// Whether `text` is the `/admin` command (also `/admin@bot_name`).
pub(super) fn is_admin_command(text: &str) -> bool {
    let command = text.split_whitespace().next().unwrap_or_default();
    command.split('@').next() == Some("/admin")
}

/// Answers `/admin` in `message`'s chat.
pub(super) async fn answer(
    handler: &UpdateHandler,
    tx: &mut UpdateTx,
    message: &Message,
    now: i64,
) -> Result<(), UpdateError> {
    let Some(user) = message.from.as_ref().filter(|_| message.chat.kind == "private") else {
        return Ok(());
    };
    let settings = &handler.settings;
    let language = user.language_code.as_deref().unwrap_or_default();
    if !settings.admins.contains(&user.id) {
        let locale = super::messages::locale_of(language);
        let refusal = super::messages::plain(td_string!(locale, bot_admin_only).to_owned());
        tx.enqueue_message(message.chat.id, &refusal, now).await?;
        return Ok(());
    }
    // The bot writes to the merchant in this language while they chose none in the settings.
    tx.record_admin_language(user.id, language, now).await?;
    let locale = tx
        .shop_settings()
        .await?
        .language
        .unwrap_or_else(|| super::messages::locale_of(language));
    let token = Token::generate();
    let expires_at = now.saturating_add(millis(LINK_LIFETIME));
    tx.add_login_link(&token.hash(), user.id, now, expires_at).await?;
    let menu = admin_menu(locale, &settings.admin_url, &token);
    tx.enqueue_secret_message(message.chat.id, &menu.json(), now)
        .await?;
    tracing::info!(admin_id = %user.id, "sent an admin their sign-in link");
    Ok(())
}

/// The admin's two ways in, in `locale`.
fn admin_menu(locale: Locale, admin_url: &str, token: &Token) -> OutgoingMessage {
    let minutes = LINK_LIFETIME.as_secs() / 60;
    let button = |text: &str| InlineKeyboardButton {
        text: text.into(),
        ..InlineKeyboardButton::default()
    };
    OutgoingMessage {
        text: td_string!(locale, bot_m_admin_menu, minutes).to_string(),
        reply_markup: Some(InlineKeyboardMarkup {
            inline_keyboard: vec![
                vec![InlineKeyboardButton {
                    web_app: Some(WebAppInfo {
                        url: admin_url.to_owned(),
                    }),
                    ..button(td_string!(locale, bot_m_open_admin))
                }],
                vec![InlineKeyboardButton {
                    url: Some(format!("{admin_url}/login?token={}", token.expose())),
                    ..button(td_string!(locale, bot_m_sign_in))
                }],
            ],
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_is_recognised_with_or_without_the_bots_name() {
        assert!(is_admin_command("/admin"));
        assert!(is_admin_command("/admin@shop_bot"));
        assert!(is_admin_command("/admin please"));
        assert!(!is_admin_command("/administrator"));
        assert!(!is_admin_command("admin"));
        assert!(!is_admin_command("/start"));
    }

    #[test]
    fn the_menu_opens_the_admin_page_and_carries_a_sign_in_link() {
        let token = Token::generate();
        let menu = admin_menu(Locale::en, "https://shop.example/admin", &token);
        let rows = menu.reply_markup.unwrap().inline_keyboard;
        assert_eq!(
            rows[0][0].web_app.as_ref().unwrap().url,
            "https://shop.example/admin"
        );
        assert_eq!(
            rows[1][0].url.as_deref(),
            Some(format!("https://shop.example/admin/login?token={}", token.expose()).as_str())
        );
    }
}
