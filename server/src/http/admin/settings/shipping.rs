//! Shipping zones and rates under `/api/admin/shipping`: the options offered per destination
//! country, read by the bot's shipping and pre-checkout answers from the same table, so a
//! change applies to the next buyer's address.

use super::{invalid, Admin, ApiError, AppState};
use crate::http::{AppJson, AppPath};
use crate::shop::settings::shipping::{self, CountryCode, RateId};
use app::admin_api::{RateTerms, ShippingRate, ShippingRates};
use app::error_code::ErrorCode;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, put};
use axum::{Json, Router};

/// Routes under `/api/admin/shipping`.
pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/shipping", get(list).post(add))
        .route("/shipping/{country_code}/{id}", put(update).delete(remove))
}

/// A rate as the API shows it.
pub(super) fn shown(rate: shipping::ShippingRate) -> ShippingRate {
    ShippingRate {
        country_code: rate.country_code.as_str().to_owned(),
        id: rate.id.as_str().to_owned(),
        terms: RateTerms {
            title: rate.terms.title,
            price_minor: rate.terms.price_minor,
            currency: rate.terms.currency.as_str().to_owned(),
            position: rate.terms.position,
        },
    }
}

/// The terms as sent, parsed.
fn terms(terms: &RateTerms) -> Result<shipping::RateTerms, ApiError> {
    shipping::RateTerms::parse(&terms.title, terms.price_minor, &terms.currency, terms.position)
        .map_err(invalid)
}

/// `404 shipping_rate_not_found`; a path that is no rate's key names none.
fn no_such_rate(country: &str, id: &str) -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        ErrorCode::ShippingRateNotFound,
        format!("there is no shipping rate {id:?} to {country:?}"),
    )
}

fn key(country: &str, id: &str) -> Result<(CountryCode, RateId), ApiError> {
    match (CountryCode::parse(country), RateId::parse(id)) {
        (Ok(country), Ok(id)) => Ok((country, id)),
        _ => Err(no_such_rate(country, id)),
    }
}

/// `GET /api/admin/shipping`: `{"shipping": [ShippingRate]}` by country, then position.
async fn list(State(state): State<AppState>, _admin: Admin) -> Result<Json<ShippingRates>, ApiError> {
    let rates = state.db.all_shipping_rates().await?;
    Ok(Json(ShippingRates {
        shipping: rates.into_iter().map(shown).collect(),
    }))
}

/// `POST /api/admin/shipping` with a ShippingRate: 201, or 409 when the key is taken.
#[tracing::instrument(skip_all, fields(admin = %admin.id))]
async fn add(
    State(state): State<AppState>,
    admin: Admin,
    AppJson(request): AppJson<ShippingRate>,
) -> Result<(StatusCode, Json<ShippingRate>), ApiError> {
    let rate = shipping::ShippingRate {
        country_code: CountryCode::parse(&request.country_code).map_err(invalid)?,
        id: RateId::parse(&request.id).map_err(invalid)?,
        terms: terms(&request.terms)?,
    };
    if !state.db.add_shipping_rate(&rate).await? {
        return Err(ApiError::new(
            StatusCode::CONFLICT,
            ErrorCode::ShippingRateExists,
            format!(
                "{} already has a shipping rate {:?}; change it with PUT",
                rate.country_code.as_str(),
                rate.id.as_str()
            ),
        ));
    }
    tracing::info!(
        country = rate.country_code.as_str(),
        id = rate.id.as_str(),
        "shipping rate added"
    );
    Ok((StatusCode::CREATED, Json(shown(rate))))
}

/// `PUT /api/admin/shipping/{country_code}/{id}` with `{"title", "price_minor", "currency", "position"}`.
#[tracing::instrument(skip_all, fields(admin = %admin.id))]
async fn update(
    State(state): State<AppState>,
    admin: Admin,
    AppPath((country, id)): AppPath<(String, String)>,
    AppJson(request): AppJson<RateTerms>,
) -> Result<Json<ShippingRate>, ApiError> {
    let (country_code, id) = key(&country, &id)?;
    let terms = terms(&request)?;
    if !state.db.update_shipping_rate(&country_code, &id, &terms).await? {
        return Err(no_such_rate(country_code.as_str(), id.as_str()));
    }
    Ok(Json(shown(shipping::ShippingRate {
        country_code,
        id,
        terms,
    })))
}

/// `DELETE /api/admin/shipping/{country_code}/{id}`: 204.
#[tracing::instrument(skip_all, fields(admin = %admin.id))]
async fn remove(
    State(state): State<AppState>,
    admin: Admin,
    AppPath((country, id)): AppPath<(String, String)>,
) -> Result<StatusCode, ApiError> {
    let (country_code, rate_id) = key(&country, &id)?;
    match state.db.delete_shipping_rate(&country_code, &rate_id).await? {
        true => Ok(StatusCode::NO_CONTENT),
        false => Err(no_such_rate(&country, &id)),
    }
}
