//! The binary's `main`, shared by both versions: options, logging, signals.

use std::future::Future;
use std::io::Write;
use std::sync::Arc;
use std::time::Duration;

use tokio::net::TcpListener;
use tokio::signal::unix::{SignalKind, signal};
use tokio_util::sync::CancellationToken;

use crate::{App, Config, Stopped};

/// Usage: `PROG [PORT] [BACKEND_DELAY_MS]`; port 0 picks a free one. With
/// `STOP_AT_STDIN_EOF` set, the end of stdin stops the server as SIGTERM
/// does (the tests set it, so a server never outlives its test).
pub fn main<F, Fut>(run: F)
where
    F: FnOnce(Arc<App>, TcpListener, CancellationToken) -> Fut,
    Fut: Future<Output = Stopped>,
{
    let args: Vec<String> = std::env::args().skip(1).collect();
    let port: u16 = args.first().map_or(8080, |p| p.parse().expect("a port"));
    let mut config = Config::default();
    if let Some(ms) = args.get(1) {
        config.backend_delay = Duration::from_millis(ms.parse().expect("milliseconds"));
    }
    // Logs go to stderr, one line per event, with the spans it is in.
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_ansi(false)
        .init();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let stopped = runtime.block_on(async {
        // ANCHOR: signals
        let shutdown = CancellationToken::new();
        // Made before the server says it is listening, so no signal sent
        // after that line is missed.
        let mut term = signal(SignalKind::terminate()).unwrap();
        let mut int = signal(SignalKind::interrupt()).unwrap();
        let token = shutdown.clone();
        tokio::spawn(async move {
            tokio::select! {
                _ = term.recv() => tracing::info!("SIGTERM"),
                _ = int.recv() => tracing::info!("SIGINT"),
            }
            token.cancel();
        });
        // ANCHOR_END: signals
        if std::env::var_os("STOP_AT_STDIN_EOF").is_some() {
            let token = shutdown.clone();
            std::thread::spawn(move || {
                let _ = std::io::copy(&mut std::io::stdin(), &mut std::io::sink());
                tracing::info!("stdin closed");
                token.cancel();
            });
        }
        let listener = TcpListener::bind(("127.0.0.1", port)).await.unwrap();
        println!("listening on {}", listener.local_addr().unwrap());
        std::io::stdout().flush().unwrap();
        run(App::new(config), listener, shutdown).await
    });
    // Dropping the runtime ends what is left; then stdout is flushed.
    drop(runtime);
    println!("stopped, clean: {}", stopped.clean);
    std::io::stdout().flush().unwrap();
}
