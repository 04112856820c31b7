//! The merchant's products: listed (on sale, archived or both), created with their variants
//! and the placeholder photo, edited (the currency stays what it was created in), archived
//! (gone from the storefront, carts and checkout; kept in past orders) and put back on sale.

use super::catalog::{answer, no_product, refused, AdminProduct, VariantBody};
use super::Admin;
use super::{body, invalid, not_found, path_id};
use crate::clock::now_ms;
use crate::http::{ApiError, AppState};
use crate::shop::catalog::input::{
    check_variant_names, parse_currency, parse_position, parse_slug, slug_from, CategoryId, Description,
    Invalid, Name,
};
use crate::shop::currencies::CurrencyTable;
use crate::shop::kind::ProductKind;
use crate::storage::catalog::merchant::{Archived, Change};
use crate::storage::catalog::products::NewProduct;
use app::catalog::ProductId;
use axum::extract::rejection::{JsonRejection, PathRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::Json;
use serde::{Deserialize, Serialize};

/// `GET /api/admin/products` query: `archived` is `false` (default), `true` or `all`.
#[derive(Debug, Deserialize)]
pub struct ListQuery {
    archived: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct ProductList {
    products: Vec<AdminProduct>,
}

pub(super) async fn list(
    State(state): State<AppState>,
    _admin: Admin,
    query: Result<Query<ListQuery>, QueryRejection>,
) -> Result<Json<ProductList>, ApiError> {
    let Query(query) = query.map_err(|e| ApiError::bad_request("query_malformed", e.body_text()))?;
    let archived = match query.archived.as_deref().unwrap_or("false") {
        "false" => Archived::No,
        "true" => Archived::Only,
        "all" => Archived::Both,
        _ => {
            return Err(invalid(Invalid {
                code: "bad_archived",
                message: "archived is false, true or all".into(),
            }))
        }
    };
    let products = state
        .db
        .admin_products(archived)
        .await
        .map_err(|e| ApiError::unavailable(&e))?;
    let currencies = CurrencyTable::telegram();
    let products = products
        .into_iter()
        .map(|p| AdminProduct::from_record(p, currencies))
        .collect();
    Ok(Json(ProductList { products }))
}

pub(super) async fn one(
    State(state): State<AppState>,
    _admin: Admin,
    id: Result<Path<i64>, PathRejection>,
) -> Result<Json<AdminProduct>, ApiError> {
    answer(&state, ProductId(path_id(id)?)).await
}

/// `POST /api/admin/products` body.
#[derive(Debug, Deserialize)]
pub struct CreateBody {
    category_id: i64,
    name: String,
    slug: Option<String>,
    #[serde(default)]
    description: String,
    currency: String,
    /// `parcel`, `appointment`, `ticket` or `digital`; by default `digital` for Stars (which
    /// are for digital goods) and `parcel` otherwise.
    fulfilment: Option<String>,
    variants: Vec<VariantBody>,
}

impl CreateBody {
    fn parse(&self) -> Result<NewProduct, Invalid> {
        let name = Name::parse(&self.name)?;
        let currency = parse_currency(&self.currency, CurrencyTable::telegram())?;
        let kind = ProductKind::parse_input(self.fulfilment.as_deref(), currency)?;
        let variants = self
            .variants
            .iter()
            .map(|v| v.parse(currency))
            .collect::<Result<Vec<_>, _>>()?;
        check_variant_names(variants.iter().map(|v| &v.name))?;
        Ok(NewProduct {
            category_id: CategoryId(self.category_id),
            slug: match &self.slug {
                Some(slug) => parse_slug(slug)?,
                None => slug_from(&name)?,
            },
            name,
            description: Description::parse(&self.description)?,
            currency,
            kind,
            variants,
        })
    }
}

pub(super) async fn create(
    State(state): State<AppState>,
    admin: Admin,
    request: Result<Json<CreateBody>, JsonRejection>,
) -> Result<(StatusCode, Json<AdminProduct>), ApiError> {
    let new = body(request)?.parse().map_err(invalid)?;
    let id = state
        .db
        .create_product(&new, admin.id, now_ms())
        .await
        .map_err(|e| ApiError::unavailable(&e))?
        .map_err(|r| refused(r, not_found("category_not_found", "category", new.category_id.0)))?;
    tracing::info!(
        product_id = id.0,
        admin_id = admin.id,
        "an admin created a product"
    );
    Ok((StatusCode::CREATED, answer(&state, id).await?))
}

/// `PATCH /api/admin/products/{id}` body; every field optional. `currency` may only repeat
/// the product's own.
#[derive(Debug, Deserialize)]
pub struct UpdateBody {
    category_id: Option<i64>,
    name: Option<String>,
    slug: Option<String>,
    description: Option<String>,
    position: Option<i64>,
    currency: Option<String>,
}

impl UpdateBody {
    fn parse(&self) -> Result<Change, Invalid> {
        Ok(Change {
            category_id: self.category_id.map(CategoryId),
            name: self.name.as_deref().map(Name::parse).transpose()?,
            slug: self.slug.as_deref().map(parse_slug).transpose()?,
            description: self.description.as_deref().map(Description::parse).transpose()?,
            position: self.position.map(parse_position).transpose()?,
        })
    }
}

pub(super) async fn update(
    State(state): State<AppState>,
    _admin: Admin,
    id: Result<Path<i64>, PathRejection>,
    request: Result<Json<UpdateBody>, JsonRejection>,
) -> Result<Json<AdminProduct>, ApiError> {
    let id = ProductId(path_id(id)?);
    let request = body(request)?;
    let change = request.parse().map_err(invalid)?;
    if let Some(currency) = &request.currency {
        let Json(product) = answer(&state, id).await?;
        if currency.trim() != product.currency().as_str() {
            return Err(ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "currency_fixed",
                "currency: a product keeps the currency it was created in",
            ));
        }
    }
    let updated = state
        .db
        .update_product(id, &change)
        .await
        .map_err(|e| ApiError::unavailable(&e))?;
    updated.map_err(|r| refused(r, no_product(id)))?;
    answer(&state, id).await
}

pub(super) async fn archive(
    State(state): State<AppState>,
    admin: Admin,
    id: Result<Path<i64>, PathRejection>,
) -> Result<Json<AdminProduct>, ApiError> {
    set_archived(state, admin, id, true).await
}

pub(super) async fn unarchive(
    State(state): State<AppState>,
    admin: Admin,
    id: Result<Path<i64>, PathRejection>,
) -> Result<Json<AdminProduct>, ApiError> {
    set_archived(state, admin, id, false).await
}

async fn set_archived(
    state: AppState,
    admin: Admin,
    id: Result<Path<i64>, PathRejection>,
    archived: bool,
) -> Result<Json<AdminProduct>, ApiError> {
    let id = ProductId(path_id(id)?);
    let at = archived.then(now_ms);
    let found = state
        .db
        .set_archived(id, at)
        .await
        .map_err(|e| ApiError::unavailable(&e))?;
    if !found {
        return Err(no_product(id));
    }
    tracing::info!(
        product_id = id.0,
        admin_id = admin.id,
        archived,
        "an admin archived or restored a product"
    );
    answer(&state, id).await
}
