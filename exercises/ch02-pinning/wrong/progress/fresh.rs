//! Wrong: after each report, puts a new `sleep(period)` in place of the
//! tick instead of resetting it; nothing polls the new one, so nothing
//! wakes the task for the next report.
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
        let mut this = self.project();
        if let Poll::Ready(output) = this.inner.poll(cx) {
            return Poll::Ready(output);
        }
        if this.tick.as_mut().poll(cx).is_ready() {
            *this.ticks += 1;
            (this.report)(*this.ticks);
            // A new `Sleep` registers with the timer at its first poll,
            // which would only come when something else wakes the task.
            this.tick.set(sleep(*this.period));
        }
        Poll::Pending
    }
}
