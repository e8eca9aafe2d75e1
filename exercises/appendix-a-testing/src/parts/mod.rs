//! The components under test, each a right version and some with one bug.
//! Your suites see them only through the traits, as `R::retry` and
//! `G::greet`; the harness in tests/ picks the version.

pub mod greet;
pub mod retry;
