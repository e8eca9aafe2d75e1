//! Wrong: waits after every failure, the last one too, so giving up takes one wait too long.
use std::time::Duration;

pub async fn retry<T, E>(
    attempts: u32,
    first_wait: Duration,
    mut op: impl AsyncFnMut(u32) -> Result<T, E>,
) -> Result<T, E> {
    let mut wait = first_wait;
    let mut last = None;
    for n in 1..=attempts {
        match op(n).await {
            Ok(value) => return Ok(value),
            Err(e) => last = Some(e),
        }
        tokio::time::sleep(wait).await;
        wait *= 2;
    }
    Err(last.expect("attempts is at least 1"))
}
