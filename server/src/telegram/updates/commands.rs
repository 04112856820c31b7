//! The commands Telegram asks of every bot that takes payments, answered in the buyer's
//! language (Telegram's `language_code`; English when we do not speak it):
//!
//! - `/paysupport`: how to reach the merchant about a payment — the support contact the
//!   merchant set, or, while none is set, the merchants are told (their notification chat or
//!   each admin) who asks — with the buyer's own [`RECENT`] orders and a button to their
//!   orders in the Mini App;
//! - `/privacy`: the merchant's privacy policy (or the default naming the shop), with a button
//!   to the Mini App's privacy page.
//!
//! Answered inside the update's transaction, through the outbox, like every bot message.

use super::messages::OutgoingMessage;
use super::{UpdateError, UpdateHandler};
use crate::shop::events::TimeZone;
use crate::shop::order::OrderHeadline;
use crate::storage::telegram::updates::UpdateTx;
use crate::telegram::bot_api::{BotCommand, InlineKeyboardMarkup, Message};
use app::i18n::{td_string, Locale};
use app::money::Money;

/// How many of the buyer's orders `/paysupport` lists.
pub const RECENT: i64 = 5;

/// The bot's menu of commands in `locale` (`setMyCommands` at start-up): `/start` and the two
/// Telegram asks of a bot that takes payments.
pub fn bot_commands(locale: Locale) -> Vec<BotCommand> {
    let command = |command: &str, description: &str| BotCommand {
        command: command.to_owned(),
        description: description.to_owned(),
    };
    vec![
        command("start", td_string!(locale, bot_command_start)),
        command("paysupport", td_string!(locale, bot_command_paysupport)),
        command("privacy", td_string!(locale, bot_command_privacy)),
    ]
}

/// A command of this module.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Command {
    PaySupport,
    Privacy,
}

impl Command {
    /// The command `text` starts with (also `/paysupport@bot_name`), if it is one of these.
    pub(super) fn parse(text: &str) -> Option<Self> {
        let command = text.split_whitespace().next()?;
        match command.split('@').next()? {
            "/paysupport" => Some(Self::PaySupport),
            "/privacy" => Some(Self::Privacy),
            _ => None,
        }
    }
}

/// Answers `command` in `message`'s chat.
pub(super) async fn answer(
    handler: &UpdateHandler,
    tx: &mut UpdateTx,
    message: &Message,
    command: Command,
    now: i64,
) -> Result<(), UpdateError> {
    let language = message.from.as_ref().and_then(|f| f.language_code.as_deref());
    let locale = app::language::for_language_code(language.unwrap_or_default());
    let shop = tx.shop_settings().await?;
    let policies = tx.policies().await?;
    let settings = &handler.settings;
    let answer = match command {
        Command::Privacy => OutgoingMessage {
            text: policies.privacy_policy(shop.name.as_str(), locale),
            reply_markup: Some(InlineKeyboardMarkup::web_app_button(
                td_string!(locale, bot_privacy_button),
                settings.privacy_url.clone(),
            )),
        },
        Command::PaySupport => {
            // Orders are the sender's own: in a group, the chat is not the buyer.
            let buyer = message.from.as_ref().map(|from| from.id);
            let orders = match buyer {
                Some(buyer) => tx.buyer_orders(buyer, RECENT).await?,
                None => Vec::new(),
            };
            let listed = order_list(locale, &shop.time_zone, &orders);
            let shop_name = shop.name.as_str();
            let how = match &policies.support_contact {
                Some(contact) => td_string!(
                    locale,
                    bot_paysupport_contact,
                    shop = shop_name,
                    contact = contact.as_str()
                )
                .to_string(),
                None => {
                    let note =
                        |locale: Locale| super::messages::plain(merchant_note(locale, message, &orders));
                    super::payment::notify_merchants(handler, tx, &shop, note, now).await?;
                    td_string!(locale, bot_paysupport_told, shop = shop_name).to_string()
                }
            };
            OutgoingMessage {
                text: format!("{how}\n\n{listed}"),
                reply_markup: Some(InlineKeyboardMarkup::web_app_button(
                    td_string!(locale, bot_my_orders),
                    format!("{}/orders", settings.shop_url),
                )),
            }
        }
    };
    tx.enqueue_message(message.chat.id, &answer.json(), now).await?;
    Ok(())
}

