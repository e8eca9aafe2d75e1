//! Exercises for chapter 11, "Async vs threads, measured".
//!
//! 1. Hand computation to another thread and await its answer (src/offload.rs).
//! 2. Split computation over threads, one per part (src/split.rs).
//!
//! Fill in the `todo!()`s, then run the tests:
//!
//! ```console
//! $ cargo test -p exercises-ch11-async-vs-threads --no-fail-fast
//! ```

#[cfg_attr(feature = "solution", path = "../solution/offload.rs")]
#[cfg_attr(feature = "wrong-offload-inline", path = "../wrong/offload/inline.rs")]
#[cfg_attr(
    feature = "wrong-offload-spawned",
    path = "../wrong/offload/spawned.rs"
)]
mod offload;
pub use offload::offload;

#[cfg_attr(feature = "solution", path = "../solution/split.rs")]
#[cfg_attr(
    feature = "wrong-split-current-thread",
    path = "../wrong/split/current_thread.rs"
)]
#[cfg_attr(
    feature = "wrong-split-dropped-rest",
    path = "../wrong/split/dropped_rest.rs"
)]
#[cfg_attr(feature = "wrong-split-div-ceil", path = "../wrong/split/div_ceil.rs")]
mod split;
pub use split::parallel_sum;
