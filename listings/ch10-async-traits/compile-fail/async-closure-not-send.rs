async fn in_background<F>(job: F) -> u32
where
    F: AsyncFn() -> u32 + Send + Sync + 'static,
{
    tokio::spawn(async move { job().await }).await.unwrap()
}

fn main() {}
