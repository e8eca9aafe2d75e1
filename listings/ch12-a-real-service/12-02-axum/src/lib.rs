//! Chapter 12's service again, with axum doing the routing, the extracting
//! and the middleware. The store, cache, backend, limits and the accept
//! loop with its shutdown are Listing 12-1's.

use std::sync::Arc;

use axum::Router;
use axum::extract::{DefaultBodyLimit, Path, Request, State};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::get;
use bytes::Bytes;
use hyper_util::service::TowerToHyperService;
use listing_12_01_service::{App, Stopped, server};
use tokio::net::TcpListener;
use tokio_util::sync::CancellationToken;
use tower_http::timeout::TimeoutLayer;
use tracing::Instrument;

type AppState = State<Arc<App>>;

// ANCHOR: routes
pub fn router(app: Arc<App>) -> Router {
    let config = app.config.clone();
    let status = axum::http::StatusCode::GATEWAY_TIMEOUT;
    Router::new()
        .route("/items", get(list).post(create))
        .route("/items/{id}", get(item))
        // Layers wrap the routes above them; the last added runs first.
        .layer(DefaultBodyLimit::max(config.max_body))
        .layer(TimeoutLayer::with_status_code(status, config.deadline))
        .layer(middleware::from_fn_with_state(app.clone(), limit))
        // Added after the layers, so not limited.
        .route("/health", get(async || "ok\n"))
        // Around everything: a span per request, as in Listing 12-1.
        .layer(middleware::from_fn_with_state(app.clone(), trace))
        .with_state(app)
}

async fn list(State(app): AppState) -> Response {
    app.list().await.map(axum::body::Body::new)
}

async fn item(State(app): AppState, Path(id): Path<u64>) -> Response {
    app.item(id).await.map(axum::body::Body::new)
}

async fn create(State(app): AppState, body: Bytes) -> Response {
    app.create(body).await.map(axum::body::Body::new)
}

/// The same 503 as the hyper version, from the same semaphore.
async fn limit(State(app): AppState, req: Request, next: Next) -> Response {
    match app.admit() {
        Ok(_permit) => next.run(req).await,
        Err(busy) => busy.map(axum::body::Body::new),
    }
}

async fn trace(State(app): AppState, req: Request, next: Next) -> Response {
    let span = app.request_span(req.method(), req.uri().path());
    span.in_scope(|| tracing::info!("received"));
    let response = next.run(req).instrument(span.clone()).await;
    span.in_scope(|| tracing::info!(status = response.status().as_u16(), "answered"));
    response
}
// ANCHOR_END: routes

// ANCHOR: run
/// axum's `Router` is a tower `Service`; hyper-util adapts it to hyper's,
/// and Listing 12-1's loop serves it, header timeout and shutdown included.
pub async fn run(app: Arc<App>, listener: TcpListener, shutdown: CancellationToken) -> Stopped {
    let config = app.config.clone();
    let service = TowerToHyperService::new(router(app));
    server::serve(
        listener,
        service,
        config.header_timeout,
        config.grace,
        shutdown,
    )
    .await
}
// ANCHOR_END: run
