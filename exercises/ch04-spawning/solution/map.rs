use std::collections::HashMap;
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
    // Task id -> the input's position, so that results can be put in order
    // even when the task panicked and returned no value to carry its index.
    let mut position = HashMap::new();
    for (index, input) in inputs.into_iter().enumerate() {
        let handle = set.spawn(f(input));
        position.insert(handle.id(), index);
    }
    let mut results: Vec<Option<Result<U, JoinError>>> =
        (0..position.len()).map(|_| None).collect();
    while let Some(joined) = set.join_next_with_id().await {
        let (id, result) = match joined {
            Ok((id, value)) => (id, Ok(value)),
            Err(error) => (error.id(), Err(error)),
        };
        results[position[&id]] = Some(result);
    }
    results
        .into_iter()
        .map(|result| result.expect("every task reports once"))
        .collect()
}
