//! `GET /healthz`: is the shop up and does its database answer?

use super::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use serde_json::{json, Value};
use std::time::Duration;

/// How long the probe may take: a load balancer's health check gives up after a few seconds,
/// and the pool alone would wait ten for a connection to a database that is away.
const PROBE_PATIENCE: Duration = Duration::from_secs(3);

/// 200 `{"status":"ok","database":"ok"}`, or 503 when the database does not answer (within
/// [`PROBE_PATIENCE`]).
pub async fn healthz(State(state): State<AppState>) -> (StatusCode, Json<Value>) {
    let probe = tokio::time::timeout(PROBE_PATIENCE, state.db.ping()).await;
    match probe {
        Ok(Ok(())) => (StatusCode::OK, Json(json!({"status": "ok", "database": "ok"}))),
        Ok(Err(error)) => {
            tracing::error!(error = %super::chain(&error), "health check: database does not answer");
            unavailable()
        }
        Err(_) => {
            tracing::error!("health check: the database did not answer in time");
            unavailable()
        }
    }
}

fn unavailable() -> (StatusCode, Json<Value>) {
    (
        StatusCode::SERVICE_UNAVAILABLE,
        Json(json!({"status": "unavailable", "database": "error"})),
    )
}
