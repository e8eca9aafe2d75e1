//! Exercises for appendix A, "Testing async code". Here you write the
//! tests, and the code under test is given: each exercise is a test suite,
//! run by tests/ against a right version of a component and against
//! versions with one bug each. Your suite must pass on the right one and
//! fail (panic) on every buggy one. It must tell them apart by what they
//! do: a suite that checks which version it was given (its type's name,
//! say) does not count, whatever the harness says.
//!
//! 1. `retry_suite` (src/retry_suite.rs): a suite for `parts::retry`.
//! 2. `greet_suite` (src/greet_suite.rs): a suite for `parts::greet`.
//!
//! Replace the `todo!()`s with tests, then run the harness:
//!
//! ```console
//! $ cargo test -p exercises-appendix-a-testing --no-fail-fast
//! $ cargo test -p exercises-appendix-a-testing --test retry_suite
//! ```
//!
//! The model suites are in solution/ (`--features solution`); wrong/ holds
//! weak suites that miss a bug, each caught by the harness.

pub mod parts;

#[cfg_attr(feature = "solution", path = "../solution/retry_suite.rs")]
#[cfg_attr(
    feature = "wrong-retry-suite-counts-only",
    path = "../wrong/retry_suite/counts_only.rs"
)]
#[cfg_attr(
    feature = "wrong-retry-suite-real-clock",
    path = "../wrong/retry_suite/real_clock.rs"
)]
pub mod retry_suite;

#[cfg_attr(feature = "solution", path = "../solution/greet_suite.rs")]
#[cfg_attr(
    feature = "wrong-greet-suite-batch-only",
    path = "../wrong/greet_suite/batch_only.rs"
)]
#[cfg_attr(
    feature = "wrong-greet-suite-no-timeout",
    path = "../wrong/greet_suite/no_timeout.rs"
)]
pub mod greet_suite;
