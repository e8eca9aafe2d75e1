//! The model suite: counts the calls, and times the pauses exactly on the
//! paused clock.

use crate::parts::retry::Retry;
use std::time::Duration;
use tokio::time::Instant;

pub async fn suite<R: Retry>() {
    tokio::time::pause();
    let pause = Duration::from_millis(100);
    // tokio's timer counts whole milliseconds from the runtime's start and
    // rounds a deadline up; paused mid-run, each sleep may end 1 ms late.
    let about = |expected: Duration, took: Duration| {
        assert!(
            took >= expected && took <= expected + Duration::from_millis(5),
            "expected {expected:?}, took {took:?}"
        );
    };

    // Every attempt fails: three calls, the last error, two pauses.
    let start = Instant::now();
    let mut calls = 0;
    let result: Result<(), u32> = R::retry(3, pause, async || {
        calls += 1;
        Err(calls)
    })
    .await;
    assert_eq!(result, Err(3), "three attempts, the last error");
    about(2 * pause, start.elapsed()); // a pause between attempts, none after

    // The second attempt succeeds: one pause, no third call.
    let start = Instant::now();
    let mut calls = 0;
    let result: Result<u32, ()> = R::retry(3, pause, async || {
        calls += 1;
        if calls == 2 { Ok(calls) } else { Err(()) }
    })
    .await;
    assert_eq!(result, Ok(2));
    about(pause, start.elapsed());
}
