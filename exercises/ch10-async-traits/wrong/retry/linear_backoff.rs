//! Wrong: the wait grows by `first_wait` each time (100, 200, 300 ms, ...)
//! instead of doubling (100, 200, 400 ms, ...). The first two waits agree.
use std::time::Duration;

pub async fn retry<T, E>(
    attempts: u32,
    first_wait: Duration,
    mut op: impl AsyncFnMut(u32) -> Result<T, E>,
) -> Result<T, E> {
    let mut n = 1;
    loop {
        match op(n).await {
            Ok(value) => return Ok(value),
            Err(e) if n >= attempts => return Err(e),
            Err(_) => {
                tokio::time::sleep(first_wait * n).await;
                n += 1;
            }
        }
    }
}
