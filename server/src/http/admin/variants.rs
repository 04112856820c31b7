//! The merchant's variants: added to a product, renamed, repriced or moved, deleted while no
//! order names them; and their stock, changed only by adjustments kept as history.

use super::catalog::{answer, no_product, present, refused, AdminProduct, VariantBody};
use super::Admin;
use super::{body, invalid, not_found, path_id};
use crate::clock::now_ms;
use crate::http::{ApiError, AppState};
use crate::shop::catalog::input::{
    parse_position, parse_price, parse_stars_price, StockAdjustment, VariantName,
};
use crate::shop::currencies::CurrencyTable;
use crate::storage::catalog::stock::StockMovement;
use crate::storage::catalog::variants::VariantChange;
use app::catalog::{ProductId, VariantId};
use axum::extract::rejection::{JsonRejection, PathRejection};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use serde::{Deserialize, Serialize};

fn no_variant(id: VariantId) -> ApiError {
    not_found("variant_not_found", "variant", id.0)
}

/// `POST /api/admin/products/{id}/variants`: `{"name", "price_minor", "stock", "stars_price"}`.
pub(super) async fn create(
    State(state): State<AppState>,
    admin: Admin,
    id: Result<Path<i64>, PathRejection>,
    request: Result<Json<VariantBody>, JsonRejection>,
) -> Result<(StatusCode, Json<AdminProduct>), ApiError> {
    let id = ProductId(path_id(id)?);
    let request = body(request)?;
    let Json(product) = answer(&state, id).await?;
    let new = request.parse(product.currency()).map_err(invalid)?;
    let added = state.db.add_variant(id, &new, admin.id, now_ms()).await;
    added
        .map_err(|e| ApiError::unavailable(&e))?
        .map_err(|r| refused(r, no_product(id)))?;
    Ok((StatusCode::CREATED, answer(&state, id).await?))
}

/// `PATCH /api/admin/variants/{id}` body; stock changes through adjustments only.
/// `stars_price`: absent keeps it, `null` removes it, a number of Stars sets it.
#[derive(Debug, Deserialize)]
pub struct UpdateBody {
    name: Option<String>,
    price_minor: Option<i64>,
    position: Option<i64>,
    #[serde(default, deserialize_with = "present")]
    stars_price: Option<Option<i64>>,
}

pub(super) async fn update(
    State(state): State<AppState>,
    _admin: Admin,
    id: Result<Path<i64>, PathRejection>,
    request: Result<Json<UpdateBody>, JsonRejection>,
) -> Result<Json<AdminProduct>, ApiError> {
    let id = VariantId(path_id(id)?);
    let request = body(request)?;
    let owner = state
        .db
        .variant_owner(id)
        .await
        .map_err(|e| ApiError::unavailable(&e))?;
    let Json(product) = answer(&state, owner.ok_or_else(|| no_variant(id))?).await?;
    let price = request
        .price_minor
        .map(|minor| parse_price(minor, product.currency(), CurrencyTable::telegram()));
    let change = VariantChange {
        name: request
            .name
            .as_deref()
            .map(VariantName::parse)
            .transpose()
            .map_err(invalid)?,
        price: price.transpose().map_err(invalid)?,
        stars_price: match request.stars_price {
            Some(Some(stars)) => Some(Some(
                parse_stars_price(stars, product.currency()).map_err(invalid)?,
            )),
            Some(None) => Some(None),
            None => None,
        },
        position: request
            .position
            .map(parse_position)
            .transpose()
            .map_err(invalid)?,
    };
    let updated = state
        .db
        .update_variant(id, &change)
        .await
        .map_err(|e| ApiError::unavailable(&e))?;
    answer(&state, updated.map_err(|r| refused(r, no_variant(id)))?).await
}

/// `DELETE /api/admin/variants/{id}`: the product without it.
pub(super) async fn remove(
    State(state): State<AppState>,
    _admin: Admin,
    id: Result<Path<i64>, PathRejection>,
) -> Result<Json<AdminProduct>, ApiError> {
    let id = VariantId(path_id(id)?);
    let deleted = state
        .db
        .delete_variant(id)
        .await
        .map_err(|e| ApiError::unavailable(&e))?;
    answer(&state, deleted.map_err(|r| refused(r, no_variant(id)))?).await
}

/// `POST /api/admin/variants/{id}/stock` body.
#[derive(Debug, Deserialize)]
pub struct AdjustBody {
    delta: i64,
    reason: String,
}

#[derive(Debug, Serialize)]
pub struct Adjusted {
    stock: i64,
    movement: StockMovement,
}

pub(super) async fn adjust(
    State(state): State<AppState>,
    admin: Admin,
    id: Result<Path<i64>, PathRejection>,
    request: Result<Json<AdjustBody>, JsonRejection>,
) -> Result<Json<Adjusted>, ApiError> {
    let id = VariantId(path_id(id)?);
    let request = body(request)?;
    let adjustment = StockAdjustment::parse(request.delta, &request.reason).map_err(invalid)?;
    let adjusted = state.db.adjust_stock(id, &adjustment, admin.id, now_ms()).await;
    let movement = adjusted
        .map_err(|e| ApiError::unavailable(&e))?
        .map_err(|r| refused(r, no_variant(id)))?;
    tracing::info!(
        variant_id = id.0,
        admin_id = admin.id,
        delta = movement.delta,
        "an admin adjusted stock"
    );
    Ok(Json(Adjusted {
        stock: movement.stock_after,
        movement,
    }))
}

#[derive(Debug, Serialize)]
pub struct History {
    stock: i64,
    movements: Vec<StockMovement>,
}

/// `GET /api/admin/variants/{id}/stock`: the stock and its movements, newest first.
pub(super) async fn history(
    State(state): State<AppState>,
    _admin: Admin,
    id: Result<Path<i64>, PathRejection>,
) -> Result<Json<History>, ApiError> {
    let id = VariantId(path_id(id)?);
    let found = state
        .db
        .stock_history(id)
        .await
        .map_err(|e| ApiError::unavailable(&e))?;
    let (stock, movements) = found.ok_or_else(|| no_variant(id))?;
    Ok(Json(History { stock, movements }))
}
