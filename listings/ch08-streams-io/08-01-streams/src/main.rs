//! One stream written three ways: by hand, with `unfold`, with `stream!`.
//! Each counts down from `from` to 1, one number every `every`.

use futures::stream::{self, Stream, StreamExt};
use pin_project_lite::pin_project;
use std::pin::Pin;
use std::task::{Context, Poll, ready};
use std::time::Duration;
use tokio::time::{Instant, Sleep, sleep};

// ANCHOR: by_hand
pin_project! {
    /// Yields `from`, `from - 1`, ..., `1`, each after a pause of `every`.
    pub struct Countdown {
        #[pin]
        pause: Sleep,
        left: u32,
        every: Duration,
    }
}

impl Countdown {
    pub fn new(from: u32, every: Duration) -> Self {
        Countdown {
            pause: sleep(every),
            left: from,
            every,
        }
    }
}

impl Stream for Countdown {
    type Item = u32;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<u32>> {
        let mut this = self.project();
        if *this.left == 0 {
            return Poll::Ready(None); // the end, and again at every later poll
        }
        ready!(this.pause.as_mut().poll(cx)); // Pending: the timer has our waker
        let item = *this.left;
        *this.left -= 1;
        let next = this.pause.deadline() + *this.every;
        this.pause.reset(next);
        Poll::Ready(Some(item))
    }
}
// ANCHOR_END: by_hand

// ANCHOR: unfold
pub fn countdown_unfold(from: u32, every: Duration) -> impl Stream<Item = u32> {
    stream::unfold(from, move |left| async move {
        if left == 0 {
            return None; // the end
        }
        sleep(every).await;
        Some((left, left - 1)) // (the item, the state for next time)
    })
}
// ANCHOR_END: unfold

// ANCHOR: macro
pub fn countdown_macro(from: u32, every: Duration) -> impl Stream<Item = u32> {
    async_stream::stream! {
        for left in (1..=from).rev() {
            sleep(every).await;
            yield left;
        }
    }
}
// ANCHOR_END: macro

/// Each item with the time it arrived, in ms since `start`.
async fn timed(name: &str, stream: impl Stream<Item = u32>) {
    let start = Instant::now();
    // ANCHOR: consume
    let mut stream = std::pin::pin!(stream);
    let mut seen = Vec::new();
    while let Some(n) = stream.next().await {
        seen.push(format!("{n}@{}ms", start.elapsed().as_millis()));
    }
    // ANCHOR_END: consume
    println!("{name:<7} {}", seen.join(" "));
}

// ANCHOR: main
#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    let every = Duration::from_millis(100);
    timed("by hand", Countdown::new(3, every)).await;
    timed("unfold", countdown_unfold(3, every)).await;
    timed("stream!", countdown_macro(3, every)).await;
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::*;
    use futures::FutureExt;
    use std::panic::AssertUnwindSafe;

    const EVERY: Duration = Duration::from_millis(100);

    /// The items, each with the time it came, in ms.
    async fn record(stream: impl Stream<Item = u32>) -> Vec<(u32, u128)> {
        let start = Instant::now();
        stream
            .map(|n| (n, start.elapsed().as_millis()))
            .collect()
            .await
    }

    #[tokio::test(start_paused = true)]
    async fn the_three_streams_yield_the_same_items_at_the_same_times() {
        let expected = vec![(3, 100), (2, 200), (1, 300)];
        assert_eq!(record(Countdown::new(3, EVERY)).await, expected);
        assert_eq!(record(countdown_unfold(3, EVERY)).await, expected);
        assert_eq!(record(countdown_macro(3, EVERY)).await, expected);
    }

    #[tokio::test(start_paused = true)]
    async fn a_stream_is_lazy_like_a_future() {
        // Made at 0 ms, first polled at 500 ms: unfold and stream! start
        // their first sleep only then.
        let start = Instant::now();
        let unfold = countdown_unfold(1, EVERY);
        let made = countdown_macro(1, EVERY);
        sleep(Duration::from_millis(500)).await;
        assert_eq!(record(unfold).await, vec![(1, 100)]);
        assert_eq!(start.elapsed(), Duration::from_millis(600));
        assert_eq!(record(made).await, vec![(1, 100)]);
    }

    #[tokio::test(start_paused = true)]
    async fn the_hand_written_ones_clock_starts_in_new() {
        // Its Sleep is made in `new`, so its first item was due 100 ms after
        // it was made: left alone for 500 ms, it yields at once when polled.
        let by_hand = Countdown::new(1, EVERY);
        sleep(Duration::from_millis(500)).await;
        assert_eq!(record(by_hand).await, vec![(1, 0)]);
    }

    #[tokio::test(start_paused = true)]
    async fn the_hand_written_one_says_none_again_after_the_end() {
        let mut s = std::pin::pin!(Countdown::new(1, EVERY));
        assert_eq!(s.next().await, Some(1));
        assert_eq!(s.next().await, None);
        assert_eq!(s.next().await, None);
    }

    #[tokio::test(start_paused = true)]
    async fn stream_macro_says_none_again_after_the_end() {
        let mut s = std::pin::pin!(countdown_macro(1, EVERY));
        assert_eq!(s.next().await, Some(1));
        assert_eq!(s.next().await, None);
        assert_eq!(s.next().await, None);
    }

    #[tokio::test(start_paused = true)]
    async fn unfold_panics_when_polled_after_the_end() {
        let mut s = std::pin::pin!(countdown_unfold(1, EVERY));
        assert_eq!(s.next().await, Some(1));
        assert_eq!(s.next().await, None);
        let again = AssertUnwindSafe(s.next()).catch_unwind().await;
        let message = *again.unwrap_err().downcast::<&str>().unwrap();
        assert_eq!(
            message,
            "Unfold must not be polled after it returned `Poll::Ready(None)`"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn fuse_makes_polling_after_the_end_safe() {
        let mut s = std::pin::pin!(countdown_unfold(1, EVERY).fuse());
        assert_eq!(s.next().await, Some(1));
        assert_eq!(s.next().await, None);
        assert_eq!(s.next().await, None);
        assert!(futures::stream::FusedStream::is_terminated(&s));
    }

    #[test]
    fn pending_leaves_a_waker_with_the_timer() {
        // Polled by hand: Pending before the pause is over, and the waker
        // given to that poll is woken when it is.
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .start_paused(true)
            .build()
            .unwrap();
        rt.block_on(async {
            let mut s = std::pin::pin!(Countdown::new(1, EVERY));
            let woken = std::sync::Arc::new(Flag::default());
            let waker = std::task::Waker::from(woken.clone());
            let mut cx = Context::from_waker(&waker);
            assert_eq!(s.as_mut().poll_next(&mut cx), Poll::Pending);
            assert!(!woken.0.load(std::sync::atomic::Ordering::SeqCst));
            sleep(EVERY).await;
            assert!(woken.0.load(std::sync::atomic::Ordering::SeqCst));
            assert_eq!(s.as_mut().poll_next(&mut cx), Poll::Ready(Some(1)));
            assert_eq!(s.as_mut().poll_next(&mut cx), Poll::Ready(None));
        });
    }

    #[derive(Default)]
    struct Flag(std::sync::atomic::AtomicBool);

    impl std::task::Wake for Flag {
        fn wake(self: std::sync::Arc<Self>) {
            self.0.store(true, std::sync::atomic::Ordering::SeqCst);
        }
    }
}
