//! The HTTP layer's one error type: a status plus app's JSON error body
//! ([`app::api::ErrorBody`]) naming the problem with an [`ErrorCode`].
//!
//! Errors are logged in one place, when they are answered ([`IntoResponse`] below): a server
//! error (5xx) at `error` with its whole cause chain, a refusal (4xx) at `debug`. Handlers
//! attach the cause ([`ApiError::caused_by`], or `?` on a [`StorageError`]) and log nothing
//! themselves. Must not: put a cause in the body.

use crate::storage::StorageError;
use app::api::{ErrorBody, ErrorDetail};
use app::error_code::ErrorCode;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use std::error::Error;

/// What went wrong inside, kept for the log.
type Cause = Box<dyn Error + Send + Sync + 'static>;

/// An error answered to an API client as `{"error": {"code": "...", "message": "..."}}`.
#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub code: ErrorCode,
    pub message: String,
    /// Logged when the error is answered; never sent.
    cause: Option<Cause>,
    /// Sent as `Retry-After` (whole seconds) with a 429.
    retry_after_secs: Option<u64>,
}

impl ApiError {
    /// An error with any status.
    pub fn new(status: StatusCode, code: ErrorCode, message: impl Into<String>) -> Self {
        ApiError {
            status,
            code,
            message: message.into(),
            cause: None,
            retry_after_secs: None,
        }
    }

    /// 429 for a client that asked too often; it may try again in `retry_after_secs`.
    pub fn too_many_requests(code: ErrorCode, message: impl Into<String>, retry_after_secs: u64) -> Self {
        ApiError {
            retry_after_secs: Some(retry_after_secs),
            ..Self::new(StatusCode::TOO_MANY_REQUESTS, code, message)
        }
    }

    /// The same answer, with `cause` logged beside it.
    pub fn caused_by(mut self, cause: impl Into<Cause>) -> Self {
        self.cause = Some(cause.into());
        self
    }

    /// 404 for a path the API does not have.
    pub fn no_such_endpoint(path: &str) -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            ErrorCode::NotFound,
            format!("no API endpoint at {path}"),
        )
    }

    /// 400 for a request whose input cannot be used; `message` names the problem.
    pub fn bad_request(code: ErrorCode, message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, code, message)
    }

    /// 401 for a request without valid Telegram identity.
    pub fn unauthorized(code: ErrorCode, message: impl Into<String>) -> Self {
        Self::new(StatusCode::UNAUTHORIZED, code, message)
    }

    /// 503 when storage (the database, the upload directory) fails; `cause` is logged, not sent.
    pub fn unavailable(cause: impl Into<Cause>) -> Self {
        Self::new(
            StatusCode::SERVICE_UNAVAILABLE,
            ErrorCode::Unavailable,
            "the shop is unavailable right now; try again shortly",
        )
        .caused_by(cause)
    }
}

/// Storage failed: `503 unavailable`, the cause logged when answered.
impl From<StorageError> for ApiError {
    fn from(error: StorageError) -> Self {
        ApiError::unavailable(error)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let cause = self.cause.as_deref().map(|cause| chain(cause));
        let (status, code) = (self.status.as_u16(), self.code.as_str());
        match self.status.is_server_error() {
            true => tracing::error!(status, code, cause = cause.as_deref(), "{}", self.message),
            false => tracing::debug!(status, code, cause = cause.as_deref(), "{}", self.message),
        }
        let body = ErrorBody {
            error: ErrorDetail {
                code: self.code,
                message: self.message,
            },
        };
        let mut response = (self.status, Json(body)).into_response();
        if let Some(secs) = self.retry_after_secs {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(secs));
        }
        if self.status == StatusCode::UNAUTHORIZED {
            response
                .headers_mut()
                .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("tma"));
        }
        response
    }
}

/// `error: its source: its source's source…`, each cause once (many errors repeat their
/// source's text in their own).
pub fn chain(error: &(dyn Error + 'static)) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        let said = cause.to_string();
        if !text.contains(&said) {
            text.push_str(": ");
            text.push_str(&said);
        }
        source = cause.source();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, thiserror::Error)]
    #[error("outer failed: {0}")]
    struct Outer(#[source] Inner);

    #[derive(Debug, thiserror::Error)]
    #[error("inner failed")]
    struct Inner(#[source] std::io::Error);

    #[test]
    fn a_cause_chain_names_each_cause_once() {
        let error = Outer(Inner(std::io::Error::other("disk full")));
        assert_eq!(chain(&error), "outer failed: inner failed: disk full");
    }

    #[tokio::test]
    async fn storage_failures_answer_503_without_their_cause() {
        let error = ApiError::from(StorageError::Corrupt {
            what: "price",
            detail: "secret detail".into(),
        });
        let response = error.into_response();
        assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
        let body = axum::body::to_bytes(response.into_body(), 1 << 16).await.unwrap();
        let body: ErrorBody = serde_json::from_slice(&body).unwrap();
        assert_eq!(body.error.code, ErrorCode::Unavailable);
        assert!(!body.error.message.contains("secret"), "{}", body.error.message);
    }
}
