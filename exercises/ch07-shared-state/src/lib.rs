//! Exercises for chapter 7, "Shared state".
//!
//! 1. `Latch` (src/latch.rs): a countdown latch that any number of tasks
//!    can wait on, built from a lock and a `Notify`.
//! 2. `Pool` (src/pool.rs): a pool of reusable items, lent out at most one
//!    per item, to waiters in the order they asked.
//!
//! Fill in the `todo!()`s, then run the tests, all of them or one
//! exercise's:
//!
//! ```console
//! $ cargo test -p exercises-ch07-shared-state --no-fail-fast
//! $ cargo test -p exercises-ch07-shared-state --test latch
//! $ cargo test -p exercises-ch07-shared-state --test pool
//! ```
//!
//! Every test fails until you have written the code. The solutions are in
//! solution/; `cargo test -p exercises-ch07-shared-state --features
//! solution` runs the same tests on them. wrong/ holds plausible wrong
//! answers, each caught by the tests: `--features wrong-latch-no-check
//! --test latch`, for one.

#[cfg_attr(feature = "solution", path = "../solution/latch.rs")]
#[cfg_attr(
    feature = "wrong-latch-notify-one",
    path = "../wrong/latch/notify_one.rs"
)]
#[cfg_attr(feature = "wrong-latch-no-check", path = "../wrong/latch/no_check.rs")]
#[cfg_attr(
    feature = "wrong-latch-check-first",
    path = "../wrong/latch/check_first.rs"
)]
#[cfg_attr(
    feature = "wrong-latch-underflow",
    path = "../wrong/latch/underflow.rs"
)]
mod latch;
pub use latch::Latch;

#[cfg_attr(feature = "solution", path = "../solution/pool.rs")]
#[cfg_attr(
    feature = "wrong-pool-underscore",
    path = "../wrong/pool/underscore.rs"
)]
#[cfg_attr(feature = "wrong-pool-forget", path = "../wrong/pool/forget.rs")]
#[cfg_attr(
    feature = "wrong-pool-permit-first",
    path = "../wrong/pool/permit_first.rs"
)]
#[cfg_attr(feature = "wrong-pool-spin", path = "../wrong/pool/spin.rs")]
mod pool;
pub use pool::{Pool, Pooled};
