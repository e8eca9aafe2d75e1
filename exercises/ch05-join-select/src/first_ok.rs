// The starter leaves parameters unused; remove this line once you have
// written the exercise.
#![allow(unused)]

use std::future::Future;

/// Runs every attempt at once, in this task. Returns the output of the
/// first attempt to succeed, as soon as it does (the attempts still running
/// are dropped), or, if every attempt fails, all the errors in the order
/// they happened. With no attempts at all, that is `Err` of an empty `Vec`.
pub async fn first_ok<T, E, Fut>(attempts: Vec<Fut>) -> Result<T, Vec<E>>
where
    Fut: Future<Output = Result<T, E>>,
{
    todo!("exercise 1")
}
