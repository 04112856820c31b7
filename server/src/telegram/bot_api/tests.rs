//! The client against a fake Bot API on a free port.

use super::*;
use axum::extract::{Path, State};
use axum::routing::post;
use axum::{Json, Router};
use serde_json::{json, Value};
use std::sync::{Arc, Mutex};

const TOKEN: &str = "4242:SECRET-TOKEN-part";

type Seen = Arc<Mutex<Vec<(String, Value)>>>;

/// A fake Bot API answering `answer` to everything; returns its base URL and what it saw.
async fn fake(answer: fn(&str) -> (u16, Value)) -> (String, Seen) {
    let seen: Seen = Arc::default();
    let app = Router::new()
        .route(
            "/{*path}",
            post(move |State(seen): State<Seen>, Path(path): Path<String>, Json(body): Json<Value>| async move {
                let (status, reply) = answer(&path);
                seen.lock().unwrap().push((path, body));
                (axum::http::StatusCode::from_u16(status).unwrap(), Json(reply))
            }),
        )
        .with_state(seen.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}/api", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (base, seen)
}

#[tokio::test]
async fn a_call_posts_the_request_as_json_and_returns_the_result() {
    let (base, seen) = fake(|_| (200, json!({ "ok": true, "result": "https://t.me/$abc" }))).await;
    let api = BotApi::new(&base, TOKEN).unwrap();
    let request = CreateInvoiceLink {
        title: "Order #1".into(),
        currency: "XTR".into(),
        prices: vec![LabeledPrice {
            label: "Order #1".into(),
            amount: 50,
        }],
        ..CreateInvoiceLink::default()
    };
    assert_eq!(api.call(&request).await.unwrap(), "https://t.me/$abc");
    let seen = seen.lock().unwrap();
    assert_eq!(seen[0].0, format!("api/bot{TOKEN}/createInvoiceLink"));
    assert_eq!(seen[0].1["prices"][0]["amount"], 50);
    assert!(seen[0].1.get("max_tip_amount").is_none(), "None is left out");
}

#[tokio::test]
async fn the_test_environment_puts_test_after_the_token() {
    let (base, seen) = fake(|_| (200, json!({ "ok": true, "result": true }))).await;
    let api = BotApi::new(&format!("{base}/test/"), TOKEN).unwrap();
    api.call(&DeleteWebhook::default()).await.unwrap();
    assert_eq!(
        seen.lock().unwrap()[0].0,
        format!("api/bot{TOKEN}/test/deleteWebhook")
    );
}

#[tokio::test]
async fn refusals_carry_telegrams_code_and_description() {
    let (base, _) = fake(|_| {
        (
            400,
            json!({ "ok": false, "error_code": 400, "description": "Bad Request: chat not found" }),
        )
    })
    .await;
    let error = BotApi::new(&base, TOKEN)
        .unwrap()
        .call(&GetMe::default())
        .await
        .unwrap_err();
    assert_eq!(
        error,
        BotApiError::Api {
            code: 400,
            description: "Bad Request: chat not found".into()
        }
    );
    assert!(!error.is_transient());
}

#[tokio::test]
async fn too_many_requests_say_when_to_retry() {
    let (base, _) = fake(|_| {
        (
            429,
            json!({ "ok": false, "error_code": 429, "description": "Too Many Requests: retry after 3",
                      "parameters": { "retry_after": 3 } }),
        )
    })
    .await;
    let error = BotApi::new(&base, TOKEN)
        .unwrap()
        .call(&GetMe::default())
        .await
        .unwrap_err();
    assert_eq!(error.retry_after(), Some(Duration::from_secs(3)));
    assert!(error.is_transient());
}

#[tokio::test]
async fn a_silent_server_times_out_and_an_absent_one_is_unreachable_without_leaking_the_token() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let silent = format!("http://{}", listener.local_addr().unwrap());
    let api = BotApi::with_timeout(&silent, TOKEN, Duration::from_millis(300)).unwrap();
    let timeout = api.call(&GetMe::default()).await.unwrap_err();
    assert_eq!(timeout, BotApiError::Timeout);
    drop(listener);
    let refused = BotApi::new(&silent, TOKEN)
        .unwrap()
        .call(&GetMe::default())
        .await
        .unwrap_err();
    assert!(matches!(refused, BotApiError::Network(_)), "{refused:?}");
    for text in [
        format!("{timeout} {timeout:?}"),
        format!("{refused} {refused:?}"),
        format!("{api:?}"),
    ] {
        assert!(!text.contains("SECRET-TOKEN"), "{text}");
    }
}

#[tokio::test]
async fn an_answer_that_is_not_the_bot_apis_json_is_reported() {
    let (base, _) = fake(|_| (502, json!("bad gateway"))).await;
    let error = BotApi::new(&base, TOKEN)
        .unwrap()
        .call(&GetMe::default())
        .await
        .unwrap_err();
    assert!(matches!(error, BotApiError::InvalidResponse(_)) && error.is_transient());
}
