//! Wrong: asks `is_elapsed` instead of polling the tick once it has fired;
//! that poll is what stores the waker the reset tick needs to wake the task.
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
        if this.tick.is_elapsed() {
            *this.ticks += 1;
            (this.report)(*this.ticks);
            // Firing took the last stored waker out of the timer entry; with
            // no poll since, the reset tick has no waker to wake.
            let next = this.tick.deadline() + *this.period;
            this.tick.as_mut().reset(next);
        } else {
            // Not due yet: poll only to be woken when it is.
            let _ = this.tick.as_mut().poll(cx);
        }
        Poll::Pending
    }
}
