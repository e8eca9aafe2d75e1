// The starter leaves fields and parameters unused; remove this line once
// you have written the exercise.
#![allow(unused)]

use pin_project_lite::pin_project;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;
use tokio::time::{Instant, Sleep, sleep};

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
        // Exercise 2: poll the inner future first; if it is ready, so are we.
        // Otherwise, if the tick is ready: count it, report it, and move its
        // deadline one period on (`Sleep::deadline`, `Sleep::reset`), or it
        // stays ready and never wakes the task again.
        todo!("exercise 2")
    }
}
