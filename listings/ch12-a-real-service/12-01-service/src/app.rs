//! The service's state and its routes, written on hyper alone.

use std::convert::Infallible;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering::SeqCst};
use std::time::Duration;

use bytes::Bytes;
use futures::stream::{self, StreamExt};
use http::{Method, Request, Response, StatusCode, header};
use http_body_util::{BodyExt, Full, LengthLimitError, Limited, StreamBody, combinators::BoxBody};
use hyper::body::{Frame, Incoming};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tracing::Instrument;

use crate::backend::{Backend, Cache, Fault};
use crate::store::Store;

/// Every limit and timeout in one place; the tests shrink them.
#[derive(Clone, Debug)]
pub struct Config {
    /// Requests handled at once (not counting `/health`); more get a 503.
    pub max_in_flight: usize,
    /// Each request's deadline; past it, a 504 and the work is dropped.
    pub deadline: Duration,
    /// How long a client may take to send a request's headers.
    pub header_timeout: Duration,
    /// The largest request body accepted; larger gets a 413.
    pub max_body: usize,
    /// How long shutdown waits for requests in flight before aborting them.
    pub grace: Duration,
    pub backend_delay: Duration,
    pub fault: Fault,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            max_in_flight: 200,
            deadline: Duration::from_secs(2),
            header_timeout: Duration::from_secs(5),
            max_body: 16 * 1024,
            grace: Duration::from_secs(5),
            backend_delay: Duration::from_millis(20),
            fault: Fault::None,
        }
    }
}

pub type Body = BoxBody<Bytes, Infallible>;

pub struct App {
    pub config: Config,
    pub store: Store,
    pub backend: Arc<Backend>,
    pub cache: Cache,
    pub limit: Arc<Semaphore>,
    next_request: AtomicU64,
}

impl App {
    pub fn new(config: Config) -> Arc<App> {
        let store = Store::spawn();
        let backend = Arc::new(Backend::new(
            store.clone(),
            config.backend_delay,
            config.fault,
        ));
        Arc::new(App {
            limit: Arc::new(Semaphore::new(config.max_in_flight)),
            cache: Cache::new(backend.clone()),
            store,
            backend,
            config,
            next_request: AtomicU64::new(1),
        })
    }

    pub fn request_span(&self, method: &Method, path: &str) -> tracing::Span {
        let id = self.next_request.fetch_add(1, SeqCst);
        tracing::info_span!("request", id, %method, %path)
    }

