//! Exercises for chapter 6, "Channels".
//!
//! 1. `collect_until_stopped` (src/drain.rs): a consumer that stops when it
//!    is told to, without losing any message that was accepted.
//! 2. `Tickets` (src/tickets.rs): an actor that hands out numbers, and its
//!    handle.
//!
//! Fill in the `todo!()`s, then run the tests, all of them or one
//! exercise's:
//!
//! ```console
//! $ cargo test -p exercises-ch06-channels --no-fail-fast
//! $ cargo test -p exercises-ch06-channels --test drain
//! $ cargo test -p exercises-ch06-channels --test tickets
//! ```
//!
//! Every test fails until you have written the code. The solutions are in
//! solution/; `cargo test -p exercises-ch06-channels --features solution`
//! runs the same tests on them. wrong/ holds plausible wrong answers, each
//! caught by the tests: `--features wrong-drain-no-drain --test drain`, for
//! one.

#[cfg_attr(feature = "solution", path = "../solution/drain.rs")]
#[cfg_attr(feature = "wrong-drain-no-drain", path = "../wrong/drain/no_drain.rs")]
#[cfg_attr(feature = "wrong-drain-no-close", path = "../wrong/drain/no_close.rs")]
mod drain;
pub use drain::collect_until_stopped;

#[cfg_attr(feature = "solution", path = "../solution/tickets.rs")]
#[cfg_attr(feature = "wrong-tickets-unwrap", path = "../wrong/tickets/unwrap.rs")]
#[cfg_attr(
    feature = "wrong-tickets-keeps-sender",
    path = "../wrong/tickets/keeps_sender.rs"
)]
#[cfg_attr(
    feature = "wrong-tickets-reply-unwrap",
    path = "../wrong/tickets/reply_unwrap.rs"
)]
mod tickets;
pub use tickets::{ActorGone, Tickets};
