use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

/// A future that is `Pending` the first time it is polled and `Ready` the
/// second, so that `yield_now().await` lets the executor run other tasks
/// before this one goes on.
pub struct YieldNow {
    yielded: bool,
}

pub fn yield_now() -> YieldNow {
    YieldNow { yielded: false }
}

impl Future for YieldNow {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        // Exercise 1: on the first poll, make sure the executor will poll
        // again, then return Pending; on the second, return Ready(()).
        let _ = (self.yielded, cx);
        todo!("exercise 1")
    }
}
