use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

/// Listing 2-5's wrapper without its `impl Unpin`.
struct Logged<F> {
    inner: F,
    polls: u32,
}

impl<F: Future> Future for Logged<F> {
    type Output = F::Output;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        // `Pin` gives `DerefMut` only to an `Unpin` type, and `Logged<F>` is
        // `Unpin` only when `F` is.
        self.polls += 1;
        // SAFETY: `inner` is never moved out of a pinned `Logged`.
        let inner = unsafe { self.map_unchecked_mut(|logged| &mut logged.inner) };
        inner.poll(cx)
    }
}

fn main() {}
