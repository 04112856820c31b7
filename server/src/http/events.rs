//! The storefront's events: `GET /api/events` (the upcoming ones, soonest first) and
//! `GET /api/events/{id}` (one event's page; 404 for an unknown, past or archived one). Public
//! like `GET /api/products`, and like it in the language the request asks ([`RequestLang`]). [`shown`] puts
//! events with their products for these and for the organiser's (`admin::events`).

use super::language::RequestLang;
use super::{ApiError, AppPath, AppState};
use crate::clock::now_ms;
use crate::shop::currencies::CurrencyTable;
use crate::shop::events::view::Shown;
use crate::shop::events::Event;
use app::catalog::ProductId;
use app::error_code::ErrorCode;
use app::events::{EventSummary, EventView};
use app::i18n::Locale;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use std::slice;

/// `GET /api/events`.
pub(super) async fn list(
    State(state): State<AppState>,
    RequestLang(lang): RequestLang,
) -> Result<Json<Vec<EventSummary>>, ApiError> {
    let now = now_ms();
    let events = state.db.events(Some(now)).await?;
    Ok(Json(
        shown(&state, &events, now, Some(lang), |shown| shown.summary()).await?,
    ))
}

/// `GET /api/events/{id}`.
pub(super) async fn page(
    State(state): State<AppState>,
    RequestLang(lang): RequestLang,
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
    let page = shown(&state, slice::from_ref(&event), now, Some(lang), |shown| {
        shown.page()
    })
    .await?;
    page.into_iter().next().map(Json).ok_or_else(no_such_event)
}

/// `events` as `view` shows each with its product at `now`, in the shop's time zone, for the
/// storefront (its texts in the shopper's `lang`) and the organiser (`None`: the shop's own
/// texts) alike; an event whose product is gone is left out.
pub(super) async fn shown<T>(
    state: &AppState,
    events: &[Event],
    now: i64,
    lang: Option<Locale>,
    view: impl Fn(&Shown<'_>) -> T,
) -> Result<Vec<T>, ApiError> {
    let products = match lang {
        Some(lang) => state.db.products_in(lang).await?,
        None => state.db.catalog().await?.1,
    };
    let time_zone = state.db.shop_settings().await?.time_zone;
    let shown = events.iter().filter_map(|event| {
        let product = products.iter().find(|p| p.id == event.id)?;
        Some(view(&Shown {
            event,
            product,
            time_zone: &time_zone,
            currencies: CurrencyTable::telegram(),
            now,
        }))
    });
    Ok(shown.collect())
}
