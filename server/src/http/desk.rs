//! The salon's desk, under `/api/door/desk`: the client shows the voucher of their appointment
//! and the salon scans it with the door's scanner, which serves the appointment.
//!
//! Why the door's scanner and not a second one: a voucher is a voucher (issue #18 reuses the
//! tickets' for appointments), its QR text is signed the same way and the scanner page already
//! does nonces, retries, haptics and the typed code. The door's page (`/shop/events/door`)
//! offers "Salon desk" first in its picker to whoever `GET /api/door/desk` answers, and sends
//! what it reads there to `POST /api/door/desk/check-in` instead of the event's check-in; the
//! answer is the door's `CheckInResult`. A separate endpoint rather than an event id that
//! means "the desk" keeps the door's contract (an event's id, 404 for none) as it was.
//!
//! - `GET /api/door/desk` → `DeskDay`: today in the salon's time zone, with its appointments
//!   and how many were served;
//! - `POST /api/door/desk/check-in` `{code, nonce}` → served now (`admitted`: client, service,
//!   staff member, start), `already_checked_in` (when, by whom), `not_today` (its start),
//!   `revoked` (cancelled or refunded), `wrong_event` (an event's ticket), `unknown`; exactly
//!   once, the same answer again for a retried nonce (`crate::storage::vouchers::desk`).
//!
//! The shop's admins and the salon's staff (a staff member's Telegram account, as the salon
//! set it) may use the desk; anyone else is `403 not_door_staff`.

use super::auth::Shopper;
use super::{ApiError, AppJson, AppState};
use crate::clock::now_ms;
use crate::shop::appointments::desk::{day_span, local_date};
use crate::shop::vouchers::check_in::Nonce;
use crate::shop::vouchers::qr_text;
use crate::storage::vouchers::check_in::Scanned;
use crate::storage::vouchers::desk::DeskScan;
use app::appointments::{AppointmentStatus, DeskCheckIn, DeskDay};
use app::error_code::ErrorCode;
use app::events::CheckInResult;
use app::identity::UserId;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;

/// `GET /api/door/desk`.
pub(super) async fn day(
    State(state): State<AppState>,
    Shopper(init_data): Shopper,
) -> Result<Json<DeskDay>, ApiError> {
    desk_staff(&state, init_data.user.id).await?;
    let zone = state.db.shop_settings().await?.time_zone;
    let now = now_ms();
    let today = local_date(&zone, now).ok_or_else(clock_out_of_range)?;
    let (from, to) = day_span(&zone, today).ok_or_else(clock_out_of_range)?;
    let listed = state.db.salon_appointments(from, to, None, now).await?;
    let kept = |status| {
        matches!(
            status,
            AppointmentStatus::Booked | AppointmentStatus::Served | AppointmentStatus::NoShow
        )
    };
    let count = |wanted: fn(AppointmentStatus) -> bool| {
        listed.iter().filter(|l| wanted(l.appointment.status)).count() as i64
    };
    Ok(Json(DeskDay {
        date: today.to_string(),
        time_zone: zone.name().to_owned(),
        appointments: count(kept),
        served: count(|status| status == AppointmentStatus::Served),
    }))
}

/// `POST /api/door/desk/check-in`.
pub(super) async fn check_in(
    State(state): State<AppState>,
    Shopper(init_data): Shopper,
    AppJson(request): AppJson<DeskCheckIn>,
) -> Result<Json<CheckInResult>, ApiError> {
    let user = init_data.user.id;
    desk_staff(&state, user).await?;
    let nonce = Nonce::parse(&request.nonce).ok_or_else(|| {
        ApiError::bad_request(
            ErrorCode::BadNonce,
            "nonce is 16 to 64 characters of A-Z, a-z, 0-9, _ and -, new for each scan",
        )
    })?;
    let presented = qr_text::read(&request.code, &state.voucher_key.public());
    let zone = state.db.shop_settings().await?.time_zone;
    let scan = DeskScan {
        nonce: &nonce,
        presented: presented.as_ref(),
        by: user,
        by_first_name: &init_data.user.first_name,
        zone: &zone,
        now: now_ms(),
    };
    match state.db.desk_check_in(&scan).await? {
        Scanned::Answer(answer) => {
            tracing::info!(outcome = ?answer.outcome, scanned_by = %user, "a voucher was scanned at the desk");
            Ok(Json(answer))
        }
        Scanned::NonceReused => Err(ApiError::new(
            StatusCode::CONFLICT,
            ErrorCode::NonceReused,
            "this nonce answered another scan: send a new nonce for each scan",
        )),
    }
}

/// Refuses anyone but the shop's admins and the salon's active staff.
async fn desk_staff(state: &AppState, user: UserId) -> Result<(), ApiError> {
    if state.admins.contains(&user) || state.db.is_salon_staff(user).await? {
        return Ok(());
    }
    Err(ApiError::new(
        StatusCode::FORBIDDEN,
        ErrorCode::NotDoorStaff,
        "only the shop's admins and the salon's staff may serve clients at the desk",
    ))
}

/// The clock beyond the calendar's years (never, short of a broken clock).
fn clock_out_of_range() -> ApiError {
    ApiError::new(
        StatusCode::SERVICE_UNAVAILABLE,
        ErrorCode::Unavailable,
        "the shop's clock is outside the calendar",
    )
}
