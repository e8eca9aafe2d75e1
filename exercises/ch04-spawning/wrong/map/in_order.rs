//! Wrong: a `Vec` of handles awaited in order gets the order right, but dropping it detaches the tasks instead of stopping them.
use std::future::Future;
use tokio::task::JoinError;

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
    let handles: Vec<_> = inputs
        .into_iter()
        .map(|input| tokio::spawn(f(input)))
        .collect();
    let mut results = Vec::new();
    for handle in handles {
        results.push(handle.await);
    }
    results
}
