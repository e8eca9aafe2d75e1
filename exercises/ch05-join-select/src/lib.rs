//! Exercises for chapter 5, "Waiting on many futures: join and select".
//!
//! 1. `first_ok` (src/first_ok.rs): many attempts at once; the first success
//!    wins, and only if every attempt fails do you get the errors.
//! 2. `hedged` (src/hedge.rs): a request that starts a backup copy of itself
//!    if the first is slow to answer, and takes whichever answers first.
//!
//! Fill in the `todo!()`s, then run the tests:
//!
//! ```console
//! $ cargo test -p exercises-ch05-join-select
//! ```
//!
//! Every test fails until you have written the code. The solutions are in
//! solution/; `cargo test -p exercises-ch05-join-select --features solution`
//! runs the same tests on them.

#[cfg_attr(feature = "solution", path = "../solution/first_ok.rs")]
mod first_ok;
pub use first_ok::first_ok;

#[cfg_attr(feature = "solution", path = "../solution/hedge.rs")]
mod hedge;
pub use hedge::hedged;
