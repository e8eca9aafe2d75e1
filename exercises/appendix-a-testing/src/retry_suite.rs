//! Write a test suite for `retry` (see src/parts/retry.rs for what it must
//! do). It must return normally for the right version and panic for each
//! version with a bug; the harness in tests/retry_suite.rs runs it on a
//! current-thread runtime, against each version, and gives it 5 seconds.
//!
//! The runtime's clock is not paused: call `tokio::time::pause()` first if
//! you want it paused, and then allow about 1 ms per sleep for rounding.
//! Keep the pauses you pass to `retry` well under a second: a version that
//! blocks the thread waits them out in real time.

use crate::parts::retry::Retry;
#[allow(unused_imports)]
use std::time::Duration;

pub async fn suite<R: Retry>() {
    todo!("test R::retry")
}
