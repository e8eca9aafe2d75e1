//! Write a test suite for `retry` (see src/parts/retry.rs for what it must
//! do). It must return normally for the right version and panic for each
//! version with a bug; the harness in tests/retry_suite.rs runs it on a
//! current-thread runtime, against each version, and gives it 5 seconds.

use crate::parts::retry::Retry;
#[allow(unused_imports)]
use std::time::Duration;

pub async fn suite<R: Retry>() {
    todo!("test R::retry")
}
