//! The door, under `/api/door`: door staff — the shop's admins (`ADMIN_USER_IDS`) and the
//! Telegram users the merchant named staff of an event — scan tickets in the Mini App; anyone
//! else is `403 not_door_staff`. Staff may scan, nothing else: the admin API stays closed to
//! them.
//!
//! - `GET /api/door/key` (open to all): the shop's Ed25519 public key, for door devices that
//!   check signatures offline;
//! - `GET /api/door/events`: the events this user may scan, not cancelled and not over, with
//!   their tickets and check-ins;
//! - `POST /api/door/check-in`: what the scanner read (or the short code typed) → admitted,
//!   already checked in (when, by whom), wrong event, revoked, unknown — exactly once, and the
//!   same answer again for a retried nonce;
//! - `/desk` and `/desk/check-in`: the salon's desk, where the same scanner serves a client's
//!   appointment by its voucher (`super::desk`).

use super::auth::Shopper;
use super::{ApiError, AppJson, AppState};
use crate::clock::now_ms;
use crate::shop::vouchers::check_in::{may_scan, Nonce};
use crate::shop::vouchers::{qr_text, STILL_ON_MS};
use crate::storage::vouchers::check_in::{Scan, Scanned};
use app::error_code::ErrorCode;
use app::events::{CheckInRequest, CheckInResult, DoorEvent, DoorKey, EventId};
use app::identity::UserId;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};

/// Routes under `/api/door`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/key", get(key))
        .route("/events", get(events))
        .route("/check-in", post(check_in))
        .route("/desk", get(super::desk::day))
        .route("/desk/check-in", post(super::desk::check_in))
}

/// `GET /api/door/key`.
async fn key(State(state): State<AppState>) -> Json<DoorKey> {
    Json(DoorKey {
        algorithm: "Ed25519".to_owned(),
        public_key: state.voucher_key.public().base64url(),
        format: "T1".to_owned(),
    })
}

fn not_door_staff(what: &str) -> ApiError {
    ApiError::new(
        StatusCode::FORBIDDEN,
        ErrorCode::NotDoorStaff,
        format!("only the shop's admins and {what} staff may scan tickets"),
    )
}

/// `GET /api/door/events`: every event for an admin, the events naming them for staff.
async fn events(
    State(state): State<AppState>,
    Shopper(init_data): Shopper,
) -> Result<Json<Vec<DoorEvent>>, ApiError> {
    let user = init_data.user.id;
    let staff = match state.admins.contains(&user) {
        true => None,
        false if state.db.is_any_event_staff(user).await? => Some(user),
        false => return Err(not_door_staff("an event's")),
    };
    let events = state.db.door_events(staff, now_ms() - STILL_ON_MS).await?;
    Ok(Json(events))
}

/// `POST /api/door/check-in`.
async fn check_in(
    State(state): State<AppState>,
    Shopper(init_data): Shopper,
    AppJson(request): AppJson<CheckInRequest>,
) -> Result<Json<CheckInResult>, ApiError> {
    let user = init_data.user.id;
    door_staff_of(&state, request.event_id, user).await?;
    let nonce = Nonce::parse(&request.nonce).ok_or_else(|| {
        ApiError::bad_request(
            ErrorCode::BadNonce,
            "nonce is 16 to 64 characters of A-Z, a-z, 0-9, _ and -, new for each scan",
        )
    })?;
    let presented = qr_text::read(&request.code, &state.voucher_key.public());
    let scan = Scan {
        nonce: &nonce,
        event: request.event_id,
        presented: presented.as_ref(),
        by: user,
        by_first_name: &init_data.user.first_name,
        now: now_ms(),
    };
    match state.db.check_in(&scan).await? {
        Scanned::Answer(answer) => Ok(Json(answer)),
        Scanned::NonceReused => Err(ApiError::new(
            StatusCode::CONFLICT,
            ErrorCode::NonceReused,
            "this nonce answered another scan: send a new nonce for each scan",
        )),
    }
}

/// Refuses a user who may not scan `event`'s tickets (403), and an event the shop does not
/// have (404, only admins can tell).
async fn door_staff_of(state: &AppState, event: EventId, user: UserId) -> Result<(), ApiError> {
    let admin = state.admins.contains(&user);
    let staff = !admin && state.db.is_event_staff(event, user).await?;
    if !may_scan(user, &state.admins, staff) {
        return Err(not_door_staff("this event's"));
    }
    if !state.db.event_exists(event).await? {
        return Err(ApiError::new(
            StatusCode::NOT_FOUND,
            ErrorCode::DoorEventNotFound,
            format!("there is no event {}", event.0),
        ));
    }
    Ok(())
}
