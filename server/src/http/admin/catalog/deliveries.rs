//! A digital variant's delivery, set by the merchant: `GET`/`PUT /api/admin/variants/{id}/delivery`
//! (what it delivers; a text/link, `protect_content`, the low-key warning level),
//! `POST …/delivery/file` (a file, multipart field `file`, at most 50 MB, stored by content
//! hash under `DELIVERY_DIR`, never under the public `/media`) and `POST …/delivery/keys`
//! (licence keys, one per line, added to the pool and to the stock). Only digital products'
//! variants deliver (`422 not_digital`).
//!
//! A file is written to a temporary name in the same directory and renamed into place, so a
//! crash never leaves half a file under its final name.

use super::variants::no_variant;
use crate::clock::now_ms;
use crate::http::admin::{invalid, Admin};
use crate::http::{ApiError, AppJson, AppPath, AppState};
use crate::shop::delivery::file::{CheckedFile, FileError, MAX_BYTES};
use crate::shop::delivery::keys::parse_keys;
use crate::shop::invalid::Invalid;
use crate::storage::delivery::VariantKind;
use app::admin_api::{AdminDelivery, KeysAdded, SetDelivery, UploadKeys};
use app::catalog::VariantId;
use app::error_code::ErrorCode;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{DefaultBodyLimit, Multipart, State};
use axum::http::StatusCode;
use axum::routing::{post, MethodRouter};
use axum::Json;

/// The file, plus room for the form's boundaries, headers and text fields.
const MAX_BODY: usize = MAX_BYTES + 64 * 1024;
/// The longest text/link delivery.
const MAX_TEXT_CHARS: usize = 4000;

/// `POST /api/admin/variants/{id}/delivery/file`, with a body limit that fits the file.
pub(super) fn file_route() -> MethodRouter<AppState> {
    post(upload_file).layer(DefaultBodyLimit::max(MAX_BODY))
}

/// 404 for a missing variant, 422 for one that is not a digital product's.
async fn digital(state: &AppState, id: VariantId) -> Result<(), ApiError> {
    match state.db.variant_kind(id).await? {
        VariantKind::Digital => Ok(()),
        VariantKind::Missing => Err(no_variant(id)),
        VariantKind::Other => Err(invalid(Invalid::new(
            ErrorCode::NotDigital,
            "only a digital product's variant delivers a file, keys or a text",
        ))),
    }
}

/// `GET /api/admin/variants/{id}/delivery`: the delivery, its free keys and the keys given.
pub(super) async fn show(
    State(state): State<AppState>,
    _admin: Admin,
    AppPath(id): AppPath<VariantId>,
) -> Result<Json<AdminDelivery>, ApiError> {
    digital(&state, id).await?;
    Ok(Json(state.db.admin_delivery(id).await?))
}

/// `PUT /api/admin/variants/{id}/delivery`: a text/link to reveal, and the options.
pub(super) async fn set(
    State(state): State<AppState>,
    admin: Admin,
    AppPath(id): AppPath<VariantId>,
    AppJson(request): AppJson<SetDelivery>,
) -> Result<Json<AdminDelivery>, ApiError> {
    digital(&state, id).await?;
    if let Some(level) = request.low_stock_at {
        if !(0..=1_000_000).contains(&level) {
            let message = "low_stock_at is a number of keys from 0 to 1000000";
            return Err(invalid(Invalid::new(ErrorCode::BadLowStockAt, message)));
        }
    }
    let now = now_ms();
    if let Some(text) = &request.text {
        let text = text.trim();
        if text.is_empty() || text.chars().count() > MAX_TEXT_CHARS {
            let message = "text: what the buyer gets is 1 to 4000 characters";
            return Err(invalid(Invalid::new(ErrorCode::BadDeliveryText, message)));
        }
        state.db.set_delivery_text(id, text, now).await?;
    }
    let options = (request.protect_content, request.low_stock_at);
    if options != (None, None)
        && !state
            .db
            .set_delivery_options(id, options.0, options.1, now)
            .await?
    {
        return Err(ApiError::new(
            StatusCode::NOT_FOUND,
            ErrorCode::DeliveryNotFound,
            "the variant delivers nothing yet: upload a file or keys, or give a text, first",
        ));
    }
    tracing::info!(variant_id = id.0, admin_id = %admin.id, "an admin set a delivery");
    Ok(Json(state.db.admin_delivery(id).await?))
}

