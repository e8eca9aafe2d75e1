//! Wrong: a finished `Fuse` wakes its task at every poll, "to follow the
//! rule"; nothing will ever make it ready, so the task only spins.
use pin_project_lite::pin_project;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, ready};

pin_project! {
    pub struct Fuse<F> {
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

    pub fn is_terminated(&self) -> bool {
        self.inner.is_none()
    }
}

impl<F: Future> Future for Fuse<F> {
    type Output = F::Output;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        let mut inner = self.project().inner;
        let Some(future) = inner.as_mut().as_pin_mut() else {
            // Asks to be polled again at once, for an answer that never changes.
            cx.waker().wake_by_ref();
            return Poll::Pending;
        };
        let output = ready!(future.poll(cx));
        inner.set(None);
        Poll::Ready(output)
    }
}
