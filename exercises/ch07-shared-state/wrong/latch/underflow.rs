//! Wrong: an atomic counter that wraps past zero, so a count-down too many
//! turns "done" back into "waiting" (and notifies again at the wrong time).
use std::pin::pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use tokio::sync::Notify;

pub struct Latch {
    count: AtomicUsize,
    zero: Notify,
}

impl Latch {
    pub fn new(count: usize) -> Self {
        Latch {
            count: AtomicUsize::new(count),
            zero: Notify::new(),
        }
    }

    pub fn count_down(&self) {
        if self.count.fetch_sub(1, Ordering::SeqCst) == 1 {
            self.zero.notify_waiters();
        }
    }

    pub async fn wait(&self) {
        let mut zero = pin!(self.zero.notified());
        zero.as_mut().enable();
        if self.count.load(Ordering::SeqCst) == 0 {
            return;
        }
        zero.await;
    }
}