/// `POST /api/admin/variants/{id}/delivery/keys`: adds keys to the pool (and the stock).
pub(super) async fn add_keys(
    State(state): State<AppState>,
    admin: Admin,
    AppPath(id): AppPath<VariantId>,
    AppJson(request): AppJson<UploadKeys>,
) -> Result<(StatusCode, Json<KeysAdded>), ApiError> {
    digital(&state, id).await?;
    let keys =
        parse_keys(&request.keys).map_err(|e| invalid(Invalid::new(ErrorCode::BadKeys, e.to_string())))?;
    let given = request.keys.lines().filter(|l| !l.trim().is_empty()).count() as i64;
    let upload = state.db.add_licence_keys(id, &keys, admin.id, now_ms()).await?;
    tracing::info!(variant_id = id.0, admin_id = %admin.id, added = upload.added, "an admin added licence keys");
    let answer = KeysAdded {
        added: upload.added,
        duplicates: given - upload.added,
        delivery: state.db.admin_delivery(id).await?,
    };
    Ok((StatusCode::CREATED, Json(answer)))
}

fn too_large() -> ApiError {
    ApiError::new(
        StatusCode::PAYLOAD_TOO_LARGE,
        ErrorCode::DeliveryFileTooLarge,
        FileError::TooLarge.to_string(),
    )
}

/// `POST /api/admin/variants/{id}/delivery/file`: 201 with the delivery.
async fn upload_file(
    State(state): State<AppState>,
    admin: Admin,
    AppPath(id): AppPath<VariantId>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<(StatusCode, Json<AdminDelivery>), ApiError> {
    digital(&state, id).await?;
    let mut multipart =
        multipart.map_err(|e| ApiError::bad_request(ErrorCode::BodyMalformed, e.body_text()))?;
    let failed = |e: axum::extract::multipart::MultipartError| match e.status() {
        StatusCode::PAYLOAD_TOO_LARGE => too_large(),
        _ => ApiError::bad_request(ErrorCode::BodyMalformed, e.body_text()),
    };
    let (mut bytes, mut name, mut file_name) = (None, None, None);
    while let Some(field) = multipart.next_field().await.map_err(failed)? {
        match field.name() {
            Some("file") => {
                file_name = field.file_name().map(str::to_owned);
                bytes = Some(field.bytes().await.map_err(failed)?);
            }
            Some("file_name") => name = Some(field.text().await.map_err(failed)?),
            _ => drop(field.bytes().await.map_err(failed)?),
        }
    }
    let no_file = || {
        Invalid::new(
            ErrorCode::BadDeliveryFile,
            "file: send the file in a field named file",
        )
    };
    let bytes = bytes.ok_or_else(|| invalid(no_file()))?;
    let name = name
        .filter(|n| !n.trim().is_empty())
        .or(file_name)
        .unwrap_or_default();
    let checked = CheckedFile::check(&bytes, &name).map_err(|error| match error {
        FileError::TooLarge => too_large(),
        FileError::Empty => invalid(Invalid::new(ErrorCode::BadDeliveryFile, error.to_string())),
        FileError::BadName => invalid(Invalid::new(ErrorCode::BadFileName, error.to_string())),
    })?;
    super::files::store(&state.deliveries.dir, &checked.hash, &bytes)
        .await
        .map_err(ApiError::unavailable)?;
    state.db.set_delivery_file(id, &checked, now_ms()).await?;
    tracing::info!(variant_id = id.0, admin_id = %admin.id, size = checked.size, "an admin uploaded a delivery file");
    Ok((StatusCode::CREATED, Json(state.db.admin_delivery(id).await?)))
}
