//! Exercises for chapter 10, "Async traits and async closures".
//!
//! 1. `retry` (src/retry.rs): retries an operation given as an async
//!    closure, with a growing wait between attempts.
//! 2. `layered` (src/layered.rs): a fast store used as a cache in front of
//!    a slow one, itself a `Store`.
//!
//! Fill in the `todo!()`s, then run the tests, all of them or one
//! exercise's:
//!
//! ```console
//! $ cargo test -p exercises-ch10-async-traits --no-fail-fast
//! $ cargo test -p exercises-ch10-async-traits --test retry
//! $ cargo test -p exercises-ch10-async-traits --test layered
//! ```
//!
//! Every test fails until you have written the code. The solutions are in
//! solution/; `cargo test -p exercises-ch10-async-traits --features solution`
//! runs the same tests on them. wrong/ holds plausible wrong answers, each
//! caught by the tests: `--features wrong-layered-no-fill --test layered`,
//! for one.

use std::collections::HashMap;
use std::future::Future;
use std::sync::Mutex;

#[cfg_attr(feature = "solution", path = "../solution/retry.rs")]
#[cfg_attr(
    feature = "wrong-retry-extra-attempt",
    path = "../wrong/retry/extra_attempt.rs"
)]
#[cfg_attr(
    feature = "wrong-retry-sleeps-after-last",
    path = "../wrong/retry/sleeps_after_last.rs"
)]
#[cfg_attr(
    feature = "wrong-retry-linear-backoff",
    path = "../wrong/retry/linear_backoff.rs"
)]
mod retry;
pub use retry::retry;

#[cfg_attr(feature = "solution", path = "../solution/layered.rs")]
#[cfg_attr(
    feature = "wrong-layered-delete-cache-only",
    path = "../wrong/layered/delete_cache_only.rs"
)]
#[cfg_attr(
    feature = "wrong-layered-cache-first",
    path = "../wrong/layered/cache_first.rs"
)]
#[cfg_attr(
    feature = "wrong-layered-no-fill",
    path = "../wrong/layered/no_fill.rs"
)]
#[cfg_attr(
    feature = "wrong-layered-stale-on-cache-failure",
    path = "../wrong/layered/stale_on_cache_failure.rs"
)]
mod layered;
pub use layered::Layered;

/// A store of strings by key, for exercise 2. Its futures are `Send`.
pub trait Store: Send + Sync {
    fn get(&self, key: &str) -> impl Future<Output = Result<Option<String>, String>> + Send;
    fn put(&self, key: &str, value: &str) -> impl Future<Output = Result<(), String>> + Send;
    fn delete(&self, key: &str) -> impl Future<Output = Result<(), String>> + Send;
}

/// A `Store` in memory, which never fails.
#[derive(Default)]
pub struct Memory(Mutex<HashMap<String, String>>);

impl Store for Memory {
    async fn get(&self, key: &str) -> Result<Option<String>, String> {
        Ok(self.0.lock().unwrap().get(key).cloned())
    }

    async fn put(&self, key: &str, value: &str) -> Result<(), String> {
        self.0
            .lock()
            .unwrap()
            .insert(key.to_string(), value.to_string());
        Ok(())
    }

    async fn delete(&self, key: &str) -> Result<(), String> {
        self.0.lock().unwrap().remove(key);
        Ok(())
    }
}
