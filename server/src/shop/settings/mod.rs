//! The merchant's settings as the shop's rules read them: the shop's name and currency, the
//! chat told about sales, the units one buyer may reserve of a variant, and the tips offered
//! per currency, the time zone of events and the Mini App's short name — each parsed from what the
//! merchant sent into a type that cannot hold a value Telegram or the shop would refuse; the
//! shipping zones and rates are [`shipping`]; the support contact and privacy policy Telegram
//! asks of a shop that takes payments are [`policies`].
//!
//! Pure; `crate::storage::settings` keeps them and `crate::http::admin` takes them in.

pub mod policies;
pub mod shipping;

use super::currencies::CurrencyTable;
use super::invoice::TipPreset;
use app::error_code::ErrorCode;
use app::i18n::Locale;
use app::identity::{ChatId, UserId};
use app::money::Currency;

pub use super::invalid::Invalid;

/// The shop's name as buyers see it in the bot and the storefront: 1–64 characters, without
/// surrounding spaces or control characters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShopName(String);

impl ShopName {
    pub fn parse(typed: &str) -> Result<Self, Invalid> {
        let name = typed.trim();
        let length = name.chars().count();
        if !(1..=64).contains(&length) || name.chars().any(char::is_control) {
            return Err(Invalid::new(
                ErrorCode::BadName,
                "name is 1 to 64 characters, without line breaks or control characters",
            ));
        }
        Ok(ShopName(name.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A currency Telegram takes card payments in (its table's codes; not Stars), in any case.
pub fn fiat_currency(field: &'static str, code: ErrorCode, typed: &str) -> Result<Currency, Invalid> {
    let refused = || {
        Invalid::new(
            code,
            format!("{field} is a currency code Telegram takes card payments in, such as EUR"),
        )
    };
    let currency = Currency::parse(&typed.trim().to_ascii_uppercase()).map_err(|_| refused())?;
    if currency.is_stars() {
        return Err(Invalid::new(
            code,
            format!("{field} cannot be XTR: Telegram Stars take no card payments, tips or promo codes"),
        ));
    }
    CurrencyTable::telegram()
        .rules(currency)
        .map(|_| currency)
        .ok_or_else(refused)
}

/// The largest amount Telegram takes in one payment in `currency` (minor units).
pub fn max_amount(currency: Currency) -> i64 {
    CurrencyTable::telegram()
        .rules(currency)
        .map_or(i64::MAX, |rules| rules.max_amount)
}

/// The shop-wide settings. Without any saved, the shop is "Shop" selling in euros and sale
/// notes go to every `ADMIN_USER_IDS` user.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShopSettings {
    pub name: ShopName,
    /// The default currency of new products and of the dashboard's totals.
    pub currency: Currency,
    /// The chat told about sales and problems instead of each admin, e.g. a group.
    pub notification_chat_id: Option<ChatId>,
    /// The units of one variant one buyer may reserve in an order.
    pub max_units_per_variant: UnitCap,
    /// The time zone events are set and shown in.
    pub time_zone: super::events::TimeZone,
    /// The Mini App's short name, for `https://t.me/<bot>/<short name>` links; `None` until set.
    pub mini_app_short_name: Option<MiniAppShortName>,
    /// The language the bot writes to the merchant in; `None` follows each admin's Telegram
    /// language.
    pub language: Option<Locale>,
}

/// The Mini App's short name as BotFather registered it: 3 to 30 characters of
/// `A-Z a-z 0-9 _` (Telegram's rule).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MiniAppShortName(String);

impl MiniAppShortName {
    /// Parses a short name as typed (trimmed).
    pub fn parse(typed: &str) -> Result<Self, Invalid> {
        let typed = typed.trim();
        let allowed = typed.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        match (3..=30).contains(&typed.len()) && allowed {
            true => Ok(MiniAppShortName(typed.to_owned())),
            false => Err(Invalid::new(
                ErrorCode::BadMiniAppShortName,
                "mini_app_short_name is 3 to 30 characters of A-Z, a-z, 0-9 and _, as BotFather shows it",
            )),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The most units of one variant one buyer may reserve (hold in an order awaiting payment):
/// 1 to 1000, 10 unless the merchant sets another. With one order awaiting payment per buyer,
/// it bounds what one shopper can keep from the others.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UnitCap(i64);

impl UnitCap {
    /// The cap before the merchant sets one.
    pub const DEFAULT: UnitCap = UnitCap(10);
    /// The largest cap the merchant may set.
    pub const MAX: i64 = 1000;

    pub fn parse(units: i64) -> Result<Self, Invalid> {
        if !(1..=Self::MAX).contains(&units) {
            return Err(Invalid::new(
                ErrorCode::BadMaxUnitsPerVariant,
                format!("max_units_per_variant is a whole number from 1 to {}", Self::MAX),
            ));
        }
        Ok(UnitCap(units))
    }

    pub fn get(self) -> i64 {
        self.0
    }
}

/// The name a shop has before the merchant names it.
pub const DEFAULT_NAME: &str = "Shop";

impl Default for ShopSettings {
    fn default() -> Self {
        ShopSettings {
            name: ShopName(DEFAULT_NAME.to_owned()),
            currency: Currency::parse("EUR").expect("EUR is a currency code"),
            notification_chat_id: None,
            max_units_per_variant: UnitCap::DEFAULT,
            time_zone: super::events::TimeZone::utc(),
            mini_app_short_name: None,
            language: None,
        }
    }
}

impl ShopSettings {
    /// The chats merchant messages go to: the notification chat when set, else each admin.
    pub fn merchant_chats(&self, admins: &[UserId]) -> Vec<ChatId> {
        match self.notification_chat_id {
            Some(chat) => vec![chat],
            None => admins.iter().map(|&admin| admin.into()).collect(),
        }
    }
}

/// The chats the bot's messages to the merchant go to ([`ShopSettings::merchant_chats`]), each
/// with the language it is written in: the merchant's chosen language when set; else, in an
/// admin's own chat, that admin's Telegram language; in a notification chat (a group), the
/// first admin's whose language is known; else English.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MerchantReaders(Vec<(ChatId, Locale)>);

impl MerchantReaders {
    /// The readers of `shop`'s messages, `known` holding the admins' Telegram languages.
    pub fn new(shop: &ShopSettings, admins: &[UserId], known: &[(UserId, Locale)]) -> Self {
        let of = |admin: UserId| known.iter().find(|(id, _)| *id == admin).map(|&(_, l)| l);
        let group = admins.iter().find_map(|&admin| of(admin));
        let readers = shop
            .merchant_chats(admins)
            .into_iter()
            .map(|chat| {
                let telegram = match shop.notification_chat_id {
                    Some(_) => group,
                    None => of(UserId(chat.0)),
                };
                (chat, shop.language.or(telegram).unwrap_or(Locale::en))
            })
            .collect();
        MerchantReaders(readers)
    }

    /// Each chat and its language.
    pub fn iter(&self) -> impl Iterator<Item = (ChatId, Locale)> + '_ {
        self.0.iter().copied()
    }
}

/// The languages the bot speaks, as their codes.
pub const LANGUAGES: [(&str, Locale); 4] = [
    ("en", Locale::en),
    ("zh", Locale::zh),
    ("fr", Locale::fr),
    ("ar", Locale::ar),
];

/// The merchant's language as chosen: one of [`LANGUAGES`]' codes (in any case, trimmed), or
/// `None` (or `""`) to follow each admin's Telegram language.
pub fn merchant_language(typed: Option<&str>) -> Result<Option<Locale>, Invalid> {
    let Some(typed) = typed.map(str::trim).filter(|t| !t.is_empty()) else {
        return Ok(None);
    };
    LANGUAGES
        .iter()
        .find(|(code, _)| code.eq_ignore_ascii_case(typed))
        .map(|&(_, locale)| Some(locale))
        .ok_or_else(|| {
            Invalid::new(
                ErrorCode::BadLanguage,
                format!("language {typed:?} is not one the bot speaks: en, zh, fr, ar, or null to follow Telegram"),
            )
        })
}

/// The code of a language the bot speaks (`"fr"`).
pub fn language_code(locale: Locale) -> &'static str {
    LANGUAGES
        .iter()
        .find(|(_, l)| *l == locale)
        .map_or("en", |(code, _)| code)
}

/// The notification chat the merchant chose: any Telegram chat id (users are positive,
/// groups and channels negative) but 0; `None` sends to the admins again.
pub fn notification_chat(chat_id: Option<ChatId>) -> Result<Option<ChatId>, Invalid> {
    match chat_id {
        Some(ChatId(0)) => Err(Invalid::new(
            ErrorCode::BadChatId,
            "chat_id is a Telegram chat id, never 0",
        )),
        other => Ok(other),
    }
}

/// Tips the merchant offers in `currency`, by Telegram's rules for invoices: a positive
/// maximum (within one payment's limit) and up to four positive suggestions in strictly
/// ascending order, none above the maximum. Unlike [`TipPreset::parse`] (the stored form,
/// which drops what Telegram would refuse), this refuses.
pub fn tip_preset(currency: Currency, max_tip_minor: i64, suggested: &[i64]) -> Result<TipPreset, Invalid> {
    let limit = max_amount(currency);
    if !(1..=limit).contains(&max_tip_minor) {
        return Err(Invalid::new(
            ErrorCode::BadMaxTipMinor,
            format!("max_tip_minor is between 1 and {limit} (minor units of {currency})"),
        ));
    }
    let ascending = suggested.windows(2).all(|pair| pair[0] < pair[1]);
    let within = suggested.iter().all(|tip| (1..=max_tip_minor).contains(tip));
    if suggested.len() > 4 || !ascending || !within {
        return Err(Invalid::new(
            ErrorCode::BadSuggested,
            "suggested is up to 4 amounts in ascending order, each from 1 to max_tip_minor",
        ));
    }
    Ok(TipPreset {
        max_tip_minor,
        suggested: suggested.to_vec(),
    })
}

/// The stored form of a preset's suggestions (`tip_presets.suggested`): `100,200,500`.
pub fn stored_suggestions(preset: &TipPreset) -> String {
    let amounts: Vec<String> = preset.suggested.iter().map(i64::to_string).collect();
    amounts.join(",")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_merchant_language_is_one_the_bot_speaks_or_none() {
        assert_eq!(merchant_language(Some("zh")), Ok(Some(Locale::zh)));
        assert_eq!(merchant_language(Some(" FR ")), Ok(Some(Locale::fr)));
        assert_eq!(merchant_language(None), Ok(None));
        assert_eq!(merchant_language(Some("")), Ok(None));
        for bad in ["de", "zh-hans", "english"] {
            let refused = merchant_language(Some(bad)).unwrap_err();
            assert_eq!(refused.code, ErrorCode::BadLanguage, "{bad}");
            assert!(refused.message.contains(bad), "{}", refused.message);
        }
        for (code, locale) in LANGUAGES {
            assert_eq!(language_code(locale), code);
        }
    }

    #[test]
    fn the_merchants_language_wins_then_each_admins_own_then_english() {
        let (ada, bo, cy) = (UserId(1), UserId(2), UserId(3));
        let admins = [ada, bo, cy];
        let known = [(bo, Locale::zh), (cy, Locale::fr)];
        let mut shop = ShopSettings::default();
        let readers = |shop: &ShopSettings| {
            MerchantReaders::new(shop, &admins, &known)
                .iter()
                .collect::<Vec<_>>()
        };
        assert_eq!(
            readers(&shop),
            [
                (ChatId(1), Locale::en),
                (ChatId(2), Locale::zh),
                (ChatId(3), Locale::fr)
            ]
        );
        shop.notification_chat_id = Some(ChatId(-100));
        assert_eq!(readers(&shop), [(ChatId(-100), Locale::zh)]);
        shop.language = Some(Locale::ar);
        assert_eq!(readers(&shop), [(ChatId(-100), Locale::ar)]);
        shop.notification_chat_id = None;
        assert!(readers(&shop).iter().all(|(_, l)| *l == Locale::ar));
    }

    fn eur() -> Currency {
        Currency::parse("EUR").unwrap()
    }

    #[test]
    fn a_mini_app_short_name_follows_telegrams_rule() {
        assert_eq!(
            MiniAppShortName::parse(" shop_app ").unwrap().as_str(),
            "shop_app"
        );
        for bad in ["ab", "has space", "dash-ed", &"x".repeat(31)] {
            assert_eq!(
                MiniAppShortName::parse(bad).unwrap_err().code,
                ErrorCode::BadMiniAppShortName,
                "{bad}"
            );
        }
    }

    #[test]
    fn a_shop_name_is_trimmed_and_between_1_and_64_characters() {
        assert_eq!(ShopName::parse("  Atelier Ada ").unwrap().as_str(), "Atelier Ada");
        assert_eq!(
            ShopName::parse(&"é".repeat(64)).unwrap().as_str().chars().count(),
            64
        );
        for bad in ["", "   ", "two\nlines", &"x".repeat(65)] {
            assert_eq!(ShopName::parse(bad).unwrap_err().code, "bad_name", "{bad:?}");
        }
    }

    #[test]
    fn only_telegram_fiat_currencies_are_shop_currencies() {
        assert_eq!(
            fiat_currency("currency", ErrorCode::BadCurrency, " usd ")
                .unwrap()
                .as_str(),
            "USD"
        );
        for bad in ["XTR", "ABC", "EURO", ""] {
            let refused = fiat_currency("currency", ErrorCode::BadCurrency, bad).unwrap_err();
            assert_eq!(refused.code, "bad_currency", "{bad:?}");
            assert!(refused.message.starts_with("currency"), "{refused}");
        }
    }

    #[test]
    fn sale_notes_go_to_the_notification_chat_when_there_is_one() {
        let admins = [UserId(1003), UserId(1004)];
        let mut settings = ShopSettings::default();
        assert_eq!(settings.merchant_chats(&admins), [ChatId(1003), ChatId(1004)]);
        settings.notification_chat_id = Some(ChatId(-100_200_300));
        assert_eq!(settings.merchant_chats(&admins), [ChatId(-100_200_300)]);
        assert_eq!(
            notification_chat(Some(ChatId(0))).unwrap_err().code,
            "bad_chat_id"
        );
        assert_eq!(notification_chat(None), Ok(None));
    }

    #[test]
    fn a_buyer_may_reserve_1_to_1000_units_of_a_variant_10_by_default() {
        assert_eq!(ShopSettings::default().max_units_per_variant.get(), 10);
        assert_eq!(UnitCap::parse(1).unwrap().get(), 1);
        assert_eq!(UnitCap::parse(1000).unwrap().get(), 1000);
        for bad in [0, -1, 1001, i64::MAX] {
            assert_eq!(
                UnitCap::parse(bad).unwrap_err().code,
                "bad_max_units_per_variant",
                "{bad}"
            );
        }
    }

    #[test]
    fn the_defaults_are_a_shop_selling_in_euros() {
        let settings = ShopSettings::default();
        assert_eq!((settings.name.as_str(), settings.currency), ("Shop", eur()));
    }

    #[test]
    fn a_tip_preset_follows_telegrams_invoice_rules_and_survives_storage() {
        let preset = tip_preset(eur(), 1000, &[100, 200, 500]).unwrap();
        let stored = stored_suggestions(&preset);
        assert_eq!(stored, "100,200,500");
        assert_eq!(TipPreset::parse(preset.max_tip_minor, &stored), Some(preset));
        assert!(tip_preset(eur(), 1000, &[]).unwrap().suggested.is_empty());
        let refusals: [(i64, &[i64], &str); 6] = [
            (0, &[], "bad_max_tip_minor"),
            (i64::MAX, &[], "bad_max_tip_minor"),
            (1000, &[200, 100], "bad_suggested"),
            (1000, &[100, 100], "bad_suggested"),
            (1000, &[100, 1001], "bad_suggested"),
            (1000, &[1, 2, 3, 4, 5], "bad_suggested"),
        ];
        for (max, suggested, code) in refusals {
            assert_eq!(
                tip_preset(eur(), max, suggested).unwrap_err().code,
                code,
                "{max} {suggested:?}"
            );
        }
        assert_eq!(
            tip_preset(eur(), 1000, &[0, 5]).unwrap_err().code,
            "bad_suggested"
        );
    }
}
