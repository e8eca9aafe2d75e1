//! Wrong: polls the tick before the work, so when both are due at once it
//! reports one period too many.
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
        if this.tick.as_mut().poll(cx).is_ready() {
            *this.ticks += 1;
            (this.report)(*this.ticks);
            let next = this.tick.deadline() + *this.period;
            this.tick.as_mut().reset(next);
        }
        this.inner.poll(cx)
    }
}
