//! Counts the calls and checks the result, but never the time: a pause
//! after the last failure, or a blocking pause, gets through.

use crate::parts::retry::Retry;
use std::time::Duration;

pub async fn suite<R: Retry>() {
    let mut calls = 0;
    let result: Result<(), u32> = R::retry(3, Duration::from_millis(10), async || {
        calls += 1;
        Err(calls)
    })
    .await;
    assert_eq!(result, Err(3));
}
