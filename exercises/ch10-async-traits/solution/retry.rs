use std::time::Duration;

/// Calls `op(1)`, `op(2)`, ... up to `op(attempts)` (`attempts` is at
/// least 1), stopping at the first `Ok`, which it returns. After a failed
/// attempt `n` that is not the last, it waits `first_wait * 2^(n-1)` (so
/// `first_wait`, then twice that, ...) before the next. If every attempt
/// fails, it returns the last attempt's error at once.
pub async fn retry<T, E>(
    attempts: u32,
    first_wait: Duration,
    mut op: impl AsyncFnMut(u32) -> Result<T, E>,
) -> Result<T, E> {
    let mut wait = first_wait;
    let mut n = 1;
    loop {
        match op(n).await {
            Ok(value) => return Ok(value),
            Err(e) if n >= attempts => return Err(e),
            Err(_) => {
                tokio::time::sleep(wait).await;
                wait *= 2;
                n += 1;
            }
        }
    }
}
