//! Your greet suite against the right `greet` and three with a bug.

mod harness;

use exercises_appendix_a_testing::greet_suite::suite;
use exercises_appendix_a_testing::parts::greet::{FirstOnly, OneRead, Right, Unflushed};

#[test]
fn passes_on_the_right_greet() {
    harness::passes(suite::<Right>);
}

#[test]
fn catches_replies_held_back() {
    harness::catches(suite::<Unflushed>);
}

#[test]
fn catches_a_read_taken_for_a_line() {
    harness::catches(suite::<OneRead>);
}

#[test]
fn catches_a_server_that_stops_after_one_line() {
    harness::catches(suite::<FirstOnly>);
}
