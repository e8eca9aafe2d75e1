/// Runs the computation `f` so that the runtime calling `offload` stays free
/// to run its other tasks while `f` runs, even on a current-thread runtime,
/// and returns what `f` returns.
pub async fn offload<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = tokio::sync::oneshot::channel();
    rayon::spawn(move || {
        // The receiver is gone only if the caller stopped waiting.
        let _ = tx.send(f());
    });
    rx.await.expect("the computation panicked")
}
