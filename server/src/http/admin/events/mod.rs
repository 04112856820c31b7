//! The organiser's events under `/api/admin/events` (the contract is
//! `app::admin_api::events`): listed, created (the `ticket` product, its ticket types and the
//! details in one transaction), read, changed, a ticket type's rules, closing sales, the door
//! staff; cancelling ([`cancel`]) and announcing in a channel ([`publish`]).
//!
//! The product's name, description, photo and prices stay the catalog's endpoints'.

mod cancel;
mod publish;

use super::catalog::{new_variant, refused};
use super::{invalid, not_found, Admin};
use crate::clock::now_ms;
use crate::http::events::shown;
use crate::http::{ApiError, AppJson, AppPath, AppState};
use crate::shop::catalog::input::{
    check_variant_names, parse_currency, parse_slug, slug_from, Description, Invalid, Name,
};
use crate::shop::currencies::CurrencyTable;
use crate::shop::events::{Event, EventDetails, TicketRules};
use crate::shop::kind::ProductKind;
use crate::storage::catalog::merchant::CatalogConflict;
use crate::storage::catalog::products::NewProduct;
use crate::storage::events::organiser::{Organised, Refusal};
use app::admin_api::{
    AdminEvent, AdminEventList, CreateEvent, CreateVariant, EventStaff, TicketTypeRules, UpdateEvent,
};
use app::catalog::{CategoryId, ProductId, VariantId};
use app::error_code::ErrorCode;
use app::identity::UserId;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post, put};
use axum::{Json, Router};
use std::slice;

/// The most ticket types one event has.
const MAX_TICKET_TYPES: usize = 20;
/// The most door staff one event has.
const MAX_STAFF: usize = 100;

/// The events' routes.
pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/events", get(list).post(create))
        .route("/events/{id}", get(one).patch(update))
        .route("/events/{id}/ticket-types/{variant_id}", put(rules))
        .route("/events/{id}/close-sales", post(close_sales))
        .route("/events/{id}/cancel", post(cancel::cancel))
        .route("/events/{id}/staff", put(staff))
        .route("/events/{id}/publish", post(publish::publish))
}

/// `GET /api/admin/events`: upcoming and past, soonest first.
async fn list(State(state): State<AppState>, _admin: Admin) -> Result<Json<AdminEventList>, ApiError> {
    let events = state.db.events(None).await?;
    let events = shown(&state, &events, now_ms(), None, |shown| shown.admin()).await?;
    Ok(Json(AdminEventList { events }))
}

/// `POST /api/admin/events`.
#[tracing::instrument(skip_all, fields(admin = %admin.id))]
async fn create(
    State(state): State<AppState>,
    admin: Admin,
    AppJson(request): AppJson<CreateEvent>,
) -> Result<(StatusCode, Json<AdminEvent>), ApiError> {
    let details = EventDetails::parse(&request).map_err(invalid)?;
    let (mut product, rules) = new_event_product(&request, &details).map_err(invalid)?;
    let base = product.slug.clone();
    // A second event of the same name gets the next free slug: `jazz-night-2`, …
    for attempt in 1..=20 {
        if attempt > 1 {
            product.slug = parse_slug(&format!("{}-{attempt}", base.as_str())).map_err(invalid)?;
        }
        match state
            .db
            .create_event(&product, &details, &rules, admin.id, now_ms())
            .await?
        {
            Err(Refusal::Catalog(CatalogConflict::SlugTaken)) => continue,
            outcome => {
                let event = organised(outcome)?;
                tracing::info!(event_id = event.id.0, "an admin created an event");
                return Ok((StatusCode::CREATED, answer(&state, &event).await?));
            }
        }
    }
    Err(organised::<Event>(Err(Refusal::Catalog(CatalogConflict::SlugTaken))).unwrap_err())
}

/// The event's `ticket` product and its types' rules, as sent: 1 to 20 named types, each with
/// its stock at its quota (or the capacity).
fn new_event_product(
    request: &CreateEvent,
    details: &EventDetails,
) -> Result<(NewProduct, Vec<TicketRules>), Invalid> {
    let name = Name::parse(&request.name)?;
    let currency = parse_currency(&request.currency, CurrencyTable::telegram())?;
    if !(1..=MAX_TICKET_TYPES).contains(&request.ticket_types.len()) {
        return Err(Invalid::new(
            ErrorCode::BadTicketTypes,
            format!("ticket_types holds 1 to {MAX_TICKET_TYPES} ticket types"),
        ));
    }
    let mut variants = Vec::with_capacity(request.ticket_types.len());
    let mut rules = Vec::with_capacity(request.ticket_types.len());
    for ticket_type in &request.ticket_types {
        let rule = TicketRules::parse(ticket_type.quota, ticket_type.max_per_order)?;
        let variant = CreateVariant {
            name: ticket_type.name.clone(),
            price_minor: ticket_type.price_minor,
            stock: rule.quota.unwrap_or(details.capacity.get()),
            stars_price: ticket_type.stars_price,
        };
        let variant = new_variant(&variant, currency)?;
        if variant.name.is_empty() {
            return Err(Invalid::new(
                ErrorCode::BadTicketTypes,
                "each ticket type has a name",
            ));
        }
        variants.push(variant);
        rules.push(rule);
    }
    check_variant_names(variants.iter().map(|v| &v.name))?;
    let product = NewProduct {
        category_id: CategoryId(request.category_id),
        slug: slug_from(&name)?,
        name,
        description: Description::parse(&request.description)?,
        currency,
        kind: ProductKind::Ticket,
        grants_chat_id: None,
        variants,
    };
    Ok((product, rules))
}

