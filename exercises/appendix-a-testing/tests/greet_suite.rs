//! Your greet suite against the right `greet` and three with a bug.

mod harness;

use exercises_appendix_a_testing::greet_suite::suite;
// The right version is V1; V0 takes one read for one line, V2 answers the
// first line only, V3 holds its replies back until the peer closes.
use exercises_appendix_a_testing::parts::greet::{V0, V1, V2, V3};

#[test]
fn passes_on_the_right_greet() {
    harness::passes(suite::<V1>);
}

#[test]
fn catches_replies_held_back() {
    harness::catches(suite::<V3>);
}

#[test]
fn catches_a_read_taken_for_a_line() {
    harness::catches(suite::<V0>);
}

#[test]
fn catches_a_server_that_stops_after_one_line() {
    harness::catches(suite::<V2>);
}
