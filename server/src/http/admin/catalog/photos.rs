//! The merchant's product photos: uploaded as `multipart/form-data` (a file field `photo`, and
//! optional `alt` and `role` = `main` | `gallery`), checked by their bytes, stored once per
//! content under `UPLOAD_DIR` and served at `/media/<sha256>.<ext>`; gallery photos deleted.
//!
//! A file is written to a temporary name in the same directory and renamed into place, so a
//! crash never leaves half a photo under its final name.

use super::{answer, no_product};
use crate::http::admin::{invalid, not_found, Admin};
use crate::http::{ApiError, AppPath, AppState};
use crate::shop::catalog::input::{parse_alt, Invalid};
use crate::shop::catalog::photo::{CheckedPhoto, PhotoError, PhotoRole, MAX_BYTES, PLACEHOLDER};
use crate::shop::catalog::PhotoRef;
use app::admin_api::AdminProduct;
use app::catalog::{PhotoId, ProductId};
use app::error_code::ErrorCode;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{DefaultBodyLimit, Multipart, State};
use axum::http::StatusCode;
use axum::routing::{post, MethodRouter};
use axum::Json;

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
        ErrorCode::ImageTooLarge,
        PhotoError::TooLarge.to_string(),
    )
}

async fn read_form(mut multipart: Multipart) -> Result<Form, ApiError> {
    let failed = |e: axum::extract::multipart::MultipartError| match e.status() {
        StatusCode::PAYLOAD_TOO_LARGE => too_large(),
        _ => ApiError::bad_request(ErrorCode::BodyMalformed, e.body_text()),
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
        PhotoError::Unsupported => (StatusCode::UNSUPPORTED_MEDIA_TYPE, ErrorCode::UnsupportedImage),
        PhotoError::BadImage => (StatusCode::UNPROCESSABLE_ENTITY, ErrorCode::BadImage),
    };
    ApiError::new(status.0, status.1, error.to_string())
}

/// `POST /api/admin/products/{id}/photos`: 201 with the product.
async fn upload(
    State(state): State<AppState>,
    admin: Admin,
    AppPath(id): AppPath<ProductId>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<(StatusCode, Json<AdminProduct>), ApiError> {
    let multipart = multipart.map_err(|e| ApiError::bad_request(ErrorCode::BodyMalformed, e.body_text()))?;
    let form = read_form(multipart).await?;
    let bytes = form.photo.ok_or_else(|| {
        invalid(Invalid::new(
            ErrorCode::BadPhoto,
            "photo: send the image in a file field named photo",
        ))
    })?;
    let checked = CheckedPhoto::check(&bytes).map_err(refused_photo)?;
    let alt = parse_alt(&form.alt).map_err(invalid)?;
    let Json(product) = answer(&state, id).await?;
    // An empty role (a form's "automatic" choice) is the same as none.
    let role = match form.role.as_deref().filter(|role| !role.is_empty()) {
        Some(role) => PhotoRole::parse(role)
            .ok_or_else(|| invalid(Invalid::new(ErrorCode::BadRole, "role is main or gallery")))?,
        None if product.photo.url == PLACEHOLDER.0 => PhotoRole::Main,
        None => PhotoRole::Gallery,
    };
    super::files::store(&state.uploads, &checked.file_name, &bytes)
        .await
        .map_err(ApiError::unavailable)?;
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
    if !found? {
        return Err(no_product(id));
    }
    tracing::info!(product_id = id.0, admin_id = %admin.id, photo = %checked.file_name, "an admin added a photo");
    Ok((StatusCode::CREATED, answer(&state, id).await?))
}

/// `DELETE /api/admin/products/{id}/photos/{photo_id}`: a gallery photo (the main one is
/// replaced by uploading another). The file stays: its URL is immutable and may be cached.
pub(super) async fn remove(
    State(state): State<AppState>,
    _admin: Admin,
    AppPath((id, photo)): AppPath<(ProductId, PhotoId)>,
) -> Result<Json<AdminProduct>, ApiError> {
    if !state.db.delete_gallery_photo(id, photo).await? {
        return Err(not_found(ErrorCode::PhotoNotFound, "gallery photo", photo.0));
    }
    answer(&state, id).await
}
