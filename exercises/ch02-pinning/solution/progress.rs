use pin_project_lite::pin_project;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;
use tokio::time::{Sleep, sleep};

pin_project! {
    /// Runs a future and, every `period` while it has not finished, calls
    /// `report` with the number of periods so far (1, 2, 3, ...). Its output
    /// is the future's output. When the future and a report are due at the
    /// same moment, the future wins: no report.
    ///
    /// The timing comes from `tick`, a tokio `Sleep`.
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
        // The work first: when both are due, the work wins.
        if let Poll::Ready(output) = this.inner.poll(cx) {
            return Poll::Ready(output);
        }
        // tokio's `Sleep` stores the waker of every poll, even one that
        // returns `Ready`; `reset` puts the timer back in the wheel with that
        // waker, so the task is woken again at the new deadline. (A fresh
        // `sleep()` in its place would wake nobody until it was polled.)
        if this.tick.as_mut().poll(cx).is_ready() {
            *this.ticks += 1;
            (this.report)(*this.ticks);
            let next = this.tick.deadline() + *this.period;
            this.tick.as_mut().reset(next);
        }
        Poll::Pending
    }
}
