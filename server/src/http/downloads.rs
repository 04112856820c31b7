//! `GET /api/downloads/{token}`: a paid digital file, through the signed, expiring link the
//! order page offers (`crate::shop::delivery::token`), as an attachment. A link that is not
//! this shop's is 404; an expired one, or one whose order is no longer paid (refunded), 410 —
//! with a JSON body that says which. No initData: the link itself is the credential (Telegram's
//! `web_app_request_file_download` fetches it without the Mini App's headers), short-lived and
//! bound to one order's line.

use super::{ApiError, AppState};
use crate::shop::delivery::file::is_stored_name;
use crate::shop::delivery::token::{DownloadToken, TokenError};
use crate::shop::delivery::DeliveredItem;
use app::error_code::ErrorCode;
use app::orders::{DeliveryItem, DeliveryView, OrderStatus};
use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

/// Where download links are served.
pub const PATH: &str = "/api/downloads";

/// `GET /api/downloads/{token}`.
pub async fn download(
    State(state): State<AppState>,
    Path(token): Path<String>,
) -> Result<Response, ApiError> {
    let now = crate::clock::now_secs();
    let token = DownloadToken::verify(&token, &state.deliveries.key, now).map_err(|error| match error {
        TokenError::Invalid => ApiError::new(
            StatusCode::NOT_FOUND,
            ErrorCode::DownloadInvalid,
            error.to_string(),
        ),
        TokenError::Expired => ApiError::new(StatusCode::GONE, ErrorCode::DownloadExpired, error.to_string()),
    })?;
    let revoked = || {
        ApiError::new(
            StatusCode::GONE,
            ErrorCode::DownloadRevoked,
            "the order is no longer paid (it was refunded): this download is revoked",
        )
    };
    let order = state.db.order(token.order).await?.ok_or_else(revoked)?;
    if order.status != OrderStatus::Paid {
        return Err(revoked());
    }
    let file = state
        .db
        .order_deliveries(token.order)
        .await?
        .into_iter()
        .find(|d| d.variant_id == token.variant)
        .and_then(|d| match d.what {
            DeliveredItem::File(file) if is_stored_name(&file.hash) => Some(file),
            _ => None,
        })
        .ok_or_else(revoked)?;
    let bytes = tokio::fs::read(state.deliveries.dir.join(&file.hash))
        .await
        .map_err(ApiError::unavailable)?;
    let disposition = content_disposition(&file.file_name);
    let headers = [
        (header::CONTENT_TYPE, "application/octet-stream".to_owned()),
        (header::CONTENT_DISPOSITION, disposition),
        (header::CACHE_CONTROL, "private, no-store".to_owned()),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_owned()),
    ];
    Ok((headers, bytes).into_response())
}

/// `attachment` with the name as ASCII (`filename`) and as UTF-8 (`filename*`, RFC 6266).
fn content_disposition(name: &str) -> String {
    let ascii: String = name
        .chars()
        .map(|c| if c.is_ascii_graphic() || c == ' ' { c } else { '_' })
        .collect();
    let encoded: String = form_urlencoded::byte_serialize(name.as_bytes())
        .collect::<String>()
        .replace('+', "%20");
    format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}")
}

/// What a paid order delivers, as its buyer's order page shows it: a fresh download link for
/// a file, the keys, the text. A refunded order's deliveries are shown revoked (the page says
/// so); any other order delivers nothing.
pub async fn order_deliveries(
    state: &AppState,
    order: &crate::shop::order::OrderRecord,
) -> Result<Vec<DeliveryView>, ApiError> {
    let revoked = match order.status {
        OrderStatus::Paid => false,
        OrderStatus::Refunded => true,
        _ => return Ok(Vec::new()),
    };
    let expires_at = crate::clock::now_secs() + state.deliveries.ttl_secs;
    let delivered = state.db.order_deliveries(order.id).await?;
    Ok(delivered
        .into_iter()
        .filter_map(|d| {
            let item = match d.what {
                _ if revoked => DeliveryItem::Revoked,
                DeliveredItem::File(file) => {
                    let token = DownloadToken {
                        order: d.order_id,
                        variant: d.variant_id,
                        expires_at,
                    };
                    DeliveryItem::File {
                        file_name: file.file_name,
                        url: format!("{PATH}/{}", token.sign(&state.deliveries.key)),
                    }
                }
                DeliveredItem::Keys { keys, .. } if keys.is_empty() => return None,
                DeliveredItem::Keys { keys, .. } => DeliveryItem::Keys { keys },
                DeliveredItem::Text(text) => DeliveryItem::Text { text },
            };
            Some(DeliveryView {
                variant_id: d.variant_id,
                name: d.name,
                item,
            })
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::content_disposition;

    #[test]
    fn file_names_are_given_as_ascii_and_utf8() {
        assert_eq!(
            content_disposition("Recettes é.epub"),
            "attachment; filename=\"Recettes _.epub\"; filename*=UTF-8''Recettes%20%C3%A9.epub"
        );
    }
}
