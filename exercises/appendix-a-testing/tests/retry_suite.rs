//! Your retry suite against the right `retry` and three with a bug.

mod harness;

use exercises_appendix_a_testing::parts::retry::{Blocking, PauseAtEnd, Right, TooFew};
use exercises_appendix_a_testing::retry_suite::suite;

#[test]
fn passes_on_the_right_retry() {
    harness::passes(suite::<Right>);
}

#[test]
fn catches_one_attempt_too_few() {
    harness::catches(suite::<TooFew>);
}

#[test]
fn catches_a_pause_after_the_last_failure() {
    harness::catches(suite::<PauseAtEnd>);
}

#[test]
fn catches_a_blocking_pause() {
    harness::catches(suite::<Blocking>);
}
