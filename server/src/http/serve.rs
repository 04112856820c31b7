//! Serving the router on a socket so that no client can hold the shop: a deadline for the
//! request's headers, one between pieces of its body, one for its handling, a cap on open
//! connections and one on requests handled at once.
//!
//! `axum::serve` sets no header deadline (hyper has one only when given a timer), so the
//! accept loop is hyper-util's, as axum's own `serve-with-hyper` example builds it, with a
//! semaphore for the connections and hyper-util's graceful shutdown. Must not: know any
//! route.

use super::ApiError;
use crate::config::Limits;
use app::error_code::ErrorCode;
use axum::extract::Request;
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Router;
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use hyper_util::server::conn::auto;
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tower::ServiceExt;
use tower_http::timeout::RequestBodyTimeoutLayer;

/// How long shutdown waits for requests in flight before it drops them.
const DRAIN: Duration = Duration::from_secs(30);

/// `router` behind the per-request limits: a request beyond `max_in_flight` is refused at
/// once with `503 busy` and `Retry-After: 1` (Telegram redelivers a refused update); one not
/// answered within `request` gets `503 timed_out`, its work dropped — a webhook update's
/// transaction rolls back, so Telegram's redelivery finds it new; a body that stalls for
/// `body_idle` fails its extractor with `400`.
pub fn with_limits(router: Router, limits: &Limits) -> Router {
    let in_flight = Arc::new(Semaphore::new(limits.max_in_flight));
    let deadline = limits.request;
    router
        .layer(RequestBodyTimeoutLayer::new(limits.body_idle))
        .layer(axum::middleware::from_fn(move |request: Request, next: Next| {
            answer_within(deadline, request, next)
        }))
        .layer(axum::middleware::from_fn(move |request: Request, next: Next| {
            let in_flight = in_flight.clone();
            async move {
                // The sandbox's Telegram is called from inside the shop's own requests (a
                // checkout's createInvoiceLink): counting those calls would let requests at the
                // cap refuse the calls they wait for.
                if request
                    .uri()
                    .path()
                    .starts_with(crate::simulator::telegram::MOUNT)
                {
                    return next.run(request).await;
                }
                let Ok(_permit) = in_flight.try_acquire_owned() else {
                    return busy();
                };
                next.run(request).await
            }
        }))
}

async fn answer_within(deadline: Duration, request: Request, next: Next) -> Response {
    let path = request.uri().path().to_owned();
    match tokio::time::timeout(deadline, next.run(request)).await {
        Ok(response) => response,
        Err(_) => ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            ErrorCode::TimedOut,
            "the request took too long to handle; try again",
        )
        .caused_by(format!("{path} not answered within {deadline:?}"))
        .into_response(),
    }
}

fn busy() -> Response {
    let mut response = ApiError::new(
        StatusCode::SERVICE_UNAVAILABLE,
        ErrorCode::Busy,
        "the shop is handling as many requests as it can; try again in a moment",
    )
    .into_response();
    response
        .headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
    response
}

/// Accepts connections on `listener` and serves `router` on each (HTTP/1.1 with the header
/// deadline, or HTTP/2) until `shutdown` resolves; then stops accepting, lets the requests in
/// flight finish (for up to 30 s) and returns.
pub async fn serve(
    listener: TcpListener,
    router: Router,
    limits: &Limits,
    shutdown: impl Future<Output = ()> + Send + 'static,
) {
    let mut builder = auto::Builder::new(TokioExecutor::new());
    builder
        .http1()
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_read);
    builder
        .http2()
        .timer(TokioTimer::new())
        .keep_alive_interval(Some(Duration::from_secs(20)));
    let connections = Arc::new(Semaphore::new(limits.max_connections));
    let graceful = GracefulShutdown::new();
    tokio::pin!(shutdown);
    loop {
        let permit = tokio::select! {
            permit = connections.clone().acquire_owned() => permit.expect("the semaphore is never closed"),
            () = &mut shutdown => break,
        };
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                Err(error) => {
                    // Out of file descriptors, say: wait for connections to close.
                    tracing::warn!(%error, "could not accept a connection");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let service = router
            .clone()
            .map_request(|request: Request<hyper::body::Incoming>| request.map(axum::body::Body::new));
        let connection = builder
            .serve_connection_with_upgrades(TokioIo::new(stream), TowerToHyperService::new(service))
            .into_owned();
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            if let Err(error) = connection.await {
                tracing::debug!(error = %error, "a connection ended with an error");
            }
            drop(permit);
        });
    }
    drop(listener);
    if tokio::time::timeout(DRAIN, graceful.shutdown()).await.is_err() {
        tracing::warn!("requests still in flight after {DRAIN:?}; dropping them");
    }
}
