//! Shipping zones and rates under `/api/admin/shipping`: the options offered per destination
//! country, read by the bot's shipping and pre-checkout answers from the same table, so a
//! change applies to the next buyer's address.

use super::Admin;
use super::{body, invalid, unavailable};
use crate::http::{ApiError, AppState};
use crate::shop::settings::shipping::{CountryCode, RateId, RateTerms, ShippingRate};
use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{get, put};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};

/// Routes under `/api/admin/shipping`.
pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/shipping", get(list).post(add))
        .route("/shipping/{country_code}/{id}", put(update).delete(remove))
}

/// A rate as sent and answered.
#[derive(Debug, Serialize, Deserialize)]
pub struct ShippingRateWire {
    country_code: String,
    id: String,
    #[serde(flatten)]
    terms: TermsWire,
}

/// What a rate costs and how it is shown: the body of `PUT …/{country_code}/{id}`.
#[derive(Debug, Serialize, Deserialize)]
pub struct TermsWire {
    title: String,
    price_minor: i64,
    currency: String,
    #[serde(default)]
    position: i64,
}

impl From<ShippingRate> for ShippingRateWire {
    fn from(rate: ShippingRate) -> Self {
        ShippingRateWire {
            country_code: rate.country_code.as_str().to_owned(),
            id: rate.id.as_str().to_owned(),
            terms: TermsWire {
                title: rate.terms.title,
                price_minor: rate.terms.price_minor,
                currency: rate.terms.currency.as_str().to_owned(),
                position: rate.terms.position,
            },
        }
    }
}

impl TermsWire {
    fn parse(&self) -> Result<RateTerms, ApiError> {
        RateTerms::parse(&self.title, self.price_minor, &self.currency, self.position).map_err(invalid)
    }
}

/// `404 shipping_rate_not_found`; a path that is no rate's key names none.
fn no_such_rate(country: &str, id: &str) -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        "shipping_rate_not_found",
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
async fn list(State(state): State<AppState>, _admin: Admin) -> Result<Json<serde_json::Value>, ApiError> {
    let rates = state.db.all_shipping_rates().await.map_err(unavailable)?;
    let rates: Vec<ShippingRateWire> = rates.into_iter().map(ShippingRateWire::from).collect();
    Ok(Json(serde_json::json!({ "shipping": rates })))
}

/// `POST /api/admin/shipping` with a ShippingRate: 201, or 409 when the key is taken.
#[tracing::instrument(skip_all, fields(admin = admin.id))]
async fn add(
    State(state): State<AppState>,
    admin: Admin,
    request: Result<Json<ShippingRateWire>, JsonRejection>,
) -> Result<(StatusCode, Json<ShippingRateWire>), ApiError> {
    let request = body(request)?;
    let rate = ShippingRate {
        country_code: CountryCode::parse(&request.country_code).map_err(invalid)?,
        id: RateId::parse(&request.id).map_err(invalid)?,
        terms: request.terms.parse()?,
    };
    if !state.db.add_shipping_rate(&rate).await.map_err(unavailable)? {
        return Err(ApiError::new(
            StatusCode::CONFLICT,
            "shipping_rate_exists",
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
    Ok((StatusCode::CREATED, Json(rate.into())))
}

/// `PUT /api/admin/shipping/{country_code}/{id}` with `{"title", "price_minor", "currency", "position"}`.
#[tracing::instrument(skip_all, fields(admin = admin.id))]
async fn update(
    State(state): State<AppState>,
    admin: Admin,
    Path((country, id)): Path<(String, String)>,
    request: Result<Json<TermsWire>, JsonRejection>,
) -> Result<Json<ShippingRateWire>, ApiError> {
    let (country_code, id) = key(&country, &id)?;
    let terms = body(request)?.parse()?;
    let updated = state
        .db
        .update_shipping_rate(&country_code, &id, &terms)
        .await
        .map_err(unavailable)?;
    if !updated {
        return Err(no_such_rate(country_code.as_str(), id.as_str()));
    }
    Ok(Json(
        ShippingRate {
            country_code,
            id,
            terms,
        }
        .into(),
    ))
}

/// `DELETE /api/admin/shipping/{country_code}/{id}`: 204.
#[tracing::instrument(skip_all, fields(admin = admin.id))]
async fn remove(
    State(state): State<AppState>,
    admin: Admin,
    Path((country, id)): Path<(String, String)>,
) -> Result<StatusCode, ApiError> {
    let (country_code, rate_id) = key(&country, &id)?;
    match state
        .db
        .delete_shipping_rate(&country_code, &rate_id)
        .await
        .map_err(unavailable)?
    {
        true => Ok(StatusCode::NO_CONTENT),
        false => Err(no_such_rate(&country, &id)),
    }
}
