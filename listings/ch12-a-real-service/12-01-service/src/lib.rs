//! Chapter 12's service on hyper: an actor-owned store, a slow backend
//! behind a single-flight cache, a streamed list, limits, timeouts and
//! graceful shutdown. The axum version (Listing 12-2) reuses all of it but
//! the routes, and one test suite (`suite!`) runs against both.

pub mod app;
pub mod backend;
pub mod cli;
pub mod client;
pub mod server;
pub mod store;
pub mod suite;

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;

use tokio::net::TcpListener;
use tokio_util::sync::CancellationToken;

pub use app::{App, Config};
pub use backend::Fault;
pub use server::Stopped;

/// A server running in this process, for tests.
pub struct Running {
    pub addr: SocketAddr,
    pub app: Arc<App>,
    shutdown: CancellationToken,
    task: tokio::task::JoinHandle<Stopped>,
}

impl Running {
    /// Starts `run` on a listener bound to 127.0.0.1 on a free port.
    pub async fn start<F, Fut>(config: Config, run: F) -> Running
    where
        F: FnOnce(Arc<App>, TcpListener, CancellationToken) -> Fut,
        Fut: Future<Output = Stopped> + Send + 'static,
    {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let app = App::new(config);
        let shutdown = CancellationToken::new();
        let task = tokio::spawn(run(app.clone(), listener, shutdown.clone()));
        Running {
            addr,
            app,
            shutdown,
            task,
        }
    }

    pub async fn stop(self) -> Stopped {
        self.shutdown.cancel();
        self.task.await.unwrap()
    }
}

// ANCHOR: run
/// The hyper version: every request goes to `app::handle`.
pub async fn run(app: Arc<App>, listener: TcpListener, shutdown: CancellationToken) -> Stopped {
    let config = app.config.clone();
    let service = hyper::service::service_fn(move |req| app::handle(app.clone(), req));
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
