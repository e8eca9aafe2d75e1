use pin_project_lite::pin_project;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;
use tokio::time::{Sleep, sleep};

pin_project! {
    /// Runs a future and, every `period` while it has not finished, calls
    /// `report` with the number of periods so far (1, 2, 3, ...).
    pub struct Progress<F, R> {
        #[pin]
        inner: F,
        // tokio's `Sleep` is not `Unpin` either: pinned too.
        #[pin]
        tick: Sleep,
        period: Duration,
        ticks: u32,
        report: R,
    }
}

impl<F, R: FnMut(u32)> Progress<F, R> {
    pub fn new(inner: F, period: Duration, report: R) -> Progress<F, R> {
        Progress {
            inner,
            tick: sleep(period),
            period,
            ticks: 0,
            report,
        }
    }
}

impl<F: Future, R: FnMut(u32)> Future for Progress<F, R> {
    type Output = F::Output;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        let mut this = self.project();
        if let Poll::Ready(output) = this.inner.poll(cx) {
            return Poll::Ready(output);
        }
        // Polling a `Sleep` registers the waker even when it is ready, so
        // once reset it wakes this task again at its new deadline.
        if this.tick.as_mut().poll(cx).is_ready() {
            *this.ticks += 1;
            (this.report)(*this.ticks);
            let next = this.tick.deadline() + *this.period;
            this.tick.as_mut().reset(next);
        }
        Poll::Pending
    }
}
