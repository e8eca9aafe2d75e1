//! Exercises for chapter 3, "Runtimes".
//!
//! 1. `Deadlines` (src/deadlines.rs): the queue at the heart of a timer.
//! 2. `sum_cooperatively` (src/cooperative.rs): a long computation that lets
//!    other tasks run.
//!
//! Fill in the `todo!()`s, then run the tests of both exercises (without
//! `--no-fail-fast`, cargo stops at the first exercise that fails):
//!
//! ```console
//! $ cargo test -p exercises-ch03-runtimes --no-fail-fast
//! $ cargo test -p exercises-ch03-runtimes --test deadlines     # one exercise
//! ```
//!
//! Every test fails until you have written the code. The solutions are in
//! solution/; `cargo test -p exercises-ch03-runtimes --features solution`
//! runs the same tests on them. wrong/ keeps plausible wrong solutions, each
//! caught by the tests: `--features wrong-deadlines-insert-order --test
//! deadlines`, for example, runs the tests on one of them.

#[cfg_attr(feature = "solution", path = "../solution/deadlines.rs")]
#[cfg_attr(
    feature = "wrong-deadlines-insert-order",
    path = "../wrong/deadlines/insert_order.rs"
)]
#[cfg_attr(
    feature = "wrong-deadlines-deadline-key",
    path = "../wrong/deadlines/deadline_key.rs"
)]
#[cfg_attr(
    feature = "wrong-deadlines-cancelled-next",
    path = "../wrong/deadlines/cancelled_next.rs"
)]
#[cfg_attr(
    feature = "wrong-deadlines-index-key",
    path = "../wrong/deadlines/index_key.rs"
)]
mod deadlines;
pub use deadlines::{Deadlines, Key};

#[cfg_attr(feature = "solution", path = "../solution/cooperative.rs")]
#[cfg_attr(
    feature = "wrong-cooperative-no-yield",
    path = "../wrong/cooperative/no_yield.rs"
)]
#[cfg_attr(
    feature = "wrong-cooperative-std-yield",
    path = "../wrong/cooperative/std_yield.rs"
)]
#[cfg_attr(
    feature = "wrong-cooperative-std-sleep",
    path = "../wrong/cooperative/std_sleep.rs"
)]
#[cfg_attr(
    feature = "wrong-cooperative-extra-yield",
    path = "../wrong/cooperative/extra_yield.rs"
)]
mod cooperative;
pub use cooperative::sum_cooperatively;
