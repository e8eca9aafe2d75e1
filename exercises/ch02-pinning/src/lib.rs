//! Exercises for chapter 2, "Pinning".
//!
//! 1. `Fuse` (src/fuse.rs, tests in tests/fuse.rs).
//! 2. `Progress` (src/progress.rs, tests in tests/progress.rs).
//!
//! Fill in the `todo!()`s, then run every exercise's tests (without
//! `--no-fail-fast`, cargo stops at the first exercise that fails):
//!
//! ```console
//! $ cargo test -p exercises-ch02-pinning --no-fail-fast
//! $ cargo test -p exercises-ch02-pinning --test fuse       # one exercise
//! ```
//!
//! Every test fails until you have written the code. The solutions are in
//! solution/, and `cargo test -p exercises-ch02-pinning --features solution`
//! runs the same tests on them. wrong/ keeps plausible wrong answers, each
//! caught by the tests: `--features wrong-fuse-done-flag --test fuse`, for
//! instance, shows one being caught.

#[cfg_attr(feature = "solution", path = "../solution/fuse.rs")]
#[cfg_attr(feature = "wrong-fuse-done-flag", path = "../wrong/fuse/done_flag.rs")]
#[cfg_attr(feature = "wrong-fuse-panics", path = "../wrong/fuse/panics.rs")]
#[cfg_attr(feature = "wrong-fuse-repolls", path = "../wrong/fuse/repolls.rs")]
#[cfg_attr(feature = "wrong-fuse-wakes", path = "../wrong/fuse/wakes.rs")]
mod fuse;
pub use fuse::Fuse;

#[cfg_attr(feature = "solution", path = "../solution/progress.rs")]
#[cfg_attr(feature = "wrong-progress-drift", path = "../wrong/progress/drift.rs")]
#[cfg_attr(feature = "wrong-progress-early", path = "../wrong/progress/early.rs")]
#[cfg_attr(feature = "wrong-progress-fresh", path = "../wrong/progress/fresh.rs")]
#[cfg_attr(
    feature = "wrong-progress-is-elapsed",
    path = "../wrong/progress/is_elapsed.rs"
)]
#[cfg_attr(feature = "wrong-progress-stale", path = "../wrong/progress/stale.rs")]
mod progress;
pub use progress::Progress;
