//! The merchant's product photos: uploaded as `multipart/form-data` (a file field `photo`, and
//! optional `alt` and `role` = `main` | `gallery`), checked by their bytes, stored once per
//! content under `UPLOAD_DIR` and served at `/media/<sha256>.<ext>`; gallery photos deleted.
//!
//! A file is written to a temporary name in the same directory and renamed into place, so a
//! crash never leaves half a photo under its final name.

use super::catalog::{answer, no_product, AdminProduct};
use super::Admin;
use super::{invalid, not_found, path_id};
use crate::http::{ApiError, AppState};
use crate::shop::catalog::input::{parse_alt, Invalid, PhotoId};
use crate::shop::catalog::photo::{CheckedPhoto, PhotoError, PhotoRole, MAX_BYTES};
use crate::shop::catalog::PhotoRef;
use app::catalog::ProductId;
use axum::extract::multipart::MultipartRejection;
use axum::extract::rejection::PathRejection;
use axum::extract::{DefaultBodyLimit, Multipart, Path, State};
use axum::http::StatusCode;
use axum::routing::{post, MethodRouter};
use axum::Json;
use tokio::io::AsyncWriteExt;

/// The photo, plus room for the form's boundaries, headers and text fields.
const MAX_BODY: usize = MAX_BYTES + 64 * 1024;

/// `POST /api/admin/products/{id}/photos`, with a body limit that fits a photo.
pub(super) fn upload_route() -> MethodRouter<AppState> {
    post(upload).layer(DefaultBodyLimit::max(MAX_BODY))
}

/// The upload form's fields.
#[derive(Default)]
struct Form {
    photo: Option<axum::body::Bytes>,
    alt: String,
    role: Option<String>,
}

fn too_large() -> ApiError {
    ApiError::new(
        StatusCode::PAYLOAD_TOO_LARGE,
        "image_too_large",
        PhotoError::TooLarge.to_string(),
    )
}

async fn read_form(mut multipart: Multipart) -> Result<Form, ApiError> {
    let failed = |e: axum::extract::multipart::MultipartError| match e.status() {
        StatusCode::PAYLOAD_TOO_LARGE => too_large(),
        _ => ApiError::bad_request("body_malformed", e.body_text()),
    };
    let mut form = Form::default();
    while let Some(field) = multipart.next_field().await.map_err(failed)? {
        match field.name() {
            Some("photo") => form.photo = Some(field.bytes().await.map_err(failed)?),
            Some("alt") => form.alt = field.text().await.map_err(failed)?,
            Some("role") => form.role = Some(field.text().await.map_err(failed)?),
            _ => drop(field.bytes().await.map_err(failed)?),
        }
    }
    Ok(form)
}

fn refused_photo(error: PhotoError) -> ApiError {
    let status = match error {
        PhotoError::TooLarge => return too_large(),
        PhotoError::Unsupported => (StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_image"),
        PhotoError::BadImage => (StatusCode::UNPROCESSABLE_ENTITY, "bad_image"),
    };
    ApiError::new(status.0, status.1, error.to_string())
}

async fn upload(
    State(state): State<AppState>,
    admin: Admin,
    id: Result<Path<i64>, PathRejection>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<(StatusCode, Json<AdminProduct>), ApiError> {
    let id = ProductId(path_id(id)?);
    let multipart = multipart.map_err(|e| ApiError::bad_request("body_malformed", e.body_text()))?;
    let form = read_form(multipart).await?;
    let bytes = form.photo.ok_or_else(|| {
        invalid(Invalid {
            code: "bad_photo",
            message: "photo: send the image in a file field named photo".into(),
        })
    })?;
    let checked = CheckedPhoto::check(&bytes).map_err(refused_photo)?;
    let alt = parse_alt(&form.alt).map_err(invalid)?;
    let Json(product) = answer(&state, id).await?;
    // An empty role (a form's "automatic" choice) is the same as none.
    let role = match form.role.as_deref().filter(|role| !role.is_empty()) {
        Some(role) => PhotoRole::parse(role).ok_or_else(|| {
            invalid(Invalid {
                code: "bad_role",
                message: "role is main or gallery".into(),
            })
        })?,
        None if product.shows_placeholder() => PhotoRole::Main,
        None => PhotoRole::Gallery,
    };
    store(&state.uploads, &checked, &bytes)
        .await
        .map_err(|e| ApiError::unavailable(&e))?;
    let photo = PhotoRef {
        url: checked.url(),
        width: checked.width,
        height: checked.height,
        alt,
    };
    let found = match role {
        PhotoRole::Main => state.db.set_main_photo(id, &photo).await,
        PhotoRole::Gallery => state.db.add_gallery_photo(id, &photo).await.map(|p| p.is_some()),
    };
    if !found.map_err(|e| ApiError::unavailable(&e))? {
        return Err(no_product(id));
    }
    tracing::info!(product_id = id.0, admin_id = admin.id, photo = %checked.file_name, "an admin added a photo");
    Ok((StatusCode::CREATED, answer(&state, id).await?))
}

/// Writes `bytes` as `dir/<photo.file_name>` unless that file exists (same name, same content).
async fn store(dir: &std::path::Path, photo: &CheckedPhoto, bytes: &[u8]) -> std::io::Result<()> {
    let target = dir.join(&photo.file_name);
    if tokio::fs::try_exists(&target).await? {
        return Ok(());
    }
    tokio::fs::create_dir_all(dir).await?;
    let mut nonce = [0u8; 8];
    getrandom::fill(&mut nonce).map_err(std::io::Error::other)?;
    let temp = dir.join(format!(".{}.{}.tmp", photo.file_name, hex::encode(nonce)));
    let written = async {
        let mut file = tokio::fs::File::create(&temp).await?;
        file.write_all(bytes).await?;
        file.sync_all().await?;
        tokio::fs::rename(&temp, &target).await
    };
    let result = written.await;
    if result.is_err() {
        let _ = tokio::fs::remove_file(&temp).await;
    }
    result
}

/// `DELETE /api/admin/products/{id}/photos/{photo_id}`: a gallery photo (the main one is
/// replaced by uploading another). The file stays: its URL is immutable and may be cached.
pub(super) async fn remove(
    State(state): State<AppState>,
    _admin: Admin,
    ids: Result<Path<(i64, i64)>, PathRejection>,
) -> Result<Json<AdminProduct>, ApiError> {
    let (id, photo) = path_id(ids)?;
    let (id, photo) = (ProductId(id), PhotoId(photo));
    let deleted = state.db.delete_gallery_photo(id, photo).await;
    if !deleted.map_err(|e| ApiError::unavailable(&e))? {
        return Err(not_found("photo_not_found", "gallery photo", photo.0));
    }
    answer(&state, id).await
}
