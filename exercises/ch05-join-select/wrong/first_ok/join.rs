//! Wrong: waits for every attempt with `join_all`, then takes the first success in the list's order.
use futures::future::join_all;
use std::future::Future;

/// Runs every attempt at once, in this task. Returns the output of the
/// first attempt to succeed, as soon as it does (the attempts still running
/// are dropped), or, if every attempt fails, all the errors in the order
/// they happened. With no attempts at all, that is `Err` of an empty `Vec`.
pub async fn first_ok<T, E, Fut>(attempts: Vec<Fut>) -> Result<T, Vec<E>>
where
    Fut: Future<Output = Result<T, E>>,
{
    let mut errors = Vec::new();
    for outcome in join_all(attempts).await {
        match outcome {
            Ok(value) => return Ok(value),
            Err(error) => errors.push(error),
        }
    }
    Err(errors)
}
