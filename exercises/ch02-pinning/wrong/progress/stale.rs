//! Wrong: reports when the tick fires but never moves its deadline on, so
//! the tick stays elapsed and never wakes the task again.
use pin_project_lite::pin_project;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;
use tokio::time::{Sleep, sleep};

pin_project! {
    pub struct Progress<F, R> {
        #[pin]
        inner: F,
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
        let this = self.project();
        if let Poll::Ready(output) = this.inner.poll(cx) {
            return Poll::Ready(output);
        }
        // The second report comes only if something else wakes the task.
        if this.tick.poll(cx).is_ready() {
            *this.ticks += 1;
            (this.report)(*this.ticks);
        }
        Poll::Pending
    }
}
