//! Wrong: waits for the notification without looking at the count, so a
//! task that comes to wait after the count reached zero waits for ever.
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
        self.zero.notified().await;
    }
}
