//! What the bot tells a salon's client, in their language (Telegram's `language_code` at their
//! checkout; English when we do not speak it): the booking's confirmation with its "Add to
//! calendar" file, and the reminders a day and 2 hours before. The words are the storefront's
//! translations (app/locales/*.json, `bot_*` keys), so one file holds every text a client
//! reads; dates are written in the language by chrono's locale data, in the salon's zone.

use super::messages::{Outgoing, OutgoingDocument, OutgoingMessage};
use crate::shop::appointments::reminders::Reminder;
use crate::shop::appointments::{calendar_file, Appointment};
use crate::shop::events::TimeZone;
use crate::telegram::bot_api::InlineKeyboardMarkup;
use app::i18n::{td_string, Locale};

/// The confirmation of a booked appointment, as an outbox document: its calendar file with
/// the confirmation as caption, and a button to the order (where the voucher is).
pub fn booked(
    language_code: &str,
    appointment: &Appointment,
    zone: &TimeZone,
    shop_name: &str,
    shop_url: &str,
) -> String {
    let locale = app::language::for_language_code(language_code);
    let (service, staff) = (appointment.client_service.as_str(), appointment.staff.as_str());
    let when = when(locale, zone, appointment.starts_at);
    let caption = td_string!(
        locale,
        bot_appointment_booked,
        service,
        staff,
        when,
        zone = zone.name()
    )
    .to_string();
    let outgoing = Outgoing::Document {
        document: OutgoingDocument {
            file_name: calendar_file::file_name(appointment),
            content: calendar_file::ics(appointment, shop_name, shop_url),
        },
        caption,
        reply_markup: Some(order_button(locale, appointment, shop_url)),
    };
    serde_json::to_string(&outgoing).expect("documents serialize")
}

/// `reminder` of `appointment`, as an outbox message with a button to the order.
pub fn reminder(
    language_code: &str,
    reminder: Reminder,
    appointment: &Appointment,
    zone: &TimeZone,
    shop_url: &str,
) -> String {
    let locale = app::language::for_language_code(language_code);
    let (service, staff) = (appointment.client_service.as_str(), appointment.staff.as_str());
    let when = when(locale, zone, appointment.starts_at);
    let zone = zone.name();
    let text = match reminder {
        Reminder::DayBefore => td_string!(locale, bot_reminder_day, service, staff, when, zone).to_string(),
        Reminder::TwoHoursBefore => {
            td_string!(locale, bot_reminder_hours, service, staff, when, zone).to_string()
        }
    };
    let outgoing = OutgoingMessage {
        text,
        reply_markup: Some(order_button(locale, appointment, shop_url)),
    };
    serde_json::to_string(&Outgoing::Message(outgoing)).expect("messages serialize")
}

/// How a cancelled appointment's money goes back.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refund {
    /// Telegram gives the Stars back (queued with the cancellation).
    Stars,
    /// The salon refunds the card payment with its provider (it is told).
    Card,
    /// The salon's rules keep the money.
    None,
}

/// Tells the client `appointment` is cancelled and how its money goes back.
pub fn cancelled(language_code: &str, appointment: &Appointment, zone: &TimeZone, refund: Refund) -> String {
    let locale = app::language::for_language_code(language_code);
    let (service, staff) = (appointment.client_service.as_str(), appointment.staff.as_str());
    let when = when(locale, zone, appointment.starts_at);
    let first = td_string!(locale, bot_appointment_cancelled, service, staff, when).to_string();
    let then = match refund {
        Refund::Stars => td_string!(locale, bot_refund_stars),
        Refund::Card => td_string!(locale, bot_refund_card),
        Refund::None => td_string!(locale, bot_refund_none),
    };
    let outgoing = OutgoingMessage {
        text: format!("{first} {then}"),
        reply_markup: None,
    };
    serde_json::to_string(&Outgoing::Message(outgoing)).expect("messages serialize")
}

fn order_button(locale: Locale, appointment: &Appointment, shop_url: &str) -> InlineKeyboardMarkup {
    let url = format!("{shop_url}/orders/{}", appointment.order_id);
    InlineKeyboardMarkup::web_app_button(td_string!(locale, bot_view_appointment), url)
}

/// `at` on the salon's wall clock, written in `locale` ("mardi 30 mars à 10:30").
pub fn when(locale: Locale, zone: &TimeZone, at: i64) -> String {
    written(locale, zone, at, td_string!(locale, bot_when))
}

