//! The Bot API client's one error type. Messages never contain the request URL: it holds the
//! bot token.

use std::time::Duration;

/// Why a Bot API call failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BotApiError {
    /// Telegram refused the request (`ok: false`).
    #[error("Telegram refused the request ({code}): {description}")]
    Api { code: i64, description: String },
    /// Too many requests: try again after this long (429 with `retry_after`).
    #[error("Telegram asks to retry after {0:?}")]
    RetryAfter(Duration),
    /// No answer in time.
    #[error("the Bot API did not answer in time")]
    Timeout,
    /// The Bot API could not be reached.
    #[error("the Bot API is unreachable: {0}")]
    Network(String),
    /// The answer was not the Bot API's JSON.
    #[error("the Bot API answered something unexpected: {0}")]
    InvalidResponse(String),
}

impl BotApiError {
    /// Converts a reqwest error, dropping the URL (and with it the token).
    pub(super) fn from_reqwest(error: reqwest::Error) -> Self {
        if error.is_timeout() {
            return BotApiError::Timeout;
        }
        let error = error.without_url();
        // Display of reqwest errors hides the cause; keep the whole chain for the logs.
        let mut text = error.to_string();
        let mut source = std::error::Error::source(&error);
        while let Some(cause) = source {
            text.push_str(": ");
            text.push_str(&cause.to_string());
            source = cause.source();
        }
        BotApiError::Network(text)
    }

    /// True when trying again later may succeed: Telegram busy or unreachable, or a 5xx.
    pub fn is_transient(&self) -> bool {
        match self {
            BotApiError::Api { code, .. } => *code >= 500,
            BotApiError::RetryAfter(_) | BotApiError::Timeout | BotApiError::Network(_) => true,
            BotApiError::InvalidResponse(_) => true,
        }
    }

    /// The error's kind as a metrics label: `refused`, `retry_after`, `timeout`, `network`
    /// or `invalid_response`.
    pub fn reason(&self) -> &'static str {
        match self {
            BotApiError::Api { .. } => "refused",
            BotApiError::RetryAfter(_) => "retry_after",
            BotApiError::Timeout => "timeout",
            BotApiError::Network(_) => "network",
            BotApiError::InvalidResponse(_) => "invalid_response",
        }
    }

    /// How long Telegram asked to wait, for a 429.
    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            BotApiError::RetryAfter(wait) => Some(*wait),
            _ => None,
        }
    }
}
