//! Wrong: moves the tick's deadline one period on from *now*, not from its
//! old deadline, so a late poll pushes every later report back (drift).
use pin_project_lite::pin_project;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;
use tokio::time::{Instant, Sleep, sleep};

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
            // Right only when this poll comes exactly at the deadline.
            let next = Instant::now() + *this.period;
            this.tick.as_mut().reset(next);
        }
        Poll::Pending
    }
}
