//! The salon's day and what it does with booked appointments (`crate::shop::appointments::desk`
//! holds the rules):
//!
//! - `GET /api/admin/salon/appointments?date=YYYY-MM-DD[&staff=ID]`: one local day (today
//!   without `date`) of the whole salon or one staff member, by start, with each client;
//! - `POST …/{id}/move` `{starts_at, staff_id}`: to a time that staff member works and is free
//!   (409 `slot_taken`, 422 `slot_not_offered`), the client told by the bot in the same
//!   transaction;
//! - `POST …/{id}/cancel`: the time freed, the voucher revoked, the client told, and the
//!   refund owed queued in the same transaction — Stars as a `refundStarPayment` in the outbox
//!   (the order turns refunded when Telegram's `refunded_payment` arrives), a card payment as
//!   an alert to the merchant, who refunds it with the provider and records it on the order's
//!   page;
//! - `POST …/{id}/served` and `…/no-show`: the outcome; served checks the voucher in, as a
//!   scan at the desk does (`crate::http::desk`).
//!
//! Only a booked appointment moves (a missed one may still be served): 409
//! `appointment_not_booked` otherwise, 404 `appointment_not_found` for no such appointment.

use super::super::{invalid, Admin};
use crate::clock::now_ms;
use crate::http::{ApiError, AppJson, AppPath, AppQuery, AppState};
use crate::shop::appointments::desk::{self, MoveRefusal, RefundDue};
use crate::shop::appointments::{booking, Appointment, Staff, StaffId, StaffMember};
use crate::shop::currencies::CurrencyTable;
use crate::shop::events::TimeZone;
use crate::shop::invalid::Invalid;
use crate::shop::order::OrderRecord;
use crate::storage::salon::calendar::{self, Listed};
use crate::telegram::updates::messages;
use app::admin_api::{CancelRefund, CancelledAppointment, MoveAppointment, SalonAppointment, SalonDay};
use app::appointments::AppointmentStatus;
use app::error_code::ErrorCode;
use app::money::Money;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use jiff::civil::Date;
use serde::Deserialize;

const DAY_MS: i64 = 86_400_000;

/// `?date=YYYY-MM-DD` (absent: today) and `&staff=ID` (absent: the whole salon).
#[derive(Deserialize)]
pub(super) struct DayQuestion {
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    staff: Option<i64>,
}

/// `GET /api/admin/salon/appointments`.
pub(super) async fn day(
    State(state): State<AppState>,
    _admin: Admin,
    AppQuery(question): AppQuery<DayQuestion>,
) -> Result<Json<SalonDay>, ApiError> {
    let zone = state.db.shop_settings().await?.time_zone;
    let now = now_ms();
    let today = desk::local_date(&zone, now).ok_or_else(|| bad_date("today"))?;
    let date = match question.date.as_deref() {
        None => today,
        Some(typed) => typed.trim().parse::<Date>().map_err(|_| bad_date(typed))?,
    };
    let staff = match question.staff {
        Some(id) => Some(existing_staff(&state, id).await?.id),
        None => None,
    };
    let (from, to) = desk::day_span(&zone, date).ok_or_else(|| bad_date(&date.to_string()))?;
    let listed = state.db.salon_appointments(from, to, staff, now).await?;
    let around = |day: Option<Date>| day.unwrap_or(date).to_string();
    Ok(Json(SalonDay {
        date: date.to_string(),
        previous: around(date.yesterday().ok()),
        next: around(date.tomorrow().ok()),
        today: today.to_string(),
        time_zone: zone.name().to_owned(),
        staff_id: staff.map(|s| s.0),
        appointments: listed.iter().map(|l| view(l, &zone)).collect(),
    }))
}

