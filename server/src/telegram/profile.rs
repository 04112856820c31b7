//! The bot's profile in each language the shop speaks (English for every other language):
//! its description, which an empty chat with the bot shows, and its short description, on
//! its profile page and with shared links — both naming the shop, from the locale files
//! (`bot_profile_*`). Set at start-up beside the command menu (`super::bot`), and again when
//! the merchant renames the shop.

use super::bot_api::{BotApi, BotApiError, SetMyDescription, SetMyShortDescription};
use crate::storage::Db;
use app::i18n::{td_string, Locale};
use std::time::Duration;

/// Telegram's limit on a description, in characters.
pub const MAX_DESCRIPTION: usize = 512;
/// Telegram's limit on a short description, in characters.
pub const MAX_SHORT_DESCRIPTION: usize = 120;

/// The languages the profile is written in: English for everyone (no `language_code`), then
/// each other language the shop speaks, by Telegram's `language_code`.
pub fn languages() -> impl Iterator<Item = (Option<&'static str>, Locale)> {
    let others = super::bot::COMMAND_LANGUAGES.map(|(code, locale)| (Some(code), locale));
    std::iter::once((None, Locale::en)).chain(others)
}

/// The description for `language_code` in `locale`, naming `shop`.
pub fn description(language_code: Option<&str>, locale: Locale, shop: &str) -> SetMyDescription {
    SetMyDescription {
        description: Some(td_string!(locale, bot_profile_description, shop = shop).to_string()),
        language_code: language_code.map(str::to_owned),
    }
}

/// The short description for `language_code` in `locale`, naming `shop`.
pub fn short_description(language_code: Option<&str>, locale: Locale, shop: &str) -> SetMyShortDescription {
    SetMyShortDescription {
        short_description: Some(td_string!(locale, bot_profile_short_description, shop = shop).to_string()),
        language_code: language_code.map(str::to_owned),
    }
}

/// Sets the profile naming `shop` in every language; stops at the first refusal.
#[tracing::instrument(skip_all)]
pub async fn set_once(api: &BotApi, shop: &str) -> Result<(), BotApiError> {
    for (code, locale) in languages() {
        api.call(&description(code, locale, shop)).await?;
        api.call(&short_description(code, locale, shop)).await?;
    }
    Ok(())
}

/// Sets the profile naming the shop as its settings name it, retrying with backoff until
/// Telegram takes it (a start-up task).
pub async fn set(api: BotApi, db: Db) {
    let mut wait = Duration::from_millis(200);
    loop {
        let attempt = match db.shop_settings().await {
            Ok(shop) => set_once(&api, shop.name.as_str())
                .await
                .map_err(|e| e.to_string()),
            Err(error) => Err(error.to_string()),
        };
        match attempt {
            Ok(()) => return tracing::info!("the bot's description is set"),
            Err(error) => tracing::warn!(%error, "could not set the bot's description; retrying"),
        }
        tokio::time::sleep(wait).await;
        wait = (wait * 2).min(Duration::from_secs(60));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_names_the_shop_within_telegrams_limits() {
        let longest = "N".repeat(64); // the longest shop name (`ShopName`)
        for (code, locale) in languages() {
            let long = description(code, locale, &longest).description.unwrap();
            let short = short_description(code, locale, &longest)
                .short_description
                .unwrap();
            assert!(long.chars().count() <= MAX_DESCRIPTION, "{code:?}: {long}");
            assert!(
                short.chars().count() <= MAX_SHORT_DESCRIPTION,
                "{code:?}: {short}"
            );
            assert!(long.contains(&longest) && short.contains(&longest), "{code:?}");
            assert!(!long.contains("{{") && !short.contains("{{"), "{code:?}");
        }
    }

    #[test]
    fn each_language_has_its_own_text_and_english_is_everyones_default() {
        let texts: Vec<_> = languages()
            .map(|(code, locale)| (code, description(code, locale, "Atelier").description.unwrap()))
            .collect();
        assert_eq!(texts[0].0, None);
        assert_eq!(
            texts.iter().filter_map(|(c, _)| *c).collect::<Vec<_>>(),
            ["fr", "zh", "ar"]
        );
        for (i, (code, text)) in texts.iter().enumerate() {
            assert!(
                texts[i + 1..].iter().all(|(_, other)| other != text),
                "{code:?} is a copy"
            );
        }
    }
}
