//! Wrong: each task returns its input's index with its output; the errors of panicked tasks, which carry no index, fill the gaps left in the order the errors arrive, so two panics that finish out of input order swap places.
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
    let count = inputs.len();
    let mut set = JoinSet::new();
    for (index, input) in inputs.into_iter().enumerate() {
        let work = f(input);
        set.spawn(async move { (index, work.await) });
    }
    let mut slots: Vec<Option<Result<U, JoinError>>> = (0..count).map(|_| None).collect();
    let mut errors = Vec::new();
    while let Some(joined) = set.join_next().await {
        match joined {
            Ok((index, value)) => slots[index] = Some(Ok(value)),
            // No index to put it under: keep it for the first empty slot.
            Err(error) => errors.push(error),
        }
    }
    let mut errors = errors.into_iter();
    slots
        .into_iter()
        .map(|slot| slot.unwrap_or_else(|| Err(errors.next().expect("one error per gap"))))
        .collect()
}
