//! An order's appointments as its client reads them on the order page: the service, with
//! whom, the date and time on the salon's clock (and the client's own beside it when it
//! differs), and where the appointment stands, in the client's language. Their vouchers are
//! the order's, shown with the tickets' ([`crate::pages::events::voucher`]).
//!
//! While the salon's rules allow it (`changeable_until`), the card offers to cancel the
//! appointment: asked again inline, then `POST /api/appointments/{id}/cancel`, whose answer
//! says what happens to the money; the order page shows that and loads the order again.

use crate::appointments::{AppointmentRefund, AppointmentStatus, AppointmentView};
use crate::i18n::{td_string, Locale};
use crate::language::use_lang;
use crate::pages::zoned::salon_time;
use leptos::prelude::*;

/// What the order page lends its appointment cards to change them: the client's initData,
/// where to say how a change went, and how to load the order again afterwards.
#[derive(Clone, Copy)]
pub struct Changes {
    pub init_data: StoredValue<String>,
    pub outcome: RwSignal<Option<String>>,
    pub reload: Callback<()>,
    /// The order's id, for the booking page to come back to after a move.
    pub order: i64,
}

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
            {appointment.changeable_until.map(|until| {
                let until = salon_time(until, &appointment.time_zone, locale, true).salon;
                view! { <ChangeAppointment id=appointment.id service=appointment.service_id.0 until/> }
            })}
        </li>
    }
}

/// "You can change it until …" and the cancel button, asking again before it cancels.
#[component]
fn ChangeAppointment(id: i64, service: i64, until: String) -> impl IntoView {
    let locale = use_lang().now();
    let changes = use_context::<Changes>();
    let confirming = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let problem = RwSignal::new(None::<String>);
    let cancel = move |_| {
        let Some(changes) = changes else { return };
        busy.set(true);
        problem.set(None);
        #[cfg(feature = "hydrate")]
        leptos::task::spawn_local(async move {
            let path = format!("/api/appointments/{id}/cancel");
            let init_data = changes.init_data.get_value();
            let answer = crate::telegram::bridge::post_with_init_data(&path, "{}", &init_data)
                .await
                .and_then(|body| {
                    serde_json::from_str::<crate::appointments::CancelledAppointment>(&body)
                        .map_err(crate::api::Refusal::from)
                });
            match answer {
                Ok(cancelled) => {
                    changes
                        .outcome
                        .set(Some(cancelled_text(locale, cancelled.refund).to_string()));
                    changes.reload.run(());
                }
                Err(why) => {
                    // The card may be gone if the order reloaded meanwhile.
                    let _ = problem.try_set(Some(why.text(locale)));
                    let _ = busy.try_set(false);
                    let _ = confirming.try_set(false);
                }
            }
        });
        #[cfg(not(feature = "hydrate"))]
        let _ = (id, changes.reload, cancelled_text);
    };
    let reschedule =
        changes.map(|changes| format!("/shop/services/{service}?move={id}&order={}", changes.order));
    view! {
        <div class="appointment__change" data-testid="appointment-change">
            <p class="appointment__until" data-testid="changeable-until">{td_string!(locale, changeable_until, when = until)}</p>
            {reschedule.map(|href| view! {
                <a class="button button--secondary" href=href data-testid="reschedule-appointment">{td_string!(locale, reschedule)}</a>
            })}
            " "
            {move || match confirming.get() {
                false => view! {
                    <button class="button button--secondary" type="button" data-testid="cancel-appointment"
                        on:click=move |_| confirming.set(true)>
                        {td_string!(locale, cancel_appointment)}
                    </button>
                }
                .into_any(),
                true => view! {
                    <p class="appointment__confirm" role="group">
                        <span>{td_string!(locale, cancel_it)}" "</span>
                        <button class="button" type="button" data-testid="confirm-cancel"
                            disabled=move || busy.get() on:click=cancel>
                            {td_string!(locale, cancel_yes)}
                        </button>
                        " "
                        <button class="button button--secondary" type="button" data-testid="keep-appointment"
                            disabled=move || busy.get() on:click=move |_| confirming.set(false)>
                            {td_string!(locale, cancel_no)}
                        </button>
                    </p>
                }
                .into_any(),
            }}
            {move || problem.get().map(|text| view! {
                <p class="notice notice--error" role="alert" data-testid="change-problem">{text}</p>
            })}
        </div>
    }
}

/// What a cancellation did with the money, in the client's words.
pub(crate) fn cancelled_text(locale: Locale, refund: AppointmentRefund) -> &'static str {
    match refund {
        AppointmentRefund::Stars => td_string!(locale, cancelled_stars),
        AppointmentRefund::Card => td_string!(locale, cancelled_card),
        AppointmentRefund::None => td_string!(locale, cancelled_kept),
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

    #[test]
    fn a_cancellation_says_where_the_money_goes() {
        assert_eq!(
            cancelled_text(Locale::en, AppointmentRefund::Stars),
            "Cancelled. Your Stars are being refunded."
        );
        assert_eq!(
            cancelled_text(Locale::en, AppointmentRefund::Card),
            "Cancelled. The salon will refund your card payment."
        );
        assert_eq!(
            cancelled_text(Locale::en, AppointmentRefund::None),
            "Cancelled. This cancellation is not refunded."
        );
        for locale in [Locale::en, Locale::fr, Locale::zh, Locale::ar] {
            let texts: std::collections::BTreeSet<_> = [
                AppointmentRefund::Stars,
                AppointmentRefund::Card,
                AppointmentRefund::None,
            ]
            .into_iter()
            .map(|refund| cancelled_text(locale, refund))
            .collect();
            assert_eq!(texts.len(), 3, "{locale:?}");
        }
    }
}
