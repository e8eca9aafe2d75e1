//! Wrong: a hand-written counter, decremented after `work` finishes, is never decremented when the caller is cancelled mid-work, so each cancelled run leaks a slot.

use std::future::Future;
use std::sync::atomic::{AtomicUsize, Ordering::SeqCst};

#[derive(Debug, PartialEq, Eq)]
pub struct Busy;

pub struct Gate {
    limit: usize,
    running: AtomicUsize,
}

impl Gate {
    pub fn new(limit: usize) -> Gate {
        Gate {
            limit,
            running: AtomicUsize::new(0),
        }
    }

    pub async fn run<F: Future>(&self, work: F) -> Result<F::Output, Busy> {
        if self.running.fetch_add(1, SeqCst) >= self.limit {
            self.running.fetch_sub(1, SeqCst);
            return Err(Busy);
        }
        let output = work.await;
        self.running.fetch_sub(1, SeqCst);
        Ok(output)
    }
}
