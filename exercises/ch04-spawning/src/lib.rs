//! Exercises for chapter 4, "Spawning tasks".
//!
//! 1. `map_concurrently` (src/map.rs): one task per input, results in input
//!    order, a panic reported where it happened.
//! 2. `count_words` (src/words.rs): CPU work on the blocking pool, a few
//!    jobs at a time.
//!
//! Fill in the `todo!()`s, then run the tests, all of them or one
//! exercise's:
//!
//! ```console
//! $ cargo test -p exercises-ch04-spawning --no-fail-fast
//! $ cargo test -p exercises-ch04-spawning --test map
//! $ cargo test -p exercises-ch04-spawning --test words
//! ```
//!
//! Every test fails until you have written the code. The solutions are in
//! solution/; `cargo test -p exercises-ch04-spawning --features solution`
//! runs the same tests on them. wrong/ holds plausible wrong answers, each
//! caught by the tests: `--features wrong-map-in-order --test map`,
//! for one.

#[cfg_attr(feature = "solution", path = "../solution/map.rs")]
#[cfg_attr(feature = "wrong-map-in-order", path = "../wrong/map/in_order.rs")]
#[cfg_attr(feature = "wrong-map-unordered", path = "../wrong/map/unordered.rs")]
#[cfg_attr(feature = "wrong-map-lost-panic", path = "../wrong/map/lost_panic.rs")]
#[cfg_attr(feature = "wrong-map-gap-fill", path = "../wrong/map/gap_fill.rs")]
mod map;
pub use map::map_concurrently;

#[cfg_attr(feature = "solution", path = "../solution/words.rs")]
#[cfg_attr(feature = "wrong-words-per-text", path = "../wrong/words/per_text.rs")]
#[cfg_attr(feature = "wrong-words-early", path = "../wrong/words/early.rs")]
#[cfg_attr(feature = "wrong-words-spawned", path = "../wrong/words/spawned.rs")]
mod words;
pub use words::count_words;
