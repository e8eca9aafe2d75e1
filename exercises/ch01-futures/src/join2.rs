//! Exercise 2: `join2`.
//!
//! Write `Join2::poll`: `join2(a, b)` runs the futures `a` and `b` at once,
//! in the task that awaits it, and resolves to both outputs once both are
//! done.
//!
//! The tests, in tests/join2.rs (`cargo test -p exercises-ch01-futures
//! --test join2`), check that:
//! - it returns both outputs;
//! - one poll of `Join2` polls the second future even while the first is
//!   pending;
//! - joining a 1-second wait with a 2-second wait takes 2 seconds;
//! - it never polls a future again once it has finished (an `async` block
//!   panics if it is).

// The starter leaves fields and parameters unused; remove this line once
// you have written the exercise.
#![allow(unused)]

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

/// Runs two futures concurrently in the task that awaits it, and returns
/// both outputs once both are done.
pub fn join2<A: Future, B: Future>(a: A, b: B) -> Join2<A, B> {
    Join2 {
        a: Box::pin(a),
        b: Box::pin(b),
        a_output: None,
        b_output: None,
    }
}

pub struct Join2<A: Future, B: Future> {
    // Boxed so that polling them needs no unsafe code (chapter 2 shows how
    // to do without the boxes).
    a: Pin<Box<A>>,
    b: Pin<Box<B>>,
    a_output: Option<A::Output>,
    b_output: Option<B::Output>,
}

// The outputs are only ever moved out, never pinned, so `Join2` can be moved
// freely even when they could not; chapter 2 explains what this line means.
impl<A: Future, B: Future> Unpin for Join2<A, B> {}

impl<A: Future, B: Future> Future for Join2<A, B> {
    type Output = (A::Output, B::Output);

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.get_mut();
        todo!("exercise 2")
    }
}
