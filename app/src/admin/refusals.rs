//! What the merchant reads when the shop refuses a request, in the page's language.
//!
//! The server refuses with `{"error": {"code", "message"}}` ([`Failure`]): the code is one of
//! the shared [`ErrorCode`]s, the message an English sentence with the specifics (which name,
//! which limit, which chat). On an English page that message is the best text there is, so it
//! is shown as it is. On a Chinese, French or Arabic page the code's own sentence comes first
//! — each passed to `t` here, so `texts::tests::every_text_is_translated` holds every one of
//! them to the translation files — and the server's message follows as a small English
//! detail (`lang="en" dir="ltr"`, so an Arabic page keeps it readable), because the names and
//! numbers in it have no translation. A code with no sentence here (a newer server, or one
//! the admin pages never meet) and a request that got no answer read by the HTTP status.
//!
//! It must not hide the code: the refusal's `<p>` keeps it in `data-code`, which the
//! end-to-end specs look for. Matching on [`ErrorCode::parse`] is allowed here, unlike in the
//! storefront: the admin pages are a lazy wasm chunk, which carries its own strings, so the
//! storefront's main module gains nothing. Which codes need a sentence, the server's admin,
//! shop and service code says (`tests::every_code_the_admin_api_answers_has_a_sentence`).

use super::api::Failure;
use super::texts;
use crate::admin_api::AdminLanguage;
use crate::error_code::ErrorCode;
use leptos::prelude::*;

/// A refusal as the merchant reads it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Explanation {
    /// The refusal's code, for the `data-code` attribute; `None` when there was none.
    pub code: Option<String>,
    /// What went wrong, in the page's language.
    pub text: String,
    /// The server's own English message, when `text` is a sentence in another language.
    pub detail: Option<String>,
}

impl Explanation {
    /// `failure` in the page's language.
    pub(crate) fn of(failure: &Failure) -> Self {
        explain(texts::language(), texts::t, failure)
    }

    /// A refusal the page makes itself, before asking the server: `text` is in the page's
    /// language already.
    pub(crate) fn by_page(text: impl Into<String>) -> Self {
        Explanation {
            code: None,
            text: text.into(),
            detail: None,
        }
    }

    /// The text, then the server's English detail in smaller type.
    pub(crate) fn contents(self) -> impl IntoView {
        let detail = self.detail.map(|detail| {
            view! { " " <small lang="en" dir="ltr">{detail}</small> }
        });
        view! { {self.text} {detail} }
    }

    /// The refusal as an alert, read out by screen readers when it appears.
    pub(crate) fn alert(self) -> impl IntoView {
        let code = self.code.clone().unwrap_or_default();
        view! { <p class="admin-error" role="alert" data-code=code>{self.contents()}</p> }
    }
}

/// `failure` as a page in `language` shows it, its texts looked up by `t` ([`texts::t`] on the
/// page; a translation file in tests, which cannot install one for the whole process).
fn explain<'a>(
    language: AdminLanguage,
    t: impl Fn(&'static str) -> &'a str,
    failure: &Failure,
) -> Explanation {
    let code = failure.code.clone();
    if language == AdminLanguage::En {
        return Explanation {
            code,
            text: failure.message.clone(),
            detail: None,
        };
    }
    let sentence = code
        .as_deref()
        .and_then(ErrorCode::parse)
        .and_then(|code| sentence(code, &t));
    Explanation {
        code,
        text: sentence
            .unwrap_or_else(|| by_status(failure.status, &t))
            .to_owned(),
        detail: Some(failure.message.clone()),
    }
}

