//! The salon's services as clients book them (issue #18): `GET /api/services` (the bookable
//! services, with who performs each at which price), `GET /api/services/{id}/dates` (the date
//! strip) and `GET /api/services/{id}/slots?date=YYYY-MM-DD[&staff=ID]` (the free times of
//! one date, for one staff member or "anyone available"). Public like `GET /api/products`.
//!
//! Free times are `crate::shop::appointments::slots`' in the shop's time zone at the clock's
//! now, leaving out the time taken by appointments booked or held (not lapsed).

use super::language::RequestLang;
use super::{ApiError, AppPath, AppQuery, AppState};
use crate::clock::now_ms;
use crate::shop::appointments::staff::{Service, StaffMember};
use crate::shop::appointments::{Hours, Interval, SlotQuery, Staff, StaffId};
use crate::shop::catalog::Product;
use crate::shop::currencies::CurrencyTable;
use crate::shop::events::TimeZone;
use app::appointments::{DateStrip, DaySlots, ServiceStaffView, ServiceView, Slot};
use app::catalog::ProductId;
use app::error_code::ErrorCode;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use jiff::civil::Date;
use serde::Deserialize;
use std::collections::HashMap;

const DAY_MS: i64 = 86_400_000;

/// `GET /api/services`: in catalog order, those with a staff member to book; their names in the
/// language the request asks ([`RequestLang`]).
pub(super) async fn list(
    State(state): State<AppState>,
    RequestLang(lang): RequestLang,
) -> Result<Json<Vec<ServiceView>>, ApiError> {
    let products = state.db.products_in(lang).await?;
    let services = state.db.services().await?;
    let staff = state.db.staff_members().await?;
    let time_zone = state.db.shop_settings().await?.time_zone;
    let views = products
        .iter()
        .filter_map(|product| {
            let service = services.iter().find(|s| s.id == product.id)?;
            view(service, product, &staff, &time_zone)
        })
        .collect();
    Ok(Json(views))
}

/// `?staff=ID` (absent: anyone available), and `date=YYYY-MM-DD` for the slots.
#[derive(Deserialize)]
pub(super) struct Question {
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    staff: Option<i64>,
}

/// `GET /api/services/{id}/dates`.
pub(super) async fn dates(
    State(state): State<AppState>,
    AppPath(id): AppPath<ProductId>,
    AppQuery(question): AppQuery<Question>,
) -> Result<Json<DateStrip>, ApiError> {
    let salon = Salon::load(&state, id, question.staff).await?;
    let query = salon.query(now_ms());
    let hours: Vec<Hours> = salon.staff.iter().map(StaffMember::hours).collect();
    let calendars = salon.calendars(&hours);
    let dates = query
        .free_dates(&calendars)
        .iter()
        .map(ToString::to_string)
        .collect();
    Ok(Json(DateStrip {
        time_zone: salon.time_zone.name().to_owned(),
        dates,
    }))
}

/// `GET /api/services/{id}/slots?date=YYYY-MM-DD[&staff=ID]`.
pub(super) async fn slots(
    State(state): State<AppState>,
    AppPath(id): AppPath<ProductId>,
    AppQuery(question): AppQuery<Question>,
) -> Result<Json<DaySlots>, ApiError> {
    let typed = question.date.as_deref().unwrap_or_default();
    let date: Date = typed.parse().map_err(|_| {
        ApiError::bad_request(
            ErrorCode::BadDate,
            format!("date is written YYYY-MM-DD, not {typed:?}"),
        )
    })?;
    let salon = Salon::load(&state, id, question.staff).await?;
    let query = salon.query(now_ms());
    let hours: Vec<Hours> = salon.staff.iter().map(StaffMember::hours).collect();
    let zone = salon.time_zone.zone().clone();
    let slots = query
        .anyone(&salon.calendars(&hours), date)
        .into_iter()
        .map(|open| Slot {
            starts_at: open.start,
            time: jiff::Timestamp::from_millisecond(open.start)
                .map(|at| at.to_zoned(zone.clone()).strftime("%H:%M").to_string())
                .unwrap_or_default(),
            staff: open.staff.iter().map(|s| s.0).collect(),
        })
        .collect();
    Ok(Json(DaySlots {
        date: date.to_string(),
        time_zone: salon.time_zone.name().to_owned(),
        slots,
    }))
}

