//! Exercises for chapter 7, "Shared state".
//!
//! 1. TODO(new): the first exercise, in one line (src/first.rs).
//!
//! Fill in the `todo!()`s, then run the tests:
//!
//! ```console
//! $ cargo test -p exercises-ch07-shared-state --no-fail-fast
//! ```

#[cfg_attr(feature = "solution", path = "../solution/first.rs")]
#[cfg_attr(feature = "wrong-first-zero", path = "../wrong/first/zero.rs")]
#[cfg_attr(
    feature = "wrong-first-off-by-one",
    path = "../wrong/first/off_by_one.rs"
)]
mod first;
pub use first::answer;
