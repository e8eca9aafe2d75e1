//! Wrong: takes both outputs out before checking that both are there, dropping
//! the first to arrive; its future is then polled again after finishing.

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
        // Poll both every time (a finished one excepted): each registers the
        // task's waker, so whichever becomes ready first wakes us.
        if this.a_output.is_none() {
            this.a_output = match this.a.as_mut().poll(cx) {
                Poll::Ready(output) => Some(output),
                Poll::Pending => None,
            };
        }
        if this.b_output.is_none() {
            this.b_output = match this.b.as_mut().poll(cx) {
                Poll::Ready(output) => Some(output),
                Poll::Pending => None,
            };
        }
        // The mistake: both outputs are taken before checking, so the one
        // that arrived first is thrown away when the other is not ready.
        match (this.a_output.take(), this.b_output.take()) {
            (Some(a), Some(b)) => Poll::Ready((a, b)),
            _ => Poll::Pending,
        }
    }
}
