//! Wrong: keeps the first success but goes on until every attempt has finished.
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
    let mut running: FuturesUnordered<Fut> = attempts.into_iter().collect();
    let mut first_success = None;
    let mut errors = Vec::new();
    while let Some(outcome) = running.next().await {
        match outcome {
            Ok(value) => {
                first_success.get_or_insert(value);
            }
            Err(error) => errors.push(error),
        }
    }
    first_success.ok_or(errors)
}