/// `POST /api/admin/salon/appointments/{id}/move`.
#[tracing::instrument(skip_all, fields(admin = %admin.id, appointment_id = id))]
pub(super) async fn move_to(
    State(state): State<AppState>,
    admin: Admin,
    AppPath(id): AppPath<i64>,
    AppJson(body): AppJson<MoveAppointment>,
) -> Result<Json<SalonAppointment>, ApiError> {
    let current = booked(&state, id).await?;
    let member = existing_staff(&state, body.staff_id).await?;
    let performs = state
        .db
        .service(current.service_id)
        .await?
        .is_some_and(|s| s.staff.iter().any(|(staff, _)| *staff == member.id));
    if !performs {
        let why = format!("{} does not perform {}", member.details.name, current.service);
        return Err(invalid(Invalid::new(ErrorCode::SlotNotOffered, why)));
    }
    let length = state
        .db
        .booked_length(id)
        .await?
        .ok_or_else(|| no_appointment(id))?;
    let (zone, now, start) = (
        state.db.shop_settings().await?.time_zone,
        now_ms(),
        body.starts_at,
    );
    let busy = state
        .db
        .busy_besides(id, member.id, start - 2 * DAY_MS, start + 2 * DAY_MS, now)
        .await?;
    let hours = member.hours();
    let calendar = Staff {
        id: member.id,
        hours: &hours,
        busy: &busy,
    };
    desk::check_move(&zone, length, &calendar, &member.details.name, start, now).map_err(refused_move)?;
    let url = state.bot.shop_url.clone();
    let client = state.db.order(current.order_id).await?;
    let locale = messages::locale_of(client.as_ref().map_or("", |o| o.buyer_language.as_str()));
    let tell = |moved: &Appointment| messages::appointment_moved(locale, &url, &current, moved, &zone);
    let moved = state.db.move_appointment(id, member.id, start, now, tell).await?;
    match moved {
        Ok(_) => {}
        Err(calendar::MoveRefusal::NotFound) => return Err(no_appointment(id)),
        Err(calendar::MoveRefusal::NotBooked(status)) => return Err(not_booked(id, status)),
        Err(calendar::MoveRefusal::Taken) => {
            let taken = MoveRefusal::Taken {
                time: booking::wall_clock(&zone, start),
                staff: member.details.name.clone(),
            };
            return Err(refused_move(taken));
        }
    }
    state.bot.outbox.notify_one();
    tracing::info!(staff_id = member.id.0, "the salon moved an appointment");
    answer(&state, id, &zone).await.map(Json)
}

/// `POST /api/admin/salon/appointments/{id}/cancel`.
#[tracing::instrument(skip_all, fields(admin = %admin.id, appointment_id = id))]
pub(super) async fn cancel(
    State(state): State<AppState>,
    admin: Admin,
    AppPath(id): AppPath<i64>,
) -> Result<Json<CancelledAppointment>, ApiError> {
    booked(&state, id).await?;
    let shop = state.db.shop_settings().await?;
    let merchants = state.db.merchant_readers(&shop, &state.admins).await?;
    let zone = &shop.time_zone;
    let mut owed = None;
    let notices = |appointment: &Appointment, order: &OrderRecord| {
        let due = desk::refund_due(order, appointment);
        let mut notices = vec![(
            order.buyer_id.into(),
            messages::appointment_cancelled_by_salon(appointment, order, &due, zone),
        )];
        if let RefundDue::Stars { charge_id, .. } = &due {
            notices.push((order.buyer_id.into(), messages::refund_stars(charge_id)));
        }
        for (chat, locale) in merchants.iter() {
            if let Some(alert) = messages::appointment_refund_due(locale, appointment, order, &due, zone) {
                notices.push((chat, alert));
            }
        }
        owed = Some((due, order.currency));
        notices
    };
    let cancelled = state.db.salon_cancel_appointment(id, now_ms(), notices).await?;
    let Some((appointment, _)) = cancelled else {
        return Err(not_booked_now(&state, id).await);
    };
    state.bot.outbox.notify_one();
    let (due, currency) = owed.expect("a cancellation decides what is owed");
    tracing::info!(order_id = appointment.order_id.0, refund = ?due, "the salon cancelled an appointment");
    let refund_label = match due {
        RefundDue::Nothing => String::new(),
        _ => CurrencyTable::telegram().format(Money::new(due.minor(), currency)),
    };
    Ok(Json(CancelledAppointment {
        appointment: answer(&state, id, zone).await?,
        refund: match due {
            RefundDue::Stars { .. } => CancelRefund::StarsRequested,
            RefundDue::Card { .. } => CancelRefund::CardDue,
            RefundDue::Part { .. } => CancelRefund::PartDue,
            RefundDue::Nothing => CancelRefund::Nothing,
        },
        refund_label,
    }))
}

/// `POST /api/admin/salon/appointments/{id}/served`: a missed appointment may still be served.
pub(super) async fn served(
    State(state): State<AppState>,
    _admin: Admin,
    AppPath(id): AppPath<i64>,
) -> Result<Json<SalonAppointment>, ApiError> {
    finish(&state, id, AppointmentStatus::Served).await
}

