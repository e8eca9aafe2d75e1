//! Wrong: counts from 0, so it makes one attempt more than `attempts` allows.
use std::time::Duration;

pub async fn retry<T, E>(
    attempts: u32,
    first_wait: Duration,
    mut op: impl AsyncFnMut(u32) -> Result<T, E>,
) -> Result<T, E> {
    let mut wait = first_wait;
    let mut n = 0;
    loop {
        match op(n + 1).await {
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
