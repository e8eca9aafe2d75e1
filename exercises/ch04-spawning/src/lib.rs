//! Exercises for chapter 4, "Spawning tasks".
//!
//! 1. `map_concurrently` (src/map.rs): one task per input, results in input
//!    order, a panic reported where it happened.
//! 2. `count_words` (src/words.rs): CPU work on the blocking pool.
//!
//! Fill in the `todo!()`s, then run the tests:
//!
//! ```console
//! $ cargo test -p exercises-ch04-spawning
//! ```
//!
//! Every test fails until you have written the code. The solutions are in
//! solution/; `cargo test -p exercises-ch04-spawning --features solution`
//! runs the same tests on them.

#[cfg_attr(feature = "solution", path = "../solution/map.rs")]
mod map;
pub use map::map_concurrently;

#[cfg_attr(feature = "solution", path = "../solution/words.rs")]
mod words;
pub use words::count_words;
