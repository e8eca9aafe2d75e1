//! Exercises for chapter 2, "Pinning".
//!
//! 1. `Fuse` (src/fuse.rs): a wrapper that may be polled after its future
//!    has finished.
//! 2. `Progress` (src/progress.rs): a wrapper that reports, at a steady
//!    pace, while its future is still running.
//!
//! Both wrap a future that may not be `Unpin`, so both pin it structurally,
//! with pin-project-lite. Fill in the `todo!()`s, then run the tests:
//!
//! ```console
//! $ cargo test -p exercises-ch02-pinning
//! ```
//!
//! Every test fails until you have written the code. The solutions are in
//! solution/; `cargo test -p exercises-ch02-pinning --features solution`
//! runs the same tests on them.

#[cfg_attr(feature = "solution", path = "../solution/fuse.rs")]
mod fuse;
pub use fuse::Fuse;

#[cfg_attr(feature = "solution", path = "../solution/progress.rs")]
mod progress;
pub use progress::Progress;
