//! The merchant's subscribers: `GET /api/admin/subscriptions` (every paid subscription, newest
//! first) and `POST /api/admin/subscriptions/{id}/cancel` (renewal cancelled through Telegram's
//! `editUserStarSubscription`: the subscriber keeps the month they paid, then lapses).

use super::Admin;
use crate::http::{ApiError, AppPath, AppState};
use crate::service::subscriptions;
use app::subscriptions::{SubscriptionId, SubscriptionList, SubscriptionView};
use axum::extract::State;
use axum::routing::{get, post};
use axum::{Json, Router};

/// Routes under `/api/admin`.
pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/subscriptions", get(list))
        .route("/subscriptions/{id}/cancel", post(cancel))
}

async fn list(State(state): State<AppState>, _admin: Admin) -> Result<Json<SubscriptionList>, ApiError> {
    let all = state.db.subscriptions(None).await?;
    Ok(Json(SubscriptionList {
        subscriptions: all.iter().map(|s| s.view()).collect(),
    }))
}

async fn cancel(
    State(state): State<AppState>,
    admin: Admin,
    AppPath(id): AppPath<i64>,
) -> Result<Json<SubscriptionView>, ApiError> {
    let view = subscriptions::change_renewal(&state.db, &state.bot, SubscriptionId(id), None, false).await?;
    tracing::info!(subscription_id = id, admin_id = %admin.id, "an admin cancelled a subscription's renewal");
    Ok(Json(view))
}
