//! The salon under `/api/admin/salon` (the contract is `app::admin_api::salon`): staff members
//! and their calendars ([`staff`]), services ([`services`]), the booking rules (here), and the
//! salon's day with its moves, cancellations and outcomes of appointments ([`appointments`]).
//! Input is parsed by `crate::shop::appointments`; a refusal is 422 with its code.

mod appointments;
mod services;
mod staff;

use super::{invalid, Admin};
use crate::clock::now_ms;
use crate::http::{ApiError, AppJson, AppState};
use crate::shop::appointments::{BookingRules, TypedRules};
use crate::shop::invalid::Invalid;
use app::admin_api::BookingRulesBody;
use app::error_code::ErrorCode;
use axum::extract::State;
use axum::routing::{delete, get, post, put};
use axum::{Json, Router};

/// The salon's routes.
pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/salon/staff", get(staff::list).post(staff::create))
        .route("/salon/staff/{id}", get(staff::one).patch(staff::update))
        .route("/salon/staff/{id}/archive", post(staff::archive))
        .route("/salon/staff/{id}/hours", put(staff::hours))
        .route("/salon/staff/{id}/days-off", post(staff::add_day_off))
        .route("/salon/staff/{id}/days-off/{date}", delete(staff::remove_day_off))
        .route("/salon/staff/{id}/blocked", post(staff::add_blocked))
        .route(
            "/salon/staff/{id}/blocked/{blocked}",
            delete(staff::remove_blocked),
        )
        .route("/salon/services", get(services::list))
        .route(
            "/salon/services/{id}",
            put(services::save).patch(services::update),
        )
        .route("/salon/rules", get(rules).put(save_rules))
        .route("/salon/appointments", get(appointments::day))
        .route("/salon/appointments/{id}/move", post(appointments::move_to))
        .route("/salon/appointments/{id}/cancel", post(appointments::cancel))
        .route("/salon/appointments/{id}/served", post(appointments::served))
        .route("/salon/appointments/{id}/no-show", post(appointments::no_show))
}

/// `GET /api/admin/salon/rules`.
async fn rules(State(state): State<AppState>, _admin: Admin) -> Result<Json<BookingRulesBody>, ApiError> {
    Ok(Json(rules_body(&state.db.booking_rules().await?)))
}

/// `PUT /api/admin/salon/rules`: absent fields take their defaults.
#[tracing::instrument(skip_all, fields(admin = %admin.id))]
async fn save_rules(
    State(state): State<AppState>,
    admin: Admin,
    AppJson(body): AppJson<BookingRulesBody>,
) -> Result<Json<BookingRulesBody>, ApiError> {
    let typed = TypedRules {
        horizon_days: body.horizon_days,
        min_notice_minutes: body.min_notice_minutes,
        step_minutes: body.step_minutes,
        self_service_minutes: body.self_service_minutes,
        refund_cancellations: body.refund_cancellations,
    };
    let rules = BookingRules::parse(&typed)
        .map_err(|e| invalid(Invalid::new(ErrorCode::BookingRulesInvalid, e.to_string())))?;
    state.db.save_booking_rules(&rules, now_ms()).await?;
    tracing::info!("an admin changed the booking rules");
    Ok(Json(rules_body(&rules)))
}

fn rules_body(rules: &BookingRules) -> BookingRulesBody {
    BookingRulesBody {
        horizon_days: Some(rules.horizon_days()),
        min_notice_minutes: Some(rules.min_notice_minutes()),
        step_minutes: Some(rules.step_minutes()),
        self_service_minutes: Some(rules.self_service_minutes()),
        refund_cancellations: Some(rules.refund_cancellations()),
    }
}
