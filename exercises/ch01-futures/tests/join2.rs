use exercises_ch01_futures::join2;
use std::future::{Future, pending};
use std::pin::pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::{Context, Waker};
use std::time::Duration;
use tokio::time::{Instant, sleep};

#[tokio::test]
async fn returns_both_outputs() {
    assert_eq!(join2(async { 1 }, async { "two" }).await, (1, "two"));
}

#[test]
fn polls_the_second_even_while_the_first_is_pending() {
    let polled = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&polled);
    let second = async move { flag.store(true, Ordering::SeqCst) };
    let mut joined = pin!(join2(pending::<()>(), second));
    let mut cx = Context::from_waker(Waker::noop());
    assert!(joined.as_mut().poll(&mut cx).is_pending());
    assert!(
        polled.load(Ordering::SeqCst),
        "both futures get a poll each time"
    );
}

/// With the clock paused, time jumps to each timer and durations are exact.
#[tokio::test(start_paused = true)]
async fn runs_both_at_once() {
    let start = Instant::now();
    let slow = async {
        sleep(Duration::from_secs(2)).await;
        "slow"
    };
    let quick = async {
        sleep(Duration::from_secs(1)).await;
        "quick"
    };
    assert_eq!(join2(slow, quick).await, ("slow", "quick"));
    assert_eq!(
        start.elapsed(),
        Duration::from_secs(2),
        "the longer wait, not the sum"
    );
}

/// An `async` block panics if it is polled again after it finished, so this
/// fails if join2 polls the finished first future while waiting for the second.
#[tokio::test]
async fn never_polls_a_finished_future_again() {
    let quick = async { 1 };
    let slow = async {
        for _ in 0..3 {
            tokio::task::yield_now().await;
        }
        2
    };
    assert_eq!(join2(quick, slow).await, (1, 2));
}
