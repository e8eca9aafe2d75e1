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
    pub struct Fuse<F> {
        // `Some` until the future finishes, then `None`: setting it to `None`
        // drops the finished future where it is, which pinning allows.
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
        // `as_pin_mut`: from `Pin<&mut Option<F>>` to `Option<Pin<&mut F>>`.
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
