//! The webhook: a wrong secret is refused; with the secret, a body that is no update is
//! dropped with 200, and updates are taken.

use super::{decoded, SECRET};
use crate::helpers::TestServer;
use app::api::ErrorBody;
use app::error_code::ErrorCode;

/// The webhook: a wrong secret is refused; with the secret, a body that is no update is
/// dropped with 200 (Telegram would otherwise redeliver it for a day), and updates are taken.
pub(super) async fn webhook(server: &TestServer) {
    let post = |secret: &'static str, body: &'static str| {
        server
            .client
            .post(format!("{}/telegram/webhook", server.base_url))
            .header("x-telegram-bot-api-secret-token", secret)
            .header("content-type", "application/json")
            .body(body)
            .send()
    };
    let wrong = post("wrong", "{}").await.unwrap();
    assert_eq!(wrong.status(), 401);
    let refusal: ErrorBody = decoded(wrong.json().await.unwrap(), "POST /telegram/webhook");
    assert_eq!(refusal.error.code, ErrorCode::WebhookSecretWrong);
    for undecodable in ["not json", r#"{"update_id": "seven"}"#, "[]"] {
        let response = post(SECRET, undecodable).await.unwrap();
        assert_eq!(response.status(), 200, "{undecodable}");
    }
    let update = r#"{"update_id": 90001, "message": {"message_id": 1, "date": 1, "chat": {"id": 1, "type": "private"}, "text": "hi"}}"#;
    assert_eq!(post(SECRET, update).await.unwrap().status(), 200);
}