    // ANCHOR: admit
    /// A permit, or the 503 to send instead: over the limit, refuse at once
    /// rather than queue, and say when to come back.
    // The error is the response itself, made only when refusing.
    #[allow(clippy::result_large_err)]
    pub fn admit(&self) -> Result<OwnedSemaphorePermit, Response<Body>> {
        self.limit.clone().try_acquire_owned().map_err(|_| {
            tracing::warn!("over the limit: 503");
            let mut response = text(StatusCode::SERVICE_UNAVAILABLE, "busy, retry later\n");
            // Rounded up, so a client that waits this long finds the
            // requests ahead of it answered or timed out.
            let retry_after = (self.config.deadline.as_secs_f64().ceil() as u64).max(1);
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, retry_after.into());
            response
        })
    }
    // ANCHOR_END: admit

    /// The item, from the cache (which calls the backend at most once).
    pub async fn item(&self, id: u64) -> Response<Body> {
        match self.cache.get(id).await {
            Ok(Some(value)) => text(StatusCode::OK, value),
            Ok(None) => text(StatusCode::NOT_FOUND, "no such item\n"),
            Err(_) => text(StatusCode::BAD_GATEWAY, "the backend failed\n"),
        }
    }

    pub async fn create(&self, body: Bytes) -> Response<Body> {
        match String::from_utf8(body.to_vec()) {
            Ok(value) => {
                let id = self.store.insert(value).await;
                text(StatusCode::CREATED, format!("{id}\n"))
            }
            Err(_) => text(StatusCode::BAD_REQUEST, "the body must be UTF-8\n"),
        }
    }

    // ANCHOR: list
    /// Every item, one line each, as a chunked body built from a stream: the
    /// response starts before the last line exists as bytes.
    pub async fn list(&self) -> Response<Body> {
        let items = self.store.list().await;
        let lines = stream::iter(items)
            .map(|(id, value)| Ok(Frame::data(Bytes::from(format!("{id} {value}\n")))));
        Response::new(BodyExt::boxed(StreamBody::new(lines)))
    }
    // ANCHOR_END: list

    // ANCHOR: body
    /// The whole body, or the 413/400 to send: a declared length over the
    /// limit is refused before reading; an undeclared one is cut off by
    /// `Limited` as soon as it passes the limit.
    #[allow(clippy::result_large_err)]
    pub async fn read_body<B>(&self, req: Request<B>) -> Result<Bytes, Response<Body>>
    where
        B: hyper::body::Body,
        B::Error: std::error::Error + Send + Sync + 'static,
    {
        let too_large = || text(StatusCode::PAYLOAD_TOO_LARGE, "body too large\n");
        let declared = req.headers().get(header::CONTENT_LENGTH);
        if let Some(n) = declared.and_then(|v| v.to_str().ok()?.parse::<usize>().ok())
            && n > self.config.max_body
        {
            return Err(too_large());
        }
        match Limited::new(req.into_body(), self.config.max_body)
            .collect()
            .await
        {
            Ok(collected) => Ok(collected.to_bytes()),
            Err(e) if e.is::<LengthLimitError>() => Err(too_large()),
            Err(_) => Err(text(
                StatusCode::BAD_REQUEST,
                "the body could not be read\n",
            )),
        }
    }
    // ANCHOR_END: body
}

pub fn text(status: StatusCode, body: impl Into<Bytes>) -> Response<Body> {
    let mut response = Response::new(BodyExt::boxed(Full::new(body.into())));
    *response.status_mut() = status;
    response
}

// ANCHOR: handle
/// The whole service for one request: health first (never limited), then the
/// limit, then the route under the deadline.
pub async fn handle(app: Arc<App>, req: Request<Incoming>) -> Result<Response<Body>, Infallible> {
    let span = app.request_span(req.method(), req.uri().path());
    let response = async move {
        tracing::info!("received");
        if req.uri().path() == "/health" {
            return text(StatusCode::OK, "ok\n");
        }
        let _permit = match app.admit() {
            Ok(permit) => permit,
            Err(busy) => return busy,
        };
        match tokio::time::timeout(app.config.deadline, route(&app, req)).await {
            Ok(response) => response,
            Err(_elapsed) => {
                // The route's future, and the backend call in it, is dropped.
                tracing::warn!("deadline passed: 504");
                text(StatusCode::GATEWAY_TIMEOUT, "took too long\n")
            }
        }
    };
    let response = response.instrument(span.clone()).await;
    span.in_scope(|| tracing::info!(status = response.status().as_u16(), "answered"));
    Ok(response)
}

async fn route(app: &App, req: Request<Incoming>) -> Response<Body> {
    let path = req.uri().path().to_owned();
    match (req.method(), path.strip_prefix("/items")) {
        (&Method::GET, Some("")) => app.list().await,
        (&Method::POST, Some("")) => match app.read_body(req).await {
            Ok(body) => app.create(body).await,
            Err(refused) => refused,
        },
        (&Method::GET, Some(rest)) => match rest.strip_prefix('/').map(str::parse::<u64>) {
            Some(Ok(id)) => app.item(id).await,
            _ => text(StatusCode::BAD_REQUEST, "an item id is a number\n"),
        },
        _ => text(StatusCode::NOT_FOUND, "no such route\n"),
    }
}
// ANCHOR_END: handle
