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
        self.inner.is_none()
    }
}

impl<F: Future> Future for Fuse<F> {
    type Output = F::Output;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        let mut inner = self.project().inner;
        let Some(future) = inner.as_mut().as_pin_mut() else {
            // Finished before: nothing to poll, and nothing will wake us.
            return Poll::Pending;
        };
        let output = std::task::ready!(future.poll(cx));
        // Dropping a pinned value in place is allowed; moving it is not.
        inner.set(None);
        Poll::Ready(output)
    }
}
