//! Exercises for chapter 1, "Futures".
//!
//! 1. `oneshot` (src/oneshot.rs): a channel for one value, whose receiver is
//!    a future.
//! 2. `join2` (src/join2.rs): run two futures at once, in one task.
//!
//! Fill in the `todo!()`s, then run the tests of both exercises (without
//! `--no-fail-fast`, cargo stops after the first test file that fails):
//!
//! ```console
//! $ cargo test -p exercises-ch01-futures --no-fail-fast
//! $ cargo test -p exercises-ch01-futures --test oneshot    # one exercise
//! ```
//!
//! Every test fails until you have written the code. The solutions are in
//! solution/, and `--features solution` runs the same tests on them;
//! wrong/ holds plausible wrong solutions, each caught by a test.

#[cfg_attr(feature = "solution", path = "../solution/oneshot.rs")]
#[cfg_attr(feature = "wrong-oneshot-first", path = "../wrong/oneshot/first.rs")]
#[cfg_attr(feature = "wrong-oneshot-silent", path = "../wrong/oneshot/silent.rs")]
#[cfg_attr(feature = "wrong-oneshot-gone", path = "../wrong/oneshot/gone.rs")]
#[cfg_attr(feature = "wrong-oneshot-locked", path = "../wrong/oneshot/locked.rs")]
#[cfg_attr(feature = "wrong-oneshot-split", path = "../wrong/oneshot/split.rs")]
mod oneshot;
pub use oneshot::{Canceled, Receiver, Sender, oneshot};

#[cfg_attr(feature = "solution", path = "../solution/join2.rs")]
#[cfg_attr(feature = "wrong-join2-repoll", path = "../wrong/join2/repoll.rs")]
#[cfg_attr(feature = "wrong-join2-serial", path = "../wrong/join2/serial.rs")]
#[cfg_attr(feature = "wrong-join2-drops", path = "../wrong/join2/drops.rs")]
mod join2;
pub use join2::{Join2, join2};
