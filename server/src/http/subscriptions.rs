//! The subscriber's Stars subscriptions: `GET /api/subscriptions` (theirs, "My subscriptions"),
//! `POST /api/subscriptions` with `{variant_id}` (a pending subscription and its invoice link,
//! to open with `openInvoice`), and `POST /api/subscriptions/{id}/renewal` with `{renews}`
//! (cancel or re-enable renewal, through Telegram). Someone else's subscription does not
//! exist (404).

use super::auth::Shopper;
use super::{ApiError, AppJson, AppPath, AppState};
use crate::service::subscriptions;
use crate::shop::rate_limit::Limited;
use app::subscriptions::{
    RenewalChange, SubscribeRequest, SubscribeResponse, SubscriptionId, SubscriptionList, SubscriptionView,
};
use axum::extract::State;
use axum::Json;

/// `GET /api/subscriptions`: the shopper's paid subscriptions, newest first.
pub(super) async fn list(
    State(state): State<AppState>,
    Shopper(init_data): Shopper,
) -> Result<Json<SubscriptionList>, ApiError> {
    let mine = state.db.subscriptions(Some(init_data.user.id)).await?;
    Ok(Json(SubscriptionList {
        subscriptions: mine.iter().map(|s| s.view()).collect(),
    }))
}

/// `POST /api/subscriptions`.
#[tracing::instrument(skip_all, fields(buyer_id = %init_data.user.id))]
pub(super) async fn subscribe(
    State(state): State<AppState>,
    Shopper(init_data): Shopper,
    AppJson(request): AppJson<SubscribeRequest>,
) -> Result<Json<SubscribeResponse>, ApiError> {
    let buyer = init_data.user.id;
    state
        .rate_limits
        .admit(&state.db, Limited::Checkout, buyer)
        .await?;
    let answer = subscriptions::subscribe(&state.db, &state.bot, &init_data.user, &request).await?;
    Ok(Json(answer))
}

/// `POST /api/subscriptions/{id}/renewal`.
pub(super) async fn renewal(
    State(state): State<AppState>,
    Shopper(init_data): Shopper,
    AppPath(id): AppPath<i64>,
    AppJson(change): AppJson<RenewalChange>,
) -> Result<Json<SubscriptionView>, ApiError> {
    let subscriber = Some(init_data.user.id);
    let view = subscriptions::change_renewal(
        &state.db,
        &state.bot,
        SubscriptionId(id),
        subscriber,
        change.renews,
    )
    .await?;
    Ok(Json(view))
}
