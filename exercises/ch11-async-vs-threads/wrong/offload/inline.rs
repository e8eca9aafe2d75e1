//! Wrong: computes on the runtime's thread; an async fn is not a thread.
pub async fn offload<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    f()
}
