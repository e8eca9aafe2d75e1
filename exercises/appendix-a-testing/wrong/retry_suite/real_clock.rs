//! Times the retry on the real clock, with room for a slow machine: a
//! blocking pause takes real time too, so it gets through.

use crate::parts::retry::Retry;
use std::time::Duration;
use tokio::time::Instant;

pub async fn suite<R: Retry>() {
    let pause = Duration::from_millis(100);
    let start = Instant::now();
    let mut calls = 0;
    let result: Result<(), u32> = R::retry(3, pause, async || {
        calls += 1;
        Err(calls)
    })
    .await;
    assert_eq!(result, Err(3));
    let took = start.elapsed();
    assert!(took >= 2 * pause && took < 3 * pause, "took {took:?}");
}