/// A service with the calendars of the staff asked about, as one question needs them.
struct Salon {
    service: Service,
    staff: Vec<StaffMember>,
    busy: HashMap<StaffId, Vec<Interval>>,
    rules: crate::shop::appointments::BookingRules,
    time_zone: TimeZone,
}

impl Salon {
    /// Service `id` (404 `service_not_found` unless it is bookable) and its active staff, or
    /// only `staff` (404 `staff_not_found` unless they perform it).
    async fn load(state: &AppState, id: ProductId, staff: Option<i64>) -> Result<Salon, ApiError> {
        let no_service = || {
            ApiError::new(
                StatusCode::NOT_FOUND,
                ErrorCode::ServiceNotFound,
                format!("there is no service {}", id.0),
            )
        };
        let (_, products) = state.db.catalog().await?;
        if !products.iter().any(|p| p.id == id) {
            return Err(no_service());
        }
        let service = state.db.service(id).await?.ok_or_else(no_service)?;
        let members: Vec<StaffMember> = state
            .db
            .staff_members()
            .await?
            .into_iter()
            .filter(|m| !m.archived && service.staff.iter().any(|(s, _)| *s == m.id))
            .filter(|m| staff.is_none_or(|asked| m.id.0 == asked))
            .collect();
        if let (Some(asked), true) = (staff, members.is_empty()) {
            return Err(ApiError::new(
                StatusCode::NOT_FOUND,
                ErrorCode::StaffNotFound,
                format!("staff member {asked} does not perform this service"),
            ));
        }
        let rules = state.db.booking_rules().await?;
        let now = now_ms();
        let ids: Vec<StaffId> = members.iter().map(|m| m.id).collect();
        let reach = now + (rules.horizon_days() + 3) * DAY_MS;
        let busy = state.db.busy(&ids, now - 2 * DAY_MS, reach, now, None).await?;
        Ok(Salon {
            service,
            staff: members,
            busy,
            rules,
            time_zone: state.db.shop_settings().await?.time_zone,
        })
    }

    fn query(&self, now: i64) -> SlotQuery<'_> {
        SlotQuery {
            zone: &self.time_zone,
            rules: &self.rules,
            service: self.service.length,
            now,
        }
    }

    /// Each staff member's calendar, with `hours` in the same order as `self.staff`.
    fn calendars<'a>(&'a self, hours: &'a [Hours]) -> Vec<Staff<'a>> {
        self.staff
            .iter()
            .zip(hours)
            .map(|(member, hours)| Staff {
                id: member.id,
                hours,
                busy: self.busy.get(&member.id).map_or(&[], Vec::as_slice),
            })
            .collect()
    }
}

/// A service as clients see it, when an active staff member performs it.
fn view(
    service: &Service,
    product: &Product,
    staff: &[StaffMember],
    time_zone: &TimeZone,
) -> Option<ServiceView> {
    let currencies = CurrencyTable::telegram();
    let performers: Vec<(ServiceStaffView, app::money::Money)> = service
        .staff
        .iter()
        .filter_map(|(id, variant)| {
            let member = staff.iter().find(|m| m.id == *id && !m.archived)?;
            let variant = product.variant(*variant)?;
            Some((
                ServiceStaffView {
                    id: id.0,
                    name: member.details.name.clone(),
                    photo_url: member.details.photo_url.clone(),
                    variant_id: variant.id,
                    title: variant.name.clone(),
                    price_label: currencies.format(variant.price),
                },
                variant.price,
            ))
        })
        .collect();
    let from = performers
        .iter()
        .map(|(_, price)| *price)
        .min_by_key(|p| p.minor)?;
    Some(ServiceView {
        id: product.id,
        name: product.name.clone(),
        description: product.description.clone(),
        photo: product.gallery().swap_remove(0),
        duration_minutes: service.length.duration_minutes(),
        from_price_label: currencies.format(from),
        price_varies: performers.iter().any(|(_, price)| *price != from),
        staff: performers.into_iter().map(|(view, _)| view).collect(),
        time_zone: time_zone.name().to_owned(),
    })
}
