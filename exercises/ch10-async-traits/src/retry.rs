// The starter leaves parameters unused; remove this line once you have
// written the exercise.
#![allow(unused)]

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
    todo!("exercise 1")
}