/// What a refusal with `code` means, in plain words; `None` for a code the admin pages do
/// not meet.
fn sentence<'a>(code: ErrorCode, t: &impl Fn(&'static str) -> &'a str) -> Option<&'a str> {
    Some(match code {
        // The request and the server.
        ErrorCode::BodyMalformed | ErrorCode::QueryMalformed => t("The page sent a request the shop could not read: reload the page and try again."),
        ErrorCode::IdMalformed | ErrorCode::OrderIdMalformed => t("The address names nothing in the shop: check the link."),
        ErrorCode::Unavailable | ErrorCode::Busy | ErrorCode::TimedOut => t("The shop is busy or briefly unavailable: try again in a moment."),
        ErrorCode::TelegramUnavailable => t("Telegram did not answer: try again in a moment."),
        ErrorCode::TelegramRefused => t("Telegram refused what the shop asked of it."),
        // Who is asking.
        ErrorCode::AdminSessionRequired => t("You are not signed in: open the admin page again from the shop's bot."),
        ErrorCode::SessionEnded => t("Your admin session has ended: open the admin page again from the shop's bot."),
        ErrorCode::NotAnAdmin => t("This Telegram account is not one of the shop's admins."),
        ErrorCode::CsrfTokenInvalid => t("The page's sign-in is out of date: reload the page."),
        // A cart and its checkout (the salon's desk books through them).
        ErrorCode::EmptyCart => t("There is nothing to order."),
        ErrorCode::TooManyLines => t("The order holds too many different items."),
        ErrorCode::BadQuantity => t("A quantity is not one the shop accepts."),
        ErrorCode::UnknownVariant => t("That product or variant is not sold in this shop."),
        ErrorCode::MixedCurrencies => t("Items priced in different currencies cannot be in one order."),
        ErrorCode::SoldOut => t("There is not enough in stock."),
        ErrorCode::BelowMinimum => t("The total is below the smallest amount Telegram accepts in one payment."),
        ErrorCode::AboveMaximum => t("The total is above the largest amount Telegram accepts in one payment."),
        ErrorCode::UnsupportedCurrency | ErrorCode::BadCurrency => t("Telegram does not take payments in this currency."),
        ErrorCode::NoPaymentProvider => t("Card payments are not set up in this shop yet."),
        ErrorCode::NoStarsPrice => t("This product has no price in Stars."),
        ErrorCode::StarsNeedNoShipping => t("A parcel cannot be paid in Stars: Stars pay for digital goods and services only."),
        ErrorCode::CardsRefusedForDigitalGoods | ErrorCode::DigitalGoodsNeedStars => t("Digital goods and services are paid in Telegram Stars only, not by card."),
        ErrorCode::OverBuyerLimit => t("That is more than one buyer may reserve of this item."),
        // Events, their tickets and publishing them.
        ErrorCode::SalesClosed => t("Ticket sales for this event are closed."),
        ErrorCode::AttendeeNamesRequired => t("Each ticket needs its attendee's name (at most 64 characters)."),
        ErrorCode::OverMaxPerOrder => t("That is more tickets of this type than one order may hold."),
        ErrorCode::EventNotFound => t("The shop has no such event."),
        ErrorCode::TicketTypeNotFound => t("The event has no such ticket type."),
        ErrorCode::EventCancelled => t("The event is cancelled: it can no longer change or be published."),
        ErrorCode::BelowSold => t("This is below the number of tickets already sold or held."),
        ErrorCode::BadEventTimes => t("The event's times are out of order: check the start, the end and when sales close."),
        ErrorCode::BadVenue => t("The venue's name or address is missing or too long."),
        ErrorCode::BadMapUrl => t("The map link must be an https:// address."),
        ErrorCode::BadCapacity => t("The capacity is not a number of tickets the shop accepts."),
        ErrorCode::BadQuota => t("A ticket type's quota is not a number the shop accepts."),
        ErrorCode::BadMaxPerOrder => t("The per-order maximum is not a number the shop accepts."),
        ErrorCode::BadTicketTypes => t("Check the ticket types: an event has at least one, and each has a name."),
        ErrorCode::BadStaff => t("Door staff are named by their Telegram user ids (positive whole numbers)."),
        ErrorCode::BadTimeZone => t("The time zone is not one the shop knows, such as Europe/Berlin."),
        // The shop's settings: its policies and its Mini App.
        ErrorCode::BadSupportContact => t("The support contact is one line, such as @username or an email address."),
        ErrorCode::BadPrivacyPolicy => t("The privacy policy is empty, too long or holds characters it may not."),
        ErrorCode::BadMiniAppShortName => t("The Mini App's short name is not valid: copy it as BotFather shows it."),
        ErrorCode::BadChat => t("Name the channel or group by its @username or its numeric chat id."),
        ErrorCode::MiniAppShortNameMissing => t("Set the Mini App's short name in the settings first."),
        ErrorCode::BotUsernameUnknown => t("The shop does not know the bot's username yet: try again shortly."),
        ErrorCode::BotNotChatAdmin => t("The bot is not an administrator allowed to post in that chat: make it one, then try again."),
        // The salon.
        ErrorCode::WorkingHoursInvalid => t("These hours are not valid: check for overlapping times and times off the 5-minute steps."),
        ErrorCode::BookingRulesInvalid => t("A booking rule is outside its allowed range."),
        ErrorCode::ServiceLengthInvalid => t("The service's length or break is out of range or not in 5-minute steps."),
        ErrorCode::StaffInvalid => t("Check the staff member's name, photo link and Telegram id."),
        ErrorCode::StaffNotFound => t("There is no such staff member."),
        ErrorCode::ServiceNotFound => t("There is no such service."),
        ErrorCode::NotAnAppointmentProduct => t("Only a product sold by appointment can be a service."),
        ErrorCode::VariantNotOfService => t("That price belongs to another product than this service."),
        ErrorCode::BlockedTimeNotFound => t("That blocked time no longer exists."),
        ErrorCode::BadDate => t("That is not a date the shop can read."),
        ErrorCode::AppointmentTimeRequired => t("Choose a time for the appointment."),
        ErrorCode::SlotNotOffered => t("That time is not offered: it is outside working hours, or the staff member does not perform this service."),
        ErrorCode::SlotTaken => t("That time was just taken: choose another."),
        ErrorCode::AppointmentNotFound => t("There is no such appointment."),
        ErrorCode::AppointmentNotBooked => t("Only a booked appointment can change, and this one is no longer booked."),
        // Promo codes and tips at checkout.
        ErrorCode::PromoMalformed => t("That promo code is not written the way codes are."),
        ErrorCode::PromoUnknown | ErrorCode::PromoNotFound => t("There is no such promo code."),
        ErrorCode::PromoNotYet => t("That promo code is not valid yet."),
        ErrorCode::PromoExpired => t("That promo code has expired."),
        ErrorCode::PromoUsedUp => t("That promo code has been used up."),
        ErrorCode::PromoMinimum => t("The order is below that promo code's minimum."),
        ErrorCode::PromoOtherCurrency => t("That promo code is for another currency."),
        ErrorCode::PromoNotForStars => t("Promo codes do not apply to payments in Stars."),
        ErrorCode::TipNotForStars => t("Tips cannot be added to payments in Stars."),
        ErrorCode::TipNotOffered | ErrorCode::TipPresetNotFound => t("The shop offers no tips in this currency."),
        ErrorCode::BadTip => t("The tip is above the shop's largest tip."),
        // Orders.
        ErrorCode::OrderNotFound => t("There is no such order."),
        ErrorCode::IllegalTransition => t("The order's status does not allow this step."),
        ErrorCode::NoteTooLong => t("The note is too long (at most 500 characters)."),
        ErrorCode::ReferenceMissing => t("Telegram cannot refund card payments: refund it with the payment provider, then enter the provider's reference."),
        ErrorCode::BadStatus => t("That is not an order status."),
        ErrorCode::BadSearch => t("Search by an order number, a buyer's Telegram id or part of a name (at most 64 characters)."),
        ErrorCode::BadPage => t("That page of the list does not exist."),
        ErrorCode::BadDays => t("The period is 1 to 366 days."),
        // The catalog.
        ErrorCode::BadName => t("The name is empty, too long or on more than one line."),
        ErrorCode::BadDescription => t("The description is too long."),
        ErrorCode::BadVariantName => t("Check the variants' names: when a product has several, each needs its own name."),
        ErrorCode::BadVariants => t("Check the variants: a product has at least one, each given once."),
        ErrorCode::BadLanguage => t("The shop is written in English, Chinese, French and Arabic only."),
        ErrorCode::BadAlt => t("The photo's description is too long or on more than one line."),
        ErrorCode::BadSlug => t("The slug uses only a-z, 0-9 and inner hyphens."),
        ErrorCode::BadPriceMinor => t("The price is outside what Telegram accepts in one payment."),
        ErrorCode::BadStarsPrice => t("The Stars price is outside what Telegram accepts in one payment."),
        ErrorCode::StarsPriceOnStarsProduct => t("The product is priced in Stars already: it takes no second Stars price."),
        ErrorCode::BadStock => t("The stock is not a number of units the shop accepts."),
        ErrorCode::BadPosition => t("The position is not a number the shop accepts."),
        ErrorCode::BadDelta => t("The stock change is a whole number other than 0."),
        ErrorCode::BadReason => t("Give a reason on one line (at most 200 characters)."),
        ErrorCode::BadArchived => t("That archive filter is not one the shop knows."),
        ErrorCode::BadFulfilment => t("This kind of product cannot be chosen here: only parcels and digital products change kind."),
        ErrorCode::BadCategoryId | ErrorCode::CategoryNotFound => t("There is no such category."),
        ErrorCode::BadPhoto => t("Choose an image file to upload."),
        ErrorCode::BadRole => t("A photo is either the main photo or in the gallery."),
        ErrorCode::BadImage => t("The shop cannot read this image, or its size is not one it accepts."),
        ErrorCode::UnsupportedImage => t("Use a PNG, JPEG, WebP or GIF image."),
        ErrorCode::ImageTooLarge | ErrorCode::DeliveryFileTooLarge => t("The file is too large."),
        ErrorCode::SlugTaken => t("Another one already uses this slug."),
        ErrorCode::CategoryNotEmpty => t("The category still has products (archived ones too): move or delete them first."),
        ErrorCode::VariantNameTaken => t("The product already has a variant with that name."),
        ErrorCode::VariantOrdered => t("Orders name this variant, so it cannot be deleted."),
        ErrorCode::LastVariant => t("A product keeps at least one variant."),
        ErrorCode::StockNegative => t("The stock cannot go below zero."),
        ErrorCode::CurrencyFixed => t("A product keeps the currency it was created in."),
        ErrorCode::ProductNotFound => t("There is no such product."),
        ErrorCode::VariantNotFound => t("There is no such variant."),
        ErrorCode::PhotoNotFound => t("There is no such photo."),
        // A digital variant's delivery.
        ErrorCode::NotDigital => t("Only a digital product's variant delivers a file, keys or a text."),
        ErrorCode::BadDeliveryFile => t("Choose a file to upload; it may not be empty."),
        ErrorCode::BadFileName => t("The file's name cannot be used: rename the file and try again."),
        ErrorCode::BadKeys => t("Check the licence keys: one per line."),
        ErrorCode::BadDeliveryText => t("What the buyer gets is empty or too long."),
        ErrorCode::BadLowStockAt => t("The low-stock level is a whole number of keys, such as 5."),
        ErrorCode::DeliveryNotFound => t("This variant delivers nothing yet: upload a file, add keys or write a text first."),
        // Settings: notifications, limits, tips, shipping rates, promo codes.
        ErrorCode::BadChatId => t("a chat id is a whole number, like -1001234567890"),
        ErrorCode::BadMaxUnitsPerVariant => t("The units one buyer may reserve of a variant are out of range."),
        ErrorCode::BadMaxTipMinor => t("The largest tip is out of range for this currency."),
        ErrorCode::BadSuggested => t("Suggested tips are up to 4 amounts, smallest first, none above the largest tip."),
        ErrorCode::BadCountryCode => t("The country is a two-letter code, such as DE."),
        ErrorCode::BadId => t("The id uses only lower-case letters, digits, '_' and '-' (at most 32)."),
        ErrorCode::BadTitle => t("The title is empty, too long or on more than one line."),
        ErrorCode::ShippingRateExists => t("This country already has a shipping rate with that id."),
        ErrorCode::ShippingRateNotFound => t("There is no such shipping rate."),
        ErrorCode::BadCode => t("A promo code is 3 to 32 letters, digits, '_' or '-'."),
        ErrorCode::BadPercentOff => t("The percentage off is 1 to 100."),
        ErrorCode::BadAmountOffMinor => t("The amount off is out of range."),
        ErrorCode::BadDiscount => t("Give either a percentage off or an amount off, not both."),
        ErrorCode::BadMinItemsMinor => t("The minimum order amount is out of range."),
        ErrorCode::BadMaxUses => t("The use limit is 1 or more, or empty for no limit."),
        ErrorCode::BadStartsAt => t("The start date is not valid."),
        ErrorCode::BadExpiresAt => t("The end date must come after the start date."),
        ErrorCode::PromoExists => t("The shop already has that promo code."),
        // Stars subscriptions.
        ErrorCode::SubscriptionNeedsStars => t("A subscription is priced in Telegram Stars only."),
        ErrorCode::SubscriptionPriceTooHigh => t("A subscription costs at most 10,000 Stars a month."),
        ErrorCode::SubscriptionOneVariant => t("A subscription has exactly one variant: its monthly price."),
        ErrorCode::BadGrantedChat => t("A subscription grants a private channel or group, named by its chat id (negative, like -1001234567890); other products grant none."),
        ErrorCode::SubscriptionAlone => t("A subscription is paid on its own, not in a cart."),
        // Posts: shared invoices in groups and channels.
        ErrorCode::NotShareable => t("This product cannot be sold from a post: it needs a choice first (options, a time, tickets or a subscription)."),
        ErrorCode::NotAGroupOrChannel => t("Posts go to a group or a channel, not a private chat."),
        ErrorCode::BotCannotPost => t("The bot may not post there: add it to the group, or make it an administrator of the channel."),
        _ => return None,
    })
}

