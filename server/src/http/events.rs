//! The storefront's events: `GET /api/events` (the upcoming ones, soonest first) and
//! `GET /api/events/{id}` (one event's page; 404 for an unknown, past or archived one). Public
//! like `GET /api/products`: the catalog they show is the same for everyone.

use super::{ApiError, AppPath, AppState};
use crate::clock::now_ms;
use crate::shop::currencies::CurrencyTable;
use crate::shop::events::view::Shown;
use app::catalog::ProductId;
use app::error_code::ErrorCode;
use app::events::{EventSummary, EventView};
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;

/// `GET /api/events`.
pub(super) async fn list(State(state): State<AppState>) -> Result<Json<Vec<EventSummary>>, ApiError> {
    let now = now_ms();
    let (_, products) = state.db.catalog().await?;
    let time_zone = state.db.shop_settings().await?.time_zone;
    let events = state.db.events(Some(now)).await?;
    let summaries = events
        .iter()
        .filter_map(|event| {
            let product = products.iter().find(|p| p.id == event.id)?;
            let shown = Shown {
                event,
                product,
                time_zone: &time_zone,
                currencies: CurrencyTable::telegram(),
                now,
            };
            Some(shown.summary())
        })
        .collect();
    Ok(Json(summaries))
}

/// `GET /api/events/{id}`.
pub(super) async fn page(
    State(state): State<AppState>,
    AppPath(id): AppPath<ProductId>,
) -> Result<Json<EventView>, ApiError> {
    let now = now_ms();
    let no_such_event = || {
        ApiError::new(
            StatusCode::NOT_FOUND,
            ErrorCode::EventNotFound,
            format!("there is no upcoming event {}", id.0),
        )
    };
    let event = state
        .db
        .event(id)
        .await?
        .filter(|e| !e.is_past(now))
        .ok_or_else(no_such_event)?;
    let (_, products) = state.db.catalog().await?;
    let product = products.iter().find(|p| p.id == id).ok_or_else(no_such_event)?;
    let time_zone = state.db.shop_settings().await?.time_zone;
    let shown = Shown {
        event: &event,
        product,
        time_zone: &time_zone,
        currencies: CurrencyTable::telegram(),
        now,
    };
    Ok(Json(shown.page()))
}
