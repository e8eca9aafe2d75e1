//! Your retry suite against the right `retry` and three with a bug.

mod harness;

// The right version is V2; V0 gives up one attempt early, V1 pauses with
// std::thread::sleep, V3 sleeps after the last failure too.
use exercises_appendix_a_testing::parts::retry::{V0, V1, V2, V3};
use exercises_appendix_a_testing::retry_suite::suite;

#[test]
fn passes_on_the_right_retry() {
    harness::passes(suite::<V2>);
}

#[test]
fn catches_one_attempt_too_few() {
    harness::catches(suite::<V0>);
}

#[test]
fn catches_a_pause_after_the_last_failure() {
    harness::catches(suite::<V3>);
}

#[test]
fn catches_a_blocking_pause() {
    harness::catches(suite::<V1>);
}
