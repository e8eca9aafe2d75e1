use futures::stream::{FuturesUnordered, StreamExt};
use std::future::Future;

/// Runs every attempt at once, in this task. Returns the output of the
/// first attempt to succeed, as soon as it does (the attempts still running
/// are dropped), or, if every attempt fails, all the errors in the order
/// they happened. With no attempts at all, that is `Err` of an empty `Vec`.
pub async fn first_ok<T, E, Fut>(attempts: Vec<Fut>) -> Result<T, Vec<E>>
where
    Fut: Future<Output = Result<T, E>>,
{
    // join_all would wait for every attempt, and try_join_all stops at the
    // first *error*: the opposite of what is wanted here.
    let mut running: FuturesUnordered<Fut> = attempts.into_iter().collect();
    let mut errors = Vec::new();
    while let Some(outcome) = running.next().await {
        match outcome {
            // Returning drops `running`, and with it every unfinished attempt.
            Ok(value) => return Ok(value),
            Err(error) => errors.push(error),
        }
    }
    Err(errors)
}
