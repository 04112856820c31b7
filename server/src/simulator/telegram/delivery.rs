//! Getting updates to the bot as Telegram does: POSTed to the webhook with the secret token
//! header, redelivered while the bot answers non-2xx; or, without a webhook, queued for
//! `getUpdates` (long polling, confirmed by the next offset).

use super::FakeTelegram;
use serde_json::{json, Value};
use std::time::Duration;

/// How many times an update is delivered before the simulator gives up on it.
const ATTEMPTS: u32 = 5;

impl FakeTelegram {
    /// Delivers `update` (its `update_id` is assigned here). Returns once the webhook took it,
    /// or at once when it was queued for getUpdates.
    pub(super) async fn deliver(&self, mut update: Value) {
        update["update_id"] = json!(self.next_id());
        let Some(webhook) = self.with_state(|s| s.webhook.clone()) else {
            self.with_state(|s| s.queue.push(update));
            self.inner.queued.notify_waiters();
            return;
        };
        let mut wait = Duration::from_millis(100);
        for _ in 0..ATTEMPTS {
            let mut request = self.inner.http.post(&webhook.url).json(&update);
            if let Some(secret) = &webhook.secret {
                request = request.header("X-Telegram-Bot-Api-Secret-Token", secret);
            }
            let failure = match request.send().await {
                Ok(response) if response.status().is_success() => return,
                Ok(response) => format!("Wrong response from the webhook: {}", response.status()),
                Err(error) => format!("Connection failed: {}", error.without_url()),
            };
            tracing::warn!(%failure, "simulator: webhook delivery failed; redelivering");
            self.with_state(|s| s.failed_deliveries.push(failure));
            tokio::time::sleep(wait).await;
            wait *= 2;
        }
    }

    /// `getUpdates`: confirms everything before `offset`, then returns what is queued,
    /// waiting up to `timeout` seconds (at most 25 here) for something to arrive.
    pub(super) async fn take_updates(&self, params: &Value) -> Value {
        let offset = params["offset"].as_i64().unwrap_or(0);
        let timeout = params["timeout"].as_u64().unwrap_or(0).min(25);
        let limit = params["limit"].as_u64().unwrap_or(100).clamp(1, 100) as usize;
        let deadline = tokio::time::Instant::now() + Duration::from_secs(timeout);
        loop {
            let notified = self.inner.queued.notified();
            let ready: Vec<Value> = self.with_state(|s| {
                s.queue.retain(|u| u["update_id"].as_i64().unwrap_or(0) >= offset);
                s.queue.iter().take(limit).cloned().collect()
            });
            if !ready.is_empty() || tokio::time::Instant::now() >= deadline {
                return Value::Array(ready);
            }
            let _ = tokio::time::timeout_at(deadline, notified).await;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{FakeTelegram, Webhook};
    use axum::http::{HeaderMap, StatusCode};
    use axum::routing::post;
    use serde_json::{json, Value};
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;

    #[tokio::test]
    async fn updates_are_redelivered_until_the_webhook_answers_2xx() {
        let calls = Arc::new(AtomicUsize::new(0));
        let seen = calls.clone();
        let app = axum::Router::new().route(
            "/hook",
            post(move |headers: HeaderMap| async move {
                assert_eq!(headers["x-telegram-bot-api-secret-token"], "s3cret");
                match seen.fetch_add(1, Ordering::SeqCst) {
                    0 => StatusCode::SERVICE_UNAVAILABLE,
                    _ => StatusCode::OK,
                }
            }),
        );
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}/hook", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        let telegram = FakeTelegram::new("1:T");
        telegram.with_state(|s| {
            s.webhook = Some(Webhook {
                url,
                secret: Some("s3cret".into()),
            })
        });
        telegram.deliver(json!({ "message": { "text": "hi" } })).await;
        assert_eq!(calls.load(Ordering::SeqCst), 2);
        assert_eq!(telegram.failed_deliveries().len(), 1);
    }

    #[tokio::test]
    async fn without_a_webhook_updates_wait_for_get_updates_and_an_offset_confirms_them() {
        let telegram = FakeTelegram::new("1:T");
        telegram.deliver(json!({ "message": { "text": "one" } })).await;
        telegram.deliver(json!({ "message": { "text": "two" } })).await;
        let first = telegram.take_updates(&json!({})).await;
        assert_eq!(first.as_array().unwrap().len(), 2);
        let next = first[1]["update_id"].as_i64().unwrap() + 1;
        let rest: Value = telegram
            .take_updates(&json!({ "offset": next, "timeout": 0 }))
            .await;
        assert_eq!(rest, json!([]));
    }
}