/// `at` in `zone`, written in `locale` with chrono's `format` (e.g. `bot_when`, `bot_date`).
pub fn written(locale: Locale, zone: &TimeZone, at: i64, format: &str) -> String {
    let Ok(instant) = jiff::Timestamp::from_millisecond(at) else {
        return String::new();
    };
    let local = instant.to_zoned(zone.zone().clone()).datetime();
    let naive =
        chrono::NaiveDate::from_ymd_opt(local.year().into(), local.month() as u32, local.day() as u32)
            .and_then(|date| date.and_hms_opt(local.hour() as u32, local.minute() as u32, 0));
    let Some(naive) = naive else {
        return String::new();
    };
    let chrono_locale = match locale {
        Locale::en => chrono::Locale::en_GB,
        Locale::fr => chrono::Locale::fr_FR,
        Locale::ar => chrono::Locale::ar_SA,
        Locale::zh => chrono::Locale::zh_CN,
    };
    // The civil time read as UTC only to be written out: no offset is printed.
    naive
        .and_utc()
        .format_localized(format, chrono_locale)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::shop::appointments::StaffId;
    use app::appointments::AppointmentStatus;
    use app::catalog::ProductId;
    use app::orders::OrderId;
    use serde_json::Value;

    /// 2027-03-30, a Tuesday, 10:30 in Paris.
    const TUESDAY_1030: i64 = 1_806_395_400_000;

    fn paris() -> TimeZone {
        TimeZone::parse("Europe/Paris").unwrap()
    }

    fn haircut() -> Appointment {
        Appointment {
            id: 12,
            order_id: OrderId(3),
            service_id: ProductId(4),
            service: "Haircut".into(),
            client_service: "Coupe".into(),
            variant_id: app::catalog::VariantId(5),
            staff_id: StaffId(1),
            staff: "Anna".into(),
            starts_at: TUESDAY_1030,
            ends_at: TUESDAY_1030 + 45 * 60_000,
            busy_until: TUESDAY_1030 + 45 * 60_000,
            status: AppointmentStatus::Booked,
        }
    }

    #[test]
    fn dates_are_written_in_the_clients_language_on_the_salons_clock() {
        assert_eq!(when(Locale::fr, &paris(), TUESDAY_1030), "mardi 30 mars à 10:30");
        assert_eq!(
            when(Locale::en, &paris(), TUESDAY_1030),
            "Tuesday 30 March, 10:30"
        );
        let utc = TimeZone::utc();
        assert_eq!(when(Locale::en, &utc, TUESDAY_1030), "Tuesday 30 March, 08:30");
    }

    #[test]
    fn the_confirmation_carries_the_calendar_file_and_speaks_french_to_a_french_client() {
        let json = booked(
            "fr",
            &haircut(),
            &paris(),
            "Salon Camille",
            "https://shop.example/shop",
        );
        let outgoing: Value = serde_json::from_str(&json).unwrap();
        assert_eq!(outgoing["document"]["file_name"], "appointment-12.ics");
        assert!(outgoing["document"]["content"]
            .as_str()
            .unwrap()
            .contains("BEGIN:VEVENT"));
        assert_eq!(
            outgoing["caption"],
            "Votre rendez-vous est réservé : Coupe avec Anna, mardi 30 mars à 10:30 (Europe/Paris). \
             Présentez le bon de votre commande à l'accueil. Ouvrez ce fichier pour l'ajouter à votre agenda."
        );
        let english: Value = serde_json::from_str(&booked(
            "pt-br",
            &haircut(),
            &paris(),
            "Salon",
            "https://s.example/shop",
        ))
        .unwrap();
        assert!(english["caption"]
            .as_str()
            .unwrap()
            .starts_with("Your appointment is booked"));
    }

    #[test]
    fn reminders_name_the_day_or_the_hour() {
        let day: Value = serde_json::from_str(&reminder(
            "fr",
            Reminder::DayBefore,
            &haircut(),
            &paris(),
            "https://s.example/shop",
        ))
        .unwrap();
        assert_eq!(
            day["text"],
            "Rappel : Coupe avec Anna demain, mardi 30 mars à 10:30 (Europe/Paris)."
        );
        assert_eq!(
            day["reply_markup"]["inline_keyboard"][0][0]["web_app"]["url"],
            "https://s.example/shop/orders/3"
        );
    }
}
