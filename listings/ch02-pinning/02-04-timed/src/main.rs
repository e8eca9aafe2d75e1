use pin_project_lite::pin_project;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, ready};
use std::time::Duration;
use tokio::time::{Instant, sleep};

// ANCHOR: timed
pin_project! {
    /// Wraps a future; when it completes, also reports how long it took from
    /// its first poll and how many polls it needed.
    pub struct Timed<F> {
        // Structurally pinned: when `Timed` is pinned, so is `inner`, and
        // the projection hands out `Pin<&mut F>`.
        #[pin]
        inner: F,
        // Not pinned: plain data, handed out as `&mut`.
        first_poll: Option<Instant>,
        polls: u32,
    }
}

impl<F> Timed<F> {
    pub fn new(inner: F) -> Timed<F> {
        Timed {
            inner,
            first_poll: None,
            polls: 0,
        }
    }
}

pub struct Report<T> {
    pub output: T,
    pub took: Duration,
    pub polls: u32,
}

impl<F: Future> Future for Timed<F> {
    type Output = Report<F::Output>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        // One `Pin<&mut Self>` in, a struct of the fields out:
        // `inner: Pin<&mut F>`, `first_poll: &mut Option<Instant>`, `polls: &mut u32`.
        let this = self.project();
        let started = *this.first_poll.get_or_insert_with(Instant::now);
        *this.polls += 1;
        // `ready!` returns `Poll::Pending` from `poll` if the inner future
        // is pending, and otherwise gives its output.
        let output = ready!(this.inner.poll(cx));
        Poll::Ready(Report {
            output,
            took: started.elapsed(),
            polls: *this.polls,
        })
    }
}
// ANCHOR_END: timed

// ANCHOR: main
async fn fetch(name: &'static str, parts: u32) -> &'static str {
    for _ in 0..parts {
        sleep(Duration::from_millis(250)).await;
    }
    name
}

#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    // An `async` block is not `Unpin`; `Timed` handles it all the same.
    for (name, parts) in [("index.html", 1), ("video.mp4", 8)] {
        let report = Timed::new(fetch(name, parts)).await;
        println!(
            "{:10} took {:?} and {} polls",
            report.output, report.took, report.polls
        );
    }
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn times_from_the_first_poll_not_from_creation() {
        let timed = Timed::new(sleep(Duration::from_secs(2)));
        sleep(Duration::from_secs(5)).await; // created, but not yet polled
        let report = timed.await;
        // `sleep` fixes its deadline when called, so it is already due;
        // Timed starts counting at the first poll.
        assert_eq!(report.took, Duration::ZERO);
        assert_eq!(report.polls, 1);
    }

    #[tokio::test(start_paused = true)]
    async fn counts_one_poll_per_wake_plus_the_first() {
        let report = Timed::new(fetch("x", 3)).await;
        assert_eq!(report.took, Duration::from_millis(750));
        assert_eq!(report.polls, 4);
    }

    #[test]
    fn timed_is_unpin_exactly_when_its_future_is() {
        fn unpin<T: Unpin>(_: &T) {}
        unpin(&Timed::new(std::future::ready(1))); // Ready<i32> is Unpin
        // and Timed<Sleep> is not: see compile-fail/projected-not-unpin.rs.
    }
}