/// `GET /api/admin/events/{id}`.
async fn one(
    State(state): State<AppState>,
    _admin: Admin,
    AppPath(id): AppPath<ProductId>,
) -> Result<Json<AdminEvent>, ApiError> {
    let event = state.db.event(id).await?.ok_or_else(|| no_event(id))?;
    answer(&state, &event).await
}

/// `PATCH /api/admin/events/{id}`: the details after the change are checked as a whole.
#[tracing::instrument(skip_all, fields(admin = %admin.id, event_id = id.0))]
async fn update(
    State(state): State<AppState>,
    admin: Admin,
    AppPath(id): AppPath<ProductId>,
    AppJson(change): AppJson<UpdateEvent>,
) -> Result<Json<AdminEvent>, ApiError> {
    // Applied to the details as they are under the event's lock: only what the change names
    // moves, and the whole is checked again.
    let outcome = state
        .db
        .update_event(id, |details| details.changed(&change), now_ms())
        .await?;
    answer(&state, &organised_in(outcome, id, None)?).await
}

/// `PUT /api/admin/events/{id}/ticket-types/{variant_id}`.
async fn rules(
    State(state): State<AppState>,
    _admin: Admin,
    AppPath((id, variant)): AppPath<(ProductId, VariantId)>,
    AppJson(request): AppJson<TicketTypeRules>,
) -> Result<Json<AdminEvent>, ApiError> {
    let rules = TicketRules::parse(request.quota, Some(request.max_per_order)).map_err(invalid)?;
    let outcome = state.db.set_ticket_rules(id, variant, &rules).await?;
    answer(&state, &organised_in(outcome, id, Some(variant))?).await
}

/// `POST /api/admin/events/{id}/close-sales`.
#[tracing::instrument(skip_all, fields(admin = %admin.id, event_id = id.0))]
async fn close_sales(
    State(state): State<AppState>,
    admin: Admin,
    AppPath(id): AppPath<ProductId>,
) -> Result<Json<AdminEvent>, ApiError> {
    let event = organised_in(state.db.close_sales(id, now_ms()).await?, id, None)?;
    tracing::info!("an admin closed an event's sales");
    answer(&state, &event).await
}

/// `PUT /api/admin/events/{id}/staff`: up to 100 Telegram user ids, each once.
async fn staff(
    State(state): State<AppState>,
    _admin: Admin,
    AppPath(id): AppPath<ProductId>,
    AppJson(request): AppJson<EventStaff>,
) -> Result<Json<EventStaff>, ApiError> {
    let mut staff: Vec<UserId> = request.staff.clone();
    staff.sort_by_key(|user| user.0);
    staff.dedup();
    if staff.len() > MAX_STAFF || staff.iter().any(|user| user.0 <= 0) {
        return Err(invalid(Invalid::new(
            ErrorCode::BadStaff,
            format!("staff is up to {MAX_STAFF} Telegram user ids (positive numbers)"),
        )));
    }
    let staff = organised_in(state.db.set_event_staff(id, &staff).await?, id, None)?;
    Ok(Json(EventStaff { staff }))
}

/// The event as the organiser sees it now.
async fn answer(state: &AppState, event: &Event) -> Result<Json<AdminEvent>, ApiError> {
    let seen = shown(state, slice::from_ref(event), now_ms(), None, |shown| {
        shown.admin()
    })
    .await?;
    seen.into_iter()
        .next()
        .map(Json)
        .ok_or_else(|| no_event(event.id))
}

fn no_event(id: ProductId) -> ApiError {
    not_found(ErrorCode::EventNotFound, "event", id.0)
}

/// A change's refusal as answered; the event's id is unknown to the refusal itself.
fn organised<T>(outcome: Organised<T>) -> Result<T, ApiError> {
    organised_in(outcome, ProductId(0), None)
}

/// A change's refusal for event `id` (and ticket type `variant`) as answered.
fn organised_in<T>(outcome: Organised<T>, id: ProductId, variant: Option<VariantId>) -> Result<T, ApiError> {
    outcome.map_err(|refusal| match refusal {
        Refusal::NoSuchEvent => no_event(id),
        Refusal::NoSuchTicketType => not_found(
            ErrorCode::TicketTypeNotFound,
            "ticket type",
            variant.map_or(0, |v| v.0),
        ),
        Refusal::Cancelled => ApiError::new(
            StatusCode::CONFLICT,
            ErrorCode::EventCancelled,
            "the event is cancelled: it no longer changes",
        ),
        Refusal::BelowTaken { taken } => ApiError::new(
            StatusCode::CONFLICT,
            ErrorCode::BelowSold,
            format!("{taken} tickets are sold or held: it cannot be set below that"),
        ),
        Refusal::Catalog(conflict) => refused(conflict, no_event(id)),
        Refusal::Invalid(error) => invalid(error),
    })
}
