//! Wrong: returns `Pending` as soon as the first future is pending, without
//! polling the second, so the two run one after the other.

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
        // The mistake: one at a time. `b` is not polled until `a` is done,
        // so the two run one after the other, not at once.
        if this.a_output.is_none() {
            match this.a.as_mut().poll(cx) {
                Poll::Ready(output) => this.a_output = Some(output),
                Poll::Pending => return Poll::Pending,
            }
        }
        if this.b_output.is_none() {
            this.b_output = match this.b.as_mut().poll(cx) {
                Poll::Ready(output) => Some(output),
                Poll::Pending => None,
            };
        }
        if this.a_output.is_some() && this.b_output.is_some() {
            let a = this.a_output.take().expect("checked above");
            let b = this.b_output.take().expect("checked above");
            Poll::Ready((a, b))
        } else {
            Poll::Pending
        }
    }
}
