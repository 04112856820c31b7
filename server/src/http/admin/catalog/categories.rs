//! The merchant's categories: listed with how many products on sale each holds, created
//! (slug from the name unless given), renamed or moved, deleted once no product is in it.

use super::refused;
use crate::http::admin::{invalid, not_found, Admin};
use crate::http::{ApiError, AppJson, AppPath, AppState};
use crate::shop::catalog::input::{parse_position, parse_slug, slug_from, Invalid, Name};
use crate::shop::catalog::merchant::CategoryRecord;
use crate::storage::catalog::categories::NewCategory;
use crate::storage::catalog::merchant::Change;
use app::admin_api::{AdminCategory, CategoryFields, CategoryList};
use app::catalog::CategoryId;
use app::error_code::ErrorCode;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;

/// A category as the merchant's API shows it.
fn shown(c: CategoryRecord) -> AdminCategory {
    AdminCategory {
        id: c.id,
        slug: c.slug,
        name: c.name,
        position: c.position,
        products: c.products,
    }
}

fn no_category(id: CategoryId) -> ApiError {
    not_found(ErrorCode::CategoryNotFound, "category", id.0)
}

/// `GET /api/admin/categories`.
pub(super) async fn list(
    State(state): State<AppState>,
    _admin: Admin,
) -> Result<Json<CategoryList>, ApiError> {
    let categories = state.db.admin_categories().await?;
    Ok(Json(CategoryList {
        categories: categories.into_iter().map(shown).collect(),
    }))
}

/// The fields as sent, parsed as a change.
fn change(fields: &CategoryFields) -> Result<Change, Invalid> {
    Ok(Change {
        name: fields.name.as_deref().map(Name::parse).transpose()?,
        slug: fields.slug.as_deref().map(parse_slug).transpose()?,
        position: fields.position.map(parse_position).transpose()?,
        ..Change::default()
    })
}

/// The fields as sent, parsed as a new category (a name is required).
fn new_category(fields: &CategoryFields) -> Result<NewCategory, Invalid> {
    let change = change(fields)?;
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

async fn answer(state: &AppState, id: CategoryId) -> Result<Json<AdminCategory>, ApiError> {
    let category = state.db.admin_category(id).await?;
    Ok(Json(shown(category.ok_or_else(|| no_category(id))?)))
}

/// `POST /api/admin/categories`: 201 with the category.
pub(super) async fn create(
    State(state): State<AppState>,
    _admin: Admin,
    AppJson(fields): AppJson<CategoryFields>,
) -> Result<(StatusCode, Json<AdminCategory>), ApiError> {
    let new = new_category(&fields).map_err(invalid)?;
    let created = state.db.create_category(&new).await?;
    let id = created.map_err(|r| refused(r, no_category(CategoryId(0))))?;
    Ok((StatusCode::CREATED, answer(&state, id).await?))
}

/// `PATCH /api/admin/categories/{id}`.
pub(super) async fn update(
    State(state): State<AppState>,
    _admin: Admin,
    AppPath(id): AppPath<CategoryId>,
    AppJson(fields): AppJson<CategoryFields>,
) -> Result<Json<AdminCategory>, ApiError> {
    let change = change(&fields).map_err(invalid)?;
    let updated = state.db.update_category(id, &change).await?;
    updated.map_err(|r| refused(r, no_category(id)))?;
    answer(&state, id).await
}

/// `DELETE /api/admin/categories/{id}`: 204, or 409 while products are in it.
pub(super) async fn remove(
    State(state): State<AppState>,
    _admin: Admin,
    AppPath(id): AppPath<CategoryId>,
) -> Result<StatusCode, ApiError> {
    let deleted = state.db.delete_category(id).await?;
    deleted.map_err(|r| refused(r, no_category(id)))?;
    Ok(StatusCode::NO_CONTENT)
}
