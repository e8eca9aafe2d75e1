//! Wrong: looks at the count first and only then starts to wait, with an
//! `.await` in between (here a `yield_now`, standing for a log line or a
//! lock). A count-down to zero in that gap notifies no one, and the waiter
//! sleeps for ever.
use std::sync::Mutex;
use tokio::sync::Notify;

pub struct Latch {
    count: Mutex<usize>,
    zero: Notify,
}

impl Latch {
    pub fn new(count: usize) -> Self {
        Latch {
            count: Mutex::new(count),
            zero: Notify::new(),
        }
    }

    pub fn count_down(&self) {
        let mut count = self.count.lock().unwrap();
        if *count > 0 {
            *count -= 1;
            if *count == 0 {
                self.zero.notify_waiters();
            }
        }
    }

    pub async fn wait(&self) {
        if *self.count.lock().unwrap() == 0 {
            return;
        }
        tokio::task::yield_now().await; // the gap
        self.zero.notified().await;
    }
}
