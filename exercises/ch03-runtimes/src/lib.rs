//! Exercises for chapter 3, "Runtimes".
//!
//! 1. `Deadlines` (src/deadlines.rs): the queue at the heart of a timer.
//! 2. `sum_cooperatively` (src/cooperative.rs): a long computation that lets
//!    other tasks run.
//!
//! Fill in the `todo!()`s, then run the tests:
//!
//! ```console
//! $ cargo test -p exercises-ch03-runtimes
//! ```
//!
//! Every test fails until you have written the code. The solutions are in
//! solution/; `cargo test -p exercises-ch03-runtimes --features solution`
//! runs the same tests on them.

#[cfg_attr(feature = "solution", path = "../solution/deadlines.rs")]
mod deadlines;
pub use deadlines::Deadlines;

#[cfg_attr(feature = "solution", path = "../solution/cooperative.rs")]
mod cooperative;
pub use cooperative::sum_cooperatively;