/// What a refusal means by its HTTP status alone; status 0 is a request that got no answer.
fn by_status<'a>(status: u16, t: &impl Fn(&'static str) -> &'a str) -> &'a str {
    match status {
        401 | 403 => t("You are not signed in as an admin: open the admin page again from the shop's bot."),
        404 => t("Not found: it may have been deleted meanwhile."),
        409 => t("This change conflicts with the shop's current state: reload the page and check."),
        422 => t("The change was refused: check the fields."),
        400..=499 => t("The shop refused this request."),
        _ => t("The server or Telegram did not answer: try again."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::{BTreeSet, HashMap};
    use std::path::Path;

    fn failure(status: u16, code: Option<&str>, message: &str) -> Failure {
        Failure {
            status,
            code: code.map(str::to_owned),
            message: message.into(),
        }
    }

    fn translations(language: &str) -> HashMap<String, String> {
        let path = format!("{}/locales/admin/{language}.json", env!("CARGO_MANIFEST_DIR"));
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
    }

    /// `failure` on a page in `language`, whose texts are `app/locales/admin/<code>.json`.
    fn explained(language: AdminLanguage, failure: &Failure) -> Explanation {
        let texts = translations(language.code());
        explain(
            language,
            |english| texts.get(english).map_or(english, String::as_str),
            failure,
        )
    }

    #[test]
    fn an_english_page_shows_the_servers_own_message() {
        let refused = failure(422, Some("bad_name"), "name is 1 to 64 characters");
        assert_eq!(
            explain(AdminLanguage::En, |english| english, &refused),
            Explanation {
                code: Some("bad_name".into()),
                text: "name is 1 to 64 characters".into(),
                detail: None,
            }
        );
    }

    #[test]
    fn a_french_page_says_what_the_code_means_and_keeps_the_servers_detail() {
        let refused = failure(422, Some("bad_name"), "name is 1 to 64 characters");
        assert_eq!(
            explained(AdminLanguage::Fr, &refused),
            Explanation {
                code: Some("bad_name".into()),
                text: "Le nom est vide, trop long ou sur plusieurs lignes.".into(),
                detail: Some("name is 1 to 64 characters".into()),
            }
        );
        let taken = failure(409, Some("slot_taken"), "Ana is booked at 10:00");
        assert_eq!(
            explained(AdminLanguage::Ar, &taken).text,
            "حُجز هذا الوقت للتو: اختر وقتًا آخر."
        );
        assert_eq!(
            explained(AdminLanguage::Zh, &taken).text,
            "该时间刚刚被预约：请另选一个。"
        );
    }

    #[test]
    fn a_code_without_a_sentence_reads_by_its_status() {
        let newer = failure(409, Some("a_code_from_a_newer_server"), "it clashes");
        let explanation = explained(AdminLanguage::Fr, &newer);
        assert_eq!(
            explanation.text,
            "Cette modification entre en conflit avec l’état actuel de la boutique : rechargez la page et vérifiez."
        );
        assert_eq!(explanation.code.as_deref(), Some("a_code_from_a_newer_server"));
        assert_eq!(explanation.detail.as_deref(), Some("it clashes"));
        let offline = failure(0, None, "Failed to fetch");
        let explanation = explained(AdminLanguage::Fr, &offline);
        assert_eq!(
            explanation.text,
            "Le serveur ou Telegram n’a pas répondu : réessayez."
        );
        assert_eq!(explanation.detail.as_deref(), Some("Failed to fetch"));
        let gone = failure(404, None, "status 404");
        assert_eq!(
            explained(AdminLanguage::Fr, &gone).text,
            "Introuvable : il a peut-être été supprimé entre-temps."
        );
    }

    #[test]
    fn a_refusal_of_the_page_itself_is_shown_as_written() {
        let refusal = Explanation::by_page("choisissez une catégorie");
        assert_eq!(refusal.text, "choisissez une catégorie");
        assert_eq!((refusal.code, refusal.detail), (None, None));
    }

    /// The codes `dir` names as `ErrorCode::X`, by their variant names.
    fn named_codes(dir: &Path, found: &mut BTreeSet<String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                named_codes(&path, found);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let code = std::fs::read_to_string(&path).unwrap();
                for (at, _) in code.match_indices("ErrorCode::") {
                    let name = &code[at + "ErrorCode::".len()..];
                    let end = name
                        .find(|c: char| !c.is_ascii_alphanumeric())
                        .unwrap_or(name.len());
                    found.insert(name[..end].to_owned());
                }
            }
        }
    }

    #[test]
    fn every_code_the_admin_api_answers_has_a_sentence() {
        let server = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../server/src"));
        let mut named = BTreeSet::new();
        for area in ["http/admin", "shop", "service"] {
            named_codes(&server.join(area), &mut named);
        }
        let mut missing: Vec<&str> = ErrorCode::ALL
            .iter()
            .filter(|code| named.contains(&format!("{code:?}")))
            .filter(|code| sentence(**code, &|english| english).is_none())
            .map(|code| code.as_str())
            .collect();
        missing.sort_unstable();
        assert!(named.len() > 100, "only {} codes found", named.len());
        assert!(missing.is_empty(), "no sentence for {missing:?}");
    }
}
