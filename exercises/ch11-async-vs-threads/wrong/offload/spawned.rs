//! Wrong: a spawned task still runs on the runtime's threads, so on a
//! current-thread runtime the computation blocks everything else.
pub async fn offload<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    tokio::spawn(async move { f() }).await.unwrap()
}
