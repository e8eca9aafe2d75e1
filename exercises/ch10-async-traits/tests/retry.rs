//! Exercise 1: `retry` with an async closure.

use exercises_ch10_async_traits::retry;
use std::time::Duration;
use tokio::time::{Instant, sleep};

const WAIT: Duration = Duration::from_millis(100);

#[tokio::test(start_paused = true)]
async fn first_success_is_returned_at_once() {
    let start = Instant::now();
    let mut calls = Vec::new();
    let got: Result<&str, String> = retry(3, WAIT, async |n| {
        calls.push(n);
        Ok("done")
    })
    .await;
    assert_eq!(got, Ok("done"));
    assert_eq!(calls, [1]);
    assert_eq!(start.elapsed(), Duration::ZERO);
}

#[tokio::test(start_paused = true)]
async fn waits_double_between_failures() {
    let start = Instant::now();
    let mut seen = Vec::new();
    let got = retry(4, WAIT, async |n| {
        seen.push((n, start.elapsed()));
        sleep(Duration::from_millis(10)).await; // each attempt takes 10 ms
        if n < 3 {
            Err(format!("failed {n}"))
        } else {
            Ok(n * 10)
        }
    })
    .await;
    assert_eq!(got, Ok(30));
    let at = |ms| Duration::from_millis(ms);
    assert_eq!(seen, [(1, at(0)), (2, at(110)), (3, at(320))]);
}

#[tokio::test(start_paused = true)]
async fn gives_up_with_the_last_error_without_a_final_wait() {
    let start = Instant::now();
    let mut calls = 0;
    let got: Result<(), String> = retry(4, WAIT, async |n| {
        calls += 1;
        Err(format!("failed {n}"))
    })
    .await;
    assert_eq!(got, Err("failed 4".to_string()));
    assert_eq!(calls, 4);
    // 100 ms after the first failure, 200 after the second, 400 after the
    // third, none after the last. (Growing by 100 ms each time, not
    // doubling, would give 100 + 200 + 300: only the third wait tells.)
    assert_eq!(start.elapsed(), Duration::from_millis(700));
}

#[tokio::test(start_paused = true)]
async fn one_attempt_means_no_retry() {
    let mut calls = 0;
    let got: Result<(), &str> = retry(1, WAIT, async |_| {
        calls += 1;
        Err("no")
    })
    .await;
    assert_eq!((got, calls), (Err("no"), 1));
}
