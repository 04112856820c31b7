//! `GET /media/{name}`: the product photos the merchant uploaded, from `UPLOAD_DIR`.
//!
//! Only names the shop writes (`<hex SHA-256>.<ext>`) are looked up, so no path can leave the
//! directory. A name is its content's hash, so the answer never changes: cached for a year as
//! immutable, with its type fixed by the extension and `nosniff`.

use super::{ApiError, AppState};
use crate::shop::catalog::photo::stored_kind;
use app::error_code::ErrorCode;
use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

/// `GET /media/{name}`.
pub async fn photo(State(state): State<AppState>, Path(name): Path<String>) -> Result<Response, ApiError> {
    let not_found = || {
        ApiError::new(
            StatusCode::NOT_FOUND,
            ErrorCode::NotFound,
            format!("there is no photo {name}"),
        )
    };
    let kind = stored_kind(&name).ok_or_else(not_found)?;
    let bytes = match tokio::fs::read(state.uploads.join(&name)).await {
        Ok(bytes) => bytes,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Err(not_found()),
        Err(error) => {
            return Err(ApiError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                ErrorCode::Unavailable,
                "the photo cannot be read right now",
            )
            .caused_by(error))
        }
    };
    let headers = [
        (header::CONTENT_TYPE, kind.content_type()),
        (header::CACHE_CONTROL, "public, max-age=31536000, immutable"),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
    ];
    Ok((headers, bytes).into_response())
}
