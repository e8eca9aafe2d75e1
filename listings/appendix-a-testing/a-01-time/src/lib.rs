//! Listing A-1: a retry with a pause between attempts, and the tests that
//! pin its timing down exactly on tokio's paused clock.

use std::time::Duration;

// ANCHOR: retry
/// Calls `op` up to `attempts` times (at least once, so 0 counts as 1),
/// sleeping `pause` after each failure but the last; returns the first
/// success or the last error.
pub async fn retry<T, E>(
    attempts: u32,
    pause: Duration,
    mut op: impl AsyncFnMut() -> Result<T, E>,
) -> Result<T, E> {
    let mut tried = 1;
    loop {
        match op().await {
            Ok(value) => return Ok(value),
            Err(error) if tried >= attempts => return Err(error),
            Err(_) => {
                tokio::time::sleep(pause).await;
                tried += 1;
            }
        }
    }
}
// ANCHOR_END: retry

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::time::{Instant, advance, timeout};

    // ANCHOR: expansion
    // What `#[tokio::test]` writes for you, near enough: a plain test that
    // builds a current-thread runtime and blocks on the body.
    #[test]
    fn by_hand() {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap()
            .block_on(async {
                let r: Result<u8, ()> = retry(1, Duration::ZERO, async || Ok(7)).await;
                assert_eq!(r, Ok(7));
            });
    }
    // ANCHOR_END: expansion

    // ANCHOR: paused
    #[tokio::test(start_paused = true)]
    async fn three_failures_take_exactly_two_pauses() {
        let start = Instant::now();
        let mut calls = 0;
        let result: Result<(), u32> = retry(3, Duration::from_secs(10), async || {
            calls += 1;
            Err(calls)
        })
        .await;
        assert_eq!(result, Err(3));
        // 20 s of tokio's time, to the nanosecond, in no time at all.
        assert_eq!(start.elapsed(), Duration::from_secs(20));
    }

    #[tokio::test(start_paused = true)]
    async fn zero_attempts_still_calls_once_and_stops() {
        let mut calls = 0;
        let result: Result<(), u32> = timeout(
            Duration::from_secs(60),
            retry(0, Duration::from_secs(10), async || {
                calls += 1;
                Err(calls)
            }),
        )
        .await
        .expect("retry(0, ...) kept retrying");
        assert_eq!(result, Err(1));
    }
    // ANCHOR_END: paused

    // ANCHOR: rounding
    #[tokio::test]
    async fn paused_later_a_sleep_may_end_a_millisecond_late() {
        tokio::time::pause();
        let start = Instant::now();
        tokio::time::sleep(Duration::from_millis(100)).await;
        let took = start.elapsed();
        assert!(took >= Duration::from_millis(100) && took <= Duration::from_millis(101));
    }
    // ANCHOR_END: rounding

    // ANCHOR: advance
    #[tokio::test(start_paused = true)]
    async fn advance_moves_the_clock_by_hand() {
        let mut calls = 0;
        let task = tokio::spawn(retry(2, Duration::from_millis(100), async move || {
            calls += 1;
            if calls == 2 { Ok(calls) } else { Err(()) }
        }));
        tokio::task::yield_now().await; // the task runs its first attempt
        advance(Duration::from_millis(99)).await;
        assert!(!task.is_finished());
        advance(Duration::from_millis(1)).await;
        tokio::task::yield_now().await; // the task wakes and finishes
        assert!(task.is_finished());
        assert_eq!(task.await.unwrap(), Ok(2));
    }
    // ANCHOR_END: advance

    // ANCHOR: not_advanced
    #[tokio::test(start_paused = true)]
    async fn a_std_sleep_does_not_move_tokios_clock() {
        let start = Instant::now();
        let real = std::time::Instant::now();
        std::thread::sleep(Duration::from_millis(50));
        assert!(real.elapsed() >= Duration::from_millis(50));
        assert_eq!(start.elapsed(), Duration::ZERO);
    }

    #[tokio::test(start_paused = true)]
    async fn blocking_work_holds_the_clock_still() {
        let start = Instant::now();
        let work = tokio::task::spawn_blocking(|| std::thread::sleep(Duration::from_millis(50)));
        // The clock does not jump to the 1 s deadline while the blocking
        // task runs: the work finishes first, in real time.
        let done = timeout(Duration::from_secs(1), work).await;
        assert!(done.is_ok());
        assert!(start.elapsed() < Duration::from_secs(1));
    }
    // ANCHOR_END: not_advanced

    // ANCHOR: multi_thread
    // The body and a task each block their thread until the other arrives:
    // they need two threads running at once, which only this flavour gives.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn two_blocked_tasks_need_two_workers() {
        let barrier = std::sync::Arc::new(std::sync::Barrier::new(2));
        let other = barrier.clone();
        let a = tokio::spawn(async move { other.wait().is_leader() });
        let b = barrier.wait().is_leader();
        assert_ne!(a.await.unwrap(), b, "exactly one of the two leads");
    }
    // ANCHOR_END: multi_thread
}
