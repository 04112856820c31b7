//! A typed client for the Bot API methods the shop uses, over `reqwest`.
//!
//! The base URL comes from `TELEGRAM_API_URL`: real Telegram (`https://api.telegram.org`),
//! Telegram's test environment (`https://api.telegram.org/test`: the `/test` moves after the
//! token, as Telegram wants `…/bot<token>/test/<method>`), or the local simulator. Requests are
//! JSON POSTs; answers are Telegram's `{ok, result}` / `{ok: false, error_code, description}`.
//! The token is part of every URL, so no URL ever reaches an error message or a log.

mod error;
mod methods;
pub mod spec;
mod types;

pub use error::BotApiError;
pub use methods::*;
pub use types::*;

use serde::Deserialize;
use std::time::Duration;

/// How long a request may take, beyond a long poll's own timeout.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);

/// A Bot API client for one bot. Cheap to clone.
#[derive(Clone)]
pub struct BotApi {
    http: reqwest::Client,
    /// `{base}/bot{token}` plus `/test` for the test environment; never logged.
    prefix: String,
    timeout: Duration,
}

impl std::fmt::Debug for BotApi {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BotApi")
            .field("token", &"[redacted]")
            .finish_non_exhaustive()
    }
}

#[derive(Deserialize)]
struct Envelope<T> {
    ok: bool,
    result: Option<T>,
    error_code: Option<i64>,
    description: Option<String>,
    parameters: Option<ResponseParameters>,
}

#[derive(Deserialize)]
struct ResponseParameters {
    retry_after: Option<u64>,
}

impl BotApi {
    /// A client for the bot with `token` at `base_url` (no trailing slash needed).
    pub fn new(base_url: &str, token: &str) -> Result<Self, BotApiError> {
        Self::with_timeout(base_url, token, REQUEST_TIMEOUT)
    }

    /// As [`BotApi::new`], with requests given up after `timeout`.
    pub fn with_timeout(base_url: &str, token: &str, timeout: Duration) -> Result<Self, BotApiError> {
        let base = base_url.trim_end_matches('/');
        let prefix = match base.strip_suffix("/test") {
            Some(real) => format!("{real}/bot{token}/test"),
            None => format!("{base}/bot{token}"),
        };
        let http = reqwest::Client::builder()
            .timeout(timeout)
            .build()
            .map_err(|e| BotApiError::Network(e.without_url().to_string()))?;
        Ok(BotApi {
            http,
            prefix,
            timeout,
        })
    }

    /// The URL of `method`; contains the token, so it is for requests only.
    fn url(&self, method: &str) -> String {
        format!("{}/{method}", self.prefix)
    }

    /// Calls a method and returns its result.
    #[tracing::instrument(skip_all, fields(method = M::NAME))]
    pub async fn call<M: Method>(&self, request: &M) -> Result<M::Response, BotApiError> {
        let answer = self.request(request).await;
        answer.inspect_err(|error| crate::metrics::bot_api_error(M::NAME, error.reason()))
    }

    /// Calls a method whose `field` is a file uploaded with the request (`multipart/form-data`):
    /// the request's other parameters become form fields (objects as JSON), `field` the file
    /// `bytes` named `file_name`.
    #[tracing::instrument(skip_all, fields(method = M::NAME))]
    pub async fn call_with_file<M: Method>(
        &self,
        request: &M,
        field: &'static str,
        file_name: String,
        bytes: Vec<u8>,
    ) -> Result<M::Response, BotApiError> {
        let params = serde_json::to_value(request)
            .map_err(|e| BotApiError::InvalidResponse(format!("{} does not serialize: {e}", M::NAME)))?;
        let mut form = reqwest::multipart::Form::new();
        for (name, value) in params.as_object().into_iter().flatten() {
            if name != field {
                let text = match value {
                    serde_json::Value::String(text) => text.clone(),
                    other => other.to_string(),
                };
                form = form.text(name.clone(), text);
            }
        }
        form = form.part(field, reqwest::multipart::Part::bytes(bytes).file_name(file_name));
        let builder = self.http.post(self.url(M::NAME)).multipart(form);
        let answer = self.answer::<M>(builder).await;
        answer.inspect_err(|error| crate::metrics::bot_api_error(M::NAME, error.reason()))
    }

    async fn request<M: Method>(&self, request: &M) -> Result<M::Response, BotApiError> {
        let mut builder = self.http.post(self.url(M::NAME)).json(request);
        if let Some(wait) = long_poll_seconds::<M>(request) {
            builder = builder.timeout(self.timeout + Duration::from_secs(wait));
        }
        self.answer::<M>(builder).await
    }

    /// Sends a built request and reads Telegram's answer to it.
    async fn answer<M: Method>(&self, builder: reqwest::RequestBuilder) -> Result<M::Response, BotApiError> {
        let response = builder.send().await.map_err(BotApiError::from_reqwest)?;
        let status = response.status();
        let body = response.bytes().await.map_err(BotApiError::from_reqwest)?;
        let envelope: Envelope<M::Response> = serde_json::from_slice(&body).map_err(|e| {
            BotApiError::InvalidResponse(format!(
                "{} answered {status} with an unreadable body: {e}",
                M::NAME
            ))
        })?;
        if envelope.ok {
            return envelope.result.ok_or_else(|| {
                BotApiError::InvalidResponse(format!("{} answered ok without a result", M::NAME))
            });
        }
        let code = envelope.error_code.unwrap_or(i64::from(status.as_u16()));
        let retry_after = envelope.parameters.and_then(|p| p.retry_after);
        Err(match (code, retry_after) {
            (429, Some(seconds)) => BotApiError::RetryAfter(Duration::from_secs(seconds)),
            _ => BotApiError::Api {
                code,
                description: envelope.description.unwrap_or_default(),
            },
        })
    }
}

/// getUpdates waits up to its `timeout` for updates: the request gets that much longer.
fn long_poll_seconds<M: Method>(request: &M) -> Option<u64> {
    if M::NAME != GetUpdates::NAME {
        return None;
    }
    let json = serde_json::to_value(request).ok()?;
    json.get("timeout")?.as_u64()
}

#[cfg(test)]
mod tests;
