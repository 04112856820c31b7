//! The merchant's categories: listed with how many products on sale each holds, created
//! (slug from the name unless given), renamed or moved, deleted once no product is in it.

use super::catalog::refused;
use super::Admin;
use super::{body, invalid, not_found, path_id};
use crate::http::{ApiError, AppState};
use crate::shop::catalog::input::{parse_position, parse_slug, slug_from, CategoryId, Invalid, Name};
use crate::storage::catalog::categories::{CategoryRecord, NewCategory};
use crate::storage::catalog::merchant::Change;
use axum::extract::rejection::{JsonRejection, PathRejection};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use serde::{Deserialize, Serialize};

/// A category as the merchant sees it; `products` counts those on sale.
#[derive(Debug, Serialize)]
pub struct AdminCategory {
    id: CategoryId,
    slug: String,
    name: String,
    position: i64,
    products: i64,
}

impl From<CategoryRecord> for AdminCategory {
    fn from(c: CategoryRecord) -> Self {
        AdminCategory {
            id: c.id,
            slug: c.slug,
            name: c.name,
            position: c.position,
            products: c.products,
        }
    }
}

#[derive(Debug, Serialize)]
pub struct CategoryList {
    categories: Vec<AdminCategory>,
}

fn no_category(id: CategoryId) -> ApiError {
    not_found("category_not_found", "category", id.0)
}

pub(super) async fn list(
    State(state): State<AppState>,
    _admin: Admin,
) -> Result<Json<CategoryList>, ApiError> {
    let categories = state
        .db
        .admin_categories()
        .await
        .map_err(|e| ApiError::unavailable(&e))?;
    Ok(Json(CategoryList {
        categories: categories.into_iter().map(AdminCategory::from).collect(),
    }))
}

/// `POST` and `PATCH` bodies: `name` (required to create), `slug`, `position`.
#[derive(Debug, Deserialize)]
pub struct CategoryBody {
    name: Option<String>,
    slug: Option<String>,
    position: Option<i64>,
}

impl CategoryBody {
    fn change(&self) -> Result<Change, Invalid> {
        Ok(Change {
            name: self.name.as_deref().map(Name::parse).transpose()?,
            slug: self.slug.as_deref().map(parse_slug).transpose()?,
            position: self.position.map(parse_position).transpose()?,
            ..Change::default()
        })
    }

    fn new_category(&self) -> Result<NewCategory, Invalid> {
        let change = self.change()?;
        let name = change.name.ok_or_else(|| Name::parse("").unwrap_err())?;
        Ok(NewCategory {
            slug: match change.slug {
                Some(slug) => slug,
                None => slug_from(&name)?,
            },
            name,
            position: change.position,
        })
    }
}

async fn answer(state: &AppState, id: CategoryId) -> Result<Json<AdminCategory>, ApiError> {
    let category = state
        .db
        .admin_category(id)
        .await
        .map_err(|e| ApiError::unavailable(&e))?;
    Ok(Json(category.ok_or_else(|| no_category(id))?.into()))
}

pub(super) async fn create(
    State(state): State<AppState>,
    _admin: Admin,
    request: Result<Json<CategoryBody>, JsonRejection>,
) -> Result<(StatusCode, Json<AdminCategory>), ApiError> {
    let new = body(request)?.new_category().map_err(invalid)?;
    let created = state
        .db
        .create_category(&new)
        .await
        .map_err(|e| ApiError::unavailable(&e))?;
    let id = created.map_err(|r| refused(r, no_category(CategoryId(0))))?;
    Ok((StatusCode::CREATED, answer(&state, id).await?))
}

pub(super) async fn update(
    State(state): State<AppState>,
    _admin: Admin,
    id: Result<Path<i64>, PathRejection>,
    request: Result<Json<CategoryBody>, JsonRejection>,
) -> Result<Json<AdminCategory>, ApiError> {
    let id = CategoryId(path_id(id)?);
    let change = body(request)?.change().map_err(invalid)?;
    let updated = state
        .db
        .update_category(id, &change)
        .await
        .map_err(|e| ApiError::unavailable(&e))?;
    updated.map_err(|r| refused(r, no_category(id)))?;
    answer(&state, id).await
}

pub(super) async fn remove(
    State(state): State<AppState>,
    _admin: Admin,
    id: Result<Path<i64>, PathRejection>,
) -> Result<StatusCode, ApiError> {
    let id = CategoryId(path_id(id)?);
    let deleted = state
        .db
        .delete_category(id)
        .await
        .map_err(|e| ApiError::unavailable(&e))?;
    deleted.map_err(|r| refused(r, no_category(id)))?;
    Ok(StatusCode::NO_CONTENT)
}
