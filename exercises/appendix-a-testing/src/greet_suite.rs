//! Write a test suite for `greet` (see src/parts/greet.rs for what it must
//! do). It must return normally for the right version and panic for each
//! version with a bug; the harness in tests/greet_suite.rs runs it on a
//! current-thread runtime, against each version, and gives it 5 seconds.
//!
//! The runtime's clock is not paused: call `tokio::time::pause()` first if
//! you want it paused.

use crate::parts::greet::Greet;

pub async fn suite<G: Greet>() {
    todo!("test G::greet")
}
