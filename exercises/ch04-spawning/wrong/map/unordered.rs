//! Wrong: a `JoinSet` stops its tasks when dropped, but its results come in the order the tasks finish, not the order of the inputs.
use std::future::Future;
use tokio::task::{JoinError, JoinSet};

/// Runs `f(input)` for every input, each on a task of its own, all at once.
/// Returns one result per input, in the order of the inputs: `Ok` with the
/// task's output, or the `JoinError` of a task that panicked. If the future
/// this returns is dropped before it finishes, every task it started stops.
pub async fn map_concurrently<T, U, F, Fut>(inputs: Vec<T>, f: F) -> Vec<Result<U, JoinError>>
where
    F: Fn(T) -> Fut,
    Fut: Future<Output = U> + Send + 'static,
    U: Send + 'static,
{
    let mut set = JoinSet::new();
    for input in inputs {
        set.spawn(f(input));
    }
    let mut results = Vec::new();
    while let Some(joined) = set.join_next().await {
        results.push(joined);
    }
    results
}
