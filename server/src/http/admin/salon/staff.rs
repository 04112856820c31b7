//! Staff members and their calendars: created, listed, changed, archived; the whole week of
//! hours replaced at once; days off and blocked times added and removed. Every answer is the
//! staff member as they are after the change.

use super::super::{invalid, not_found, Admin};
use crate::clock::now_ms;
use crate::http::{ApiError, AppJson, AppPath, AppState};
use crate::shop::appointments::staff::{self as domain, BlockedTime, StaffDetails, StaffMember};
use crate::shop::appointments::StaffId;
use app::admin_api::{
    AdminStaff, BlockedTime as BlockedView, CreateStaff, DayOff, HoursRange, NewBlockedTime, StaffList,
    UpdateStaff, WeeklyHoursBody,
};
use app::error_code::ErrorCode;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;

/// `GET /api/admin/salon/staff`.
pub(super) async fn list(State(state): State<AppState>, _admin: Admin) -> Result<Json<StaffList>, ApiError> {
    let staff = state.db.staff_members().await?.iter().map(view).collect();
    Ok(Json(StaffList { staff }))
}

/// `POST /api/admin/salon/staff`.
#[tracing::instrument(skip_all, fields(admin = %admin.id))]
pub(super) async fn create(
    State(state): State<AppState>,
    admin: Admin,
    AppJson(body): AppJson<CreateStaff>,
) -> Result<(StatusCode, Json<AdminStaff>), ApiError> {
    let details =
        StaffDetails::parse(&body.name, body.photo_url.as_deref(), body.telegram_user_id).map_err(invalid)?;
    let id = state.db.create_staff(&details, now_ms()).await?;
    tracing::info!(staff_id = id.0, "an admin added a staff member");
    Ok((StatusCode::CREATED, answer(&state, id).await?))
}

/// `GET /api/admin/salon/staff/{id}`.
pub(super) async fn one(
    State(state): State<AppState>,
    _admin: Admin,
    AppPath(id): AppPath<i64>,
) -> Result<Json<AdminStaff>, ApiError> {
    answer(&state, StaffId(id)).await
}

/// `PATCH /api/admin/salon/staff/{id}`: only what is present moves.
pub(super) async fn update(
    State(state): State<AppState>,
    _admin: Admin,
    AppPath(id): AppPath<i64>,
    AppJson(change): AppJson<UpdateStaff>,
) -> Result<Json<AdminStaff>, ApiError> {
    let member = existing(&state, StaffId(id)).await?;
    let before = &member.details;
    let details = StaffDetails::parse(
        change.name.as_deref().unwrap_or(&before.name),
        change
            .photo_url
            .clone()
            .unwrap_or(before.photo_url.clone())
            .as_deref(),
        change.telegram_user_id.unwrap_or(before.telegram_user_id),
    )
    .map_err(invalid)?;
    let archived = change.archived.unwrap_or(member.archived);
    state
        .db
        .update_staff(member.id, &details, archived, now_ms())
        .await?;
    answer(&state, member.id).await
}

/// `POST /api/admin/salon/staff/{id}/archive`: offered to no client any more.
pub(super) async fn archive(
    State(state): State<AppState>,
    _admin: Admin,
    AppPath(id): AppPath<i64>,
) -> Result<Json<AdminStaff>, ApiError> {
    let member = existing(&state, StaffId(id)).await?;
    state
        .db
        .update_staff(member.id, &member.details, true, now_ms())
        .await?;
    answer(&state, member.id).await
}

/// `PUT /api/admin/salon/staff/{id}/hours`: the whole week.
pub(super) async fn hours(
    State(state): State<AppState>,
    _admin: Admin,
    AppPath(id): AppPath<i64>,
    AppJson(body): AppJson<WeeklyHoursBody>,
) -> Result<Json<AdminStaff>, ApiError> {
    let member = existing(&state, StaffId(id)).await?;
    let typed: Vec<(u8, &str, &str)> = body
        .ranges
        .iter()
        .map(|r| (r.weekday, r.start.as_str(), r.end.as_str()))
        .collect();
    let weekly = domain::parse_week(&typed).map_err(invalid)?;
    state.db.set_weekly_hours(member.id, &weekly).await?;
    answer(&state, member.id).await
}

