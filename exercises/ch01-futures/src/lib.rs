//! Exercises for chapter 1, "Futures".
//!
//! 1. `oneshot` (src/oneshot.rs): a channel for one value, whose receiver is
//!    a future.
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

#[cfg_attr(feature = "solution", path = "../solution/oneshot.rs")]
mod oneshot;
pub use oneshot::{Canceled, Receiver, Sender, oneshot};

#[cfg_attr(feature = "solution", path = "../solution/join2.rs")]
mod join2;
pub use join2::{Join2, join2};
