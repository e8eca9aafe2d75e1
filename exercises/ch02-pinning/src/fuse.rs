// The starter leaves fields and parameters unused; remove this line once
// you have written the exercise.
#![allow(unused)]

use pin_project_lite::pin_project;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

pin_project! {
    /// Wraps a future so that polling it again after it has finished is
    /// harmless: the output comes once, and every later poll is `Pending`.
    pub struct Fuse<F> {
        // `Some` until the future finishes, then `None` (which also drops
        // the finished future). Pinned: `Fuse` may wrap a `!Unpin` future.
        #[pin]
        inner: Option<F>,
    }
}

impl<F> Fuse<F> {
    pub fn new(future: F) -> Fuse<F> {
        Fuse {
            inner: Some(future),
        }
    }

    /// Whether the future has finished (and been dropped).
    pub fn is_terminated(&self) -> bool {
        todo!("exercise 1")
    }
}

impl<F: Future> Future for Fuse<F> {
    type Output = F::Output;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        // Exercise 1: project, then poll the future if it is still there
        // (`Option::as_pin_mut` turns `Pin<&mut Option<F>>` into
        // `Option<Pin<&mut F>>`). When it is ready, replace it with `None`
        // (`Pin::set`) and return its output.
        todo!("exercise 1")
    }
}
