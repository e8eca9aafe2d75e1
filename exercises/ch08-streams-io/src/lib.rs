//! Exercises for chapter 8, "Streams and async I/O".
//!
//! 1. `read_frame` (src/read_frame.rs): read one length-prefixed frame from
//!    any `AsyncRead`, by hand, with a limit on its size.
//! 2. `upper_lines` (src/upper_lines.rs): copy lines from a reader to a
//!    writer, upper-cased, losing nothing on the way.
//!
//! Fill in the `todo!()`s, then run the tests, all of them or one
//! exercise's:
//!
//! ```console
//! $ cargo test -p exercises-ch08-streams-io --no-fail-fast
//! $ cargo test -p exercises-ch08-streams-io --test read_frame
//! $ cargo test -p exercises-ch08-streams-io --test upper_lines
//! ```
//!
//! Every test fails until you have written the code. The solutions are in
//! solution/; `cargo test -p exercises-ch08-streams-io --features solution`
//! runs the same tests on them. wrong/ holds plausible wrong answers, each
//! caught by the tests: `--features wrong-upper-lines-no-flush --test
//! upper_lines`, for one.

#[cfg_attr(feature = "solution", path = "../solution/read_frame.rs")]
#[cfg_attr(
    feature = "wrong-read-frame-short-read",
    path = "../wrong/read_frame/short_read.rs"
)]
#[cfg_attr(
    feature = "wrong-read-frame-no-limit",
    path = "../wrong/read_frame/no_limit.rs"
)]
#[cfg_attr(feature = "wrong-read-frame-eof", path = "../wrong/read_frame/eof.rs")]
#[cfg_attr(
    feature = "wrong-read-frame-alloc-first",
    path = "../wrong/read_frame/alloc_first.rs"
)]
mod read_frame;
pub use read_frame::read_frame;

#[cfg_attr(feature = "solution", path = "../solution/upper_lines.rs")]
#[cfg_attr(
    feature = "wrong-upper-lines-no-flush",
    path = "../wrong/upper_lines/no_flush.rs"
)]
#[cfg_attr(
    feature = "wrong-upper-lines-short-write",
    path = "../wrong/upper_lines/short_write.rs"
)]
#[cfg_attr(
    feature = "wrong-upper-lines-no-buffer",
    path = "../wrong/upper_lines/no_buffer.rs"
)]
mod upper_lines;
pub use upper_lines::upper_lines;
