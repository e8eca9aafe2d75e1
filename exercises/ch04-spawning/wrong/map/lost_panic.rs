//! Wrong: each task returns its input's index with its output, which orders the results, but a task that panicked returns nothing, so its result is left out.
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
    for (index, input) in inputs.into_iter().enumerate() {
        let work = f(input);
        set.spawn(async move { (index, work.await) });
    }
    let mut indexed = Vec::new();
    while let Some(joined) = set.join_next().await {
        // A panicked task has no index to put its error under: skip it.
        if let Ok((index, value)) = joined {
            indexed.push((index, value));
        }
    }
    indexed.sort_by_key(|&(index, _)| index);
    indexed.into_iter().map(|(_, value)| Ok(value)).collect()
}
