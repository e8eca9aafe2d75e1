//! The accept loop, the connection limits and graceful shutdown; shared by
//! the hyper and the axum versions, which differ only in the service.

use std::time::Duration;

use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use tokio::net::TcpListener;
use tokio::task::JoinSet;
use tokio_util::sync::CancellationToken;
use tracing::Instrument;

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// How a server stopped: `clean` if every connection finished in the grace.
#[derive(Debug, PartialEq, Eq)]
pub struct Stopped {
    pub clean: bool,
}

// ANCHOR: serve
pub async fn serve<S, B>(
    listener: TcpListener,
    service: S,
    header_timeout: Duration,
    grace: Duration,
    shutdown: CancellationToken,
) -> Stopped
where
    S: hyper::service::Service<http::Request<Incoming>, Response = http::Response<B>>,
    S: Clone + Send + 'static,
    S::Future: Send + 'static,
    S::Error: Into<BoxError>,
    B: hyper::body::Body + Send + 'static,
    B::Data: Send,
    B::Error: Into<BoxError>,
{
    let mut builder = http1::Builder::new();
    // No timer, no header-read timeout (setting one without a timer panics);
    // with a timer the default is 30 s. It restarts for each request, so it
    // also closes keep-alive connections left idle that long.
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(header_timeout);
    let graceful = GracefulShutdown::new();
    let mut connections = JoinSet::new();
    let mut next = 1u64;
    loop {
        tokio::select! {
            biased;
            () = shutdown.cancelled() => break,
            accepted = listener.accept() => {
                let (stream, peer) = match accepted {
                    Ok(pair) => pair,
                    Err(e) => {
                        // Out of file descriptors, say: wait, do not spin.
                        tracing::warn!(%e, "accept failed");
                        tokio::time::sleep(Duration::from_millis(50)).await;
                        continue;
                    }
                };
                let span = tracing::info_span!("conn", id = next, %peer);
                next += 1;
                let conn = builder.serve_connection(TokioIo::new(stream), service.clone());
                let conn = graceful.watch(conn);
                connections.spawn(
                    async move {
                        if let Err(e) = conn.await {
                            tracing::info!(%e, "connection ended with an error");
                        }
                    }
                    .instrument(span),
                );
            }
            Some(_) = connections.join_next(), if !connections.is_empty() => {}
        }
    }
    drop(listener); // new connections are refused from here on
    tracing::info!(open = connections.len(), "stopped accepting");
    let clean = tokio::time::timeout(grace, graceful.shutdown())
        .await
        .is_ok();
    if !clean {
        tracing::warn!("grace period over: aborting the connections left");
        connections.abort_all();
    }
    while connections.join_next().await.is_some() {}
    tracing::info!(clean, "stopped");
    Stopped { clean }
}
// ANCHOR_END: serve
