//! Wrong: binds the permit to `_`, which drops it at once; nothing is limited.
//! Run work under a limit of `limit` at once. When the limit is reached,
//! `run` returns `Err(Busy)` at once instead of running `work`.

use std::future::Future;

use tokio::sync::Semaphore;

#[derive(Debug, PartialEq, Eq)]
pub struct Busy;

pub struct Gate {
    permits: Semaphore,
}

impl Gate {
    pub fn new(limit: usize) -> Gate {
        Gate {
            permits: Semaphore::new(limit),
        }
    }

    pub async fn run<F: Future>(&self, work: F) -> Result<F::Output, Busy> {
        // Checked, then let go.
        let _ = self.permits.try_acquire().map_err(|_| Busy)?;
        Ok(work.await)
    }
}
