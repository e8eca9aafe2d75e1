use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

/// A future that is `Pending` the first time it is polled and `Ready` the
/// second, so that `yield_now().await` lets the executor run other tasks
/// before this one goes on.
pub struct YieldNow {
    yielded: bool,
}

pub fn yield_now() -> YieldNow {
    YieldNow { yielded: false }
}

impl Future for YieldNow {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.yielded {
            return Poll::Ready(());
        }
        self.yielded = true;
        // Pending alone would leave the task asleep for good: ask for
        // another poll first. The executor queues the task behind the others.
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}
