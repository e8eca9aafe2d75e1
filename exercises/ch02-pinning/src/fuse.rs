// The starter leaves parameters unused; remove this line once you have
// written the exercise.
#![allow(unused)]

use pin_project_lite::pin_project;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

pin_project! {
    /// Runs a future to completion, and may be polled again after that:
    ///
    /// - while the future is pending, a poll of `Fuse` is `Pending`;
    /// - when it is ready, `Fuse` returns its output and drops the finished
    ///   future at once;
    /// - every poll after that is `Pending`, and never polls the future.
    ///
    /// Change the fields as you need (keep `#[pin]` on a field that holds a
    /// future that may not be `Unpin`).
    ///
    /// Tests: tests/fuse.rs.
    pub struct Fuse<F> {
        #[pin]
        inner: F,
    }
}

impl<F> Fuse<F> {
    pub fn new(future: F) -> Fuse<F> {
        todo!("exercise 1")
    }

    /// Whether the future has finished (and been dropped).
    pub fn is_terminated(&self) -> bool {
        todo!("exercise 1")
    }
}

impl<F: Future> Future for Fuse<F> {
    type Output = F::Output;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        todo!("exercise 1")
    }
}
