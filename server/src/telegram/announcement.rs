//! An event announced in a channel or group: its photo (or a message when it has only the
//! placeholder) with a caption in Telegram's HTML — name, date in the shop's time zone, venue,
//! the cheapest ticket, the description — and a URL button "Get tickets" that opens the Mini
//! App at the event (`https://t.me/<bot>/<short name>?startapp=e_<id>`; a `web_app` button
//! works in private chats only). A post is read by everyone in the chat, so its own words and
//! date are in the shop's language (the settings' `language`, English when none is chosen),
//! the language the merchant writes the event's name and description in.

use super::bot_api::{InlineKeyboardMarkup, Recipient, SendMessage, SendPhoto};
use super::updates::salon::written;
use crate::shop::events::{Event, TimeZone};
use app::catalog::ProductId;
use app::i18n::{td_string, Locale};

/// The most characters of a photo's caption (Telegram's limit).
const MAX_CAPTION: usize = 1024;

/// The link that opens the Mini App at event `id`.
pub fn link(bot_username: &str, short_name: &str, id: ProductId) -> String {
    format!("https://t.me/{bot_username}/{short_name}?startapp=e_{}", id.0)
}

/// What the post says of an event: `name`, `description` and the cheapest ticket's price
/// (`from`) are the product's.
pub struct Post<'a> {
    pub event: &'a Event,
    pub name: &'a str,
    pub description: &'a str,
    pub from: &'a str,
    pub time_zone: &'a TimeZone,
    /// The language of the post's own words.
    pub locale: Locale,
}

impl Post<'_> {
    /// The caption in Telegram's HTML, the description shortened to fit a photo's caption.
    pub fn caption(&self) -> String {
        let schedule = &self.event.details.schedule;
        let venue = &self.event.details.venue;
        let locale = self.locale;
        let at = |ms| written(locale, self.time_zone, ms, td_string!(locale, bot_post_when));
        let mut when = at(schedule.starts_at);
        if let Some(end) = schedule.ends_at {
            when = format!("{when} – {}", at(end));
        }
        let from = td_string!(locale, bot_post_from, price = self.from).to_string();
        let head = format!(
            "<b>{}</b>\n🗓 {} ({})\n📍 {}, {}\n🎟 {}",
            escape(self.name),
            escape(&when),
            escape(self.time_zone.name()),
            escape(&venue.name),
            escape(&venue.address),
            escape(&from),
        );
        let room = MAX_CAPTION.saturating_sub(head.chars().count() + 2);
        let description = shortened(self.description.trim(), room);
        match description.is_empty() {
            true => head,
            false => format!("{head}\n\n{}", escape(&description)),
        }
    }

    /// The button's text.
    fn button(&self) -> &'static str {
        td_string!(self.locale, bot_post_button)
    }

    /// sendPhoto's parameters, the photo uploaded with them as `photo`.
    pub fn photo(&self, chat: Recipient, link: &str) -> SendPhoto {
        SendPhoto {
            chat_id: chat,
            photo: "attach://photo".to_owned(),
            caption: Some(self.caption()),
            parse_mode: Some("HTML".to_owned()),
            reply_markup: Some(InlineKeyboardMarkup::url_button(self.button(), link)),
        }
    }

    /// sendMessage's parameters, for an event without a photo of its own.
    pub fn message(&self, chat: Recipient, link: &str) -> SendMessage {
        SendMessage {
            chat_id: chat,
            text: self.caption(),
            parse_mode: Some("HTML".to_owned()),
            reply_markup: Some(InlineKeyboardMarkup::url_button(self.button(), link)),
            ..SendMessage::default()
        }
    }
}

/// `text` in at most `room` characters once escaped, cut at a word with "…" when longer.
fn shortened(text: &str, room: usize) -> String {
    if escape(text).chars().count() <= room {
        return text.to_owned();
    }
    let mut out = String::new();
    for word in text.split_inclusive(char::is_whitespace) {
        if escape(&out).chars().count() + escape(word).chars().count() + 1 > room {
            break;
        }
        out.push_str(word);
    }
    format!("{}…", out.trim_end())
}

/// Escapes text for Telegram's HTML parse mode.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_link_opens_the_mini_app_at_the_event() {
        assert_eq!(
            link("shop_bot", "store", ProductId(7)),
            "https://t.me/shop_bot/store?startapp=e_7"
        );
    }

    #[test]
    fn html_is_escaped_and_a_long_text_is_cut_at_a_word() {
        assert_eq!(escape("<b> & </b>"), "&lt;b&gt; &amp; &lt;/b&gt;");
        let cut = shortened("one two three four", 10);
        assert_eq!(cut, "one two…");
        assert!(cut.chars().count() <= 10);
        assert_eq!(shortened("short", 10), "short");
    }
}
