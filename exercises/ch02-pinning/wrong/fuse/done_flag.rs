//! Wrong: a `done` flag stops the polls after `Ready`, but the finished
//! future (and whatever it holds) is kept until the `Fuse` is dropped.
use pin_project_lite::pin_project;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, ready};

pin_project! {
    pub struct Fuse<F> {
        #[pin]
        inner: F,
        done: bool,
    }
}

impl<F> Fuse<F> {
    pub fn new(future: F) -> Fuse<F> {
        Fuse {
            inner: future,
            done: false,
        }
    }

    pub fn is_terminated(&self) -> bool {
        self.done
    }
}

impl<F: Future> Future for Fuse<F> {
    type Output = F::Output;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        let this = self.project();
        if *this.done {
            return Poll::Pending;
        }
        let output = ready!(this.inner.poll(cx));
        *this.done = true;
        Poll::Ready(output)
    }
}
