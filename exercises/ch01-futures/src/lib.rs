//! Exercises for chapter 1, "Futures".
//!
//! 1. `yield_now` (src/yield_now.rs): a future that gives other tasks a turn.
//! 2. `join2` (src/join2.rs): run two futures at once, in one task.
//!
//! Fill in the `todo!()`s, then run the tests:
//!
//! ```console
//! $ cargo test -p exercises-ch01-futures
//! ```
//!
//! Every test fails until you have written the code. If you are stuck, the
//! solutions are in solution/, and `cargo test -p exercises-ch01-futures
//! --features solution` runs the same tests on them.

#[cfg_attr(feature = "solution", path = "../solution/yield_now.rs")]
mod yield_now;
pub use yield_now::{YieldNow, yield_now};

#[cfg_attr(feature = "solution", path = "../solution/join2.rs")]
mod join2;
pub use join2::{Join2, join2};
