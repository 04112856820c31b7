//! The client's own changes to a booked appointment (issue #18), within the salon's rules:
//! `POST /api/appointments/{id}/cancel` and `POST /api/appointments/{id}/reschedule` with
//! `{starts_at, staff?}` (`crate::service::appointments` says what each does). Another
//! client's appointment does not exist (404); past the salon's window, 409
//! `appointment_not_changeable`; a time taken meanwhile, 409 `slot_taken`.

use super::auth::Shopper;
use super::{ApiError, AppJson, AppPath, AppState};
use crate::clock::now_ms;
use crate::service::appointments::{self, Notify};
use crate::shop::appointments::Appointment;
use crate::telegram::updates::salon::Refund;
use app::appointments::{AppointmentChoice, AppointmentRefund, AppointmentView, CancelledAppointment};
use axum::extract::State;
use axum::Json;

/// `POST /api/appointments/{id}/cancel`.
pub(super) async fn cancel(
    State(state): State<AppState>,
    Shopper(init_data): Shopper,
    AppPath(id): AppPath<i64>,
) -> Result<Json<CancelledAppointment>, ApiError> {
    let notify = notify(&state);
    let now = now_ms();
    let (cancelled, refund) = appointments::cancel(&state.db, &notify, init_data.user.id, id, now).await?;
    state.bot.outbox.notify_one();
    let mut appointment = view(&state, &cancelled, now).await?;
    appointment.status = app::appointments::AppointmentStatus::Cancelled;
    appointment.changeable_until = None;
    let refund = match refund {
        Refund::Stars => AppointmentRefund::Stars,
        Refund::Card => AppointmentRefund::Card,
        Refund::None => AppointmentRefund::None,
    };
    Ok(Json(CancelledAppointment { appointment, refund }))
}

/// `POST /api/appointments/{id}/reschedule`.
pub(super) async fn reschedule(
    State(state): State<AppState>,
    Shopper(init_data): Shopper,
    AppPath(id): AppPath<i64>,
    AppJson(choice): AppJson<AppointmentChoice>,
) -> Result<Json<AppointmentView>, ApiError> {
    let notify = notify(&state);
    let now = now_ms();
    let moved = appointments::reschedule(&state.db, &notify, init_data.user.id, id, choice, now).await?;
    state.bot.outbox.notify_one();
    Ok(Json(view(&state, &moved, now).await?))
}

fn notify(state: &AppState) -> Notify<'_> {
    Notify {
        shop_url: &state.bot.shop_url,
        admins: &state.admins,
    }
}

async fn view(state: &AppState, appointment: &Appointment, now: i64) -> Result<AppointmentView, ApiError> {
    let rules = state.db.booking_rules().await?;
    let zone = state.db.shop_settings().await?.time_zone;
    Ok(appointment.view(&rules, zone.name(), now))
}
