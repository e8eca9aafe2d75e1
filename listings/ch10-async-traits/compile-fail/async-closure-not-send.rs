async fn in_background<F>(job: F) -> u32
where
    F: AsyncFnOnce() -> u32 + Send + 'static,
{
    tokio::spawn(job()).await.unwrap()
}

fn main() {}
