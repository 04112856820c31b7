//! Photos the bot sends (`sendPhoto`): uploaded with the call, fetched from an HTTP URL, or
//! named by a `file_id` the simulator gave earlier — checked as Telegram checks them (an image,
//! at most 10 MB, width + height at most 10 000, sides at most 20:1) and kept so that the
//! simulated client can show them (`GET /files/{file_id}`). A message carries a photo as
//! `PhotoSize`s: thumbnails up to the largest side Telegram keeps (1280 px).

use super::request::Upload;
use super::{bad_request, FakeTelegram, Refusal};
use crate::shop::catalog::photo::ImageKind;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{json, Value};
use std::collections::HashMap;

/// Telegram's limit for a photo.
const MAX_BYTES: usize = 10 * 1024 * 1024;

/// Telegram's limit for a photo it fetches by URL.
const MAX_URL_BYTES: usize = 5 * 1024 * 1024;

/// A photo kept by the simulator, under each of its sizes' file ids.
#[derive(Clone)]
pub(super) struct StoredPhoto {
    bytes: Bytes,
    kind: ImageKind,
    width: u32,
    height: u32,
}

impl FakeTelegram {
    /// The photo `source` names (`attach://<part>`, an HTTP URL or a file id), as the
    /// `PhotoSize` list of a message.
    pub(super) async fn photo(
        &self,
        source: &str,
        uploads: &mut HashMap<String, Upload>,
    ) -> Result<Value, Refusal> {
        let photo = if let Some(part) = source.strip_prefix("attach://") {
            let upload = uploads
                .remove(part)
                .ok_or_else(|| bad_request("there is no photo in the request"))?;
            check(upload.bytes)?
        } else if source.starts_with("http://") || source.starts_with("https://") {
            check(self.download(source).await?)?
        } else {
            self.with_state(|s| s.files.get(source).cloned())
                .ok_or_else(|| bad_request("wrong file identifier/HTTP URL specified"))?
        };
        Ok(self.keep(photo))
    }

    /// Fetches a photo by URL as Telegram's servers do.
    async fn download(&self, url: &str) -> Result<Bytes, Refusal> {
        let response = self
            .inner
            .http
            .get(url)
            .send()
            .await
            .map_err(|_| bad_request("wrong file identifier/HTTP URL specified"))?;
        if !response.status().is_success() {
            return Err(bad_request("failed to get HTTP URL content"));
        }
        let image = response
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|t| t.starts_with("image/"));
        if !image {
            return Err(bad_request("wrong type of the web page content"));
        }
        let mut response = response;
        let mut bytes = Vec::new();
        while let Some(chunk) = response
            .chunk()
            .await
            .map_err(|_| bad_request("failed to get HTTP URL content"))?
        {
            bytes.extend_from_slice(&chunk);
            if bytes.len() > MAX_URL_BYTES {
                return Err(bad_request("file is too big"));
            }
        }
        Ok(Bytes::from(bytes))
    }

    /// Keeps `photo` under a file id per size; the sizes, smallest first.
    fn keep(&self, photo: StoredPhoto) -> Value {
        let side = photo.width.max(photo.height);
        let mut limits: Vec<u32> = [90, 320, 800].into_iter().filter(|l| *l < side).collect();
        limits.push(side.min(1280));
        let sizes: Vec<Value> = limits
            .into_iter()
            .map(|limit| {
                let n = self.next_id();
                let scale = |pixels: u32| (u64::from(pixels) * u64::from(limit) / u64::from(side)).max(1);
                let file_id = format!("AgACAgSIM{n:08}");
                self.with_state(|s| s.files.insert(file_id.clone(), photo.clone()));
                json!({ "file_id": file_id, "file_unique_id": format!("AQADSIM{n:08}"),
                        "width": scale(photo.width), "height": scale(photo.height) })
            })
            .collect();
        let mut sizes = sizes;
        if let Some(largest) = sizes.last_mut() {
            largest["file_size"] = json!(photo.bytes.len());
        }
        Value::Array(sizes)
    }
}

/// Checks a photo's bytes as Telegram does.
fn check(bytes: Bytes) -> Result<StoredPhoto, Refusal> {
    if bytes.len() > MAX_BYTES {
        return Err(bad_request("file is too big"));
    }
    let kind = ImageKind::sniff(&bytes).ok_or_else(|| bad_request("IMAGE_PROCESS_FAILED"))?;
    let size = imagesize::blob_size(&bytes).map_err(|_| bad_request("IMAGE_PROCESS_FAILED"))?;
    let (width, height) = (size.width, size.height);
    if width == 0 || height == 0 || width + height > 10_000 || width.max(height) > 20 * width.min(height) {
        return Err(bad_request("PHOTO_INVALID_DIMENSIONS"));
    }
    Ok(StoredPhoto {
        bytes,
        kind,
        width: u32::try_from(width).unwrap_or(u32::MAX),
        height: u32::try_from(height).unwrap_or(u32::MAX),
    })
}

/// `GET /files/{file_id}`: a photo or document the bot sent, for the simulated client.
pub(super) async fn file(State(telegram): State<FakeTelegram>, Path(file_id): Path<String>) -> Response {
    if let Some(photo) = telegram.with_state(|s| s.files.get(&file_id).cloned()) {
        return ([(header::CONTENT_TYPE, photo.kind.content_type())], photo.bytes).into_response();
    }
    match telegram.with_state(|s| s.documents.get(&file_id).cloned()) {
        Some((name, bytes)) => {
            let disposition = format!("attachment; filename=\"{}\"", name.replace('"', ""));
            let kind = match name.ends_with(".ics") {
                true => "text/calendar; charset=utf-8",
                false => "application/octet-stream",
            };
            (
                [
                    (header::CONTENT_TYPE, kind.to_owned()),
                    (header::CONTENT_DISPOSITION, disposition),
                ],
                bytes,
            )
                .into_response()
        }
        None => (StatusCode::NOT_FOUND, "no such file").into_response(),
    }
}

impl FakeTelegram {
    /// Keeps an uploaded document; the message's `Document`.
    pub(super) fn keep_document(&self, upload: Upload) -> Value {
        let n = self.next_id();
        let file_id = format!("BQACAgSIM{n:08}");
        let size = upload.bytes.len();
        let name = upload.file_name.clone();
        self.with_state(|s| {
            s.documents
                .insert(file_id.clone(), (upload.file_name, upload.bytes))
        });
        let mime = if name.ends_with(".ics") {
            "text/calendar"
        } else {
            "application/octet-stream"
        };
        json!({ "file_id": file_id, "file_unique_id": format!("AgADSIM{n:08}"), "file_name": name,
                "mime_type": mime, "file_size": size })
    }

    /// A document sent before, by its file id (what `sendDocument` with a file id resends):
    /// the message's `Document`, or `None` for an id this Telegram never gave.
    pub(super) fn sent_document(&self, file_id: &str) -> Option<Value> {
        let (name, bytes) = self.with_state(|s| s.documents.get(file_id).cloned())?;
        let unique = file_id.trim_start_matches("BQACAgSIM");
        let mime = match name.ends_with(".ics") {
            true => "text/calendar",
            false => "application/octet-stream",
        };
        Some(
            json!({ "file_id": file_id, "file_unique_id": format!("AgADSIM{unique}"), "file_name": name,
                     "mime_type": mime, "file_size": bytes.len() }),
        )
    }
}
