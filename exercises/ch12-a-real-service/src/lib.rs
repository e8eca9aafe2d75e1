//! Exercises for chapter 12, "A real service, under load".
//!
//! 1. Shed load: run work under a limit, refusing at once when full (src/shed.rs).
//! 2. Coalesce: one call per key at a time, dropped when nobody waits (src/coalesce.rs).
//!
//! Fill in the `todo!()`s, then run the tests:
//!
//! ```console
//! $ cargo test -p exercises-ch12-a-real-service --no-fail-fast
//! ```

#[cfg_attr(feature = "solution", path = "../solution/shed.rs")]
#[cfg_attr(feature = "wrong-shed-queues", path = "../wrong/shed/queues.rs")]
#[cfg_attr(
    feature = "wrong-shed-permit-dropped",
    path = "../wrong/shed/permit_dropped.rs"
)]
#[cfg_attr(feature = "wrong-shed-counter", path = "../wrong/shed/counter.rs")]
pub mod shed;

#[cfg_attr(feature = "solution", path = "../solution/coalesce.rs")]
#[cfg_attr(
    feature = "wrong-coalesce-strong",
    path = "../wrong/coalesce/strong.rs"
)]
#[cfg_attr(
    feature = "wrong-coalesce-every-call",
    path = "../wrong/coalesce/every_call.rs"
)]
#[cfg_attr(feature = "wrong-coalesce-owner", path = "../wrong/coalesce/owner.rs")]
pub mod coalesce;