/// `POST /api/admin/salon/staff/{id}/days-off`.
pub(super) async fn add_day_off(
    State(state): State<AppState>,
    _admin: Admin,
    AppPath(id): AppPath<i64>,
    AppJson(body): AppJson<DayOff>,
) -> Result<Json<AdminStaff>, ApiError> {
    let member = existing(&state, StaffId(id)).await?;
    let date = domain::parse_date(&body.date).map_err(invalid)?;
    state.db.add_day_off(member.id, date).await?;
    answer(&state, member.id).await
}

/// `DELETE /api/admin/salon/staff/{id}/days-off/{date}`.
pub(super) async fn remove_day_off(
    State(state): State<AppState>,
    _admin: Admin,
    AppPath((id, date)): AppPath<(i64, String)>,
) -> Result<Json<AdminStaff>, ApiError> {
    let member = existing(&state, StaffId(id)).await?;
    let date = domain::parse_date(&date).map_err(invalid)?;
    state.db.remove_day_off(member.id, date).await?;
    answer(&state, member.id).await
}

/// `POST /api/admin/salon/staff/{id}/blocked`.
pub(super) async fn add_blocked(
    State(state): State<AppState>,
    _admin: Admin,
    AppPath(id): AppPath<i64>,
    AppJson(body): AppJson<NewBlockedTime>,
) -> Result<Json<AdminStaff>, ApiError> {
    let member = existing(&state, StaffId(id)).await?;
    let (span, reason) = BlockedTime::parse(body.starts_at, body.ends_at, &body.reason).map_err(invalid)?;
    state.db.add_blocked(member.id, span, &reason).await?;
    answer(&state, member.id).await
}

/// `DELETE /api/admin/salon/staff/{id}/blocked/{blocked}`.
pub(super) async fn remove_blocked(
    State(state): State<AppState>,
    _admin: Admin,
    AppPath((id, blocked)): AppPath<(i64, i64)>,
) -> Result<Json<AdminStaff>, ApiError> {
    let member = existing(&state, StaffId(id)).await?;
    if !state.db.remove_blocked(member.id, blocked).await? {
        return Err(not_found(ErrorCode::BlockedTimeNotFound, "blocked time", blocked));
    }
    answer(&state, member.id).await
}

/// Staff member `id`, or `404 staff_not_found`.
async fn existing(state: &AppState, id: StaffId) -> Result<StaffMember, ApiError> {
    state
        .db
        .staff_member(id)
        .await?
        .ok_or_else(|| not_found(ErrorCode::StaffNotFound, "staff member", id.0))
}

/// Staff member `id` as the salon sees them now.
async fn answer(state: &AppState, id: StaffId) -> Result<Json<AdminStaff>, ApiError> {
    Ok(Json(view(&existing(state, id).await?)))
}

/// A staff member as the wire shows them.
pub(super) fn view(member: &StaffMember) -> AdminStaff {
    AdminStaff {
        id: member.id.0,
        name: member.details.name.clone(),
        photo_url: member.details.photo_url.clone(),
        telegram_user_id: member.details.telegram_user_id,
        archived: member.archived,
        hours: member
            .weekly
            .ranges()
            .iter()
            .map(|range| HoursRange {
                weekday: range.weekday().to_monday_one_offset() as u8,
                start: range.start().to_string(),
                end: range.end().to_string(),
            })
            .collect(),
        days_off: member.days_off.iter().map(ToString::to_string).collect(),
        blocked: member
            .blocked
            .iter()
            .map(|b| BlockedView {
                id: b.id,
                starts_at: b.span.start(),
                ends_at: b.span.end(),
                reason: b.reason.clone(),
            })
            .collect(),
    }
}
