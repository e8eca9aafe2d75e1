//! Wrong: the first request is moved into the first `select!` and dropped when the timer wins; only the backup is left.
use std::future::Future;
use std::time::Duration;
use tokio::time::sleep;

/// A hedged request. Calls `start(0)` and waits for it. If it has not
/// answered after `hedge_after`, calls `start(1)` as well, without giving
/// up on the first, and returns whichever of the two answers first. The
/// backup is never started if the first answers in time, and an answer
/// that comes at the very instant of `hedge_after` counts as in time. If
/// both answer at the same instant, the first request's answer is taken.
pub async fn hedged<T, F, Fut>(hedge_after: Duration, mut start: F) -> T
where
    F: FnMut(u32) -> Fut,
    Fut: Future<Output = T>,
{
    tokio::select! {
        biased;
        answer = start(0) => return answer,
        () = sleep(hedge_after) => {}
    }
    start(1).await
}
