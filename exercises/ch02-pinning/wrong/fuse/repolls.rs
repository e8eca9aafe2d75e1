//! Wrong: keeps the finished future and polls it again at every later poll
//! (and so never reports that it has terminated).
use pin_project_lite::pin_project;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

pin_project! {
    pub struct Fuse<F> {
        #[pin]
        inner: F,
    }
}

impl<F> Fuse<F> {
    pub fn new(future: F) -> Fuse<F> {
        Fuse { inner: future }
    }

    pub fn is_terminated(&self) -> bool {
        false
    }
}

impl<F: Future> Future for Fuse<F> {
    type Output = F::Output;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        // "Just pass the poll on": after `Ready`, this polls a finished future.
        self.project().inner.poll(cx)
    }
}
