use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

/// Counts how often the future inside it is polled.
struct CountPolls<F> {
    inner: F,
    polls: u32,
}

impl<F: Future> Future for CountPolls<F> {
    type Output = F::Output;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        self.polls += 1;
        Pin::new(&mut self.inner).poll(cx)
    }
}

fn main() {}
