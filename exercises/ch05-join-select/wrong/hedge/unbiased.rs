//! Wrong: no `biased;`, so each tie goes to whichever branch `select!` happens to poll first.
use std::future::Future;
use std::pin::pin;
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
    let mut first = pin!(start(0));
    tokio::select! {
        answer = &mut first => return answer,
        () = sleep(hedge_after) => {}
    }
    let backup = start(1);
    tokio::select! {
        answer = first => answer,
        answer = backup => answer,
    }
}
