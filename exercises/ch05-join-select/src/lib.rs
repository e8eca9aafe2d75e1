//! Exercises for chapter 5, "Waiting on many futures: join and select".
//!
//! 1. `first_ok` (src/first_ok.rs): many attempts at once; the first success
//!    wins, and only if every attempt fails do you get the errors.
//! 2. `hedged` (src/hedge.rs): a request that starts a backup copy of itself
//!    if the first is slow to answer, and takes whichever answers first.
//!
//! Fill in the `todo!()`s, then run the tests, all of them or one
//! exercise's:
//!
//! ```console
//! $ cargo test -p exercises-ch05-join-select --no-fail-fast
//! $ cargo test -p exercises-ch05-join-select --test first_ok
//! $ cargo test -p exercises-ch05-join-select --test hedge
//! ```
//!
//! Every test fails until you have written the code. The solutions are in
//! solution/; `cargo test -p exercises-ch05-join-select --features solution`
//! runs the same tests on them. wrong/ holds plausible wrong answers, each
//! caught by the tests: `--features wrong-hedge-unbiased --test hedge`, for
//! one.

#[cfg_attr(feature = "solution", path = "../solution/first_ok.rs")]
#[cfg_attr(feature = "wrong-first-ok-join", path = "../wrong/first_ok/join.rs")]
#[cfg_attr(feature = "wrong-first-ok-first", path = "../wrong/first_ok/first.rs")]
#[cfg_attr(feature = "wrong-first-ok-drain", path = "../wrong/first_ok/drain.rs")]
mod first_ok;
pub use first_ok::first_ok;

#[cfg_attr(feature = "solution", path = "../solution/hedge.rs")]
#[cfg_attr(feature = "wrong-hedge-unbiased", path = "../wrong/hedge/unbiased.rs")]
#[cfg_attr(feature = "wrong-hedge-eager", path = "../wrong/hedge/eager.rs")]
#[cfg_attr(feature = "wrong-hedge-dropped", path = "../wrong/hedge/dropped.rs")]
mod hedge;
pub use hedge::hedged;