/// `POST /api/admin/salon/appointments/{id}/no-show`.
pub(super) async fn no_show(
    State(state): State<AppState>,
    _admin: Admin,
    AppPath(id): AppPath<i64>,
) -> Result<Json<SalonAppointment>, ApiError> {
    finish(&state, id, AppointmentStatus::NoShow).await
}

async fn finish(
    state: &AppState,
    id: i64,
    outcome: AppointmentStatus,
) -> Result<Json<SalonAppointment>, ApiError> {
    if state
        .db
        .finish_appointment(id, outcome, now_ms())
        .await?
        .is_none()
    {
        return Err(not_booked_now(state, id).await);
    }
    tracing::info!(
        appointment_id = id,
        outcome = outcome.as_str(),
        "the salon recorded an outcome"
    );
    let zone = state.db.shop_settings().await?.time_zone;
    answer(state, id, &zone).await.map(Json)
}

/// Appointment `id` when it is booked: 404 or 409 otherwise.
async fn booked(state: &AppState, id: i64) -> Result<Appointment, ApiError> {
    let appointment = state
        .db
        .appointment(id)
        .await?
        .ok_or_else(|| no_appointment(id))?;
    match appointment.status == AppointmentStatus::Booked {
        true => Ok(appointment),
        false => Err(not_booked(id, appointment.status)),
    }
}

/// Why appointment `id` was not changed after all: gone, or not booked (any more).
async fn not_booked_now(state: &AppState, id: i64) -> ApiError {
    match state.db.appointment(id).await {
        Ok(Some(appointment)) => not_booked(id, appointment.status),
        Ok(None) => no_appointment(id),
        Err(error) => error.into(),
    }
}

/// Staff member `id` when active: 422 `staff_not_found` otherwise.
async fn existing_staff(state: &AppState, id: i64) -> Result<StaffMember, ApiError> {
    match state.db.staff_member(StaffId(id)).await? {
        Some(member) if !member.archived => Ok(member),
        _ => Err(invalid(Invalid::new(
            ErrorCode::StaffNotFound,
            format!("there is no active staff member {id}"),
        ))),
    }
}

/// Appointment `id` as the salon's day shows it.
async fn answer(state: &AppState, id: i64, zone: &TimeZone) -> Result<SalonAppointment, ApiError> {
    let listed = state
        .db
        .salon_appointment(id)
        .await?
        .ok_or_else(|| no_appointment(id))?;
    Ok(view(&listed, zone))
}

fn view(listed: &Listed, zone: &TimeZone) -> SalonAppointment {
    let a = &listed.appointment;
    SalonAppointment {
        id: a.id,
        order_id: a.order_id,
        service_id: a.service_id,
        service: a.service.clone(),
        staff_id: a.staff_id.0,
        staff: a.staff.clone(),
        starts_at: a.starts_at,
        ends_at: a.ends_at,
        start_time: booking::wall_clock(zone, a.starts_at),
        end_time: booking::wall_clock(zone, a.ends_at),
        status: a.status,
        client: listed.client.clone(),
        username: Some(listed.username.clone()).filter(|u| !u.is_empty()),
        client_id: listed.client_id,
    }
}

fn refused_move(refusal: MoveRefusal) -> ApiError {
    let (status, code) = match refusal {
        MoveRefusal::Taken { .. } => (StatusCode::CONFLICT, ErrorCode::SlotTaken),
        MoveRefusal::NotWorking { .. } => (StatusCode::UNPROCESSABLE_ENTITY, ErrorCode::SlotNotOffered),
    };
    ApiError::new(status, code, refusal.to_string())
}

fn bad_date(typed: &str) -> ApiError {
    ApiError::bad_request(
        ErrorCode::BadDate,
        format!("date is written YYYY-MM-DD, not {typed:?}"),
    )
}

fn no_appointment(id: i64) -> ApiError {
    super::super::not_found(ErrorCode::AppointmentNotFound, "appointment", id)
}

fn not_booked(id: i64, status: AppointmentStatus) -> ApiError {
    ApiError::new(
        StatusCode::CONFLICT,
        ErrorCode::AppointmentNotBooked,
        format!(
            "appointment {id} is {}, not booked",
            status.as_str().replace('_', "-")
        ),
    )
}