/// The buyer's orders, one a line: number, date, total and status in `locale`.
fn order_list(locale: Locale, zone: &TimeZone, orders: &[OrderHeadline]) -> String {
    if orders.is_empty() {
        return td_string!(locale, bot_paysupport_no_orders).to_owned();
    }
    let lines = orders.iter().map(|order| {
        let total = super::messages::amount(locale, Money::new(order.total_minor, order.currency));
        td_string!(
            locale,
            bot_paysupport_order,
            number = order.id.0,
            date = super::salon::written(locale, zone, order.created_at, td_string!(locale, bot_date)),
            total,
            status = order.status.label(locale)
        )
        .to_string()
    });
    std::iter::once(td_string!(locale, bot_paysupport_orders).to_owned())
        .chain(lines)
        .collect::<Vec<_>>()
        .join("\n")
}

/// What the merchants read, in `locale`, when a buyer asks for payment support and no
/// contact is set: who (a link that opens their profile) and their order numbers.
fn merchant_note(locale: Locale, message: &Message, orders: &[OrderHeadline]) -> String {
    let who = match message.from.as_ref() {
        Some(from) => match &from.username {
            Some(username) => format!("{} (@{username})", from.first_name),
            None => format!("{} (tg://user?id={})", from.first_name, from.id.0),
        },
        None => td_string!(locale, bot_m_a_buyer, chat = message.chat.id.0).to_string(),
    };
    let numbers: Vec<String> = orders.iter().map(|o| format!("№ {}", o.id.0)).collect();
    let orders = match numbers.is_empty() {
        true => td_string!(locale, bot_m_no_orders).to_owned(),
        false => numbers.join(", "),
    };
    td_string!(locale, bot_m_paysupport, who, orders).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::money::Currency;
    use app::orders::{OrderId, OrderStatus};

    #[test]
    fn the_menu_lists_every_command_this_module_and_start_answer_in_each_language() {
        for locale in [Locale::en, Locale::fr, Locale::zh, Locale::ar] {
            let menu = bot_commands(locale);
            let names: Vec<&str> = menu.iter().map(|c| c.command.as_str()).collect();
            assert_eq!(names, ["start", "paysupport", "privacy"]);
            for entry in &menu {
                assert!(Command::parse(&format!("/{}", entry.command)).is_some() || entry.command == "start");
                assert!(
                    (1..=256).contains(&entry.description.chars().count()),
                    "{entry:?}"
                );
            }
        }
        assert_eq!(bot_commands(Locale::fr)[1].description, "Aide pour un paiement");
    }

    #[test]
    fn the_commands_are_recognised_with_or_without_the_bots_name() {
        assert_eq!(Command::parse("/paysupport"), Some(Command::PaySupport));
        assert_eq!(Command::parse("/paysupport@shop_bot"), Some(Command::PaySupport));
        assert_eq!(Command::parse("/privacy please"), Some(Command::Privacy));
        for other in ["/start", "/privacyx", "privacy", "", "/admin"] {
            assert_eq!(Command::parse(other), None, "{other:?}");
        }
    }

    #[test]
    fn orders_are_listed_with_number_date_total_and_status_in_the_buyers_language() {
        let order = OrderHeadline {
            id: OrderId(12),
            status: OrderStatus::Paid,
            currency: Currency::parse("EUR").unwrap(),
            total_minor: 4805,
            first_item: "Mug".into(),
            item_count: 1,
            // 2027-03-30 08:30 UTC.
            created_at: 1_806_395_400_000,
        };
        let utc = TimeZone::utc();
        let english = order_list(Locale::en, &utc, std::slice::from_ref(&order));
        assert_eq!(
            english,
            "Your recent orders:\n№ 12 · 30 March 2027 · 48,05 € · Paid"
        );
        let french = order_list(Locale::fr, &utc, &[order]);
        assert!(
            french.starts_with("Vos dernières commandes :\n№ 12 · 30 mars 2027 · "),
            "{french}"
        );
        assert!(french.ends_with(" · 48,05 € · Payée"), "{french}");
        assert_eq!(
            order_list(Locale::en, &utc, &[]),
            "You have no orders in this shop yet."
        );
    }
}
