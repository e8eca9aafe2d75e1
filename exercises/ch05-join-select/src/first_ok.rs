// The starter leaves parameters unused; remove this line once you have
// written the exercise.
#![allow(unused)]

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
    // Hint: put the attempts in a FuturesUnordered and take outputs from it
    // as they finish (`next()` gives `None` when it is empty). `join_all` or
    // `try_join_all` will not do: why not?
    todo!("exercise 1")
}
