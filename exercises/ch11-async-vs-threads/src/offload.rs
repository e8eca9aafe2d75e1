/// Runs the computation `f` so that the runtime calling `offload` stays free
/// to run its other tasks while `f` runs, even on a current-thread runtime,
/// and returns what `f` returns.
pub async fn offload<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    let _ = f;
    todo!()
}
