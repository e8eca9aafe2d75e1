//! Exercises for chapter 9, "Cancellation and graceful shutdown".
//!
//! 1. `forward` (src/forward.rs): forward a queue of messages into a
//!    bounded channel while a heartbeat keeps ticking, losing nothing.
//! 2. `drain` (src/drain.rs): run jobs as tasks; on cancellation, give
//!    them until a deadline, then abort the rest and say how many.
//!
//! Fill in the `todo!()`s, then run the tests, all of them or one
//! exercise's:
//!
//! ```console
//! $ cargo test -p exercises-ch09-cancellation --no-fail-fast
//! $ cargo test -p exercises-ch09-cancellation --test forward
//! $ cargo test -p exercises-ch09-cancellation --test drain
//! ```
//!
//! The solutions are in solution/; `--features solution` runs the same
//! tests on them. wrong/ holds plausible wrong answers, each caught by the
//! tests: `--features wrong-forward-send-in-select --test forward`, for one.

mod message {
    /// What `forward` carries: neither `Copy` nor `Clone`, so the only way
    /// to put one in the channel is to give it away.
    #[derive(Debug, PartialEq, Eq)]
    pub struct Message(u32);

    impl Message {
        pub fn new(id: u32) -> Self {
            Message(id)
        }

        pub fn id(&self) -> u32 {
            self.0
        }
    }
}
pub use message::Message;

#[cfg_attr(feature = "solution", path = "../solution/forward.rs")]
#[cfg_attr(
    feature = "wrong-forward-send-in-select",
    path = "../wrong/forward/send_in_select.rs"
)]
#[cfg_attr(
    feature = "wrong-forward-no-heartbeat",
    path = "../wrong/forward/no_heartbeat.rs"
)]
#[cfg_attr(
    feature = "wrong-forward-beat-between-sends",
    path = "../wrong/forward/beat_between_sends.rs"
)]
mod forward;
pub use forward::forward;

#[cfg_attr(feature = "solution", path = "../solution/drain.rs")]
#[cfg_attr(
    feature = "wrong-drain-abort-at-once",
    path = "../wrong/drain/abort_at_once.rs"
)]
#[cfg_attr(
    feature = "wrong-drain-no-deadline",
    path = "../wrong/drain/no_deadline.rs"
)]
#[cfg_attr(feature = "wrong-drain-detached", path = "../wrong/drain/detached.rs")]
mod drain;
pub use drain::{Report, drain};
