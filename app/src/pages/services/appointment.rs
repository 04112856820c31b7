//! An order's appointments as its client reads them on the order page: the service, with
//! whom, the date and time on the salon's clock (and the client's own beside it when it
//! differs), and where the appointment stands, in the client's language. Their vouchers are
//! the order's, shown with the tickets' ([`crate::pages::events::voucher`]).

use crate::appointments::{AppointmentStatus, AppointmentView};
use crate::i18n::{td_string, Locale};
use crate::language::use_lang;
use crate::pages::zoned::salon_time;
use leptos::prelude::*;

/// The appointments of an order, one card each.
#[component]
pub fn Appointments(appointments: Vec<AppointmentView>) -> impl IntoView {
    view! {
        <leptos_meta::Stylesheet id="services-css" href="/services.css"/>
        <ul class="appointments" data-testid="appointments">
            {appointments.into_iter().map(|appointment| view! { <AppointmentCard appointment/> }).collect_view()}
        </ul>
    }
}

#[component]
fn AppointmentCard(appointment: AppointmentView) -> impl IntoView {
    let locale = use_lang().now();
    let when = salon_time(appointment.starts_at, &appointment.time_zone, locale, true);
    let status = appointment.status;
    view! {
        <li class="appointment" data-testid="appointment" data-status=status.as_str()>
            <p class="appointment__service">{appointment.service}</p>
            <p class="appointment__staff" data-testid="appointment-staff">{td_string!(locale, with_staff, name = appointment.staff)}</p>
            <p class="appointment__when" data-testid="appointment-when">
                <time datetime=crate::iso_utc(appointment.starts_at)>{when.salon}</time>
                {when.yours.map(|yours| view! { <span class="appointment__yours">" · "{yours}</span> })}
            </p>
            <p class=format!("appointment__status appointment__status--{}", status.as_str()) data-testid="appointment-status">
                {status_text(locale, status)}
            </p>
        </li>
    }
}

/// Where an appointment stands, in the client's words.
pub(super) fn status_text(locale: Locale, status: AppointmentStatus) -> &'static str {
    match status {
        AppointmentStatus::Held => td_string!(locale, appointment_held),
        AppointmentStatus::Booked => td_string!(locale, appointment_booked),
        AppointmentStatus::Served => td_string!(locale, appointment_served),
        AppointmentStatus::NoShow => td_string!(locale, appointment_no_show),
        AppointmentStatus::Cancelled => td_string!(locale, appointment_cancelled),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_status_has_words_in_every_language() {
        for locale in [Locale::en, Locale::fr, Locale::zh, Locale::ar] {
            let texts: Vec<&str> = AppointmentStatus::ALL
                .iter()
                .map(|s| status_text(locale, *s))
                .collect();
            let distinct: std::collections::BTreeSet<_> = texts.iter().collect();
            assert_eq!(distinct.len(), texts.len(), "{locale:?}: {texts:?}");
        }
        assert_eq!(status_text(Locale::fr, AppointmentStatus::Booked), "Confirmé");
    }
}
